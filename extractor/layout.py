"""Line-level layout cues shared by the splitter and the pipeline: chrome and titles.

The cues themselves are data (``data/layout.toml``); this module compiles them once and
answers questions about one line of the normalised view.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .resources import load_toml


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # without the newline

    def slice(self, s: str) -> str:
        return s[self.start:self.end]


def iter_lines(text: str) -> Iterator[Line]:
    pos = 0
    for raw in text.split("\n"):
        yield Line(pos, pos + len(raw))
        pos += len(raw) + 1


@dataclass(frozen=True)
class LayoutCues:
    chrome: tuple[re.Pattern, ...]
    chrome_max: int
    title_strong: tuple[re.Pattern, ...]
    title_not_end: re.Pattern
    title_min: int
    title_max: int


@lru_cache(maxsize=1)
def cues() -> LayoutCues:
    data = load_toml("layout.toml")
    return LayoutCues(
        chrome=tuple(re.compile(p) for p in data["chrome"]["patterns"]),
        chrome_max=int(data["chrome"]["max_line_chars"]),
        title_strong=tuple(re.compile(p) for p in data["title"]["strong"]),
        title_not_end=re.compile(data["title"]["not_end"]),
        title_min=int(data["title"]["min_chars"]),
        title_max=int(data["title"]["max_chars"]),
    )


def is_chrome(line_view: str) -> bool:
    c = cues()
    s = line_view.strip()
    return bool(s) and len(s) <= c.chrome_max and any(p.search(s) for p in c.chrome)


def is_title(line_view: str) -> bool:
    """A report title line: short, not a sentence, not a numbered heading, title cues."""
    from .sections import heading_match  # sections imports layout: keep the cycle lazy

    c = cues()
    s = line_view.strip()
    if not c.title_min <= len(s) <= c.title_max or "。" in s:
        return False
    if c.title_not_end.search(s) or s.startswith(("《", "\"", "“", "根据")):
        return False
    if heading_match(s) is not None or is_chrome(s):
        return False
    return any(p.search(s) for p in c.title_strong)


def chrome_spans(view: str) -> list[tuple[int, int]]:
    """Offsets of the chrome lines in ``view``."""
    return [(ln.start, ln.end) for ln in iter_lines(view) if is_chrome(ln.slice(view))]


# How far into a report its title may stand (non-blank, non-chrome lines).
TITLE_SEARCH_LINES = 4


def find_title(view: str) -> Line | None:
    """The report's own title line, among its first lines; None when it has none."""
    seen = 0
    for ln in iter_lines(view):
        s = ln.slice(view)
        if not s.strip() or is_chrome(s):
            continue
        if is_title(s):
            return ln
        seen += 1
        if seen >= TITLE_SEARCH_LINES or len(s.strip()) > cues().title_max:
            return None
    return None
