"""What the field finders of one report share: its view, its title line, the 《》 it cites,
and where a clause starts and a sentence ends around a position."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.report import Report

BOOK = compile_regex(r"《[^《》\n]{0,200}》")
SENTENCE_END = "。!?;\n"
CLAUSE_END = SENTENCE_END + ",:、"

_SENTENCE_STOP = compile_regex(f"[{re.escape(SENTENCE_END)}]")


@lru_cache(maxsize=None)
def _through_last_stop(stops: str) -> re.Pattern:
    """Matches from where it starts up to and including the last of ``stops`` in reach."""
    return compile_regex(f"[\\s\\S]*[{re.escape(stops)}]")


class ReportContext:
    """What the field finders share about one report."""

    def __init__(self, report: Report):
        # (not the report itself: kept on it, the context would make a reference cycle, and
        # a report and all that hangs on it would wait for the cyclic garbage collector)
        self.view = report.view
        self.title = report.title  # (start, end) or None
        self.books = [m.span() for m in BOOK.finditer(self.view)]
        self._book_starts = [s for s, _ in self.books]

    def in_book(self, pos: int, opening: bool = False) -> bool:
        """Whether ``pos`` is inside a 《》 citation (on its 《 too, with ``opening``)."""
        i = bisect.bisect_right(self._book_starts, pos) - 1
        return i >= 0 and (self.books[i][0] < pos or opening) and pos < self.books[i][1]

    def in_title(self, pos: int) -> bool:
        return self.title is not None and self.title[0] <= pos < self.title[1]

    def title_view(self) -> str:
        return self.view[self.title[0]:self.title[1]] if self.title else ""

    def clause_start(self, pos: int, stops: str = CLAUSE_END, reach: int = 60) -> int:
        lo = max(0, pos - reach)
        last = _through_last_stop(stops).match(self.view, lo, pos)
        return last.end() if last else lo

    def sentence_end(self, pos: int, reach: int = 160) -> int:
        hi = min(len(self.view), pos + reach)
        stop = _SENTENCE_STOP.search(self.view, pos, hi)
        return stop.start() if stop else hi

    def body_start(self) -> int:
        return self.title[1] if self.title else 0


def context_of(report: Report) -> ReportContext:
    """The context of a report, made on first use and kept on the report (the title is
    found before any field reads it)."""
    if report.context is None:
        report.context = ReportContext(report)
    return report.context
