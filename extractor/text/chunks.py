"""Text given as numbered chunks of one size: its chunk marks taken out, blanks read as breaks.

Some document-sharing pages give a report cut into chunks of a fixed number of characters,
each on a line of its own and numbered (1、… 2、… 3、…): the cut falls anywhere, inside a
word too (…通 / 2、过…), and the report's own line breaks are written as blanks. Read as it
stands, a chunk's number looks like a list number, a word cut in two is not found, and no
heading opens a line. So such a text is read with the marks and the breaks before them
taken out and its blanks read as line breaks (folded.py carries the offsets back). The
shape is data (``data/layout.toml``, ``[chunks]``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.resources import load_toml
from extractor.text.folded import Folded, fold_out

# a blank between two characters, not both ASCII letters or digits (Latin words, numbers):
# a line break written so
_BLANK_BREAK = compile_regex(r"(?<=\S) (?=\S)(?<![A-Za-z0-9] (?=[A-Za-z0-9]))")


@dataclass(frozen=True)
class ChunkCues:
    mark: re.Pattern
    min_chunks: int
    min_chars: int
    slack: int


@lru_cache(maxsize=1)
def cues() -> ChunkCues:
    c = load_toml("layout.toml")["chunks"]
    return ChunkCues(compile_regex(c["mark"]), int(c["min_chunks"]), int(c["min_chars"]), int(c["slack"]))


def chunk_marks(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each chunk mark, the line break before it included; none when
    the text is not given in numbered chunks."""
    c = cues()
    first = c.mark.match(text)
    if first is None or first.group(1) != "1":  # (most texts: one look at the start)
        return []
    lines = text.rstrip("\n").split("\n")
    if len(lines) < c.min_chunks or len(lines[0]) < c.min_chars:
        return []
    marks, pos = [], 0
    for i, line in enumerate(lines):
        m = c.mark.match(line)
        if m is None or int(m.group(1)) != i + 1:
            return []
        if i < len(lines) - 1 and abs(len(line) - len(lines[0])) > c.slack:
            return []
        marks.append((pos - 1 if i else 0, pos + m.end()))
        pos += len(line) + 1
    return marks


def unchunk(text: str) -> Folded | None:
    """The text read without its chunk marks, its blanks as line breaks; None when it is
    not given in numbered chunks."""
    marks = chunk_marks(text)
    if not marks:
        return None
    # (a blank becomes a break in place: the offsets stay those of the text as written)
    return fold_out(_BLANK_BREAK.sub("\n", text), marks, carried=False)
