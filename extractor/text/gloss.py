"""Pinyin glosses inside words (協(xié)議, 朱訓(xùn)龍): read the report without them.

Some pages print a reading after many characters. Matching cannot see through them (协议
is no longer two adjacent characters), and a view of the same length cannot drop them.
So a report that holds glosses is extracted from its text with the glosses folded out,
and every offset of the record is then carried back to the text as written: a value's
span covers the glosses inside it (``record.text[start:end]`` still equals it), values
that are not spans (organisation, title, …) stay without them. The pattern is data
(``data/layout.toml``, ``[gloss]``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.resources import load_toml


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    return compile_regex(load_toml("layout.toml")["gloss"]["pattern"])


@dataclass(frozen=True)
class Folded:
    """A text with its glosses taken out, and where each remaining character came from."""

    text: str
    origin: tuple[int, ...]  # origin[i]: offset in the original of text[i]; one more at the end
    gloss_end: dict  # where a gloss starts in the original -> where it ends

    def start(self, pos: int) -> int:
        return self.origin[min(max(pos, 0), len(self.text))]

    def end(self, pos: int) -> int:
        if pos <= 0:
            return self.origin[0]
        end = self.origin[min(pos, len(self.text)) - 1] + 1
        return self.gloss_end.get(end, end)  # a gloss after the last character goes with it

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


def fold(text: str) -> Folded | None:
    """The text without its glosses; None when it has none."""
    pattern = _pattern()
    if "(" not in text and "（" not in text:
        return None
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return None
    parts, origin, pos = [], [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        origin.extend(range(pos, s))
        pos = e
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    origin.append(len(text))
    return Folded("".join(parts), tuple(origin), dict(spans))
