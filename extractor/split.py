"""The report splitter: one decoded file → the reports it holds.

A new report starts at a title line (``layout.is_title``) once the report before it has
a body of its own; a title's issuer lines just above it (中共XX委员会) go with it. Web-page
chrome at either end of a report is trimmed off; chrome inside stays in the text (offsets
must not move) and is blanked out of the view. A file with no title is one report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import is_chrome, is_title, iter_lines
from .normalize import normalize

# Body characters a report needs before a further title line starts a new report.
MIN_BODY_CHARS = 60
# Short lines above a title that belong to it (issuer, 机密 marks), at most this many.
MAX_ISSUER_LINES = 2
MAX_ISSUER_CHARS = 30
# A signing date closing the report before is not an issuer line of the next title.
_DATE_LIKE = re.compile(r"\d{2,}|〇|年.{0,4}月|月.{0,4}日")


@dataclass(frozen=True)
class ReportSpan:
    start: int
    end: int


def split_reports(text: str, view: str | None = None) -> list[ReportSpan]:
    """Offsets of the reports in a decoded file (no reports when it has no content)."""
    view = normalize(text) if view is None else view
    lines = list(iter_lines(view))
    kinds = []
    for ln in lines:
        s = ln.slice(view)
        if not s.strip():
            kinds.append("blank")
        elif is_chrome(s):
            kinds.append("chrome")
        elif is_title(s):
            kinds.append("title")
        else:
            kinds.append("body")

    starts: list[int] = []  # line indexes where reports start
    body = 0
    for i, kind in enumerate(kinds):
        if kind == "title" and starts and body >= MIN_BODY_CHARS:
            starts.append(_with_issuer_lines(i, lines, kinds, view, starts[-1]))
            body = 0
        elif kind in ("title", "body") and not starts:
            starts.append(i)
        elif kind == "body":
            body += len(lines[i].slice(view).strip())
    reports = []
    for n, first in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(lines)) - 1
        while last > first and kinds[last] in ("blank", "chrome"):
            last -= 1
        reports.append(ReportSpan(lines[first].start, lines[last].end))
    return reports


def _with_issuer_lines(i: int, lines, kinds, view: str, floor: int) -> int:
    """Move a report's start up over the short issuer lines right above its title."""
    first = i
    for j in range(i - 1, max(floor, i - 1 - MAX_ISSUER_LINES), -1):
        s = lines[j].slice(view).strip()
        if kinds[j] != "body" or len(s) > MAX_ISSUER_CHARS or any(p in s for p in "。，,;；：:") \
                or _DATE_LIKE.search(s):
            break
        first = j
    return first
