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
import sys
from dataclasses import dataclass
from functools import lru_cache

from extractor.fields import measures
from extractor.report import Report
from extractor.resources import load_toml
from extractor.schema import CATEGORIES

_CLAUSE_SEP = re.compile(r"[,;:。!?\n]")


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


def _leading_words(pattern: str, shortest: int = 2) -> tuple[str, ...]:
    """Plain words (``shortest`` characters or more) one of which every match of
    ``pattern`` starts with: a leading run of plain characters or a leading group of
    plain alternatives ("(能否|如何|怎样)…"); () when there are none."""
    words: list[str] = []
    for alt in _split_top(pattern):
        if alt.startswith("(") and not alt.startswith("(?"):
            close = alt.find(")")
            lead = alt[1:close].split("|") if close != -1 else []
            if any(c in _SPECIAL and c != "|" for c in alt[1:close]) or alt[close + 1:close + 2] in _QUANTIFIERS:
                lead = []
        else:
            run = 0
            while run < len(alt) and alt[run] not in _SPECIAL:
                run += 1
            if alt[run:run + 1] in _QUANTIFIERS:
                run -= 1  # the last character is optional or repeated
            lead = [alt[:run]] if run > 0 else []
        if not lead or any(len(w) < shortest for w in lead):
            return ()
        words += lead
    return tuple(sorted(set(words)))


def _required_words(alt: str) -> tuple[str, ...]:
    """Plain words one of which every match of ``alt`` (one alternative) contains: its
    leading words, a plain string it needs, or a plain group ("(要求|强调)") that is not
    optional; () when there are none."""
    words = _leading_words(alt, 1) or ((lit,) if (lit := _required_literal(alt)) else ())
    if words:
        return words
    depth, cls, i = 0, False, 0
    while i < len(alt):
        c = alt[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            close = alt.find(")", i)
            inner = alt[i + 1:close]
            if (depth == 0 and close != -1 and inner and not inner.startswith("?")
                    and not any(ch in _SPECIAL and ch != "|" for ch in inner)
                    and alt[close + 1:close + 2] not in _QUANTIFIERS and all(inner.split("|"))):
                return tuple(inner.split("|"))
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return ()


_QUANTIFIERS = ("?", "*", "+", "{")
_FEW = 8   # at most this many places to try: match there rather than scan the text


class _Finder:
    """``finditer`` of one regex, made cheap with the words found in the text: skipped
    when a word every match contains is absent, and tried only where a match can start
    when those places are few."""

    __slots__ = ("pattern", "needs", "leads")

    def __init__(self, source: str):
        self.pattern = re.compile(source)
        self.needs = _required_literal(source) if len(_split_top(source)) == 1 else ""
        self.leads = _leading_words(source)

    def words(self) -> list[str]:
        return [w for w in (self.needs, *self.leads) if w]

    def finditer(self, text: str, found: dict[str, list[int]]):
        """``pattern.finditer(text)``; ``found``: where each of ``words()`` occurs."""
        if self.needs and self.needs not in found:
            return ()
        if self.leads:
            if len(self.leads) == 1:
                places = found.get(self.leads[0])
            else:
                places = [found[w] for w in self.leads if w in found]
                places = places[0] if len(places) == 1 else sorted(set().union(*places)) if places else None
            if not places:
                return ()
            if len(places) <= _FEW:
                # what finditer does: the leftmost match, then the next one after it
                out, end, match = [], 0, self.pattern.match
                for at in places:
                    if at >= end:
                        m = match(text, at)
                        if m:
                            out.append(m)
                            end = m.end()
                return out
        return self.pattern.finditer(text)


def _trie_source(words) -> str:
    """A regex matching the longest of ``words`` that starts at a position (a trie, so
    the engine never tries the words one by one)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = None

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return emit(trie)


_BAND = 64   # first characters per trie regex


def _prefix_words(words: list[str]) -> dict[str, tuple[str, ...]]:
    """word -> the words that start it, shortest first (itself last)."""
    known = set(words)
    return {w: tuple(w[:k] for k in range(1, len(w) + 1) if w[:k] in known) for w in words}


class _LiteralIndex:
    """Where each of a fixed set of plain strings occurs in a text (overlaps included).

    A few trie regexes, each for the words starting with one band of characters, are run
    with ``search`` from every hit on: ``re`` skips in C to the next character that can
    start a word, and a band keeps the alternatives tried there few. Every word that is a
    prefix of the longest word found at a position occurs there too. The last text's
    occurrences are kept.
    """

    def __init__(self, words):
        words = sorted({w for w in words if w})
        self.prefixes = _prefix_words(words)
        firsts = sorted({w[0] for w in words})
        self.searches = []
        for i in range(0, len(firsts), _BAND):
            band = set(firsts[i:i + _BAND])
            self.searches.append(re.compile(_trie_source([w for w in words if w[0] in band])).search)
        self._text: str | None = None
        self._found: dict[str, list[int]] = {}

    def occurrences(self, text: str) -> dict[str, list[int]]:
        """word -> its start offsets in ``text``, ascending (only words that occur)."""
        if self._text is text:
            return self._found
        found: dict[str, list[int]] = {}
        prefixes = self.prefixes
        for search in self.searches:
            m = search(text)
            while m:
                at = m.start()
                for w in prefixes[m.group()]:
                    if w in found:
                        found[w].append(at)
                    else:
                        found[w] = [at]
                m = search(text, at + 1)
        self._text, self._found = text, found
        return found

    def ends_within(self, text: str, lo: int, hi: int) -> list[int]:
        """Where each occurrence of a word inside text[lo:hi] ends."""
        out: list[int] = []
        prefixes = self.prefixes
        for search in self.searches:
            m = search(text, lo, hi)
            while m:
                at = m.start()
                out += [at + len(w) for w in prefixes[m.group()]]
                m = search(text, at + 1, hi)
        return out


class Patterns:
    """A list of regular expressions matched as one, quickly over long texts.

    Python's ``re`` tries every alternative of a long union at every position. Here each
    alternative is skipped unless a plain string it must contain occurs in the text (a
    C-speed substring test); pure literals are found with ``str.find``. ``spans`` returns
    the matches of every alternative (they may overlap); ``search`` finds any match in a
    short stretch with the plain union. (The problem lexicon's lists are matched all
    together by a ``_CueScanner`` instead.)
    """

    def __init__(self, patterns):
        self.source = [p for p in patterns or [] if p]
        self.union = re.compile("|".join(f"(?:{p})" for p in self.source)) if self.source else None
        self.literals: list[str] = []
        self.checked: list[_Finder] = []
        for p in self.source:
            for alt in _split_top(p):
                if alt and not any(c in _SPECIAL for c in alt):
                    self.literals.append(alt)
                else:
                    self.checked.append(_Finder(alt))
        # a character one of which any match holds (None if some alternative has none)
        required = [_required_words(alt) for p in self.source for alt in _split_top(p)]
        self._cue_chars = (re.compile("[" + "".join(sorted({re.escape(w[0]) for ws in required for w in ws})) + "]")
                           if required and all(required) else None)

    def __bool__(self) -> bool:
        return self.union is not None

    def found_in(self, text: str) -> bool:
        """Whether ``search(text)`` finds a match (first a look for a character every
        match holds one of)."""
        if self._cue_chars is not None and not self._cue_chars.search(text):
            return False
        return self.union is not None and self.union.search(text) is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        out = []
        for lit in self.literals:
            if lit not in text:
                continue
            i = text.find(lit)
            while i != -1:
                out.append((i, i + len(lit)))
                i = text.find(lit, i + 1)
        for finder in self.checked:
            if finder.needs and finder.needs not in text:
                continue
            out.extend(m.span() for m in finder.pattern.finditer(text) if m.end() > m.start())
        out.sort()
        return out

    def search(self, text: str, lo: int = 0, hi: int | None = None):
        if self.union is None:
            return None
        return self.union.search(text, lo, len(text) if hi is None else hi)


class _CueScanner:
    """Every cue of the problem lexicon in a text: the plain words of all its lists
    found in one ``_LiteralIndex`` pass, each filed under every list holding it (spans)
    or every category naming it (cues); the other regexes run afterwards, only where the
    words they need were found. For each list, what its ``spans`` would give.
    """

    DEFICIENCY, NEGATORS, ACTIONS, TRIGGERS, CAUSE = range(5)

    def __init__(self, deficiency, negators, actions, triggers, cause, categories, activity_finders):
        # plain-word actions are looked up only in the clauses that need them
        self.actions = _LiteralIndex(actions.literals) if actions.literals and not actions.checked else None
        if self.actions is not None:
            actions = Patterns([])
        lists = [deficiency, negators, actions, triggers, cause] + [c.negative for c in categories]
        self.lists = len(lists)   # span lists: those above, then each category's negative
        filed: dict[str, list] = {}   # word -> ("span", list number) / ("cue", category, is_phrase)
        targets: list[tuple[_Finder, tuple]] = []
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
        self.gated: dict[str, list] = {}
        self.ungated = []
        for finder, target in targets:
            if finder.needs:
                self.gated.setdefault(finder.needs, []).append((finder, target))
            else:
                self.ungated.append((finder, target))
        gates = {w for finder, _ in targets for w in finder.words()}
        gates.update(w for finder in activity_finders for w in finder.words())
        self.index = _LiteralIndex(set(filed) | gates)
        self.spans_of = {w: tuple((k, len(w)) for kind, k, *_ in roles if kind == "span") for w, roles in filed.items()}
        self.cues_of = {w: tuple((len(w), role[1], role[2]) for role in roles if role[0] == "cue")
                        for w, roles in filed.items()}
        self.block_of = {c.id: len(lists) - len(categories) + i for i, c in enumerate(categories)}

    def scan(self, text: str):
        """(span lists, cues as (start, end, category, is_phrase), where each word found
        occurs); lists and cues unsorted."""
        spans: list[list] = [[] for _ in range(self.lists)]
        cues: list[tuple] = []
        found = self.index.occurrences(text)
        spans_of, cues_of, gated = self.spans_of, self.cues_of, self.gated
        run = list(self.ungated)
        for word, places in found.items():
            for k, n in spans_of.get(word, ()):
                spans[k] += [(p, p + n) for p in places]
            for n, cid, is_phrase in cues_of.get(word, ()):
                cues += [(p, p + n, cid, is_phrase) for p in places]
            if word in gated:
                run += gated[word]
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
    activity: tuple[re.Pattern, ...]
    activity_finders: tuple[_Finder, ...]
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
    activity_finders = tuple(_Finder(a) for a in p["activity"])
    cause = Patterns(p["cause"])
    topical = Patterns(p["topical"])
    return Lexicon(
        categories=tuple(cats),
        deficiency=deficiency,
        weak=frozenset(p["weak"]),
        activity=tuple(f.pattern for f in activity_finders),
        activity_finders=activity_finders,
        negators=negators,
        actions=actions,
        topical=topical,
        cause=cause,
        triggers=triggers,
        label=re.compile(p["label"]),
        trailing=re.compile(p["trailing"]),
        leading=re.compile(p["leading"]),
        scanner=_CueScanner(deficiency, negators, actions, triggers, cause, cats, activity_finders),
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

    def_starts: list     # where each shortcoming word starts, ascending
    strong_starts: list  # the same for real (not weak) shortcoming words
    neg_starts: list     # where each negator starts, ascending
    guards: _Hits        # negators and positive actions (those not looked up per clause)
    triggers: _Hits      # wordings after which the clauses state problems
    cue_starts: list     # category cues (phrases and topics), sorted by start
    cue_info: list       # (end, category id, is_phrase) for each of cue_starts
    seps: list           # where each clause separator stands, ascending
    marks: list          # where a shortcoming word or a cue starts, ascending, once each
    mark_clauses: list   # (start, end) of the clause around each mark; None for a separator
    causes: bool         # whether a clause of the text may name causes
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


def _scan_text(text: str) -> _Scan:
    lx = lexicon()
    sc = lx.scanner
    spans, cues, found = sc.scan(text)
    for hits in spans:
        hits.sort()
    activities, objects = _activities(lx, text, found)
    defs, strong = [], []
    for a, b in spans[sc.DEFICIENCY]:
        if objects and any(s <= a and b <= e for s, e in objects):
            continue
        word = text[a:b]
        if word in _OBJECT_WORDS and any(s <= a and b <= e for s, e in activities):
            continue
        defs.append(a)
        if word not in lx.weak:
            strong.append(a)
    blocked = {cid: spans[k] for cid, k in sc.block_of.items() if spans[k]}
    if blocked:
        cues = [c for c in cues if c[2] not in blocked or not any(s <= c[0] and c[1] <= e for s, e in blocked[c[2]])]
    cues.sort()
    cue_starts = [c[0] for c in cues]
    negs = spans[sc.NEGATORS]
    causes = lx.cause.union is not None and bool(lx.cause.checked or spans[sc.CAUSE])
    seps = [m.start() for m in _CLAUSE_SEP.finditer(text)]
    marks = sorted(set(defs).union(cue_starts))
    return _Scan(defs, strong, [s for s, _ in negs], _Hits(negs + spans[sc.ACTIONS]), _Hits(spans[sc.TRIGGERS]),
                 cue_starts, [c[1:] for c in cues], seps, marks, _clauses_around(seps, marks), causes, {})


def _clauses_around(seps: list[int], marks: list[int]) -> list[tuple[int, int] | None]:
    """The clause holding each mark, running past the text at either end if no
    separator bounds it there (None: the mark is a separator)."""
    bounds = [-sys.maxsize] + [s + 1 for s in seps]   # where the clause after each separator starts
    ends = seps + [sys.maxsize]
    out = []
    for at in marks:
        k = bisect.bisect_right(seps, at)
        out.append((bounds[k], ends[k]) if bounds[k] <= at else None)
    return out


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
    if found is None:
        sc.memo[key] = found = _read_clause(view, sc, lo, hi, lenient)
    return found


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


def read_clause(text: str, *, lenient: bool = False) -> ClauseReading:
    """``read_clause_at`` for a stand-alone clause."""
    return read_clause_at(text, 0, len(text), lenient=lenient)


def read_span(view: str, lo: int, hi: int, *, lenient_lead: bool = False) -> ClauseReading:
    """What view[lo:hi] states, clause by clause (``lenient_lead``: its first clause is a
    label, see ``read_clause_at``). Only clauses holding a shortcoming word or a cue can
    state anything: the others are not read."""
    sc = _SCAN_CACHE[1] if _SCAN_CACHE[0] is view else _scan(view)
    marks = sc.marks
    i = bisect.bisect_left(marks, lo)
    j = bisect.bisect_left(marks, hi, i)
    cats: set = set()
    if i == j:
        return ClauseReading(cats, False, False)
    first = None  # where the first clause starts: past the separators at lo
    if lenient_lead:
        seps = sc.seps
        first, k = lo, bisect.bisect_left(seps, lo)
        while k < len(seps) and seps[k] == first:
            first, k = first + 1, k + 1
    memo, clauses = sc.memo, sc.mark_clauses
    strong = deficient = False
    end = lo
    for n in range(i, j):
        if marks[n] < end or clauses[n] is None:
            continue  # in the clause just read, or a separator
        start, end = clauses[n]
        start = start if start > lo else lo
        end = end if end < hi else hi
        key = (start, end, start == first)
        r = memo.get(key)
        if r is None:
            memo[key] = r = _read_clause(view, sc, start, end, start == first)
        if r.categories:
            cats |= r.categories
        strong = strong or r.strong
        deficient = deficient or r.deficient
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

    def end_at(self, pos: int) -> int:
        """The end of the stretch holding ``pos`` (-1 when none does)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return self.spans[i][1]
        return -1

    def next_start(self, pos: int, default: int) -> int:
        """The start of the first stretch after ``pos`` (``default`` when none)."""
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default


def _open_segments(view: str, lo: int, hi: int, stops: list[int], skip: _Zones):
    """The sentences of view[lo:hi], split at ; too (a sentence keeps its 。!?, not its
    ; or line break), that start outside ``skip`` and are not blank. ``stops``: where
    each of those separators stands in the view."""
    k = bisect.bisect_left(stops, lo)
    pos = lo
    while True:
        stop = stops[k] if k < len(stops) and stops[k] < hi else -1
        if stop == -1 and pos >= hi:
            return
        zone_end = skip.end_at(pos)
        if zone_end != -1:
            # every segment starting before the end of the zone is skipped
            k = bisect.bisect_left(stops, zone_end - 1, k)
            if k < len(stops) and stops[k] < hi:
                pos, k = stops[k] + 1, k + 1
                continue
            return
        end = hi if stop == -1 else stop + 1 if view[stop] in "。!?" else stop
        if view[pos:end].strip():
            yield pos, end
        if stop == -1:
            return
        pos, k = stop + 1, k + 1


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
    triggers = _scan(view).triggers
    labels = _labels(view)
    stops = [p for p in _scan(view).seps if view[p] not in ",:"]  # the sentence separators
    for ps, pe in measures._paragraphs(view, lo, len(view)):
        if skip.end_at(ps) >= pe:
            continue  # inside one skipped stretch
        label_cats: set = set()
        trigger_until = -1
        for s, e in _open_segments(view, ps, pe, stops, skip):
            e = min(e, skip.next_start(s, e))
            seg_lo = s
            own_label = False
            for a, b, tail in labels.within(s, e):
                # "形式主义方面：……" files what follows under the label's categories
                label_cats = read_span(view, a, tail, lenient_lead=True).categories
                own_label = True
                seg_lo = b
            i = bisect.bisect_left(triggers.starts, s)
            t = max((x for x in triggers.within(s, e) if x[1] <= e), default=None) if (
                i < len(triggers.starts) and triggers.starts[i] < e) else None
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
