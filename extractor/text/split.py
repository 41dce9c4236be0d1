"""The report splitter: one decoded file → the reports it holds.

A new report starts at a title line (``layout.is_title``) once the report before it has
a body of its own; a title's issuer lines just above it (中共XX委员会) go with it. Untitled
briefs pasted one after another are told apart by a gap wider than the file's usual gap
between paragraphs, when the block after it opens with an account of a meeting, or by a
paragraph that opens with another unit holding its meeting (近日，××村党支部召开…生活会)
in a report without headings whose own opening named a different unit. Web-page
chrome at either end of a report is trimmed off; chrome inside stays in the text (offsets
must not move) and is blanked out of the view. A file with no title is one report.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import chain, islice, repeat
from operator import sub
from typing import Iterator

from statistics import median_low

from extractor.regex_store import compile_regex
from extractor.text.layout import line_kind
from extractor.text.normalize import normalize
from extractor.text.sections import heading_match

# Body characters a report needs before a further title line starts a new report.
MIN_BODY_CHARS = 60
# Short lines above a title that belong to it (issuer, 机密 marks), at most this many.
MAX_ISSUER_LINES = 2
MAX_ISSUER_CHARS = 30
# A signing date closing the report before is not an issuer line of the next title.
_DATE_LIKE = compile_regex(r"\d{2,}|〇|年.{0,4}月|月.{0,4}日")
# An untitled block after a wide gap is a report of its own when it opens like one.
# (组织 as the verb, not the 组织 of 组织生活会: a photo caption's paragraph that only
# names the meeting opens no report.)
_MEETING_ACCOUNT = compile_regex(r"(召开|举行|开展|组织(?!生活会)|举办).{0,40}(生活会|民主评议)")
ACCOUNT_WITHIN = 200
# Extra blank lines, beyond the usual paragraph gap, that make a gap wide.
WIDE_GAP = 2
# A paragraph opening with a unit holding its meeting: "1月12日，县卫健局党组召开…民主生活会".
# It ends with the meeting's name (_OPENING_MEETINGS): split_reports looks for that in a
# line first.
_OPENING_MEETINGS = ("生活会", "民主评议")
_BRIEF_OPENING = compile_regex(
    r"^\s*(?:(?:[0-9〇一二三四五六七八九十×]{1,4}年)?[0-9一二三四五六七八九十×]{1,3}月[0-9一二三四五六七八九十×]{1,3}日"
    r"(?:[上下]午)?|近日|日前|近期|[0-9一二三四五六七八九十×]{1,3}月(?:上旬|中旬|下旬|初|底))\s*[,，]?\s*"
    r"(?P<org>[^,，。;；:：]{2,30}?)(?:召开|举行|组织召开|开展)[^。]{0,30}(?:" + "|".join(_OPENING_MEETINGS) + ")")


@dataclass(frozen=True)
class ReportSpan:
    start: int
    end: int


class _Lines:
    """The lines of a view as offsets (8 bytes a line), sliced on demand: a list of line
    strings and (start, end) tuples took some 300 bytes a line, a gigabyte for a 50 MB
    file of short lines."""

    def __init__(self, view: str):
        self.view = view
        self.starts = array("q", [0])
        find, pos = view.find, 0
        while (nl := find("\n", pos)) >= 0:
            self.starts.append(nl + 1)
            pos = nl + 1

    def __len__(self) -> int:
        return len(self.starts)

    def bounds(self, i: int) -> tuple[int, int]:
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.view)
        return self.starts[i], end

    def __getitem__(self, i: int) -> str:
        start, end = self.bounds(i)
        return self.view[start:end]

    def __iter__(self) -> Iterator[str]:
        """The lines in order, sliced in C (map): the splitter reads every line of a file."""
        ends = chain(map(sub, islice(self.starts, 1, None), repeat(1)), (len(self.view),))
        return map(self.view.__getitem__, map(slice, self.starts, ends))


def split_reports(text: str, view: str | None = None) -> list[ReportSpan]:
    """Offsets of the reports in a decoded file (no reports when it has no content)."""
    view = normalize(text) if view is None else view
    lines = _Lines(view)
    kinds = list(map(line_kind, lines))

    wide = _after_wide_gaps(kinds)
    starts: list[int] = []  # line indexes where reports start
    body = 0
    opening_unit: str | None = None  # the unit the current report opened with
    headed = False  # the current report has section headings
    title = ""  # the current report's title line
    after_heading = False  # the last content line was a section heading
    for i, (kind, s) in enumerate(zip(kinds, lines)):
        if kind == "blank" or kind == "chrome":
            continue  # neither starts a report nor counts as its body
        if kind == "title":
            if starts and s.strip() == title.strip():
                continue  # the report's title again (a page repeats it above each photo)
            if starts and body >= MIN_BODY_CHARS:
                starts.append(_with_issuer_lines(i, lines, kinds, starts[-1]))
                body, opening_unit, headed = 0, None, False
                title = s
            elif not starts:
                starts.append(i)
                title = s
            continue
        # (the opening names the meeting: a line without its name is no such opening;
        # map of the bound test runs in C, a generator cost three times as much a line)
        opening = _BRIEF_OPENING.match(s) if any(map(s.__contains__, _OPENING_MEETINGS)) else None
        unit = opening.group("org").strip() if opening else None
        if not starts:
            starts.append(i)
        elif body >= MIN_BODY_CHARS and not (unit and unit in title) and (
                (i in wide and not after_heading and _opens_report(i, lines, view))
                or (unit and opening_unit and not headed and not _same_unit(unit, opening_unit))):
            # (an account of the meeting its own title names stays in the report)
            starts.append(i)
            body, opening_unit, headed, title = 0, None, False, ""
        body += len(s.strip())
        after_heading = heading_match(s) is not None
        headed = headed or after_heading
        opening_unit = opening_unit or unit
    # a title line left alone at the end (a page repeating its title below the text) is
    # the foot of the report before it, not a report
    while len(starts) > 1 and all(k in ("title", "blank", "chrome") for k in kinds[starts[-1]:]):
        starts.pop()
    reports = []
    for n, first in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(lines)) - 1
        while last > first and kinds[last] in ("blank", "chrome"):
            last -= 1
        reports.append(ReportSpan(lines.bounds(first)[0], lines.bounds(last)[1]))
    return reports


def _with_issuer_lines(i: int, lines: "_Lines", kinds, floor: int) -> int:
    """Move a report's start up over the short issuer lines right above its title."""
    first = i
    for j in range(i - 1, max(floor, i - 1 - MAX_ISSUER_LINES), -1):
        s = lines[j].strip()
        if kinds[j] != "body" or len(s) > MAX_ISSUER_CHARS or any(p in s for p in "。，,;；：:") \
                or _DATE_LIKE.search(s):
            break
        first = j
    return first


def _after_wide_gaps(kinds: list[str]) -> set[int]:
    """Content lines that follow a gap wider than the file's usual paragraph gap."""
    # one pass, the gaps kept as a compact array: per-line dicts cost a gigabyte on 50 MB
    followers, gaps = array("q"), array("q")
    last, blanks = None, 0
    for i, k in enumerate(kinds):
        if k in ("title", "body"):
            if last is not None:
                followers.append(i)
                gaps.append(blanks)
            last, blanks = i, 0
        elif k == "blank":
            blanks += 1
    if not gaps:
        return set()
    usual = median_low(gaps)
    return {i for i, n in zip(followers, gaps) if n >= usual + WIDE_GAP}


def _opens_report(i: int, lines: "_Lines", view: str) -> bool:
    """Does the block starting at line i open with an account of a meeting?"""
    first = lines[i].strip()
    if heading_match(first) is not None:
        return False
    start = lines.bounds(i)[0]
    return _MEETING_ACCOUNT.search(view, start, start + ACCOUNT_WITHIN) is not None


def _same_unit(a: str, b: str) -> bool:
    return a in b or b in a
