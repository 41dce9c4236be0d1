"""Line-level layout cues shared by the splitter and the pipeline: chrome and titles.

The cues themselves are data (``data/layout.toml``); this module compiles them once and
answers questions about one line of the normalised view.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from extractor.match.regex_facts import few_needed_chars, first_chars, holds_needed
from extractor.regex_store import compile_regex
from extractor.resources import load_toml
from extractor.text.lines import per_line
from extractor.text.sections import heading_match


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
    # The chrome patterns whose matches start with one of a few known characters, by
    # that character, and a regex finding such a character; the anchored ones (^\s*首页)
    # by the characters a (stripped) line they match can start with; the others are
    # searched for in every line.
    chrome_starting: dict[str, tuple[re.Pattern, ...]]
    chrome_start: re.Pattern | None
    chrome_line_start: dict[str, tuple[re.Pattern, ...]]
    # with the characters a line must hold for each (regex_facts.few_needed_chars)
    chrome_other: tuple[tuple[re.Pattern, tuple[frozenset, ...]], ...]
    chrome_max: int
    chrome_head: re.Pattern  # the labelled values opening a chrome line a paragraph runs on from
    chrome_body_min: int
    title_strong: tuple[re.Pattern, ...]
    title_headline: tuple[re.Pattern, ...]  # a report's own title only (find_title)
    title_not_end: re.Pattern
    title_not_start: re.Pattern
    title_list_item: re.Pattern
    title_before_meta: tuple[re.Pattern, ...]  # what follows a headline that names no meeting
    title_plain_min_run: int
    title_min: int
    title_max: int
    broken_first_max: int
    broken_second_max: int


@lru_cache(maxsize=1)
def cues() -> LayoutCues:
    data = load_toml("layout.toml")
    starting: dict[str, list[re.Pattern]] = {}
    line_start: dict[str, list[re.Pattern]] = {}
    other = []
    for source in data["chrome"]["patterns"]:
        pattern, firsts = compile_regex(source), first_chars(source)
        if firsts:
            for ch in firsts:
                starting.setdefault(ch, []).append(pattern)
        elif opening := _stripped_line_opening(source):
            for ch in opening:
                line_start.setdefault(ch, []).append(pattern)
        else:
            other.append((pattern, few_needed_chars(source)))
    return LayoutCues(
        chrome_starting={ch: tuple(patterns) for ch, patterns in starting.items()},
        chrome_start=compile_regex("[" + "".join(map(re.escape, sorted(starting))) + "]") if starting else None,
        chrome_line_start={ch: tuple(patterns) for ch, patterns in line_start.items()},
        chrome_other=tuple(other),
        chrome_max=int(data["chrome"]["max_line_chars"]),
        chrome_head=compile_regex(data["chrome"]["head"]),
        chrome_body_min=int(data["chrome"]["body_min_chars"]),
        title_strong=tuple(compile_regex(p) for p in data["title"]["strong"]),
        title_headline=tuple(compile_regex(p) for p in data["title"].get("headline", ())),
        title_not_end=compile_regex(data["title"]["not_end"]),
        title_not_start=compile_regex(data["title"]["not_start"]),
        title_list_item=compile_regex(data["title"]["list_item"]),
        title_before_meta=tuple(compile_regex(p) for p in data["title"]["before_meta"]),
        title_plain_min_run=int(data["title"]["plain_min_run"]),
        title_min=int(data["title"]["min_chars"]),
        title_max=int(data["title"]["max_chars"]),
        broken_first_max=int(data["title"]["broken_first_max"]),
        broken_second_max=int(data["title"]["broken_second_max"]),
    )


# Written in place of a pattern's ^ to tell whether every branch of it is anchored.
_MARKS = ("\x00", "\x01")


def _stripped_line_opening(source: str) -> str | None:
    """The characters a stripped line must open with for ``source`` to match it, when
    every branch of ``source`` is anchored by its opening ^; None when not known.

    With the ^ written as a character, every match of an anchored pattern starts with
    that character (checked with two characters: an unanchored branch opening with one of
    them cannot pass both). A stripped line opens with no white space, so a ^\\s* there
    matches nothing and the rest must match from the line's first character."""
    if not source.startswith("^"):
        return None
    rest = source[1:]
    if any(first_chars(mark + rest) != mark for mark in _MARKS):
        return None
    return first_chars(rest[3:] if rest.startswith(r"\s*") else rest)


def is_chrome(line_view: str) -> bool:
    s = line_view.strip()
    return bool(s) and _chrome_throughout(s)


def _chrome_throughout(s: str) -> bool:
    """Whether a stripped, non-empty line is chrome, no paragraph running on after it."""
    return len(s) <= cues().chrome_max and _is_chrome_stripped(s) and not body_after_chrome(s)


# Lines are classified several times over (the splitter, then each report's view, title
# and sections): the answers for recent lines are kept. Enough for the lines of a file.
@per_line
def _is_chrome_stripped(s: str) -> bool:
    """Whether a stripped, non-empty line (is_chrome) matches a chrome pattern."""
    c = cues()
    for pattern, needs in c.chrome_other:
        if holds_needed(s, needs) and pattern.search(s):
            return True
    for pattern in c.chrome_line_start.get(s[:1], ()):
        if pattern.search(s):
            return True
    if c.chrome_start is None:
        return False
    # one scan of the line for a character that can start a pattern, each pattern then
    # tried only there (a search per pattern scanned the whole line once each)
    find, starting = c.chrome_start.search, c.chrome_starting
    m = find(s)
    while m is not None:
        at = m.start()
        for pattern in starting[s[at]]:
            if pattern.match(s, at):
                return True
        m = find(s, at + 1)
    return False


def body_after_chrome(s: str) -> int:
    """Where the report's own text starts in a stripped chrome line that a page ran into
    a paragraph of it (作者:… | 点击量:119 2014年9月4日上午…召开了…。): after the labelled
    values opening it; 0 when the line is chrome throughout."""
    if "。" not in s:
        return 0
    c = cues()
    m = c.chrome_head.match(s)
    if m is None or not m.end():
        return 0
    rest = s[m.end():]
    if len(rest) < c.chrome_body_min or "。" not in rest or _is_chrome_stripped(rest):
        return 0
    return m.end()


@per_line
def line_kind(line_view: str) -> str:
    """What the splitter reads a line as: "blank", "chrome", "title" or "body". (The line
    stripped once and its chrome test called directly: through is_chrome and is_title,
    a line was stripped three times and went through three memos.)"""
    s = line_view.strip()
    if not s:
        return "blank"
    if _chrome_throughout(s):
        return "chrome"
    if is_title(s):
        return "title"
    return "body"


def is_title(line_view: str) -> bool:
    """A report title line: short, not a sentence, not a numbered heading, title cues."""
    s = line_view.strip()
    return _title_sized(s) and _is_title_stripped(s)


def is_headline(line_view: str) -> bool:
    """A news headline that goes on after the meeting's name (…召开组织生活会，院长到会指导):
    a report's own title where its title stands, but no line a new report starts at (a
    photo caption may read so)."""
    s = line_view.strip()
    return _title_sized(s) and _title_shaped(s) and any(p.search(s) for p in cues().title_headline)


def _title_sized(s: str) -> bool:
    """A stripped line as long as a title may be, without a sentence's full stop."""
    c = cues()
    return c.title_min <= len(s) <= c.title_max and "。" not in s


@per_line
def _is_title_stripped(s: str) -> bool:
    return _title_shaped(s) and any(p.search(s) for p in cues().title_strong)


def _title_shaped(s: str) -> bool:
    """Whether a stripped line may be a title at all: it does not end or open like a
    sentence, is no numbered heading and no chrome."""
    c = cues()
    if c.title_not_end.search(s) or c.title_not_start.match(s) or s.startswith(("《", "\"", "“", "根据")):
        return False
    return heading_match(s) is None and not is_chrome(s)


def chrome_spans(view: str) -> list[tuple[int, int]]:
    """Offsets of the chrome lines in ``view`` (of a line's chrome opening when a paragraph
    runs on after it: ``body_after_chrome``)."""
    spans = []
    start = 0
    chrome_max = cues().chrome_max
    for line in view.split("\n"):  # (line_bounds and a slice per line cost as much again)
        end = start + len(line)
        s = line.strip()  # is_chrome, without a call and a look-up of the cues a line
        if s and len(s) <= chrome_max and _is_chrome_stripped(s):
            body = body_after_chrome(s)
            spans.append((start, start + len(line) - len(line.lstrip()) + body if body else end))
        start = end + 1
    return spans


# How far into a report its title may stand (non-blank, non-chrome lines).
TITLE_SEARCH_LINES = 4


def _broken_title(view: str, start: int, end: int) -> Line | None:
    """A title that a line break cuts in two (PDF text: 关于2025年度民主生活\\n会召开情况的
    报告): this line and the next, when neither is a title alone and together they are."""
    c = cues()
    first = view[start:end].strip()
    if len(first) > c.broken_first_max or c.title_not_end.search(first) or end >= len(view):
        return None
    nxt = view.find("\n", end + 1)
    nxt = len(view) if nxt == -1 else nxt
    second = view[end + 1:nxt].strip()
    if not second or len(second) > c.broken_second_max or is_chrome(second) or is_title(second):
        return None  # an issuer line above a title of its own is not half of it
    if is_title(first + second):
        return Line(start, nxt)
    return None


def _is_list_item_title(line_view: str) -> bool:
    """A numbered news-list item opening the text (5.xx党组召开……生活会): its own title."""
    m = cues().title_list_item.match(line_view)
    return m is not None and is_title(line_view[m.end():])


def find_title(view: str, chrome: list[tuple[int, int]] = ()) -> Line | None:
    """The report's own title line, among its first lines; None when it has none.
    ``chrome``: the spans of chrome lines already blanked out of ``view``."""
    seen = 0
    title_max = cues().title_max
    start = 0
    plain = None  # a first line that may be a headline naming no meeting
    short = True  # every line so far shorter than a title (a site's section name: 校务公开)
    while True:  # line by line from the top: the title is among the first lines
        end = view.find("\n", start)
        if end == -1:
            end = len(view)
        s = view[start:end]
        if s.strip() and not is_chrome(s):
            if is_title(s) or is_headline(s) or (seen == 0 and _is_list_item_title(s)):
                return Line(start, end)
            broken = _broken_title(view, start, end)
            if broken is not None:
                return broken
            if short and plain is None and _plain_headline(view, s, end, chrome):
                plain = Line(start, end)
            short = short and len(s.strip()) < cues().title_min
            seen += 1
            if seen >= TITLE_SEARCH_LINES or len(s.strip()) > title_max:
                return plain
        if end == len(view):
            return plain
        start = end + 1


def _plain_headline(view: str, line: str, end: int, chrome: list[tuple[int, int]] = ()) -> bool:
    """Whether the text's first line, which names no meeting, is a headline: it is shaped
    like a title, and the next line that is not blank is chrome (perhaps blanked out of the
    view already: ``chrome``), a dateline, a byline or a source, or the headline again (a
    page showing it above the article too)."""
    s = line.strip()
    if not (_title_sized(s) and _title_shaped(s)) or max(map(len, s.split())) < cues().title_plain_min_run:
        return False
    start = end + 1
    for nxt in view[start:start + 2 * cues().title_max].split("\n"):
        k = bisect.bisect_right(chrome, (start, len(view))) - 1  # the spans are in text order
        if k >= 0 and start < chrome[k][1]:
            return True
        if nxt.strip():
            return is_chrome(nxt) or any(p.match(nxt) for p in cues().title_before_meta) \
                or "".join(nxt.split()) == "".join(s.split())
        start += len(nxt) + 1
    return False
