"""What a field extractor sees of one report: the text, its view, and what came before.

Every field module exposes ``extract(report: Report) -> dict`` returning the record
fields it fills (names as in RECORD.md / schema.py) and appends to ``report.warnings``
anything it was unsure of. Components (components.py) run them in pipeline order, so a
later extractor can read ``report.fields`` filled by an earlier one (the audit reads
meeting_type, problems, measures, …). Offsets are offsets in ``text``; ``view`` is the
normalised view (normalize.py), same length, chrome blanked out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.text.sections import SectionSpan


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
    # the span groups the components made: key -> (group, size, label id)
    span_groups: dict[str, tuple] = field(default_factory=dict)

    def span(self, start: int, end: int) -> dict:
        """A grounded {text, start, end} for text[start:end], trimmed of white space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return {"text": self.text[start:end], "start": start, "end": end}
