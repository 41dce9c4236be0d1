"""Stretches of a text (merged, sorted) with fast membership tests: the parts of a report
where a cue does not count (measures, agenda, headings, causes …)."""
from __future__ import annotations

import bisect


class Zones:
    """Sorted, merged stretches of the view, with a fast membership test."""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.spans = merged

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]

    def end_at(self, pos: int) -> int:
        """The end of the stretch holding ``pos`` (-1 when none does)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return self.spans[i][1]
        return -1

    def next_start(self, pos: int, default: int) -> int:
        """The start of the first stretch after ``pos`` (``default`` when none)."""
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default
