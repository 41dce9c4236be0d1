"""Regexes entered only where a match can start.

``re`` skips ahead in C to the next place a match can start only when the pattern opens
with a character, a class or a choice of plain words; one that opens with a look behind,
an optional group or a choice holding a class (``(?<![0-9])…年度``, ``(深入贯彻)?中央八项
规定…``, ``(书记|[区县]长)…``) is entered at every place of the text. Led by a look at
the characters a match may start with (``regex_facts.first_chars``), it finds the same
matches, entered only there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre, _parser as sre_parser

from extractor.match.alternatives import top_alternatives, top_level
from extractor.match.regex_facts import first_chars
from extractor.regex_store import compile_regex
from extractor.report import positions


# flags for the whole pattern, which must open it (no look can be put before them)
_GLOBAL_FLAGS = compile_regex(r"\(\?[aiLmsux]+\)")


def _gated_source(pattern: str) -> str:
    """The source of first_char_gated(pattern)."""
    first = first_chars(pattern)
    if first is None or _GLOBAL_FLAGS.match(pattern):
        return pattern
    return f"(?=[{re.escape(first)}])(?:{pattern})"


def first_char_gated(pattern: str) -> re.Pattern:
    """The pattern, led by a look at the characters a match may start with when those are
    known: the same matches, but the pattern is no longer entered at every place, only
    where a match may start."""
    return compile_regex(_gated_source(pattern))


def first_char_led(pattern: str) -> re.Pattern:
    """The pattern, first_char_gated when it opens with nothing the engine can skip ahead
    to by itself (see _opens_without_first_char), which then enters it at every place (a
    pattern that opens with a character, a class or a choice of words it skips ahead with
    faster than the gate)."""
    return first_char_gated(pattern) if _opens_without_first_char(pattern) else compile_regex(pattern)


def first_char_led_source(pattern: str) -> str:
    """The source of first_char_led(pattern), for a regex compiled later (LazyRegex)."""
    return _gated_source(pattern) if _opens_without_first_char(pattern) else pattern


def _opens_without_first_char(pattern: str) -> bool:
    """Whether the pattern opens with a look behind (年度's (?<![0-9×])), an optional group
    ((深入贯彻)?中央八项规定…) or a group with a choice that opens so or with a class
    ((书记|[区县]长)…): then the engine has no first character to skip ahead with."""
    if pattern.startswith(("(?<=", "(?<!")):
        return True
    if not pattern.startswith("("):
        return False
    end = next((i for i, c in top_level(pattern) if c == ")"), None)  # where the group closes
    if end is None or pattern.startswith(("?", "*", "{0"), end + 1):
        return end is not None
    body = pattern[1:end]
    if body.startswith("?P<"):
        body = body[body.index(">") + 1:]
    elif body.startswith("?:"):
        body = body[2:]
    elif body.startswith("?"):
        return True  # a look ahead or a flag
    return any(not choice or choice[0] in "[.\\" or _opens_without_first_char(choice)
               for choice in top_alternatives(body))


def matches_at_first_chars(view: str, pattern: re.Pattern, first: str | None) -> list[re.Match]:
    """pattern.finditer(view), for a pattern whose (never empty) matches start with one of
    the characters ``first`` (None: not known): tried only where those stand, found by
    str.find, faster than the engine's own scan of a pattern that opens with a choice of
    words when those characters are few and rare (所属|下属|下设, 民主|组织)."""
    if first is None:
        return list(pattern.finditer(view))
    found, pos = [], 0
    for start in positions_of_any(view, first):
        if start >= pos:  # (not inside the match before)
            m = pattern.match(view, start)
            if m is not None:
                found.append(m)
                pos = m.end()
    return found


def positions_of_any(view: str, needles) -> list[int]:
    """Where any of the strings (or characters) stands in the view, in order (overlaps
    included). str.find runs far faster than the regex engine for a few rare strings."""
    found = []
    for needle in needles:
        found += positions(view, needle)
    found.sort()
    return found


def never_taken(pattern: str, among: str) -> str:
    """Those of the characters ``among`` that no match of the regex holds, in their order:
    a match lies inside a run of text without them. Looks ahead or behind read past a
    match but hold nothing of it; a class with a category (``\\s``) is taken to hold them
    all. "" when not known (flags that fold case, a pattern ``re`` cannot read)."""
    try:
        parsed = sre_parser.parse(pattern)
    except re.error:
        return ""
    if parsed.state.flags & re.IGNORECASE:
        return ""
    held: set = set()
    _hold(parsed.data, set(among), held, bool(parsed.state.flags & re.DOTALL))
    return "".join(ch for ch in among if ch not in held)


def _hold(items, among: set, held: set, dotall: bool) -> None:
    """Add to ``held`` the characters of ``among`` the parsed items may match."""
    for op, av in items:
        if op is sre.LITERAL:
            held.add(chr(av))
        elif op is sre.NOT_LITERAL:
            held.update(among - {chr(av)})
        elif op is sre.ANY:
            held.update(among if dotall else among - {"\n"})
        elif op is sre.IN:
            held.update(ch for ch in among if _in_class(ord(ch), av))
        elif op is sre.BRANCH:
            for branch in av[1]:
                _hold(branch.data, among, held, dotall)
        elif op is sre.SUBPATTERN:
            _hold(av[3].data, among, held, dotall)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _hold(av[2].data, among, held, dotall)
        elif op is sre.ATOMIC_GROUP:
            _hold(av.data, among, held, dotall)
        elif op is sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    _hold(branch.data, among, held, dotall)
        elif op not in (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.GROUPREF):
            held.update(among)  # (an item not read here: it may hold any of them)


def _in_class(code: int, items) -> bool:
    """Whether a character class may match the character (a category: yes)."""
    negate = items[0][0] is sre.NEGATE
    for op, av in items[negate:]:
        if op is sre.CATEGORY or op is sre.LITERAL and av == code \
                or op is sre.RANGE and av[0] <= code <= av[1]:
            return True if op is sre.CATEGORY else not negate
    return negate



@dataclass(frozen=True)
class Runs:
    """Where a match of a pattern may stand, for a pattern whose matches open with one of
    the characters ``openings``, end with a word that holds none of them, and hold none of
    the characters ``stops``: at an opening with such a word after it in its run of text
    between stops."""
    stops: str
    openings: re.Pattern
    # an opening with the word before the next opening or stop: its run's last opening
    # that has the word after it (each text between openings is read once: linear)
    scope: re.Pattern


def runs_of(openings: str, closing: str, stops: str) -> Runs:
    """The Runs of a pattern whose matches open with one of the characters ``openings``,
    end with a match of the regex ``closing`` (which holds none of them) and hold none
    of ``stops``."""
    opening = f"[{re.escape(openings)}]"
    return Runs(stops, compile_regex(opening),
                compile_regex(f"{opening}[^{re.escape(openings + stops)}]*(?:{closing})"))


def search_within_runs(view: str, pattern: re.Pattern, runs: Runs) -> re.Match | None:
    """pattern.search(view), tried only at the openings of ``runs`` with a closing word
    after them in their run (a pattern slow to fail is no longer entered at every
    opening): those of the run of each opening the scope finds, in order."""
    pos = 0
    while (scoped := runs.scope.search(view, pos)) is not None:
        last = scoped.start()
        # (the openings before, up to the run's start, have the same word after them; those
        # before the run have none in theirs, or the scope would have found them first)
        run_start = max(pos, *(view.rfind(stop, pos, last) + 1 for stop in runs.stops))
        for opening in runs.openings.finditer(view, run_start, last + 1):
            found = pattern.match(view, opening.start())
            if found is not None:
                return found
        pos = last + 1
    return None
