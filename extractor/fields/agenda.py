"""The meeting agenda items, where the report enumerates them.

Only an enumerated agenda counts: a list (match/lists.py) introduced as the agenda
("会议共有四项议程：一是……", "会议按以下程序进行：1.……", a "（二）会议议程" section with
its sub-items). One item per entry, the numbering kept in the text. The cues are data
(``data/lists.toml``, ``[intro].agenda`` and ``[heading].agenda``).
"""
from __future__ import annotations

from extractor.match import lists
from extractor.report import Report


def extract(report: Report) -> dict:
    an = lists.analysis_of(report)
    return {"agenda": [lists.item_span(report, s, e) for s, e in an.agenda]}
