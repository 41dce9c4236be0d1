"""A text with some stretches taken out, and the way back to the text as written.

Matching cannot see through some things a text holds: pinyin glosses inside words
(gloss.py), the line breaks of text wrapped at a fixed width (wrap.py), the marks of text
given in numbered chunks (chunks.py). A view of the same length cannot drop them, so the text is read with them taken out and every offset of the
record is then carried back: a value's span covers what was taken out inside it
(``record.text[start:end]`` still equals it); values that are not spans (organisation,
title, …) stay as read.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Folded:
    """A text with stretches taken out, and where each remaining character came from."""

    text: str
    origin: tuple[int, ...]  # origin[i]: offset in the original of text[i]; one more at the end
    # where a stretch taken out starts in the original -> where it ends, for those that go
    # with the character before them (a gloss after a value's last character is part of it)
    carried: dict

    def start(self, pos: int) -> int:
        return self.origin[min(max(pos, 0), len(self.text))]

    def end(self, pos: int) -> int:
        if pos <= 0:
            return self.origin[0]
        end = self.origin[min(pos, len(self.text)) - 1] + 1
        return self.carried.get(end, end)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Where text[start:end] stands in the original (what was taken out right after it
        left out)."""
        base = self.start(start)
        return base, (self.origin[end - 1] + 1 if end > start else base)

    def part(self, start: int, end: int) -> "Folded":
        """The fold of text[start:end], its offsets counted from the original's start of it."""
        base, stop = self.original_span(start, end)
        origin = tuple(o - base for o in self.origin[start:end]) + (stop - base,)
        carried = {k - base: v - base for k, v in self.carried.items() if base <= k <= stop}
        return Folded(self.text[start:end], origin, carried)

    def restore(self, record: dict, original: str) -> dict:
        """The record (a dict) with its offsets and spans carried back to ``original``."""
        out = {k: (v if k == "source" else self._carry(v, original)) for k, v in record.items()}
        out["text"] = original
        return out

    def _carry(self, value, original: str):
        if isinstance(value, list):
            return [self._carry(v, original) for v in value]
        if not isinstance(value, dict):
            return value
        out = {k: self._carry(v, original) for k, v in value.items()}
        s, e = out.get("start"), out.get("end")
        if isinstance(s, int) and isinstance(e, int):
            s2, e2 = self.start(s), (self.end(e) if e > s else self.start(s))
            out["start"], out["end"] = s2, e2
            for key in ("text", "name"):
                if isinstance(out.get(key), str):
                    out[key] = original[s2:e2]
            if isinstance(out.get("heading_end"), int):
                out["heading_end"] = self.end(out["heading_end"])
                if isinstance(out.get("heading"), str):
                    out["heading"] = original[s2:out["heading_end"]]
        return out


def fold_out(text: str, spans: list[tuple[int, int]], *, carried: bool) -> Folded:
    """``text`` without the (sorted, disjoint) spans; ``carried``: a span right after a
    value's last character belongs to the value."""
    parts, origin, pos = [], [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        origin.extend(range(pos, s))
        pos = e
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    origin.append(len(text))
    return Folded("".join(parts), tuple(origin), dict(spans) if carried else {})
