"""Write lexicons/common_words.txt: frequent words that start with a surname character.

generate.py uses them as hard negatives (高度、方面、任务 are not people), so the model
learns that a surname character alone does not make a name. Made once from jieba's word
list (``pip install jieba==0.42.1``); the output is kept in the repository, so training
does not need jieba.
"""
from __future__ import annotations

import os
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def main(min_freq: int = 500) -> None:
    import jieba

    from training.lexicon import surnames

    single = {s for s in surnames() if len(s) == 1}
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            # nr* are person names: not negatives.
            if 2 <= len(word) <= 4 and word[0] in single and not tag.startswith("nr") \
                    and int(freq) >= min_freq:
                words.append(word)
    # The most frequent words of any kind (places included, person names left out): the
    # generator strings them into name-free "prose" so ordinary words are seen as O.
    ranked = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if 2 <= len(word) <= 4 and not tag.startswith("nr") and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                ranked.append((int(freq), word))
    ranked.sort(reverse=True)
    prose = [w for _, w in ranked[:8000]]
    (HERE / "lexicons" / "prose_words.txt").write_text(
        "# The 8000 most frequent words of jieba's dict.txt (2-4 Han characters, person names left"
        " out), most frequent first. Made by make_common_words.py.\n" + "\n".join(prose) + "\n",
        encoding="utf-8")
    out = HERE / "lexicons" / "common_words.txt"
    out.write_text("# Frequent words starting with a surname character (from jieba's dict.txt,"
                   f" frequency >= {min_freq}, person names left out). Made by make_common_words.py.\n"
                   + "\n".join(sorted(set(words))) + "\n", encoding="utf-8")
    print(f"{len(set(words))} words -> {out}")
    # Shipped with the package: extractor/fields/ner.py never adds a "name" that is a frequent word
    # (来源, 居民, 印发), nor one whose last character starts a word with the next (居民满|意).
    ships = sorted({w for _, w in ranked if _ >= 100})
    shipped = ROOT / "extractor" / "data" / "ner_not_names.txt"
    shipped.write_text("# Frequent words (2-4 Han characters, frequency >= 100 in jieba's dict.txt, person"
                       " names left out).\n# extractor/fields/ner.py: a name the NER model finds is never one of"
                       " these. Made by training/make_common_words.py.\n"
                       + "\n".join(ships) + "\n", encoding="utf-8")
    print(f"{len(ships)} words -> {shipped}")

if __name__ == "__main__":
    main()
