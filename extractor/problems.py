"""Problems the meeting identified, with categories from the fixed taxonomy.

Where problems come from:

- **problem lists**: lists (measures.analyze) introduced as problems ("发现工作中还存在一些
  问题和不足。一是……二是……", the sub-sections of "二、存在的问题") whose items state
  shortcomings: one problem per item;
- **problem statements**: the clauses of a sentence that states problems ("详细查摆了A；
  B；C等问题", "问题主要包括形式主义方面：……"), of a problems section, and any clause
  anywhere that pairs a category's topic with a shortcoming ("学习不够深入", "服务群众上
  还有差距") or uses a wording that is a problem by itself ("流于形式", "一团和气").

What is never a problem: the measures and agenda (their items, their introducing sentence,
the body of a measures section), headings and the title, clauses about causes (原因 /
根源), clauses that only name the areas examined ("围绕……等方面查摆问题"), and cue words
that a negator cancels ("坚决整治形式主义", "反对官僚主义", "不搞一团和气").

The lexicon (cue phrases, topics and negative cues per category; shortcoming words;
negators) is data: ``data/categories.toml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import measures
from .report import Report
from .resources import load_toml
from .schema import CATEGORIES

_CLAUSE_SEP = re.compile(r"[,;:。!?\n]")
_SENT_SEP = re.compile(r"[。!?;\n]")


# --------------------------------------------------------------------------------------
# Fast pattern lists

_SPECIAL = set("()[]{}.*+?^$|\\")


def _split_top(pattern: str) -> list[str]:
    """A pattern's top-level alternatives ('a|b(c|d)' -> ['a', 'b(c|d)'])."""
    out, depth, cls, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _required_literal(alt: str) -> str:
    """The longest run of plain characters every match of ``alt`` contains ('' if none)."""
    best, run, depth, cls, i = "", "", 0, False, 0
    while i < len(alt):
        c = alt[i]
        nxt = alt[i + 1] if i + 1 < len(alt) else ""
        if c == "\\":
            run, i = "", i + 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls, run = True, ""
        elif c == "{":  # a repetition count: skip it
            close = alt.find("}", i)
            run, i = "", (close if close != -1 else len(alt))
        elif c == "(":
            depth, run = depth + 1, ""
        elif c == ")":
            depth, run = depth - 1, ""
        elif depth == 0 and c not in _SPECIAL and not (nxt and nxt in "?*{"):
            run += c
            if len(run) > len(best):
                best = run
        else:
            run = ""
        i += 1
    return best


_GRAMS: list = [None, None]


def _bigrams(text: str) -> set:
    """Every character and every pair of adjacent characters of ``text`` (cached for the
    last text: one report is matched against many pattern lists)."""
    if _GRAMS[0] is not text:
        grams = set(text)
        grams.update(map(str.__add__, text, text[1:]))
        _GRAMS[0], _GRAMS[1] = text, grams
    return _GRAMS[1]


class Patterns:
    """A list of regular expressions matched as one, quickly over long texts.

    Python's ``re`` tries every alternative of a long union at every position. Here each
    alternative is skipped unless a plain string it must contain occurs in the text (a
    C-speed substring test); pure literals are found with ``str.find``. ``spans`` returns
    the matches of every alternative (they may overlap); ``search`` finds any match in a
    short stretch with the plain union.
    """

    def __init__(self, patterns):
        self.source = [p for p in patterns or [] if p]
        self.union = re.compile("|".join(f"(?:{p})" for p in self.source)) if self.source else None
        self.literals: list[str] = []
        self.checked: list[tuple[str, re.Pattern]] = []
        for p in self.source:
            for alt in _split_top(p):
                if alt and not any(c in _SPECIAL for c in alt):
                    self.literals.append(alt)
                else:
                    self.checked.append((_required_literal(alt), re.compile(alt)))

    def __bool__(self) -> bool:
        return self.union is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        grams = _bigrams(text)
        out = []
        for lit in self.literals:
            if lit[:2] not in grams:
                continue
            i = text.find(lit)
            while i != -1:
                out.append((i, i + len(lit)))
                i = text.find(lit, i + 1)
        for lit, pattern in self.checked:
            if lit and (lit[:2] not in grams or lit not in text):
                continue
            out.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
        out.sort()
        return out

    def search(self, text: str, lo: int = 0, hi: int | None = None):
        if self.union is None:
            return None
        return self.union.search(text, lo, len(text) if hi is None else hi)


@dataclass(frozen=True)
class _Category:
    id: str
    phrases: "Patterns"
    topics: "Patterns"
    negative: "Patterns"


@dataclass(frozen=True)
class Lexicon:
    categories: tuple[_Category, ...]
    deficiency: "Patterns"
    weak: frozenset
    activity: tuple[re.Pattern, ...]
    negators: "Patterns"
    actions: "Patterns"
    topical: "Patterns"
    cause: "Patterns"
    triggers: "Patterns"
    label: re.Pattern
    trailing: re.Pattern
    leading: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_toml("categories.toml")
    cats = []
    for c in data["category"]:
        if c["id"] not in CATEGORIES:
            raise ValueError(f"categories.toml: {c['id']!r} is not in the taxonomy")
        cats.append(_Category(c["id"], Patterns(c.get("phrases")), Patterns(c.get("topics")),
                              Patterns(c.get("negative"))))
    cats.sort(key=lambda c: CATEGORIES.index(c.id))
    p = data["problem"]
    return Lexicon(
        categories=tuple(cats),
        deficiency=Patterns(p["deficiency"]),
        weak=frozenset(p["weak"]),
        activity=tuple(re.compile(a) for a in p["activity"]),
        negators=Patterns(p["negators"]),
        actions=Patterns(p["actions"]),
        topical=Patterns(p["topical"]),
        cause=Patterns(p["cause"]),
        triggers=Patterns(p["triggers"]),
        label=re.compile(p["label"]),
        trailing=re.compile(p["trailing"]),
        leading=re.compile(p["leading"]),
    )



# --------------------------------------------------------------------------------------
# One clause

@dataclass
class ClauseReading:
    categories: set
    strong: bool       # a shortcoming (not only a weak word) or a problem phrase is stated
    deficient: bool    # any shortcoming word at all


_EMPTY = ClauseReading(set(), False, False)


# Shortcoming words that, inside an activity ("检视存在的问题", "找出差距"), name what was
# examined rather than state a shortcoming.
_OBJECT_WORDS = frozenset({"问题", "不足", "差距", "短板", "弱项", "现象", "存在", "薄弱"})


class _Hits:
    """Matches of one pattern over a whole text, sorted, for range look-ups."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def within(self, lo: int, hi: int):
        """(start, end) of the matches starting in [lo, hi)."""
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi, i)
        return zip(self.starts[i:j], self.ends[i:j])


@dataclass
class _Scan:
    """Every cue of the lexicon found in one text, each pattern run once over the text."""

    defs: _Hits
    strong: _Hits
    negators: _Hits
    guards: _Hits
    cue_starts: list     # category cues (phrases and topics), sorted by start
    cue_info: list       # (end, category id, is_phrase) for each of cue_starts
    memo: dict


def _scan_text(text: str) -> _Scan:
    lx = lexicon()
    activities: list[tuple[int, int]] = []
    objects: list[tuple[int, int]] = []
    for pattern in lx.activity:
        for m in pattern.finditer(text):
            activities.append(m.span())
            if m.lastindex:
                objects.append(m.span(m.lastindex))
    defs, strong = [], []
    for a, b in lx.deficiency.spans(text):
        if objects and any(s <= a and b <= e for s, e in objects):
            continue
        word = text[a:b]
        if word in _OBJECT_WORDS and any(s <= a and b <= e for s, e in activities):
            continue
        defs.append((a, b))
        if word not in lx.weak:
            strong.append((a, b))
    negs = lx.negators.spans(text)
    cues = []
    for c in lx.categories:
        blocked = c.negative.spans(text)
        for is_phrase, patterns in ((True, c.phrases), (False, c.topics)):
            for a, b in patterns.spans(text):
                if not any(s <= a and b <= e for s, e in blocked):
                    cues.append((a, b, c.id, is_phrase))
    cues.sort()
    return _Scan(_Hits(defs), _Hits(strong), _Hits(negs), _Hits(negs + lx.actions.spans(text)),
                 [c[0] for c in cues], [c[1:] for c in cues], {})


_SCAN_CACHE: list = [None, None]


def _scan(text: str) -> _Scan:
    if _SCAN_CACHE[0] is not text:
        _SCAN_CACHE[0], _SCAN_CACHE[1] = text, _scan_text(text)
    return _SCAN_CACHE[1]


def read_clause_at(view: str, lo: int, hi: int, *, lenient: bool = False) -> ClauseReading:
    """Categories view[lo:hi] (one clause) states as problems. ``lenient``: a label or
    sub-heading ("形式主义方面", "（一）理想信念方面"), whose topics count without a
    shortcoming."""
    sc = _scan(view)
    key = (lo, hi, lenient)
    found = sc.memo.get(key)
    if found is not None:
        return found
    sc.memo[key] = found = _read_clause(view, sc, lo, hi, lenient)
    return found


def _read_clause(view: str, sc: _Scan, lo: int, hi: int, lenient: bool) -> ClauseReading:
    lx = lexicon()
    clause = view[lo:hi]
    if lx.cause.search(clause) or (not lenient and lx.topical.search(clause)):
        return _EMPTY
    def_starts = [s for s, _ in sc.defs.within(lo, hi)]
    strong_starts = [s for s, _ in sc.strong.within(lo, hi)]
    strong = bool(strong_starts)
    i = bisect.bisect_left(sc.cue_starts, lo)
    j = bisect.bisect_left(sc.cue_starts, hi, i)
    cats: set = set()
    if i < j:
        negs = [n for n, _ in sc.negators.within(lo, hi)]  # where each negator starts
        guards = sorted(e for _, e in sc.guards.within(lo, hi) if e <= hi)
        for a, (b, cid, is_phrase) in zip(sc.cue_starts[i:j], sc.cue_info[i:j]):
            if cid in cats:
                continue
            if lenient:
                cats.add(cid)
            elif is_phrase:
                # a negator before the phrase cancels it unless a real shortcoming follows
                if not any(n < a for n in negs) or any(d >= b for d in strong_starts):
                    cats.add(cid)
            else:
                before = [g for g in guards if g <= a]
                # after a negator or an action only a real shortcoming turns the topic into a problem
                if any(d >= before[-1] for d in strong_starts) if before else def_starts:
                    cats.add(cid)
    if cats:
        strong = True
    return ClauseReading(cats, strong, bool(def_starts) or bool(cats))


def read_clause(text: str, *, lenient: bool = False) -> ClauseReading:
    """``read_clause_at`` for a stand-alone clause."""
    return read_clause_at(text, 0, len(text), lenient=lenient)


def _clauses(view: str, lo: int, hi: int):
    pos = lo
    for m in _CLAUSE_SEP.finditer(view, lo, hi):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < hi:
        yield pos, hi


def read_span(view: str, lo: int, hi: int, *, lenient_lead: bool = False) -> ClauseReading:
    cats: set = set()
    strong = deficient = False
    for i, (s, e) in enumerate(_clauses(view, lo, hi)):
        r = read_clause_at(view, s, e, lenient=lenient_lead and i == 0)
        cats |= r.categories
        strong |= r.strong
        deficient |= r.deficient
    return ClauseReading(cats, strong, deficient)


def states_problem(view: str, lo: int, hi: int) -> bool:
    """True when view[lo:hi] states a shortcoming (used to tell problem lists from others)."""
    return read_span(view, lo, hi).strong


def categories_of(text: str) -> list[str]:
    """The categories a short text states as problems, in taxonomy order."""
    r = read_span(text, 0, len(text))
    return [c for c in CATEGORIES if c in r.categories]


# --------------------------------------------------------------------------------------
# The report

class _Zones:
    """Sorted, merged stretches of the view, with a fast membership test."""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.spans = merged

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]

    def next_start(self, pos: int, default: int) -> int:
        """The start of the first stretch after ``pos`` (``default`` when none)."""
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default


def _segments(view: str, lo: int, hi: int):
    """Sentences split at ;, within [lo, hi)."""
    pos = lo
    for m in _SENT_SEP.finditer(view, lo, hi):
        yield pos, m.end() if m.group() in "。!?" else m.start()
        pos = m.end()
    if pos < hi:
        yield pos, hi


def _trim(view: str, s: int, e: int) -> tuple[int, int]:
    lx = lexicon()
    while s < e and view[s] in " \n,;:、":
        s += 1
    while e > s and view[e - 1] in " \n,;:、。":
        e -= 1
    m = lx.leading.match(view[s:e])
    if m and s + m.end() < e:
        s += m.end()
    m = lx.trailing.search(view[s:e])
    if m and m.start() > 0:
        e = s + m.start()
    while e > s and view[e - 1] in " \n,;:、。":
        e -= 1
    return s, e


class _LabelHits:
    """Labels ("形式主义方面：", "在理论学习上：") by position: (label start, end of the
    label and its colon, start of the tail "方面…：")."""

    def __init__(self, found):
        self.found = sorted(found)
        self.starts = [f[0] for f in self.found]

    def within(self, lo: int, hi: int):
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi, i)
        return self.found[i:j]


_LABEL_STOP = re.compile(r"[,。;:!?\s、“”\"]")


def _labels(view: str) -> _LabelHits:
    found = []
    for m in lexicon().label.finditer(view):
        lo = max(0, m.start() - 16)
        for sep in _LABEL_STOP.finditer(view, lo, m.start()):
            lo = sep.end()
        if m.start() - lo >= 2:
            found.append((lo, m.end(), m.start()))
    return _LabelHits(found)


def _order(cats) -> list[str]:
    return [c for c in CATEGORIES if c in cats]


def extract(report: Report) -> dict:
    view = report.view
    lx = lexicon()
    an = measures.analyze(report)
    found: list[tuple[int, int, list[str]]] = []

    # 1. problem lists: one problem per item
    listed: list[tuple[int, int]] = []
    for lst in an.lists:
        if lst.label != "problems" or not lst.top("problems") or not lst.top("measures"):
            continue
        for it in lst.items:
            heading = lst.kind == "heading"
            cats = set()
            if heading:
                cats |= read_span(view, it.start, it.body, lenient_lead=True).categories
                r = read_span(view, it.body, it.end)
            else:
                lead_end = _CLAUSE_SEP.search(view, it.body, it.end)
                lead = view[it.body:lead_end.start() if lead_end else it.end]
                r = read_span(view, it.body, it.end, lenient_lead=bool(re.search(r"(方面|上)$", lead)))
            cats |= r.categories
            span = measures.item_span(report, it.start, it.end)
            found.append((span["start"], span["end"], _order(cats)))
            listed.append((it.start, it.end))

    # 2. statements elsewhere
    causes = [(s.heading_end, s.end) for s in report.sections if an.section_types.get(id(s)) == "causes"]
    skip = _Zones(an.measure_zones + an.agenda + listed + causes
                  + [(s.start, s.heading_end) for s in report.sections]
                  + ([report.title] if report.title else []))
    problem_sections = _Zones([(s.heading_end, s.end) for s in report.sections
                               if an.section_types.get(id(s)) == "problems"])
    lo = report.title[1] if report.title else 0
    triggers = _Hits(lx.triggers.spans(view))
    labels = _labels(view)
    for ps, pe in measures._paragraphs(view, lo, len(view)):
        label_cats: set = set()
        trigger_until = -1
        for s, e in _segments(view, ps, pe):
            if skip.holds(s) or not view[s:e].strip():
                continue
            e = min(e, skip.next_start(s, e))
            seg_lo = s
            own_label = False
            for a, b, tail in labels.within(s, e):
                # "形式主义方面：……" files what follows under the label's categories
                label_cats = read_span(view, a, tail, lenient_lead=True).categories
                own_label = True
                seg_lo = b
            t = max((x for x in triggers.within(s, e) if x[1] <= e), default=None)
            if t:
                sentence_end = view.find("。", t[1], pe)
                trigger_until = pe if view[t[1] - 1] == ":" or sentence_end == -1 else sentence_end + 1
            r = read_span(view, seg_lo, e)
            in_zone = problem_sections.holds(s) or s < trigger_until
            cats = set(r.categories)
            if label_cats and (r.strong or own_label):
                cats |= label_cats
            if not cats and not (in_zone and r.strong):
                continue
            if t and not cats and t[1] >= e - 1:
                continue  # the trigger sentence itself ("存在以下问题：")
            a, b = _trim(view, seg_lo, e)
            if b - a < 4:
                continue
            found.append((a, b, _order(cats)))

    found.sort()
    out, last_end = [], -1
    for s, e, cats in found:
        if s < last_end:
            continue
        span = report.span(s, e)
        span["categories"] = cats
        out.append(span)
        last_end = e
    return {"problems": out}
