"""Where the meeting was held: ``location`` (会议地点：… / 在…会议室召开).

The cues are data (``data/location.toml``): a labelled place, or a place ending in a kind
of room or venue right before 召开 / 举行.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.report import Report
from extractor.resources import load_toml


# the report facts read, filled by earlier components
READS = ()


@lru_cache(maxsize=1)
def location_cues() -> tuple[re.Pattern, ...]:
    data = load_toml("location.toml")
    return tuple(re.compile(p) for key in ("labelled", "held") for p in data[key])


def extract(report: Report) -> dict:
    best = None
    for pattern in location_cues():
        m = pattern.search(report.view)
        if m and (best is None or m.start("place") < best[0]):
            best = m.span("place")
    return {"location": report.span(*best) if best else None}
