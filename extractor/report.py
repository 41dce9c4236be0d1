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
from itertools import accumulate, chain, islice, repeat
from operator import add
from typing import Any

from extractor.text.sections import SectionSpan

# The characters at which the readers of a view end clauses, sentences and lines (the
# view folds the full-width forms, but a view made otherwise may hold them).
STOP_CHARS = frozenset(",;:。!?\n，；：！？")


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
    # where the characters of STOP_CHARS asked for stand in the view (``stops``): each
    # character and each set asked for listed once, on first use
    all_stops: dict[str, list[int]] | None = field(default=None, repr=False)

    def stops(self, chars: str) -> list[int]:
        """Where each of ``chars`` stands in the view, ascending (a list shared with every
        reader asking for the same characters: not to be changed). The clause reader, the
        audit, attendance and dates each stop at a few of STOP_CHARS; each of those is
        listed once, and the lists of a set of them merged once."""
        if not STOP_CHARS.issuperset(chars):
            return [i for i, ch in enumerate(self.view) if ch in chars]
        if self.all_stops is None:
            self.all_stops = {}
        found = self.all_stops.get(chars)
        if found is None:
            if len(chars) == 1:
                found = positions(self.view, chars)
            else:  # a sort of a few ascending runs: a merge
                found = sorted(chain.from_iterable(map(self.stops, set(chars))))
            self.all_stops[chars] = found
        return found

    def span(self, start: int, end: int) -> dict:
        """A grounded {text, start, end} for text[start:end], trimmed of white space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return {"text": self.text[start:end], "start": start, "end": end}


def positions(text: str, char: str) -> list[int]:
    """Where ``char`` stands in ``text``, ascending: the lengths of the pieces between its
    occurrences, summed (in C; a loop over the matches of a regex cost a step a match)."""
    if char not in text:
        return []
    pieces = text.split(char)
    gaps = map(add, map(len, islice(pieces, len(pieces) - 1)), repeat(1))
    return list(islice(accumulate(gaps, initial=-1), 1, None))
