"""The section segmenter: the heading tree of a report (一、 / （一） / 1. / （1）).

Heading styles are data (``data/headings.toml``). A line is a heading when it starts with
one of the styles *and* its ordinal continues the numbering of its level under the
current parent (一 then 二 then 三; （一） restarts under each 一、). That sequence check is
what keeps list items that restart at 一 and stray numbers out of the tree. Skipped
levels are allowed (一、 then 1.) and reported as warnings. A report with no numbered
heading may have unnumbered subheadings instead (a news item's 强化政治引领，筑牢思想根基,
headings.toml ``[plain]``): they are its top sections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extractor.regex_store import compile_regex
from extractor.text.lines import per_line
from extractor.text.numerals import parse_int
from extractor.resources import load_toml

_CIRCLED = {c: i + 1 for i, c in enumerate("㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩")}
_CIRCLED.update({c: i + 1 for i, c in enumerate("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽")})


class HeadingMatch(NamedTuple):
    """(A named tuple: made for every heading line, three times quicker than a frozen
    dataclass.)"""

    level: int       # the style's rank (data/headings.toml)
    number: int
    prefix_end: int  # end of the numbering within the line
    style: str = ""


@dataclass
class SectionSpan:
    heading: str
    level: int       # the style's rank: 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）
    number: int
    start: int
    heading_end: int
    end: int
    style: str = ""
    depth: int = 0   # the level in the report's own outline (RECORD.md sections[].level)

    def as_dict(self) -> dict:
        return {"heading": self.heading, "level": self.depth or self.level, "style": self.style,
                "number": self.number, "start": self.start, "end": self.end,
                "heading_end": self.heading_end}


# A named group's opening, "(?P<num>" (not an escaped bracket before "?P<").
_NAMED_GROUP = compile_regex(r"(?<!\\)\(\?P<\w+>")
# the name of the joined regex's group of a style, before its index
_STYLE = "style"


@lru_cache(maxsize=1)
def heading_styles() -> tuple[list[tuple[int, re.Pattern, str]], dict, re.Pattern | None]:
    """(level, pattern, style) of each heading style, the inline-heading settings, and
    one regex matching where any style's pattern matches (None when they cannot be
    joined): most lines are no heading, and one failed match says so for all styles.
    Each style is a group of the joined regex (style0, style1 …): the one it matched with
    is the first style that matches."""
    data = load_toml("headings.toml")
    patterns = [(int(lv["level"]), p, name)
                for lv in data["level"] for p, name in zip(lv["patterns"], lv["styles"], strict=True)]
    styles = [(level, compile_regex(p), name) for level, p, name in patterns]
    try:
        # the group names repeat from style to style: the joined regex needs none
        any_style = compile_regex("|".join(f"(?P<{_STYLE}{k}>{_NAMED_GROUP.sub('(?:', p)})"
                                           for k, (_, p, _) in enumerate(patterns)))
    except re.error:  # a back reference to a name, a flag of its own: each style alone
        any_style = None
    return styles, data["inline"], any_style


class PlainHeadingCue(NamedTuple):
    pattern: re.Pattern
    min_count: int
    paragraph_min: int
    style: str


@lru_cache(maxsize=1)
def plain_heading_cue() -> PlainHeadingCue:
    """The unnumbered subheadings of a news item (headings.toml ``[plain]``)."""
    plain = load_toml("headings.toml")["plain"]
    return PlainHeadingCue(compile_regex(plain["pattern"]), int(plain["min_count"]),
                           int(plain["paragraph_min_chars"]), plain["style"])


@per_line
def heading_match(line_view: str) -> HeadingMatch | None:
    """The heading style a line starts with, if any (no sequence check)."""
    styles, _, any_style = heading_styles()
    if any_style is not None:
        joined = any_style.match(line_view)
        if joined is None:
            return None
        # the styles before the one the joined regex matched with do not match this line
        styles = styles[int(joined.lastgroup[len(_STYLE):]):]
    for level, pattern, style in styles:
        m = pattern.match(line_view)
        if m is None:
            continue
        groups = m.groupdict()
        number = _CIRCLED.get(groups.get("circled") or "") or parse_int(groups.get("num") or "")
        if number:
            return HeadingMatch(level, number, m.end(), style)
    return None


_COLON = compile_regex("[:：]")


def _heading_end(line_view: str, line_start: int, prefix_end: int, inline: dict) -> int:
    """Where the heading text ends: the whole line, or an inline heading's first 。."""
    line = line_view.rstrip()
    body_start = prefix_end
    stop = line.find("。", body_start)
    if len(line) <= inline["max_plain_chars"] and (stop == -1 or stop == len(line) - 1):
        return line_start + len(line)
    if stop != -1:
        return line_start + stop + 1
    colon = _COLON.search(line[body_start:body_start + int(inline["colon_within"])])
    if colon:
        return line_start + body_start + colon.end()
    return line_start + len(line)


def segment(text: str, view: str) -> tuple[list[SectionSpan], list[str]]:
    """Find the sections of a report. ``view`` is the normalised view of ``text``."""
    found: list[SectionSpan] = []
    warnings: list[str] = []
    # last[level] = number of the last accepted heading at that level under its parent
    last: dict[int, int] = {}
    # the deepest level numbered so far: an accepted heading drops the levels below its
    # own, so it is the level of the last one (0 before the first)
    deepest = 0
    _, inline, _ = heading_styles()
    line_start = 0
    for line_view in view.split("\n"):
        start_of_line, line_start = line_start, line_start + len(line_view) + 1
        hm = heading_match(line_view)
        if hm is None:
            continue
        level = hm.level
        if hm.number != last.get(level, 0) + 1:
            continue
        line_end = start_of_line + len(line_view)
        if deepest and level > deepest + 1:
            warnings.append(
                f"heading level skipped: level {level} heading "
                f"{line_view.strip()[:12]!r} follows level {deepest}")
        last[level] = hm.number
        if level < deepest:
            for deeper in [lv for lv in last if lv > level]:
                del last[deeper]
        deepest = level
        head_end = _heading_end(line_view, start_of_line, hm.prefix_end, inline)
        start = start_of_line + (len(line_view) - len(line_view.lstrip()))
        found.append(SectionSpan(text[start:head_end], hm.level, hm.number, start, head_end, line_end,
                                 hm.style))
    if not found:
        found = _plain_headings(text, view)
    _close(found, text)
    depth = {rank: n for n, rank in enumerate(sorted({s.level for s in found}), 1)}
    for sec in found:
        sec.depth = depth[sec.level]
    return found, warnings


def _plain_headings(text: str, view: str) -> list[SectionSpan]:
    """A report's unnumbered subheadings, each with a paragraph after it (none unless
    there are ``min_count`` of them)."""
    cue = plain_heading_cue()
    lines = view.split("\n")
    found: list[SectionSpan] = []
    line_start = 0
    for i, line in enumerate(lines):
        start_of_line, line_start = line_start, line_start + len(line) + 1
        if "," not in line or not cue.pattern.match(line):
            continue
        following, j = [], i + 1
        while j < len(lines) and len(following) < 2:  # the next two lines that are not blank
            if lines[j].strip():
                following.append(lines[j])
            j += 1
        if not following or ("。" not in following[0] and len(following[0].strip()) < cue.paragraph_min
                              and len(following) > 1):
            continue  # a heading heads a paragraph (the last line may be cut short)
        start = start_of_line + len(line) - len(line.lstrip())
        end = start_of_line + len(line.rstrip())
        found.append(SectionSpan(text[start:end], 1, len(found) + 1, start, end, end, cue.style))
    return found if len(found) >= cue.min_count else []


def _close(sections: list[SectionSpan], text: str) -> None:
    """Each section runs until the next heading of the same or a higher level."""
    # The sections still open, their levels rising: a heading closes those at its level or deeper.
    open_: list[SectionSpan] = []
    for nxt in sections:
        while open_ and open_[-1].level >= nxt.level:
            _end_at(open_.pop(), nxt.start, text)
        open_.append(nxt)
    for sec in open_:
        _end_at(sec, len(text), text)


def _end_at(sec: SectionSpan, end: int, text: str) -> None:
    while end > sec.heading_end and text[end - 1].isspace():
        end -= 1
    sec.end = end
