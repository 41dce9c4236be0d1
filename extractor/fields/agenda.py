"""The meeting agenda items, where the report enumerates them.

Only an enumerated agenda counts: a list (match/lists.py) introduced as the agenda
("会议共有四项议程：一是……", "会议按以下程序进行：1.……", "会议分为两个部分，首先……其次……",
"会议第一项，……会议第二项，……", a "（二）会议议程" section with its sub-items), or an agenda
stated inline with its count ("共有两个议程：A和B"). One item per entry, the numbering kept in
the text. The cues are data (``data/lists.toml``: ``[intro].agenda``, ``[heading].agenda``,
the markers, ``[inline_agenda]``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.match import lists
from extractor.report import Report
from extractor.resources import load_toml
from extractor.text.numerals import parse_int


@lru_cache(maxsize=1)
def _inline_cues() -> tuple[re.Pattern, re.Pattern]:
    data = load_toml("lists.toml")["inline_agenda"]
    return re.compile(data["pattern"]), re.compile(data["separators"])


def inline_agenda(view: str) -> list[tuple[int, int]]:
    """The parts of an agenda stated inline with its count, when they are that many."""
    pattern, separators = _inline_cues()
    for m in pattern.finditer(view):
        count = parse_int(m.group("count"))
        lo, hi = m.span("items")
        parts, pos = [], lo
        for sep in separators.finditer(view, lo, hi):
            parts.append((pos, sep.start()))
            pos = sep.end()
        parts.append((pos, hi))
        parts = [(s, e) for s, e in parts if view[s:e].strip()]
        if count and len(parts) == count:
            return parts
    return []


def extract(report: Report) -> dict:
    an = lists.analysis_of(report)
    items = an.agenda
    stated = inline_agenda(report.view)
    if stated and len(stated) != len(items):
        items = stated
    return {"agenda": [lists.item_span(report, s, e) for s, e in items]}
