"""Who chaired the meeting: ``chair`` (会议由…主持 / 主持人：… / …主持会议).

The chair is one of the people the people extractor found, next to a chair cue; failing
that, a name at a strong cue ("主持人：…", "由…主持", "书记…主持") whose first character is
a surname.
The chair is also one of the people (RECORD.md): a fallback name is added to them. A
redacted chair (xx同志主持) is none. The cues are data: ``data/chair.toml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.match.gates import first_char_led
from extractor.regex_store import compile_regex
from extractor.report import Report
from extractor.fields import ner
from extractor.resources import load_toml

# how far around a person the cues are looked for
_REACH = 24


@dataclass(frozen=True)
class ChairCues:
    after: tuple[re.Pattern, ...]
    before: tuple[re.Pattern, ...]
    fallback: tuple[re.Pattern, ...]
    surnames: frozenset
    compound_surnames: frozenset
    not_in_name: frozenset


# the report facts read, filled by earlier components
READS = ("people",)


@lru_cache(maxsize=1)
def chair_cues() -> ChairCues:
    data = load_toml("chair.toml")
    single, compound = ner.surnames()  # the whole list: the cue is strong enough for rare ones
    return ChairCues(tuple(compile_regex(p) for p in data["after"]),
                     tuple(compile_regex(p) for p in data["before"]),
                     # (scanned over the view: led by their first characters where need be)
                     tuple(first_char_led(p) for p in data["fallback"]), single, compound,
                     frozenset(data["not_in_name"]))


def extract(report: Report) -> dict:
    cues = chair_cues()
    view = report.view
    people = report.fields.get("people") or []
    for person in people:
        after = view[person["end"]:person["end"] + _REACH]
        before = view[max(0, person["start"] - _REACH):person["start"]]
        if any(p.search(after) for p in cues.after) or any(p.search(before) for p in cues.before):
            return {"chair": dict(person)}
    for pattern in cues.fallback:
        for m in pattern.finditer(view):
            s, e = m.span("name")
            if view[s] not in cues.surnames and view[s:s + 2] not in cues.compound_surnames:
                continue
            if cues.not_in_name.intersection(view[s:e]):
                continue
            chair = {"name": report.text[s:e], "start": s, "end": e, "role": None}
            if not any(p["name"] == chair["name"] for p in people):
                report.fields["people"] = sorted([*people, dict(chair)], key=lambda p: p["start"])
            return {"chair": chair}
    return {"chair": None}
