"""The clause reader: which problem categories a clause or a stretch of text states.

A clause states a problem when it pairs a category's topic with a shortcoming word
("学习不够深入"), or uses a wording that is a problem by itself ("流于形式"), unless a
negator or a positive action cancels it ("坚决整治形式主义"). The lexicon is data:
``data/categories.toml``. Problems, the list reader and the audit read clauses through it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.match.intervals import Containers
from extractor.match.patterns import Finder, LiteralIndex, Patterns
from extractor.regex_store import compile_regex
from extractor.resources import load_toml
from extractor.taxonomy import CATEGORIES

CLAUSE_CHARS = ",;:。!?\n"
CLAUSE_SEP = compile_regex(f"[{re.escape(CLAUSE_CHARS)}]")


class _CueScanner:
    """Every cue of the problem lexicon in a text: the plain words of all its lists
    found in one ``LiteralIndex`` pass, each filed under every list holding it (spans)
    or every category naming it (cues); the other regexes run afterwards, only where the
    words they need were found. For each list, what its ``spans`` would give. The pass
    also finds ``also_words`` (the audit's): one scan of a report serves both readers.
    """

    DEFICIENCY, NEGATORS, ACTIONS, TRIGGERS, CAUSE = range(5)

    def __init__(self, deficiency, negators, actions, triggers, cause, categories, activity_finders,
                 also_words=frozenset()):
        # plain-word actions are looked up only in the clauses that need them
        self.actions = LiteralIndex(actions.literals) if actions.literals and not actions.checked else None
        if self.actions is not None:
            actions = Patterns([])
        lists = [deficiency, negators, actions, triggers, cause] + [c.negative for c in categories]
        self.lists = len(lists)   # span lists: those above, then each category's negative
        filed: dict[str, list] = {}   # word -> ("span", list number) / ("cue", category, is_phrase)
        targets: list[tuple[Finder, tuple]] = []
        for k, pl in enumerate(lists):
            for w in pl.literals:
                filed.setdefault(w, []).append(("span", k))
            if k != self.CAUSE:  # for causes only whether a plain word occurs matters
                targets += [(finder, ("span", k)) for finder in pl.checked]
        for c in categories:
            for is_phrase, pl in ((True, c.phrases), (False, c.topics)):
                for w in pl.literals:
                    filed.setdefault(w, []).append(("cue", c.id, is_phrase))
                targets += [(finder, ("cue", c.id, is_phrase)) for finder in pl.checked]
        gated: dict[str, list] = {}   # word -> the regexes that need it
        self.ungated = []
        for finder, target in targets:
            if finder.needs:
                gated.setdefault(finder.needs, []).append((finder, target))
            else:
                self.ungated.append((finder, target))
        gates = {w for finder, _ in targets for w in finder.words()}
        gates.update(w for finder in activity_finders for w in finder.words())
        self.index = LiteralIndex(set(filed) | gates | set(also_words))
        # word -> (its span lists as (list, length), its cues as (length, category,
        # is_phrase), the regexes that need it), for the words that have any of them
        self.roles_of = {w: (tuple((k, len(w)) for kind, k, *_ in filed.get(w, ()) if kind == "span"),
                             tuple((len(w), role[1], role[2]) for role in filed.get(w, ()) if role[0] == "cue"),
                             gated.get(w, []))
                         for w in set(filed) | set(gated)}
        self.block_of = {c.id: len(lists) - len(categories) + i for i, c in enumerate(categories)}

    def scan(self, text: str):
        """(span lists, cues as (start, end, category, is_phrase), where each word found
        occurs); lists and cues unsorted."""
        spans: list[list] = [[] for _ in range(self.lists)]
        cues: list[tuple] = []
        found = self.index.occurrences(text)
        roles_of = self.roles_of
        run = list(self.ungated)
        for word, places in found.items():
            roles = roles_of.get(word)
            if roles is None:
                continue  # a word only some regex opens with, or the audit's
            span_roles, cue_roles, finders = roles
            for k, n in span_roles:
                spans[k] += [(p, p + n) for p in places]
            for n, cid, is_phrase in cue_roles:
                cues += [(p, p + n, cid, is_phrase) for p in places]
            run += finders
        for finder, target in run:
            hits = [m.span() for m in finder.finditer(text, found) if m.end() > m.start()]
            if not hits:
                continue
            if target[0] == "span":
                spans[target[1]] += hits
            else:
                cues += [(a, b, target[1], target[2]) for a, b in hits]
        return spans, cues, found


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
    activity_finders: tuple[Finder, ...]
    negators: "Patterns"
    actions: "Patterns"
    topical: "Patterns"
    cause: "Patterns"
    triggers: "Patterns"
    label: re.Pattern
    trailing: re.Pattern
    leading: re.Pattern
    scanner: _CueScanner


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
    deficiency, negators, actions, triggers = (Patterns(p[k]) for k in ("deficiency", "negators", "actions", "triggers"))
    activity_finders = tuple(Finder(a) for a in p["activity"])
    cause = Patterns(p["cause"])
    topical = Patterns(p["topical"])
    return Lexicon(
        categories=tuple(cats),
        deficiency=deficiency,
        weak=frozenset(p["weak"]),
        activity_finders=activity_finders,
        negators=negators,
        actions=actions,
        topical=topical,
        cause=cause,
        triggers=triggers,
        label=compile_regex(p["label"]),
        trailing=compile_regex(p["trailing"]),
        leading=compile_regex(p["leading"]),
        scanner=_CueScanner(deficiency, negators, actions, triggers, cause, cats, activity_finders,
                            _audit_cue_words()),
    )


def _audit_cue_words() -> set[str]:
    """The plain words the audit's built-in cues read (its elements' ``cues`` in
    audit.toml, as fields/audit.py reads them): the lexicon's scan finds them too, and
    the audit reads a report's cues off its clause reader instead of scanning again."""
    elements = load_toml("audit.toml")["elements"].values()
    return set().union(*(Patterns(spec.get("cues")).words() for spec in elements))



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

    def_starts: list     # where each shortcoming word starts, ascending
    strong_starts: list  # the same for real (not weak) shortcoming words
    neg_starts: list     # where each negator starts, ascending
    guards: _Hits        # negators and positive actions (those not looked up per clause)
    triggers: _Hits      # wordings after which the clauses state problems
    cue_starts: list     # category cues (phrases and topics), sorted by start
    cue_info: list       # (end, category id, is_phrase) for each of cue_starts
    seps: list           # where each clause separator stands, ascending
    marks: list          # where a shortcoming word or a cue starts, ascending, once each
    causes: bool         # whether a clause of the text may name causes
    found: dict          # where each word of the scanner's index occurs (LiteralIndex.occurrences)
    memo: dict


def _activities(lx: Lexicon, text: str, found: dict):
    """Spans of the activities in ``text``, and of the objects they name."""
    activities: list[tuple[int, int]] = []
    objects: list[tuple[int, int]] = []
    for finder in lx.activity_finders:
        for m in finder.finditer(text, found):
            activities.append(m.span())
            if m.lastindex:
                objects.append(m.span(m.lastindex))
    return activities, objects


def _scan_text(text: str, seps: list[int] | None = None) -> _Scan:
    lx = lexicon()
    sc = lx.scanner
    spans, cues, found = sc.scan(text)
    for hits in spans:
        hits.sort()
    activities, objects = _activities(lx, text, found)
    defs, strong = [], []
    objects, activities = Containers(objects), Containers(activities)
    for a, b in spans[sc.DEFICIENCY]:
        if objects and objects.contains(a, b):
            continue
        word = text[a:b]
        if word in _OBJECT_WORDS and activities.contains(a, b):
            continue
        defs.append(a)
        if word not in lx.weak:
            strong.append(a)
    blocked = {cid: spans[k] for cid, k in sc.block_of.items() if spans[k]}
    if blocked:
        blocked = {cid: Containers(spans) for cid, spans in blocked.items()}
        cues = [c for c in cues if c[2] not in blocked or not blocked[c[2]].contains(c[0], c[1])]
    cues.sort()
    cue_starts = [c[0] for c in cues]
    negs = spans[sc.NEGATORS]
    causes = bool(lx.cause) and bool(lx.cause.checked or spans[sc.CAUSE])
    if seps is None:
        seps = [m.start() for m in CLAUSE_SEP.finditer(text)]
    marks = sorted(set(defs).union(cue_starts))
    return _Scan(defs, strong, [s for s, _ in negs], _Hits(negs + spans[sc.ACTIONS]), _Hits(spans[sc.TRIGGERS]),
                 cue_starts, [c[1:] for c in cues], seps, marks, causes, found, {})


def _read_clause(view: str, sc: _Scan, lo: int, hi: int, lenient: bool) -> ClauseReading:
    lx = lexicon()
    if sc.causes or not lenient:
        clause = view[lo:hi]
        if (sc.causes and lx.cause.found_in(clause)) or (not lenient and lx.topical.found_in(clause)):
            return _EMPTY
    starts = sc.def_starts
    i = bisect.bisect_left(starts, lo)
    deficient = i < len(starts) and starts[i] < hi
    starts = sc.strong_starts
    i = bisect.bisect_left(starts, lo)
    j = bisect.bisect_left(starts, hi, i)
    last_strong = starts[j - 1] if i < j else -1  # every cue and guard ends after 0
    starts = sc.cue_starts
    i = bisect.bisect_left(starts, lo)
    j = bisect.bisect_left(starts, hi, i)
    if i == j:
        return ClauseReading(set(), last_strong >= 0, deficient)
    cats: set = set()
    if lenient:
        cats.update(cid for _, cid, _ in sc.cue_info[i:j])
    else:
        negs = sc.neg_starts
        k = bisect.bisect_left(negs, lo)
        first_neg = negs[k] if k < len(negs) and negs[k] < hi else hi
        guards = None
        for a, (b, cid, is_phrase) in zip(starts[i:j], sc.cue_info[i:j]):
            if cid in cats:
                continue
            if is_phrase:
                # a negator before the phrase cancels it unless a real shortcoming follows
                if first_neg >= a or last_strong >= b:
                    cats.add(cid)
                continue
            if guards is None:
                guards = [e for _, e in sc.guards.within(lo, hi) if e <= hi]
                if lx.scanner.actions is not None:
                    guards += lx.scanner.actions.ends_within(view, lo, hi)
                guards.sort()
            g = bisect.bisect_right(guards, a)
            # after a negator or an action only a real shortcoming turns the topic into a problem
            if (last_strong >= guards[g - 1]) if g else deficient:
                cats.add(cid)
    if cats:
        return ClauseReading(cats, True, True)
    return ClauseReading(cats, last_strong >= 0, deficient)

class ClauseReader:
    """Reads the clauses of one text (a report's view) for problems. Every cue of the
    lexicon is found in one scan when the reader is made; each clause is read at most
    once. A report's reader is made once and kept on the report (``reader_of``)."""

    def __init__(self, text: str, seps: list[int] | None = None):
        """``seps``: where the CLAUSE_CHARS stand in ``text``, if already listed."""
        self.text = text
        self.scan = _scan_text(text, seps)

    @property
    def words_found(self) -> dict[str, list[int]]:
        """Where each word of the lexicon's index (the audit's built-in cue words too)
        occurs in the text: word -> start offsets, ascending."""
        return self.scan.found

    def clause_at(self, lo: int, hi: int, *, lenient: bool = False) -> ClauseReading:
        """Categories text[lo:hi] (one clause) states as problems. ``lenient``: a label or
        sub-heading ("形式主义方面", "（一）理想信念方面"), whose topics count without a
        shortcoming."""
        sc = self.scan
        key = (lo, hi, lenient)
        found = sc.memo.get(key)
        if found is None:
            sc.memo[key] = found = _read_clause(self.text, sc, lo, hi, lenient)
        return found

    def span(self, lo: int, hi: int, *, lenient_lead: bool = False) -> ClauseReading:
        """What text[lo:hi] states, clause by clause (``lenient_lead``: its first clause is a
        label, see ``clause_at``). Only clauses holding a shortcoming word or a cue can
        state anything: the others are not read."""
        sc, view = self.scan, self.text
        marks = sc.marks
        i = bisect.bisect_left(marks, lo)
        j = bisect.bisect_left(marks, hi, i)
        cats: set = set()
        if i == j:
            return ClauseReading(cats, False, False)
        seps, memo = sc.seps, sc.memo
        first = None  # where the first clause starts: past the separators at lo
        if lenient_lead:
            first, k = lo, bisect.bisect_left(seps, lo)
            while k < len(seps) and seps[k] == first:
                first, k = first + 1, k + 1
        strong = deficient = False
        end = lo
        for n in range(i, j):
            at = marks[n]
            if at < end:
                continue  # in the clause just read
            k = bisect.bisect_right(seps, at)
            if k and seps[k - 1] == at:
                continue  # a separator
            # the clause around the mark, within [lo, hi)
            start = seps[k - 1] + 1 if k and seps[k - 1] >= lo else lo
            end = seps[k] if k < len(seps) and seps[k] < hi else hi
            key = (start, end, start == first)
            r = memo.get(key)
            if r is None:
                memo[key] = r = _read_clause(view, sc, start, end, start == first)
            if r.categories:
                cats |= r.categories
            strong = strong or r.strong
            deficient = deficient or r.deficient
        return ClauseReading(cats, strong, deficient)

    def states_problem(self, lo: int, hi: int) -> bool:
        """True when text[lo:hi] states a shortcoming (tells problem lists from others)."""
        return self.span(lo, hi).strong


def reader_of(report) -> ClauseReader:
    """The clause reader of a report's view, made on first use and kept on the report."""
    if report.clauses is None:
        report.clauses = ClauseReader(report.view, report.stops(CLAUSE_CHARS))
    return report.clauses


def read_clause(text: str, *, lenient: bool = False) -> ClauseReading:
    """What a stand-alone clause states."""
    return ClauseReader(text).clause_at(0, len(text), lenient=lenient)


def categories_of(text: str) -> list[str]:
    """The categories a short text states as problems, in taxonomy order."""
    r = ClauseReader(text).span(0, len(text))
    return [c for c in CATEGORIES if c in r.categories]
