"""Generate the NER training data: PERSON and ORG in the phrasing of meeting reports.

    .venv/bin/python training/generate.py --out training/corpus [--n-train 6000] [--seed 13]

writes ``train.spacy`` and ``dev.spacy`` (spaCy DocBins) and ``train_preview.jsonl`` (the
first passages as text + entities, to read). What goes in:

1. **Generated passages.** Each passage strings together 1-7 sentences: templates from
   ``templates.txt`` whose slots are filled from the lexicons in ``lexicons/`` (names made up
   from ``extractor/data/surnames.txt`` + ``given_chars.txt``, organisations assembled
   from places, units, party organs and suffixes in many shapes, masked forms included),
   mixed with entity-free sentences (``fillers.txt``) and hard negatives (lists of common
   words that start with a surname character, ``common_words.txt``; masked names; leaders
   inside slogans and titles). A tenth of the passages are converted to traditional
   characters (OpenCC s2t) before normalisation, so the model also learns from characters
   the normaliser's table leaves as they are. Names from the evaluation set
   (``eval/eval.txt``) are never generated.
2. **The seed samples, annotated by hand** (``samples_annotations.toml``), one doc per
   paragraph, in the training split only.

Every doc is made from the *normalised view* of its text (``extractor.text.normalize``), which
is what the model sees at run time: simplified, widths folded, masks as ×. The view has
the text's length, so the entity offsets hold in both.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import random
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from extractor.text.normalize import normalize, to_simplified  # noqa: E402
from training.evalset import load_eval  # noqa: E402
from training.lexicon import lexicon, read_list, surnames  # noqa: E402

SLOT = re.compile(r"\{(\w+)\}")
LEADERS = ("习近平", "习近平", "习近平", "xjp", "XJP")
DEPTS = ("办公室", "综合科", "人事科", "财务科", "政策法规科", "业务一科", "业务二科", "执法大队",
         "信息中心", "后勤服务中心", "教务处", "学生处", "内科", "外科", "综合办公室", "规划科",
         "机关", "第一", "第二", "第三", "离退休干部", "在职", "窗口", "监察室", "计财科")
BRANDS_CHARS = "恒华中鑫泰达盛隆宏源通兴安丰远明建发昌瑞德福新天海正诚信"
COMPANY = ("集团有限公司", "有限责任公司", "股份有限公司", "建设集团", "实业有限公司", "投资有限公司")
LEVELS = "省市县区"


class Generator:
    def __init__(self, seed: int, banned: set[str]):
        self.rng = random.Random(seed)
        self.banned = banned
        all_s = surnames()
        self.compound = [s for s in all_s if len(s) == 2]
        single = [s for s in all_s if len(s) == 1]
        self.common_single = single[:100]
        self.rare_single = single[100:]
        self.given = lexicon("given_chars")
        self.templates = self._templates()
        self.fillers = lexicon_lines("fillers")
        self.common_words = lexicon("common_words")
        self.prose_words = lexicon("prose_words")
        self.last_person = "王强"

    @staticmethod
    def _templates() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        section = None
        for line in (HERE / "templates.txt").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                out[section] = []
            else:
                out[section].append(line)
        return out

    # -- slot fillers ---------------------------------------------------------------
    def surname(self) -> str:
        r = self.rng.random()
        if r < 0.14:
            return self.rng.choice(self.compound)
        if r < 0.35:
            return self.rng.choice(self.rare_single)
        return self.rng.choice(self.common_single)

    def person(self) -> str:
        while True:
            sur = self.surname()
            r = self.rng.random()
            if r < 0.3:
                given = self.rng.choice(self.given)
            elif r < 0.34:
                given = self.rng.choice(self.given) * 2
            else:
                given = self.rng.choice(self.given) + self.rng.choice(self.given)
            name = sur + given
            if name not in self.banned:
                self.last_person = name
                return name

    def masked_person(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.rng.choice(("xx", "XX", "xxx", "XXX", "×××", "××", "某某", "某某某", "x", "*"))
        mask = self.rng.choice(("某某", "××", "xx", "x", "X", "某", "**"))
        return self.surname() + mask

    def number(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return str(self.rng.randint(2, 60))
        if r < 0.8:
            return self.rng.choice("二三四五六七八九十") + ("" if self.rng.random() < 0.6 else "十")
        return self.rng.choice(("x", "xx", "X", "××"))

    def date(self) -> str:
        r = self.rng.random()
        y = self.rng.randint(2015, 2024)
        if r < 0.45:
            return f"{y}年{self.rng.randint(1, 12)}月{self.rng.randint(1, 28)}日"
        if r < 0.7:
            return self.rng.choice(("xxxx年x月xx日", "XXXX年X月XX日", "20xx年x月x日", "x月xx日"))
        if r < 0.85:
            return f"{y}年"
        return self.rng.choice(("二〇二三年一月十二日", "二〇二二年十二月二十日", "二○二一年十一月五日"))

    def town(self) -> str:
        """A made-up township, village or street (柳河镇, 白石乡): a place, not a person."""
        head = self.rng.choice(self.given) + self.rng.choice(self.given + tuple("山河石桥湖坪坝沟岭"))
        if self.rng.random() < 0.3:
            head = self.rng.choice(self.common_single) + head[1]
        return head + self.rng.choice(("镇", "乡", "村", "街道", "社区", "镇", "乡"))

    def prose(self) -> str:
        """Name-free "prose" of frequent words, so ordinary words are learnt as O."""
        words = []
        for _ in range(self.rng.randint(4, 12)):
            if self.rng.random() < 0.3:
                words.append(self.rng.choice(self.common_words))
            elif self.rng.random() < 0.15:
                words.append(self.town())
            else:
                # a bias to the frequent end of the list
                words.append(self.prose_words[int(len(self.prose_words) * self.rng.random() ** 2)])
        text = ""
        for w in words:
            text += w + ("，" if self.rng.random() < 0.12 else "")
        return text.rstrip("，") + "。"

    def place(self) -> str:
        r = self.rng.random()
        if r < 0.1:
            return self.town()
        if r < 0.3:
            mask = self.rng.choice(("xx", "××", "XX", "x", "X", "xxx"))
            return mask + self.rng.choice(("省", "市", "县", "区", "县", "市", "镇", "街道", "村", "社区"))
        if r < 0.5:
            return self.rng.choice(LEVELS)  # 县财政局, 市委组织部
        return self.rng.choice(lexicon("places"))

    def company(self) -> str:
        brand = "".join(self.rng.choice(BRANDS_CHARS) for _ in range(2))
        name = brand + self.rng.choice(COMPANY)
        if self.rng.random() < 0.4:
            name = self.rng.choice(lexicon("places")).rstrip("省市县区") + name
        return name

    def party_org(self) -> str:
        r = self.rng.random()
        suffix = self.rng.choice(lexicon("party_suffixes"))
        if r < 0.3:
            return self.place() + self.rng.choice(lexicon("units")) + suffix
        if r < 0.5:
            place = self.place()
            if place[-1] in "省市县区" or place in LEVELS:
                return ("中共" if self.rng.random() < 0.2 else "") + place + self.rng.choice(lexicon("party_organs"))
            return place + self.rng.choice(("党委", "党工委", "党支部", "党总支", "党支部委员会", "党委委员会"))
        if r < 0.7:
            return self.rng.choice(DEPTS) + self.rng.choice(("党支部", "党小组", "党总支", "支部"))
        if r < 0.8:
            return self.company() + self.rng.choice(("党委", "党支部", "第一党支部", "党总支"))
        if r < 0.9:
            return self.rng.choice(("xx", "××", "XX", "局", "中心", "院", "公司", "学校")) + suffix
        place = self.place()
        if place[-1] in "省市县区":
            return "中共" + place + "委员会"
        if place.endswith("街道"):
            return self.rng.choice(("中共", "")) + place + self.rng.choice(("工作委员会", "党工委"))
        return "中共" + place + "委员会"

    def inspection_group(self) -> str:
        """督导组 / 巡察组 / 派驻纪检监察组 of a level, numbered."""
        ordinal = "第" + self.rng.choice("一二三四五六七八九十")
        level = self.rng.choice(("县", "市", "区", "省", "xx县", "××市")) if self.rng.random() < 0.8 \
            else self.place()
        shape = self.rng.random()
        if shape < 0.4:
            return level + "委" + ordinal + self.rng.choice(("督导组", "巡察组", "指导组", "巡视组"))
        if shape < 0.7:
            return level + "纪委监委派驻" + ordinal + "纪检监察组"
        if shape < 0.85:
            return level + "委" + self.rng.choice(("主题教育", "党史学习教育", "")) + self.rng.choice(
                ("督导组", "指导组", "巡回指导组"))
        return self.rng.choice(("省委", "市委", "县委")) + ordinal + "巡回指导组"

    def branch_company(self) -> str:
        """A company's branch with its party organisation."""
        head = self.company() if self.rng.random() < 0.5 else self.rng.choice(
            ("国家电网有限公司", "中国移动通信集团", "中国邮政集团有限公司",
             "中国建设银行股份有限公司", "中国烟草总公司", "国家能源集团"))
        place = self.rng.choice(lexicon("places")).rstrip("省市县区")
        return head + place + self.rng.choice(("分公司", "分行", "公司", "供电公司", "支行")) + \
            self.rng.choice(("", "第一党支部", "第二党支部", "党委", "机关党支部", "党总支"))

    def org(self) -> str:
        r = self.rng.random()
        if r < 0.1:
            return self.inspection_group()
        if r < 0.15:
            return self.branch_company()
        if r < 0.35:
            return self.party_org()
        if r < 0.65:
            return self.place() + self.rng.choice(lexicon("units"))
        if r < 0.75:
            return self.company()
        if r < 0.88:
            place = self.place()
            if place[-1] in "省市县区" or place in LEVELS:
                return place + self.rng.choice(lexicon("party_organs"))
            return place + "党委"
        return self.rng.choice(lexicon("bare_orgs"))

    def person_list(self, n: int | None = None) -> list[tuple[str, bool]]:
        """Pieces of a list of names: (text, is_name)."""
        n = n or self.rng.randint(2, 6)
        r = self.rng.random()
        sep = "、" if r < 0.75 else "，" if r < 0.85 else self.rng.choice(("  ", " ", "\u3000", "\u3000\u3000"))
        pad = self.rng.random() < 0.2
        out: list[tuple[str, bool]] = []
        for i in range(n):
            name = self.person()
            if pad and len(name) == 2:
                name = name[0] + self.rng.choice(("\u3000", "  ", " ")) + name[1]
            if i:
                out.append((sep, False))
            out.append((name, True))
        return out

    # -- sentences ------------------------------------------------------------------
    def fill(self, template: str) -> tuple[str, list[tuple[int, int, str]]]:
        template = template.replace("\\n", "\n")
        text = ""
        ents: list[tuple[int, int, str]] = []
        pos = 0
        for m in SLOT.finditer(template):
            text += template[pos:m.start()]
            pos = m.end()
            slot = m.group(1)
            start = len(text)
            if slot == "P":
                text += self.person()
                ents.append((start, len(text), "PERSON"))
            elif slot == "Q":
                text += self.last_person
                ents.append((start, len(text), "PERSON"))
            elif slot == "PL":
                for piece, is_name in self.person_list():
                    s = len(text)
                    text += piece
                    if is_name:
                        ents.append((s, len(text), "PERSON"))
            elif slot in ("ORG", "PORG"):
                text += self.org() if slot == "ORG" else self.party_org()
                ents.append((start, len(text), "ORG"))
            elif slot == "ROLE":
                text += self.rng.choice(lexicon("roles"))
            elif slot == "N":
                text += self.number()
            elif slot == "D":
                text += self.date()
            elif slot == "MP":
                text += self.masked_person()
            elif slot == "LEADER":
                text += self.rng.choice(LEADERS)
            elif slot == "SITE":
                text += self.rng.choice(lexicon("sites"))
            else:
                raise ValueError(f"unknown slot {slot!r} in {template!r}")
        text += template[pos:]
        return text, ents

    def word_list(self) -> str:
        words = self.rng.sample(self.common_words, self.rng.randint(2, 5))
        frame = self.rng.choice(("重点围绕{}等方面进行检视。", "做到{}。", "{}等问题依然存在。",
                                 "坚持{}相结合。", "涉及{}等工作。", "{}"))
        return frame.format(self.rng.choice(("、", "，", "、", "和")).join(words))

    def passage(self) -> tuple[str, list[tuple[int, int, str]]]:
        parts: list[tuple[str, list]] = []
        t = self.templates
        for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
            parts.append(self.fill(self.rng.choice(t["person"])))
        for _ in range(self.rng.choice((0, 0, 1, 2))):
            parts.append(self.fill(self.rng.choice(t["org"])))
        for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
            parts.append(self.fill(self.rng.choice(t["negative"])))
        for _ in range(self.rng.choice((0, 1, 1, 2, 3))):
            parts.append((self.rng.choice(self.fillers), []))
        if self.rng.random() < 0.3:
            parts.append((self.word_list(), []))
        if self.rng.random() < 0.35:
            parts.append((self.prose(), []))
        self.rng.shuffle(parts)
        if self.rng.random() < 0.4:  # not every passage starts with a name (听完汇报，…)
            parts.insert(0, (self.prose() if self.rng.random() < 0.5 else self.rng.choice(self.fillers), []))
        sep = "\n" if self.rng.random() < 0.3 else ""
        text = ""
        ents = []
        for i, (s, e) in enumerate(parts):
            if i:
                # a line with no closing mark (报告人：张三) ends its line
                text += sep if text[-1] in "。！？；：:;）)" else "\n"
            ents.extend((a + len(text), b + len(text), label) for a, b, label in e)
            text += s
        return text, ents


def lexicon_lines(name: str) -> tuple[str, ...]:
    """A lexicon whose entries are whole lines (sentences may hold spaces)."""
    lines = (HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def to_traditional():
    try:
        import opencc
    except ImportError:
        return None
    conv = opencc.OpenCC("s2t")
    return conv.convert


def annotated_samples() -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The hand-annotated seed samples, one (text, entities) per paragraph."""
    spec = tomllib.loads((HERE / "samples_annotations.toml").read_text(encoding="utf-8"))
    out = []
    for name, labels in spec.items():
        text = (ROOT / "samples" / name).read_text(encoding="utf-8").replace("\r\n", "\n")
        mentions = sorted(((m, lab) for lab in ("PERSON", "ORG") for m in labels.get(lab, [])),
                          key=lambda x: -len(x[0]))
        for para in text.split("\n"):
            if not para.strip():
                continue
            taken = [False] * len(para)
            ents = []
            for mention, label in mentions:
                for m in re.finditer(re.escape(mention), para):
                    if not any(taken[m.start():m.end()]):
                        ents.append((m.start(), m.end(), label))
                        for i in range(m.start(), m.end()):
                            taken[i] = True
            out.append((para, sorted(ents)))
    return out


def to_docbin(nlp, items):
    from spacy.tokens import DocBin

    db = DocBin()
    dropped = 0
    for text, ents in items:
        view = normalize(text)
        doc = nlp.make_doc(view)
        spans = []
        for s, e, label in ents:
            span = doc.char_span(s, e, label=label)
            if span is None:
                dropped += 1
                continue
            spans.append(span)
        doc.ents = spans
        db.add(doc)
    return db, dropped


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(HERE / "corpus"))
    ap.add_argument("--n-train", type=int, default=6000)
    ap.add_argument("--n-dev", type=int, default=600)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--sample-copies", type=int, default=2,
                    help="how many times the annotated samples go into the training split")
    args = ap.parse_args(argv)

    import spacy

    banned = set()
    for item in load_eval():
        for name in item.people + item.allowed:
            banned.add(to_simplified(re.sub(r"\s", "", name)))
    gen = Generator(args.seed, banned)
    s2t = to_traditional()
    if s2t is None:
        print("opencc not installed: no traditional-character passages", file=sys.stderr)

    def batch(n):
        items = []
        for _ in range(n):
            text, ents = gen.passage()
            if s2t and gen.rng.random() < 0.1:
                trad = s2t(text)
                if len(trad) == len(text):
                    text = trad
            items.append((text, ents))
        return items

    train = batch(args.n_train)
    dev = batch(args.n_dev)
    samples = annotated_samples()
    train_all = train + samples * args.sample_copies
    gen.rng.shuffle(train_all)

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("zh")
    for name, items in (("train", train_all), ("dev", dev)):
        db, dropped = to_docbin(nlp, items)
        db.to_disk(out / f"{name}.spacy")
        n_ents = sum(len(e) for _, e in items)
        print(f"{name}: {len(items)} docs, {n_ents} entities, {dropped} dropped "
              f"(not on token boundaries), {sum(len(t) for t, _ in items)} characters")
    with open(out / "train_preview.jsonl", "w", encoding="utf-8") as f:
        for text, ents in train[:200]:
            f.write(json.dumps({"text": text, "entities": [[s, e, lab, text[s:e]] for s, e, lab in ents]},
                               ensure_ascii=False) + "\n")
    leaked = sorted({t[a:b] for t, e in train for a, b, lab in e if lab == "PERSON"} & banned)
    if leaked:
        print(f"warning: evaluation names among the training names: {leaked}", file=sys.stderr)

if __name__ == "__main__":
    main()
