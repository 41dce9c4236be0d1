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

from extractor.match.alternatives import top_alternatives, top_level
from extractor.match.patterns import matches_at
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
    return matches_at(pattern, view, positions_of_any(view, first))


def positions_of_any(view: str, needles) -> list[int]:
    """Where any of the strings (or characters) stands in the view, in order (overlaps
    included). str.find runs far faster than the regex engine for a few rare strings."""
    found = []
    for needle in needles:
        found += positions(view, needle)
    found.sort()
    return found


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
