"""The trained PERSON / ORG recogniser shipped with the package, and its merge with the rules.

The model (``data/ner_model``, made by ``make train-ner``, see docs/NER.md) is a spaCy
``ner`` component over character tokens (``spacy.blank("zh")``, char segmenter). It runs
over the report's normalised view (simplified characters, folded widths, masks as ×) so
that traditional-character names are found, and every span it returns is grounded in the
report's text (the view has the text's offsets).

The rules (people.py) find names next to cues; the model also finds names in lists, with
no cue, with rare or compound surnames. ``merge`` adds the model's names to the rules'
ones under a policy that keeps the rules' precision; ``people`` is the one call for the
people component. The people component's ``ner`` option (``Settings.ner``, ``mrx extract
--ner``) switches it on; it is off by default because, by the figures in docs/NER.md, the
model costs far more time than the rules.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.text.normalize import MASK, to_simplified
from extractor.report import Report
from extractor.resources import data_path, read_lines, read_words

MODEL_DIR = data_path("ner_model")
LABELS = ("PERSON", "ORG")

# The model reads pieces of at most this many characters, cut at line and sentence ends
# (batched, which is much faster than one long Doc; a name never spans a sentence end).
MAX_PIECE = 300
_PIECE_END = compile_regex(r"[\n。！？；!?;]")

# National leaders: named in slogans and titles of works (习近平新时代…, 《毛泽东选集》),
# never a meeting's participant the model should add.
LEADERS = frozenset(("习近平", "毛泽东", "邓小平", "江泽民", "胡锦涛", "周恩来", "刘少奇", "朱德",
                     "陈云", "任弼时", "马克思", "恩格斯", "列宁", "斯大林"))
# A "name" ending in one of these is a place (柳河镇, 白石乡, 金竹村).
_PLACE_END = frozenset("镇乡村县市区省")
# Characters that often follow a name (同志, 主持, 等, 和, 书记, 发言, 指出, 表示, 作, 对 …).
_NAME_FOLLOWERS = frozenset("同主等和与及书发指强表作对在说为向把被将也还就都又的了是代带首、，。：；（）,.:;() \n“”")
# A name followed by these is a slogan or a doctrine, not a person taking part.
_SLOGAN_AFTER = ("新时代", "思想", "理论", "精神", "主义", "同志关于", "总书记", "文选", "选集")
# Characters that mark a redacted name in the view (MASK is ×; x/X runs become × there).
_MASKED = compile_regex(f"[{MASK}某*＊□○]")
_SPACE = compile_regex(r"\s+")
# A single-character surname takes one or two given-name characters: a fourth character
# that is one of these function words is a boundary error (曾德胜曾在…, 檀秀英则指出…).
_TRAILING = frozenset("曾则也还就都在对说和与向把被将等的了又已再亦即便才却要会是作为从给让跟同及")


def available(path=None) -> bool:
    """True when the model's files are there (the package ships them)."""
    return os.path.exists(os.path.join(os.fspath(path or MODEL_DIR), "config.cfg"))


@lru_cache(maxsize=4)
def load_model(path: str | None = None):
    """The spaCy Language of the shipped model (loaded once per process, from disk only)."""
    import spacy

    path = os.fspath(path or MODEL_DIR)
    if not os.path.exists(os.path.join(path, "config.cfg")):
        raise FileNotFoundError(f"no NER model at {path} (make train-ner builds it)")
    return spacy.load(path)


@lru_cache(maxsize=1)
def not_names() -> frozenset:
    """Frequent words (来源, 居民, 印发, 满意): never a name to add."""
    return frozenset(read_lines("ner_not_names.txt"))


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset, frozenset]:
    """(single-character, two-character) surnames from data/surnames.txt."""
    names = read_words("surnames.txt")
    return (frozenset(n for n in names if len(n) == 1),
            frozenset(n for n in names if len(n) == 2))


def pieces(view: str, max_len: int = MAX_PIECE) -> list[tuple[int, int]]:
    """Cut the view into non-blank pieces at line / sentence ends, each ≤ max_len chars."""
    out = []
    start = 0
    n = len(view)
    while start < n:
        end = min(n, start + max_len)
        if end < n:
            cut = None
            for m in _PIECE_END.finditer(view, start, end):
                cut = m.end()
            end = cut or end
        if view[start:end].strip():
            out.append((start, end))
        start = end
    return out


def find(report: Report, labels=LABELS, nlp=None, batch_size: int = 64) -> list[dict]:
    """The model's spans over ``report.view``: ``{text, start, end, label}``, grounded in
    ``report.text`` (``text[start:end] == text``), in text order."""
    nlp = nlp or load_model()
    view = report.view
    cuts = pieces(view)
    out = []
    for (s, _), doc in zip(cuts, nlp.pipe((view[a:b] for a, b in cuts), batch_size=batch_size)):
        for ent in doc.ents:
            if ent.label_ in labels:
                span = report.span(s + ent.start_char, s + ent.end_char)
                if span["end"] > span["start"]:
                    out.append({**span, "label": ent.label_})
    return out


def find_people(report: Report, nlp=None) -> list[dict]:
    """The model's PERSON spans as people entries ``{name, start, end, role}`` (role None),
    unfiltered: ``merge`` applies the policy."""
    return [{"name": e["text"], "start": e["start"], "end": e["end"], "role": None}
            for e in find(report, ("PERSON",), nlp)]


def name_key(name: str) -> str:
    """How names are compared: white space removed, simplified."""
    return to_simplified(_SPACE.sub("", name))


def rejection(name: str, start: int | None = None, end: int | None = None,
              view: str | None = None) -> str | None:
    """Why the model's name would not be added (None: it may be). With the view, the
    context is checked too (inside 《》, followed by a slogan word)."""
    key = name_key(name)
    single, compound = surnames()
    if _MASKED.search(key) or re.search(r"[xX]", key):
        return "masked"
    if not re.fullmatch(r"[\u3400-\u9fff]+", key):
        return "not Han characters"
    if not 2 <= len(key) <= 4:
        return "length"
    if key[:2] in compound:
        if len(key) < 3:
            return "length"
    elif key[0] not in single:
        return "unknown surname"
    elif len(key) == 4:
        return "length"  # a single surname takes one or two given-name characters
    if key in LEADERS:
        return "leader"
    if key in not_names():
        return "common word"
    if key[-1] in _PLACE_END:
        return "place"
    if view is not None and start is not None and end is not None:
        if _MASKED.search(view[start:end]):
            return "masked"
        line_start = view.rfind("\n", 0, start) + 1
        before = view[line_start:start]
        if before.rfind("《") > before.rfind("》"):
            return "inside a title"
        after = view[end:end + 4]
        if any(after.startswith(w) for w in _SLOGAN_AFTER):
            return "slogan"
        # part of a longer run of masks or a masked neighbour (王×× → 王 found alone)
        if end < len(view) and view[end] in (MASK, "某"):
            return "masked"
        # the name's last character starts a word with the next one (居民满|意, 费支|出),
        # unless the next one is a usual follower of a name (建民|主持, 张平|和李明)
        after1 = view[end:end + 1]
        if after1 and after1 not in _NAME_FOLLOWERS and view[end - 1:end + 1] in not_names():
            return "cuts a word"
        if view[end:end + 1] in _PLACE_END and view[end + 1:end + 2] not in ("长", "委"):
            return "place"  # 金竹|村党支部; not 李华|镇长, 张明|县委书记
    return None


def trim(person: dict) -> dict:
    """Drop a trailing function word the model took into a single-surname name."""
    name = person["name"]
    key = name_key(name)
    single, compound = surnames()
    if len(key) == 4 and key[:2] not in compound and name[-1] in _TRAILING:
        return {**person, "name": name[:-1], "end": person["end"] - 1}
    return person


def merge(rule_people: list[dict], ner_people: list[dict], view: str | None = None) -> list[dict]:
    """The rules' people, plus the model's names that pass the policy.

    Every rule entry is kept as it is, in its order. A model name is added (role None,
    first mention) when it is not masked, starts with a known surname, has 2-3 characters
    after a single surname or 3-4 after a compound one (a trailing function word after a
    single surname and three characters is cut off first: 曾德胜曾 → 曾德胜), is no national
    leader, no frequent word (``data/ner_not_names.txt``: 来源, 居民) and no place (…镇, …村,
    or followed by 村 / 镇 …), is not inside a title 《》 or followed by a slogan word (both
    checked with ``view``), does not overlap a rule entry, and is not
    the same name as (or part of, or longer than) one already listed. The rules' precision
    is kept because the model's names are only added under this policy.
    """
    out = [dict(p) for p in rule_people]
    keys = [name_key(p["name"]) for p in rule_people]
    spans = [(p["start"], p["end"]) for p in rule_people if p.get("start") is not None]
    for p in sorted((trim(p) for p in ner_people), key=lambda p: p["start"]):
        if rejection(p["name"], p["start"], p["end"], view):
            continue
        key = name_key(p["name"])
        if any(key in k or k in key for k in keys if k):
            continue
        if any(p["start"] < e and s < p["end"] for s, e in spans):
            continue
        out.append({"name": p["name"], "start": p["start"], "end": p["end"], "role": None})
        keys.append(key)
        spans.append((p["start"], p["end"]))
    return out


def people(report: Report, rule_people: list[dict], model) -> list[dict]:
    """For the people component: the rules' people, merged with those of ``model`` (the
    loaded NER Language, see ``load_model``)."""
    return merge(rule_people, find_people(report, model), report.view)
