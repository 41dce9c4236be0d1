"""Enumerated rectification / next-step measures (整改措施, 下一步, 表态, a chair's 要求 …).

The items of the lists the list reader (match/lists.py) classed as measures, and in a
measures section without any list, one per plain paragraph.
"""
from __future__ import annotations

from extractor.match import lists
from extractor.report import Report

# the report facts read, filled by earlier components
READS = ("title", "sections")


def extract(report: Report) -> dict:
    an = lists.analysis_of(report)
    return {"measures": [lists.item_span(report, s, e) for s, e in an.measures]}
