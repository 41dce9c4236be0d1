"""One regex's alternatives as a few regexes, matched together as the whole one matches.

``re`` skips ahead in C to where a match can start only when it knows the characters
every alternative opens with: one alternative opening with a class (``[0-9一二]\\s*人|请假|
缺席…``) makes it try every alternative at every position. Split into a regex per run of
plain words and one per other alternative, each skips ahead again, and ``merged_spans``
gives what ``finditer`` of the whole regex gives.
"""
from __future__ import annotations

import re
from typing import Iterator

from extractor.match.regex_facts import first_chars
from extractor.regex_store import compile_regex

# An alternative that is a plain word, and what may make a top-level split unsafe (flags,
# back references, comments): such a pattern is kept whole.
_PLAIN_WORD = compile_regex(r"[^\\.^$*+?{}\[\]|()]+")
_UNSPLITTABLE = compile_regex(r"\(\?[^:=!<P]|\(\?P=|\(\?<[^=!]|\\[1-9]|\\g")
# More regexes than this cost more searches than the skipping saves.
MOST_PARTS = 3


def top_level(pattern: str) -> Iterator[tuple[int, str]]:
    """(offset, character) of each character of a regex at its top level: outside groups
    and character classes, escapes left out; the ( opening a top-level group and the )
    closing it are top-level characters too. The one walk of a pattern's source that
    top_alternatives and the readers of its groups (patterns, gates) share."""
    depth, i, size = 0, 0, len(pattern)
    while i < size:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: up to its ], which is one of its characters when first
            i += 1 + (pattern[i + 1:i + 2] == "^")
            i += pattern[i:i + 1] == "]"
            while i < size and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if c == "(":
            if depth == 0:
                yield i, c
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                yield i, c
        elif depth == 0:
            yield i, c
        i += 1


def top_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (the parts between the | outside groups and
    character classes)."""
    parts, start = [], 0
    for i, c in top_level(pattern):
        if c == "|":
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def split_alternatives(pattern: str, most: int = MOST_PARTS) -> list[str]:
    """``pattern`` as regexes of consecutive alternatives: each run of plain words one
    regex, every other alternative one of its own; ``[pattern]`` when it cannot be split
    safely (an alternative that may match the empty string, flags, back references) or
    would give more than ``most`` regexes."""
    alternatives = top_alternatives(pattern)
    if len(alternatives) == 1 or _UNSPLITTABLE.search(pattern):
        return [pattern]
    parts: list[str] = []
    words = False  # the last part is a run of plain words
    for alt in alternatives:
        plain = _PLAIN_WORD.fullmatch(alt) is not None
        if not plain and first_chars(alt) is None:
            return [pattern]  # may match the empty string: merged_spans assumes not
        if plain and words:
            parts[-1] += "|" + alt
        else:
            parts.append(alt)
        words = plain
    return parts if len(parts) <= most else [pattern]


def merged_spans(text: str, regexes: tuple[re.Pattern, ...]) -> Iterator[tuple[int, int]]:
    """(start, end) of each match of ``finditer`` of the alternatives of ``regexes`` joined
    in order (``split_alternatives``): the leftmost match of any of them, the earlier
    regex's on a tie, and so on from its end."""
    if len(regexes) == 1:
        yield from map(re.Match.span, regexes[0].finditer(text))
        return
    searches = [r.search for r in regexes]
    upcoming = [search(text) for search in searches]
    pos = 0
    while True:
        best = None
        for k, m in enumerate(upcoming):
            if m is not None and m.start() < pos:
                m = upcoming[k] = searches[k](text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        pos = best.end()
        yield best.start(), pos
