"""Attendance: expected / present / absent members, with evidence.

The statements of attendance are patterns in data/attendance.toml (应到 / 实到 / 共有 /
参会 / 请假 / 全体…参加 / …全部参加 / xx同志因公请假 …), counts in Arabic or Chinese
numerals. A count is the meeting's only when

- its clause does not speak of non-members (列席, the guidance group, activists);
- the nearest event cue before it in the sentence is the meeting (会议, 生活会, 参会 …)
  and not another event (集中学习, 谈心谈话, 支委会 …), and no other event follows its
  verb (参加集中学习).

Matches close to one another form one statement; the statement that says the most wins
(the first on a tie). ``all`` (全体党员21人参加) gives expected = present = 21, absent 0; two
known numbers give the third; numbers that disagree are reported in ``report.warnings``.
Masked counts (x名, xx人) are null with ``redacted: true``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.text.numerals import parse_count
from extractor.match.intervals import TakenSpans
from extractor.match.alternatives import merged_spans, split_alternatives
from extractor.match.gates import first_char_led_source
from extractor.match.regex_facts import needed_chars
from extractor.match.patterns import LazyRegex, word_trie
from extractor.report import Report
from extractor.resources import load_toml

ROLES = ("expected", "present", "absent")
_CLAUSE_END = "，,；;。！？!?\n"
_SENTENCE_END = "。！？!?\n"
_NAME_SEPARATORS = compile_regex("[、和及与,]")
_BRACKETED = compile_regex(r"\([^()]*\)")
_ITEM_SEPARATOR = compile_regex("[、和及与]")



@dataclass(frozen=True)
class _Rules:
    # compiled when a sentence first needs them (the lists of names after a label, 除…外,
    # are seldom written: a run without them never compiles them)
    patterns: tuple[tuple[str, LazyRegex], ...]
    # Per pattern, the sets of characters a match holds one of each of
    # (regex_facts.needed_chars), as bits: each such set is a bit, ``need_bits`` gives a
    # character the bits of the sets holding it and ``needs`` a pattern the bits of all
    # its sets. A range of text can match the pattern only when it holds them all.
    need_bits: dict[str, int]
    needs: tuple[int, ...]
    need_char: re.Pattern  # one of the characters of need_bits
    # the anchor regex, as one or more regexes of consecutive alternatives of it
    # (match/alternatives.py: a digit class opening one alternative kept re from skipping ahead)
    anchors: tuple[re.Pattern, ...]
    non_member: re.Pattern
    meeting: re.Pattern
    other: re.Pattern
    rest: re.Pattern
    total: re.Pattern  # opens a total (共19名参加)
    non_member_count: re.Pattern  # a count of non-members (积极分子3名)
    lookback: int
    after_verb: int
    non_member_before: int
    non_member_after: int
    max_count: int
    window: int
    not_name: re.Pattern
    expected_elsewhere: bool


@lru_cache(maxsize=1)
def attendance_rules() -> _Rules:
    data = load_toml("attendance.toml")
    parts, ctx = data["parts"], data["context"]
    subs = {
        "{N}": f"(?P<n>{parts['count']})",
        "{U}": parts["unit"],
        "{G}": word_trie(parts["group"]),
        "{VP}": word_trie(parts["present_verbs"]),
        "{VA}": word_trie(parts["absent_verbs"]),
        "{NAME}": data["names"]["name"],
        "{LIST}": data["names"]["list"],
        "{NM}": word_trie(ctx["non_member"]),
        "{T}": word_trie(ctx["totals"]),
    }
    patterns, sources = [], []
    for p in data["pattern"]:
        regex = p["regex"]
        for key, value in subs.items():
            regex = regex.replace(key, value)
        sources.append(regex)
        patterns.append((p["role"], LazyRegex(first_char_led_source(regex))))
    bit_of: dict[frozenset, int] = {}
    needs = []
    for regex in sources:
        bits = 0
        for need in needed_chars(regex):
            bits |= bit_of.setdefault(need, 1 << len(bit_of))
        needs.append(bits)
    need_bits: dict[str, int] = {}
    for need, bit in bit_of.items():
        for ch in need:
            need_bits[ch] = need_bits.get(ch, 0) | bit
    return _Rules(
        patterns=tuple(patterns),
        need_bits=need_bits,
        needs=tuple(needs),
        need_char=compile_regex("[" + "".join(map(re.escape, sorted(need_bits))) + "]" if need_bits else "(?!)"),
        anchors=tuple(map(compile_regex, split_alternatives(data["anchor"]))),
        non_member=compile_regex(word_trie(ctx["non_member"])),
        meeting=compile_regex(word_trie(ctx["meeting"])),
        other=compile_regex(word_trie(ctx["other_event"])),
        rest=compile_regex(rf"(?:{word_trie(ctx['rest_words'])})\s*$"),
        total=compile_regex(subs["{T}"]),
        non_member_count=compile_regex(f"(?:{subs['{NM}']})\\s*{parts['count']}\\s*(?:{parts['unit']})"),
        lookback=int(ctx["lookback"]),
        after_verb=int(ctx["after_verb"]),
        non_member_before=int(ctx["non_member_before"]),
        non_member_after=int(ctx["non_member_after"]),
        max_count=int(data["max_count"]),
        window=int(data["cluster_window"]),
        not_name=compile_regex(word_trie(data["names"]["not_name"])),
        expected_elsewhere=bool(data.get("expected_from_elsewhere", False)),
    )


@dataclass
class _Statement:
    role: str
    start: int
    end: int
    value: int | None  # None when masked (or no count)
    masked: bool


class _Bounds:
    """The clause or sentence around a span of a report's view. The stops (characters)
    are listed once per report (``Report.stops``) and bisected, so that a view without
    stops costs no scan per call (a search from each match would make a long stop-less
    text quadratic)."""

    def __init__(self, report: Report):
        self.report = report
        self.view = report.view
        self._stops: dict[str, list[int]] = {}

    def __call__(self, start: int, end: int, stop: str) -> tuple[int, int]:
        """(just after the last stop before ``start``, the first stop at or after ``end``)."""
        at = self._stops.get(stop)
        if at is None:
            at = self._stops[stop] = self.report.stops(stop)
        i = bisect.bisect_left(at, start)
        j = bisect.bisect_left(at, end, i)
        return (at[i - 1] + 1 if i else 0), (at[j] if j < len(at) else len(self.view))


def _nearest_is_other(rules: _Rules, text: str) -> bool | None:
    """True if the last event cue in ``text`` is another event, False if the meeting,
    None if there is none. Where an other-event cue overlaps a meeting cue it wins."""
    others = [m.span() for m in rules.other.finditer(text)]
    best_end, best_other = -1, None
    for s, e in others:
        if e > best_end:
            best_end, best_other = e, True
    for m in rules.meeting.finditer(text):
        s, e = m.span()
        if any(s < oe and os < e for os, oe in others):
            continue
        if e > best_end:
            best_end, best_other = e, False
    return best_other


def _is_members(view: str, rules: _Rules, m: re.Match, bounds: _Bounds) -> bool:
    """Whether a matched count is about the meeting's members."""
    c_start, c_end = bounds(m.start(), m.end(), _CLAUSE_END)
    # (after the count, up to the next item of a list: 党员9人、发展对象1人, 11名党员和2名群众代表)
    after_end = min(c_end, m.end() + rules.non_member_after)
    item = _ITEM_SEPARATOR.search(view, m.end(), after_end)
    near = view[max(c_start, m.start() - rules.non_member_before):item.start() if item else after_end]
    if rules.non_member.search(near):
        return False
    # another event right after the verb: 参加集中学习
    after = view[m.end():min(c_end, m.end() + rules.after_verb)]
    if _nearest_first_is_other(rules, after):
        return False
    s_start, _ = bounds(m.start(), m.end(), _SENTENCE_END)
    before = view[max(s_start, m.start() - rules.lookback):m.start()]
    # a total of members and others (党员16名，积极分子3名，共19名参加), whether the
    # match opens with its 共 or only has the count (19名参加)
    if rules.total.search(view, max(s_start, m.start() - 2), m.start() + 2) and rules.non_member_count.search(before):
        return False
    return _nearest_is_other(rules, before) is not True


def _nearest_first_is_other(rules: _Rules, text: str) -> bool:
    """True when an other-event cue comes before any meeting cue in ``text``."""
    other = rules.other.search(text)
    if other is None:
        return False
    meeting = rules.meeting.search(text)
    return meeting is None or other.start() <= meeting.start()


def _ranges(view: str, rules: _Rules, bounds: _Bounds) -> list[tuple[int, int]]:
    """The sentences that may state attendance (they hold an anchor), merged."""
    ranges: list[tuple[int, int]] = []
    for a_start, a_end in merged_spans(view, rules.anchors):
        if ranges and a_start < ranges[-1][1]:
            continue
        s, e = bounds(a_start, a_end, _SENTENCE_END)
        e = min(len(view), e + 1)
        if ranges and s <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], e)
        else:
            ranges.append((s, e))
    return ranges


_NAMED_ROLES = {"absent_names": "absent", "absent_list": "absent", "present_list": "present"}


def _count_names(names: str, rules: _Rules) -> int | None:
    """How many people a run of names lists; None when an item is not a name."""
    items = [it.strip() for it in _NAME_SEPARATORS.split(_BRACKETED.sub("", names))]
    if not items or any(not it or rules.not_name.search(it) for it in items):
        return None
    return len(items)


def _statements(report: Report) -> list[_Statement]:
    rules = attendance_rules()
    view = report.view
    bounds = _Bounds(report)
    ranges = _ranges(view, rules, bounds)
    taken = TakenSpans(len(view))
    found: list[_Statement] = []
    # what each range holds of the characters the patterns need, as bits (rules.needs):
    # then one integer test per pattern and range tells whether it can match there
    held = []
    need_bits, need_chars = rules.need_bits, rules.need_char.findall
    for s, e in ranges:
        bits = 0
        for ch in set(need_chars(view, s, e)):  # (findall in C: a set of the range cost more)
            bits |= need_bits[ch]
        held.append(bits)
    for (role, pattern), needs in zip(rules.patterns, rules.needs):
        finditer = None  # the pattern is compiled for the first range that can hold a match
        for (start, end), bits in zip(ranges, held):
            if bits & needs != needs:
                continue
            if finditer is None:
                finditer = pattern.compiled.finditer
            for m in finditer(view, start, end):
                st = _statement(view, rules, role, m, bounds, taken)
                if st is not None:
                    found.append(st)
    found.sort(key=lambda st: st.start)
    return found


def _statement(view: str, rules: _Rules, role: str, m: re.Match, bounds: _Bounds,
               taken: TakenSpans) -> _Statement | None:
    """The statement the match ``m`` of a ``role`` pattern makes, when it is one about the
    members and reads no text an earlier statement took (it then takes it)."""
    s, e = m.span()
    if taken.overlaps(s, e):
        return None
    if not _is_members(view, rules, m, bounds):
        return None
    value, masked = None, False
    groups = m.groupdict()
    if groups.get("n") is not None:
        raw = groups["n"]
        masked = "×" in raw
        if not masked:
            value = parse_count(raw)
            if value is None or value > rules.max_count:
                return None
    elif groups.get("names") is not None:
        value = _count_names(groups["names"], rules)
        if value is None:
            return None
    if role == "all" and rules.rest.search(view[max(0, s - 6):s]):
        role = "present"  # 其余6名同志全部参加: the others were away
    role = _NAMED_ROLES.get(role, role)
    taken.take(s, e)
    return _Statement(role, s, e, value, masked)


def _clusters(statements: list[_Statement], window: int) -> list[list[_Statement]]:
    clusters: list[list[_Statement]] = []
    for st in statements:
        if clusters and st.start - clusters[-1][-1].end <= window:
            clusters[-1].append(st)
        else:
            clusters.append([st])
    return clusters


def _roles(cluster: list[_Statement]) -> set[str]:
    roles = set()
    for st in cluster:
        if st.role == "all":
            roles.update(ROLES)
        elif st.role == "absent_zero":
            roles.add("absent")
        else:
            roles.add(st.role)
    return roles


def extract(report: Report) -> dict:
    rules = attendance_rules()
    result = {"expected": None, "present": None, "absent": None, "redacted": False,
              "evidence": []}
    statements = _statements(report)
    if not statements:
        return {"attendance": result}
    clusters = _clusters(statements, rules.window)
    best = max(clusters, key=lambda c: (len(_roles(c)), -c[0].start))

    known: dict[str, int | None] = {}  # role -> value (None: stated but masked)
    used: list[_Statement] = []
    redacted = False

    def put(role: str, value: int | None, st: _Statement) -> None:
        if role in known:
            if known[role] is not None and value is not None and known[role] != value:
                report.warnings.append(
                    f"attendance: {role} stated as {known[role]} and as {value}; kept the first")
            return
        known[role] = value
        if st not in used:
            used.append(st)

    for st in best:
        if st.role == "absent_zero":
            continue
        redacted = redacted or st.masked
        if st.role == "all":
            put("expected", st.value, st)
            put("present", st.value, st)
            put("absent", 0, st)
        else:
            put(st.role, st.value, st)
    for st in best:
        if st.role == "absent_zero":
            put("absent", 0, st)

    if "expected" not in known and rules.expected_elsewhere and known.get("present") is not None:
        floor = known["present"] + (known.get("absent") or 0)
        for st in statements:
            if st.role == "expected" and st not in best and st.value is not None:
                if st.value >= floor:
                    put("expected", st.value, st)
                break

    e, p, a = known.get("expected"), known.get("present"), known.get("absent")
    if e is not None and p is not None and a is None and "absent" not in known:
        if e >= p:
            a = e - p
        else:
            report.warnings.append(f"attendance: {p} present but only {e} expected")
    elif e is None and "expected" not in known and p is not None and a is not None:
        e = p + a
    elif p is None and "present" not in known and e is not None and a is not None:
        if e >= a:
            p = e - a
        else:
            report.warnings.append(f"attendance: {a} absent but only {e} expected")
    if e is not None and p is not None and a is not None and e != p + a:
        report.warnings.append(
            f"attendance: expected {e} is not present {p} + absent {a}")
    result.update(expected=e, present=p, absent=a, redacted=redacted,
                  evidence=[report.span(st.start, st.end) for st in sorted(used, key=lambda s: s.start)])
    return {"attendance": result}
