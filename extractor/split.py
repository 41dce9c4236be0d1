"""The report splitter: one decoded file → the reports it holds.

A new report starts at a title line (``layout.is_title``) once the report before it has
a body of its own; a title's issuer lines just above it (中共XX委员会) go with it. Untitled
briefs pasted one after another are told apart by a gap wider than the file's usual gap
between paragraphs, when the block after it opens with an account of a meeting. Web-page
chrome at either end of a report is trimmed off; chrome inside stays in the text (offsets
must not move) and is blanked out of the view. A file with no title is one report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from statistics import median_low

from .layout import is_chrome, is_title, iter_lines
from .normalize import normalize
from .sections import heading_match

# Body characters a report needs before a further title line starts a new report.
MIN_BODY_CHARS = 60
# Short lines above a title that belong to it (issuer, 机密 marks), at most this many.
MAX_ISSUER_LINES = 2
MAX_ISSUER_CHARS = 30
# A signing date closing the report before is not an issuer line of the next title.
_DATE_LIKE = re.compile(r"\d{2,}|〇|年.{0,4}月|月.{0,4}日")
# An untitled block after a wide gap is a report of its own when it opens like one.
_MEETING_ACCOUNT = re.compile(r"(召开|举行|开展|组织|举办).{0,40}(生活会|民主评议)")
ACCOUNT_WITHIN = 200
# Extra blank lines, beyond the usual paragraph gap, that make a gap wide.
WIDE_GAP = 2


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

    wide = _after_wide_gaps(kinds)
    starts: list[int] = []  # line indexes where reports start
    body = 0
    for i, kind in enumerate(kinds):
        if kind == "title" and starts and body >= MIN_BODY_CHARS:
            starts.append(_with_issuer_lines(i, lines, kinds, view, starts[-1]))
            body = 0
        elif kind in ("title", "body") and not starts:
            starts.append(i)
            body = len(lines[i].slice(view).strip()) if kind == "body" else 0
        elif kind == "body" and i in wide and body >= MIN_BODY_CHARS and _opens_report(i, lines, kinds, view):
            starts.append(i)
            body = len(lines[i].slice(view).strip())
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


def _after_wide_gaps(kinds: list[str]) -> set[int]:
    """Content lines that follow a gap wider than the file's usual paragraph gap."""
    content = [i for i, k in enumerate(kinds) if k in ("title", "body")]
    gaps = {b: kinds[a + 1:b].count("blank") for a, b in zip(content, content[1:])}
    if not gaps:
        return set()
    usual = median_low(gaps.values())
    return {i for i, n in gaps.items() if n >= usual + WIDE_GAP}


def _opens_report(i: int, lines, kinds, view: str) -> bool:
    """Does the block starting at line i open with an account of a meeting?"""
    first = lines[i].slice(view).strip()
    if heading_match(first) is not None:
        return False
    opening = view[lines[i].start:lines[i].start + ACCOUNT_WITHIN]
    return _MEETING_ACCOUNT.search(opening) is not None
