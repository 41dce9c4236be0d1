"""What a field extractor sees of one report: the text, its view, and what came before.

Every field module exposes ``extract(report: Report) -> dict`` returning the record
fields it fills (names as in RECORD.md / schema.py) and appends to ``report.warnings``
anything it was unsure of. Components (components.py) run them in pipeline order, so a
later extractor can read ``report.fields`` filled by an earlier one (the audit reads
meeting_type, problems, measures, …). Offsets are offsets in ``text``; ``view`` is the
normalised view (normalize.py), same length, chrome blanked out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractor.regex_store import compile_regex
from extractor.text.sections import SectionSpan

# The characters at which the readers of a view end clauses, sentences and lines (the
# view folds the full-width forms, but a view made otherwise may hold them).
STOP_CHARS = frozenset(",;:。!?\n，；：！？")
_STOP = compile_regex("[" + re.escape("".join(sorted(STOP_CHARS))) + "]")


@dataclass
class Report:
    text: str
    view: str
    title: tuple[int, int] | None = None
    sections: list[SectionSpan] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # What one reading of the report gives several fields, made on first use and kept here
    # (match/clauses.py ``reader_of``, match/lists.py ``analysis_of``).
    clauses: Any = None
    lists: Any = None
    context: Any = None  # match/context.py ``context_of``
    # the span groups the components made: key -> (group, size, label id)
    span_groups: dict[str, tuple] = field(default_factory=dict)
    # where each of STOP_CHARS stands in the view (``stops``), listed on first use
    all_stops: list[int] | None = field(default=None, repr=False)

    def stops(self, chars: str) -> list[int]:
        """Where each of ``chars`` stands in the view, ascending. The view is scanned
        once for all of STOP_CHARS; the clause reader, the audit, attendance and dates
        each keep the characters they stop at."""
        view = self.view
        if not STOP_CHARS.issuperset(chars):
            return [i for i, ch in enumerate(view) if ch in chars]
        if self.all_stops is None:
            self.all_stops = [m.start() for m in _STOP.finditer(view)]
        return [p for p in self.all_stops if view[p] in chars]

    def span(self, start: int, end: int) -> dict:
        """A grounded {text, start, end} for text[start:end], trimmed of white space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return {"text": self.text[start:end], "start": start, "end": end}
