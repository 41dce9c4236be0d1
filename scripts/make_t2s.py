"""Regenerate extractor/data/t2s.tsv, the traditional -> simplified character map.

Source: OpenCC's TSCharacters.txt (Apache-2.0) as shipped by the PyPI package
opencc-python-reimplemented. Only one-character-to-one-character entries are kept, with
the first candidate, because the normalised view must keep every offset in place.
Run: python scripts/make_t2s.py
"""
import pathlib

import opencc

src = pathlib.Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
out = pathlib.Path(__file__).resolve().parents[1] / "extractor" / "data" / "t2s.tsv"
rows = []
for line in src.read_text(encoding="utf-8").splitlines():
    trad, _, targets = line.partition("\t")
    simp = targets.split(" ")[0] if targets else ""
    if len(trad) == 1 and len(simp) == 1 and simp != trad:
        rows.append(f"{trad}\t{simp}")
header = "# traditional\tsimplified (from OpenCC TSCharacters.txt, Apache-2.0; scripts/make_t2s.py)\n"
out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
print(f"{len(rows)} characters -> {out}")
