"""Where the meeting was held: ``location`` (会议地点：… / 在…会议室召开).

The cues are data (``data/location.toml``): a labelled place, or a place right after 在 / 于
and before the meeting verb (or a comma and the verb: 在…会议室，召开) that ends with a kind
of room or venue, or names a building and a room number. The first one in the report wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.match.gates import Runs, first_char_led, runs_of, search_within_runs
from extractor.match.patterns import word_trie
from extractor.match.regex_facts import few_needed_chars, holds_needed, never_taken
from extractor.regex_store import compile_regex
from extractor.report import STOP_CHARS, Report
from extractor.resources import load_toml

# the report facts read, filled by earlier components
READS = ()

_ROOM_NUMBER = r"[A-Za-z]?[0-9]+(?:[-－][0-9]+)*"
_LONG_ROOM_NUMBER = r"[A-Za-z]?[0-9]{3,}(?:[-－][0-9]+)*|[A-Za-z]?[0-9]+(?:[-－][0-9]+)+"
_COMMA_PLACE_MAX = 34  # a preposition and the longest place before a comma



@dataclass(frozen=True)
class PlaceCue:
    pattern: re.Pattern
    needs: tuple[frozenset, ...]  # small sets of characters a match needs one of each of
    # (the held pattern is slow to fail at each 在 / 于 of a report: it is tried only at
    # those with a verb after them in their run); None: searched everywhere
    runs: Runs | None = None


def _char_and_venue(data: dict) -> tuple[str, str]:
    """A character a place may hold, and a kind of room or venue ending one."""
    return (f"[^{re.escape(data['not_in_place'])}]",
            f"(?:{word_trie(data['venues'])})(?:{_ROOM_NUMBER})?")


@lru_cache(maxsize=1)
def location_cues() -> tuple[PlaceCue, ...]:
    data = load_toml("location.toml")
    char, venue = _char_and_venue(data)
    building = f"(?:{word_trie(data['buildings'])}){char}{{0,6}}?{_ROOM_NUMBER}(?:室|教室|会议室)?"
    # a building's name and a room number alone (于东楼2-305召开): a number too long or
    # too joined to be a date or a time
    numbered = f"{char}{{1,8}}?(?:{_LONG_ROOM_NUMBER})"
    place = f"{char}{{0,30}}?(?:{venue}|{building})|{_ROOM_NUMBER}室|{numbered}"
    prepositions, verbs = word_trie(data["prepositions"]), word_trie(data["verbs"])
    held = f"(?:{prepositions})(?P<place>{place}){data['between']}(?:{verbs})"
    # (the labelled pattern has no fixed first character for the regex to skip ahead
    # with: a few substring tests tell a view without a label sooner, and where they
    # pass, a look at its possible first characters leads it)
    cues = [PlaceCue(first_char_led(p), few_needed_chars(p)) for p in data["labelled"]]
    outside = never_taken(held, "".join(sorted(STOP_CHARS)))
    openings = "".join(data["prepositions"])
    single = all(len(word) == 1 for word in data["prepositions"])
    runs = runs_of(openings, verbs, outside) \
        if outside and single and not set(openings) & set("".join(data["verbs"])) else None
    return (*cues, PlaceCue(first_char_led(held), few_needed_chars(held), runs))


@lru_cache(maxsize=1)
def comma_cue() -> tuple[tuple[str, ...], re.Pattern]:
    """A place set off from the meeting verb by a comma (在崇德楼四楼会议室，召开……): the
    comma and a verb, found with str.find (rare, so cheaper than any scan), and the
    preposition and place that must end right before the comma."""
    data = load_toml("location.toml")
    char, venue = _char_and_venue(data)
    place = f"(?:{word_trie(data['prepositions'])})(?P<place>{char}{{0,30}}?{venue})$"
    return tuple("," + verb for verb in data["verbs"]), compile_regex(place)


def _before_comma(view: str) -> tuple[int, int] | None:
    """The first place written before a comma and the meeting verb."""
    after, place = comma_cue()
    best = None
    for needle in after:
        i = view.find(needle)
        while i != -1 and (best is None or i < best[1]):
            m = place.search(view, max(0, i - _COMMA_PLACE_MAX), i)
            if m:
                best = m.span("place")
                break
            i = view.find(needle, i + 1)
    return best


def first_match(view: str, cue: PlaceCue) -> re.Match | None:
    """cue.pattern.search(view), tried only within its runs when it has them."""
    if cue.runs is None:
        return cue.pattern.search(view)
    return search_within_runs(view, cue.pattern, cue.runs)


def extract(report: Report) -> dict:
    best = None
    for cue in location_cues():
        if not holds_needed(report.view, cue.needs):
            continue
        m = first_match(report.view, cue)
        if m and (best is None or m.start("place") < best[0]):
            best = m.span("place")
    comma = _before_comma(report.view)
    if comma and (best is None or comma[0] < best[0]):
        best = comma
    return {"location": report.span(*best) if best else None}
