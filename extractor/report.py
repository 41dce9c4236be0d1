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
from itertools import chain
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
    # the spans of web-page chrome blanked out of the view (steps.new_report)
    chrome: list[tuple[int, int]] = field(default_factory=list)
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
        audit, attendance, dates and problems each stop at a few of STOP_CHARS; each of
        those is listed once, and the lists of a set of them merged once."""
        if not STOP_CHARS.issuperset(chars):
            return [i for i, ch in enumerate(self.view) if ch in chars]
        if self.all_stops is None:
            self.all_stops = {}
        all_stops = self.all_stops
        found = all_stops.get(chars)
        if found is None:
            view = self.view
            # keyed by the characters that occur, in order: sets that differ only in absent
            # ones (the full-width forms, which a folded view never holds) share one list
            present = "".join(sorted(c for c in set(chars) if c in view))
            found = all_stops.get(present)
            if found is None:
                runs = []
                for c in present:
                    at = all_stops.get(c)
                    if at is None:
                        at = all_stops[c] = positions(view, c)
                    runs.append(at)
                # a sort of a few ascending runs: a merge
                found = runs[0] if len(runs) == 1 else sorted(chain.from_iterable(runs))
                all_stops[present] = found
            all_stops[chars] = found
        return found

    def span(self, start: int, end: int) -> dict:
        """A grounded {text, start, end} for text[start:end], trimmed of white space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return {"text": self.text[start:end], "start": start, "end": end}


def positions(text: str, needle: str) -> list[int]:
    """Where ``needle`` (a character or a string) starts in ``text``, ascending, overlaps
    included: ``str.find`` skips to each in C (a split of the text at a character, which
    makes a string of every piece, cost more)."""
    found = []
    i = text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found
