"""The enumerated-list reader that measures, agenda, problems and the audit share.

A report enumerates things in two ways:

- **marker lists**: items introduced by ``一是 / 二是``, ``第一，``, ``（一）``, ``1.``, ``①``
  (inline in a paragraph or at line starts) that are not section headings: a run of one
  marker style numbered 1, 2, 3, … in order, never crossing a heading;
- **heading lists**: the sub-sections of one section (``三、整改措施`` → ``（一）… （二）…``).

Each list is classified by what introduces it: the sentence right before its first item
("会议共有四项议程：", "在下步要带领支部重点做好以下工作。", "发现工作中还存在一些问题和不足。")
or, failing a cue there, the heading of the section it stands in. The cues are data
(``data/lists.toml``). ``analysis_of(report)`` reads a report once and keeps the analysis
on the report, where measures, agenda, problems and the audit find it.

Measures are the items of the measure lists (整改措施, 下一步, 表态, a chair's 要求 …) and,
in a measures section without any list ("三、下步努力方向"), one per plain paragraph,
leaving out paragraphs that only frame them ("针对查摆的问题，我们将……").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from extractor.match.clauses import ClauseReader, reader_of
from extractor.match.intervals import smallest_holders
from extractor.match.patterns import Patterns, last_match, needed_words
from extractor.regex_store import compile_regex
from extractor.text.numerals import parse_int
from extractor.report import Report
from extractor.resources import load_toml
from extractor.text.sections import SectionSpan

_CIRCLED = {c: i + 1 for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩")}
_CIRCLED.update({c: i + 1 for i, c in enumerate("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽")})
_CIRCLED.update({c: i + 1 for i, c in enumerate("㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩")})

# What may stand right before a marker, by boundary kind (besides a line start).
_BOUNDARY = {
    "clause": set("。;:,!?、“”\"'‘’()[]【】《》 "),
    "sentence": set("。;:!?“”\"() "),
    "line": set(),
    "any": None,
}
_SENT_END = compile_regex(r"[。!?\n]")
_CLAUSE = compile_regex(r"[,。;:!?\n]")
_TRAIL = " \t\n;,:、"


@dataclass
class Item:
    start: int          # start of the item (its marker or heading)
    end: int            # end of the item (exclusive)
    number: int
    body: int           # where the text after the marker / heading starts


@dataclass
class EnumList:
    kind: str                         # "marker" or "heading"
    style: str
    items: list[Item]
    intro: tuple[int, int]            # the sentence introducing the list (view offsets)
    section: SectionSpan | None       # the innermost section the list stands in (heading list: its parent)
    label: str = ""                   # "measures", "problems", "agenda" or ""
    parent: "EnumList | None" = None  # the list inside one of whose items this one stands
    cue: str = ""                     # where the label came from ("intro" / "heading" / "items")

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end

    def top(self, label: str) -> bool:
        """True when no enclosing list carries ``label`` (the outermost list of its kind)."""
        p = self.parent
        while p is not None:
            if p.label == label:
                return False
            p = p.parent
        return True


@dataclass
class Analysis:
    lists: list[EnumList] = field(default_factory=list)
    section_types: dict[int, str] = field(default_factory=dict)   # id(section) -> type
    measures: list[tuple[int, int]] = field(default_factory=list)
    measure_zones: list[tuple[int, int]] = field(default_factory=list)
    agenda: list[tuple[int, int]] = field(default_factory=list)
    parents: dict[int, SectionSpan | None] = field(default_factory=dict)


@dataclass(frozen=True)
class _MarkerStyle:
    name: str
    pattern: re.Pattern
    boundary: str
    needed: tuple[str, ...]   # strings one of which every match holds


@dataclass(frozen=True)
class _Cues:
    # the marker styles, in groups searched together: (one search for where any style of
    # the group matches, None for a style searched alone; the styles)
    markers: tuple[tuple[Callable | None, tuple[_MarkerStyle, ...]], ...]
    only: dict
    label: dict  # style -> the label its lists have when nothing else gives one
    max_gap: int
    glued_after: int  # items a run needs before a marker without a boundary may continue it
    intro_chars: int
    intro: tuple[tuple[str, re.Pattern], ...]
    announcing_clause: re.Pattern  # where the clause announcing a list starts, in its intro
    heading: dict[str, Patterns]
    heading_any: Patterns          # the cues of the four heading kinds together
    heading_narrative: Patterns
    not_problems: Patterns | None
    framing_any: re.Pattern       # any of the framing patterns


def _union(patterns) -> re.Pattern:
    return compile_regex("|".join(f"(?:{p})" for p in patterns))


# A marker pattern opening with a repeated class ("(?P<num>[一二…十]{1,2})…"): spelt as the
# class once then repeated ("[…][…]{0,1}"), the same regex, but one whose search ``re``
# runs by skipping in C to the next character of the class.
_LEADING_REPEAT = compile_regex(r"^(\(\?P<\w+>)(\[[^\]\\]+\]|\\d)\{1,(\d+)\}")


def _marker_pattern(source: str) -> re.Pattern:
    return compile_regex(_LEADING_REPEAT.sub(lambda m: f"{m[1]}{m[2]}{m[2]}{{0,{int(m[3]) - 1}}}", source))


# A marker pattern that opens with a group of one repeated class and nothing else
# ("(?P<num>[一二…十]{1,2})是…"): the class, its count, the rest of the pattern.
_LEADING_CLASS = compile_regex(r"^\(\?P<\w+>(\[[^\]\\]+\]|\\d)\{1,(\d+)\}\)(.+)$")


def _marker_groups(styles: list[_MarkerStyle], sources: list[str]):
    """The styles in groups that open with the same repeated class (一是, 一要, 一、 / 1. and
    1)), each group with one search for where any of its styles matches: the class, then
    the rest of any one of them. Each search over a text costs about the same, so a group
    is searched once instead of once per style."""
    by_lead: dict[tuple[str, str], list[tuple[_MarkerStyle, str]]] = {}
    for style, source in zip(styles, sources):
        m = _LEADING_CLASS.match(source)
        by_lead.setdefault((m[1], m[2]) if m else (style.name, ""), []).append((style, m[3] if m else ""))
    groups = []
    for (cls, count), members in by_lead.items():
        if len(members) == 1:
            groups.append((None, (members[0][0],)))
            continue
        rests = "|".join(f"(?:{rest})" for _, rest in members)
        search = compile_regex(f"{cls}{cls}{{0,{int(count) - 1}}}(?:{rests})").search
        groups.append((search, tuple(style for style, _ in members)))
    return tuple(groups)


@lru_cache(maxsize=1)
def cues() -> _Cues:
    data = load_toml("lists.toml")
    sources = [m["pattern"] for m in data["marker"]]
    markers = _marker_groups([_MarkerStyle(m["style"], _marker_pattern(m["pattern"]), m["boundary"],
                                           needed_words(m["pattern"])) for m in data["marker"]], sources)
    only = {m["style"]: m["only"] for m in data["marker"] if m.get("only")}
    label = {m["style"]: m["label"] for m in data["marker"] if m.get("label")}
    intro = tuple((kind, _union(data["intro"][kind])) for kind in ("other", "agenda", "measures", "problems")
                  if data["intro"].get(kind))
    kinds = ("measures", "problems", "agenda", "causes")
    heading = {kind: Patterns(data["heading"][kind]) for kind in kinds}
    not_problems = data["heading"].get("not_problems")
    return _Cues(
        markers=markers,
        only=only,
        label=label,
        max_gap=int(data["limits"]["max_item_gap"]),
        glued_after=int(data["limits"]["glued_after"]),
        intro_chars=int(data["limits"]["intro_chars"]),
        intro=intro,
        announcing_clause=compile_regex(data["limits"]["announcing_clause"]),
        heading=heading,
        heading_any=Patterns([p for kind in kinds for p in data["heading"][kind]]),
        heading_narrative=Patterns(data["heading"]["narrative"]),
        not_problems=Patterns(not_problems) if not_problems else None,
        framing_any=_union(data["paragraph"]["framing"]),
    )


# --------------------------------------------------------------------------------------
# Section helpers

def section_parents(sections: list[SectionSpan]) -> dict[int, SectionSpan | None]:
    """id(section) -> its parent section (None for the top level)."""
    parents: dict[int, SectionSpan | None] = {}
    stack: list[SectionSpan] = []
    for sec in sections:
        while stack and stack[-1].level >= sec.level:
            stack.pop()
        parents[id(sec)] = stack[-1] if stack else None
        stack.append(sec)
    return parents


_NUMBERING = compile_regex(r"^\s*(第?[一二三四五六七八九十\d]{1,3}(部分)?\s*[、.,:]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|[㈠-㈩①-⑩⑴-⑽])\s*")


def heading_type(view: str, sec: SectionSpan) -> str:
    """'measures', 'narrative' (a measures heading reporting what was done), 'problems',
    'mixed', 'agenda', 'causes' or '' for a section heading."""
    return _heading_kind(view[sec.start:sec.heading_end])


@lru_cache(maxsize=1024)
def _heading_kind(heading: str) -> str:
    c = cues()
    head = heading.strip().rstrip("。:")
    # strip the numbering (一、 / (一) / 1.)
    head = _NUMBERING.sub("", head)
    if not c.heading_any.found_in(head):
        return ""  # most headings: one test instead of one per kind
    if c.heading["agenda"].found_in(head):
        return "agenda"
    if c.heading["causes"].found_in(head) and not c.heading["measures"].found_in(head):
        return "causes"
    m = c.heading["measures"].found_in(head)
    p = c.heading["problems"].found_in(head) and not (c.not_problems and c.not_problems.found_in(head))
    if m and p:
        return "mixed"
    if m:
        return "narrative" if c.heading_narrative.found_in(head) else "measures"
    if p:
        return "problems"
    return ""


def innermost_section(sections: list[SectionSpan], starts: list[int], pos: int) -> SectionSpan | None:
    """The deepest section whose span holds ``pos``."""
    i = bisect.bisect_right(starts, pos) - 1
    best = None
    while i >= 0:
        sec = sections[i]
        if sec.start <= pos < max(sec.end, sec.heading_end):
            if best is None or sec.level > best.level:
                best = sec
            if sec.level == 1:
                break
        i -= 1
    return best


# --------------------------------------------------------------------------------------
# Markers and lists

@dataclass
class _Marker:
    style: str
    number: int
    start: int
    body: int
    line_start: bool
    glued: bool = False  # no boundary before it: it may only continue a run


def _line_start(view: str, pos: int) -> int:
    return view.rfind("\n", 0, pos) + 1


def _line_end(view: str, pos: int) -> int:
    e = view.find("\n", pos)
    return len(view) if e == -1 else e


def _marker_matches(view: str, lo: int):
    """(style, match) for each match of ``style.pattern.finditer(view, lo)``, every style."""
    for search, styles in cues().markers:
        # a search that can find nothing (one for a class of characters, or without a plain
        # first one, tests every place) is not run
        styles = [st for st in styles if not st.needed or any(w in view for w in st.needed)]
        if not styles:
            continue
        if search is None:
            style = styles[0]
            for m in style.pattern.finditer(view, lo):
                yield style, m
            continue
        # where any style of the group matches, each style's next match: where finditer
        # would find it, the first at or past the end of the one before
        ends = [lo] * len(styles)
        hit = search(view, lo)
        while hit:
            at = hit.start()
            for k, style in enumerate(styles):
                if at >= ends[k]:
                    m = style.pattern.match(view, at)
                    if m:
                        ends[k] = m.end()
                        yield style, m
            hit = search(view, at + 1)


def _find_markers(view: str, heading_starts: set[int], lo: int) -> list[_Marker]:
    found = []
    for st, m in _marker_matches(view, lo):
        style, boundary = st.name, st.boundary
        allowed = _BOUNDARY[boundary]
        s = m.start()
        before = view[s - 1] if s else "\n"
        if before == "\n":
            at_line_start = True
        elif not before.isspace():
            at_line_start = False
        else:
            at_line_start = not view[_line_start(view, s):s].strip()
        if at_line_start and s in heading_starts:
            continue  # a section heading: structure, not a list item
        glued = False
        if not at_line_start:
            if boundary == "line":
                continue
            if allowed is not None:
                j = s - 1
                while j >= 0 and view[j] == " ":
                    j -= 1
                glued = j >= 0 and view[j] != "\n" and view[j] not in allowed
        g = m.groupdict()
        if g.get("seq"):
            if glued:
                continue
            # numbered by position: 首先 starts (1), 最后 ends (-1), the rest continue (0)
            number = 1 if g["seq"] == "首先" else -1 if g["seq"] == "最后" else 0
            found.append(_Marker(style, number, s, m.end(), at_line_start))
            continue
        number = _CIRCLED.get(g.get("circled") or "") or _number(g.get("num") or "")
        if not number:
            continue
        found.append(_Marker(style, number, s, m.end(), at_line_start, glued))
    found.sort(key=lambda mk: (mk.start, mk.style))
    return found


@lru_cache(maxsize=256)
def _number(numeral: str) -> int | None:
    return parse_int(numeral)


def _marker_lists(view: str, markers: list[_Marker], block_of) -> list[list[_Marker]]:
    max_gap, glued_after = cues().max_gap, cues().glued_after
    runs: list[list[_Marker]] = []
    open_runs: dict[str, list[_Marker]] = {}
    for mk in markers:
        run = open_runs.get(mk.style)
        near = bool(run) and block_of(mk.start) == block_of(run[0].start) and mk.start - run[-1].start <= max_gap
        if mk.number in (0, -1):  # 其次 / 最后: continue a 首先 run
            if near:
                mk.number = run[-1].number + 1
                run.append(mk)
                if len(run) >= 2 and mk is run[-1] and view[mk.start:mk.start + 2] == "最后":
                    runs.append(run)
                    del open_runs[mk.style]
            continue
        if near and mk.number == run[-1].number + 1 and (not mk.glued or len(run) >= glued_after):
            run.append(mk)
            continue
        if mk.number == 1 and not mk.glued:
            if run and len(run) >= 2:
                runs.append(run)
            open_runs[mk.style] = [mk]
    runs.extend(run for run in open_runs.values() if len(run) >= 2)
    runs.sort(key=lambda r: r[0].start)
    return runs


_SENTENCE_STOP = compile_regex(r"[。!?]")
_LABEL_END = compile_regex(r"(方面|上)$")


def _sentence_count(text: str) -> int:
    return len([s for s in _SENTENCE_STOP.split(text) if s.strip(" \n;,")])


def _items_from_run(view: str, run: list[_Marker], block_end: int) -> list[Item]:
    items = []
    for i, mk in enumerate(run):
        if i + 1 < len(run):
            end = run[i + 1].start
        else:
            end = min(_line_end(view, mk.start), block_end)
            # an inline list whose items are single sentences ends with the sentence
            if not mk.line_start and len(run) >= 2:
                singles = all(_sentence_count(view[a.body:b.start]) <= 1 for a, b in zip(run, run[1:]))
                if singles:
                    stop = view.find("。", mk.body, end)
                    if stop != -1:
                        end = stop + 1
        items.append(Item(mk.start, end, mk.number, mk.body))
    return items


def _lines(view: str, s: int, e: int) -> list[tuple[int, int]]:
    return list(paragraphs(view, s, e))


def _line_count(view: str, s: int, e: int) -> int:
    """len(_lines(view, s, e)): the lines of view[s:e] that are not blank."""
    if s < 0 or e > len(view):
        return len(_lines(view, s, e))
    return sum(map(bool, map(str.strip, view[s:e].split("\n"))))


def _trim_last(view: str, items: list[Item]) -> None:
    """The last item of a list runs to the end of its section; keep no more paragraphs
    than the longest of the other items has (a closing remark is not part of it)."""
    if len(items) < 2:
        return
    most = max(_line_count(view, it.start, it.end) for it in items[:-1])
    last = items[-1]
    if _line_count(view, last.start, last.end) > most:
        last.end = _lines(view, last.start, last.end)[most - 1][1]


def _last_sentence(view: str, lo: int, hi: int) -> tuple[int, int]:
    """The sentence that ends right before ``hi`` (or the fragment of the current one)."""
    s = view[lo:hi]
    stripped = s.rstrip()
    if not stripped:
        return (hi, hi)
    body = stripped[:-1]
    cut = max(body.rfind(ch) for ch in "。!?\n")
    return (lo + cut + 1, lo + len(stripped))


def _announcing_part(view: str, lo: int, hi: int) -> tuple[int, int]:
    """The part of an introducing sentence view[lo:hi] that announces the list: from a
    last clause joined by 并 / 同时 / 还 on (赵某充分肯定了此次会议，并就下一步工作提出三点
    希望：the praise before it is no measure), else all of it."""
    m = last_match(cues().announcing_clause, view, lo, hi)
    return (m.start() + 1, hi) if m else (lo, hi)


@lru_cache(maxsize=4096)
def classify_intro(text: str) -> str:
    """The kind of list a sentence introduces: the cue closest to its end decides."""
    best = ("", -1, 9)
    for rank, (kind, pattern) in enumerate(cues().intro):
        for m in pattern.finditer(text):
            if m.end() > best[1] or (m.end() == best[1] and rank < best[2]):
                best = (kind, m.end(), rank)
    return best[0]


def _deficient_lead(reader: ClauseReader, item: Item, heading: bool, sentence: bool = False) -> bool:
    """Does the item open with a shortcoming? Its first clause (``sentence``: its first
    sentence; for a sub-heading, the heading and the first sentence of its body)."""
    view = reader.text
    if sentence and not heading:
        m = _SENT_END.search(view, item.body, item.end)
        return reader.states_problem(item.body, m.end() if m else item.end)
    if heading:
        # the sub-heading and the first sentence of its body
        stop = view.find("。", item.body, item.end)
        lo, hi = item.start, (stop + 1 if stop != -1 else item.end)
    else:
        m = _CLAUSE.search(view, item.body, item.end)
        lo, hi = item.body, (m.start() if m else item.end)
        if _LABEL_END.search(view[lo:hi]):  # "一是理想信念方面。……": read the sentence
            m = _SENT_END.search(view, hi, item.end)
            hi = m.end() if m else item.end
    return reader.states_problem(lo, hi)


def _label(reader: ClauseReader, lst: EnumList, intro_kind: str, sec_type: str) -> tuple[str, str]:
    kind, source = intro_kind, "intro"
    if kind == "other":
        return "", ""
    if not kind:
        kind, source = {"measures": "measures", "narrative": "measures", "problems": "problems",
                        "agenda": "agenda"}.get(sec_type, ""), "heading"
    if kind in ("agenda", "measures"):
        return kind, source
    # announced as problems: the items' first sentences must state shortcomings, half of
    # them at least; not announced at all: the first clauses of a marker list's items
    # must, every one of them. Items are read until the answer is known.
    heading = lst.kind == "heading"
    if kind == "problems":
        need, left = (len(lst.items) + 1) // 2, len(lst.items)  # share >= 0.5
        for it in lst.items:
            if need > left:
                break
            if _deficient_lead(reader, it, heading, sentence=True):
                need -= 1
                if not need:
                    return "problems", source
            left -= 1
        return "", ""
    if not heading and all(_deficient_lead(reader, it, heading) for it in lst.items):
        return "problems", "items"
    return "", ""


def _smallest_holder_elsewhere(lists, reach, n: int, span: tuple[int, int]):
    """``smallest_holders`` for list ``n`` leaving its own items out (rare: items that overlap)."""
    best = None
    lst_start, lst_end = span
    for m, other in enumerate(lists):
        if m == n or reach[m][0] > lst_start or reach[m][1] < lst_end:
            continue  # the list itself, or no item of it can hold this one
        for k, it in enumerate(other.items):
            if it.start <= lst_start and lst_end <= it.end and (it.start, it.end) != (lst_start, lst_end):
                if best is None or it.end - it.start < best[0]:
                    best = (it.end - it.start, (m, k))
    return best


def analysis_of(report: Report) -> Analysis:
    """The lists, measures and agenda of a report: read on first use, kept on the report."""
    if report.lists is None:
        report.lists = analyze(report)
    return report.lists


def analyze(report: Report) -> Analysis:
    view = report.view
    sections = report.sections
    starts = [s.start for s in sections]
    heading_starts = set(starts)
    parents = section_parents(sections)
    an = Analysis(parents=parents)
    for sec in sections:
        an.section_types[id(sec)] = heading_type(view, sec)
    lo = report.title[1] if report.title else 0

    # blocks: stretches of text between two heading starts
    def block_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    def block_end(pos: int) -> int:
        i = bisect.bisect_right(starts, pos)
        return starts[i] if i < len(starts) else len(view)

    def block_start(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return lo
        sec = sections[i]
        return sec.heading_end if pos >= sec.heading_end else sec.start

    lists: list[EnumList] = []
    # marker lists
    for run in _marker_lists(view, _find_markers(view, heading_starts, lo), block_of):
        items = _items_from_run(view, run, block_end(run[0].start))
        first = run[0].start
        b0 = max(block_start(first), first - cues().intro_chars)
        intro = _last_sentence(view, b0, first)
        sec = innermost_section(sections, starts, first)
        lists.append(EnumList("marker", run[0].style, items, intro, sec))
    # heading lists: the children of each section (and of the report itself)
    children: dict[int, list[SectionSpan]] = {}
    owner: dict[int, SectionSpan | None] = {}
    for sec in sections:
        par = parents[id(sec)]
        children.setdefault(id(par), []).append(sec)
        owner[id(par)] = par
    for key, kids in children.items():
        par = owner[key]
        if len(kids) < 2 and not (par is not None and an.section_types[id(par)] in ("measures", "narrative")):
            continue
        items = [Item(k.start, k.end, k.number, k.heading_end) for k in kids]
        if par is None:
            intro = _last_sentence(view, max(lo, kids[0].start - cues().intro_chars), kids[0].start)
        else:
            lead = _last_sentence(view, par.heading_end, kids[0].start)
            intro = lead if lead[0] < lead[1] else (par.start, par.heading_end)
        _trim_last(view, items)
        lists.append(EnumList("heading", f"level{kids[0].level}", items, intro, par))

    lists.sort(key=lambda x: (x.start, -x.end))
    # nesting: the smallest item of another list that holds the list's first item
    spans = [(x.start, x.end) for x in lists]
    reach = [(min(it.start for it in x.items), max(it.end for it in x.items)) for x in lists]
    # the shortest item of any list holding this one (first list, first item on ties),
    # answered for all lists at once: a pass over every list per list is quadratic
    holders = smallest_holders([(it.start, it.end, (m, k)) for m, x in enumerate(lists)
                                for k, it in enumerate(x.items)], spans)
    for n, lst in enumerate(lists):
        holder = holders[n]
        if holder is not None and holder[1][0] == n:  # an item of the list itself: ask again without it
            holder = _smallest_holder_elsewhere(lists, reach, n, spans[n])
        lst.parent = lists[holder[1][0]] if holder else None

    # classification, outermost lists first
    depths: dict[int, int] = {}  # remembered: walking every chain anew is quadratic in deep nests

    def depth(x: EnumList) -> int:
        chain, p = [], x
        while p is not None and id(p) not in depths:
            chain.append(p)
            p = p.parent
        d = depths[id(p)] if p is not None else -1
        for q in reversed(chain):
            d += 1
            depths[id(q)] = d
        return depths[id(x)]

    for lst in sorted(lists, key=depth):
        intro_kind = classify_intro(view[lst.intro[0]:lst.intro[1]])
        sec_type = an.section_types.get(id(lst.section), "") if lst.section is not None else ""
        if not sec_type and lst.section is not None and lst.kind == "marker":
            par = parents.get(id(lst.section))
            sec_type = an.section_types.get(id(par), "") if par is not None else ""
        if lst.style in cues().label:  # the items name themselves (会议第一项, 第二阶段)
            lst.label, lst.cue = cues().label[lst.style], "items"
        else:
            lst.label, lst.cue = _label(reader_of(report), lst, intro_kind, sec_type)
        only = cues().only.get(lst.style)
        if only and lst.label != only:
            lst.label = ""
        if lst.parent is not None and lst.parent.label == "agenda" and lst.label != "measures":
            lst.label = ""
    an.lists = lists

    # measures: items of the outermost measure lists
    for lst in lists:
        if lst.label == "measures" and lst.top("measures") and lst.top("problems"):
            an.measures.extend((it.start, it.end) for it in lst.items)
        if lst.label == "measures":
            an.measure_zones.extend((it.start, it.end) for it in lst.items)
            if lst.cue == "intro" and lst.intro[0] < lst.intro[1]:
                an.measure_zones.append(_announcing_part(view, *lst.intro))
        if lst.label == "agenda" and lst.top("agenda"):
            an.agenda.extend((it.start, it.end) for it in lst.items)
    # plain paragraphs of a measures section without lists
    counted = sorted(an.measures)
    for sec in sections:
        kind = an.section_types[id(sec)]
        if kind not in ("measures", "narrative"):
            continue
        an.measure_zones.append((sec.heading_end, sec.end))
        if kind != "measures" or any(sec.start <= s < sec.end for s, _ in counted):
            continue
        if any(parents[id(o)] is sec for o in sections):
            continue
        for s, e in paragraphs(view, sec.heading_end, sec.end):
            if not cues().framing_any.search(view[s:e]):
                an.measures.append((s, e))
    # no item twice: two marker styles can read one list (一是要…: 一是 and 是要)
    an.measures = sorted(set(an.measures))
    an.agenda = sorted(set(an.agenda))
    an.measure_zones.sort()
    return an


_LINE = compile_regex(r"[^\n]+")


def paragraphs(view: str, lo: int, hi: int):
    """(start, end) of each line of view[lo:hi] that is not blank."""
    if 0 <= lo and hi <= len(view):
        return ((m.start(), m.end()) for m in _LINE.finditer(view, lo, hi) if not m.group().isspace())
    return _paragraphs_out_of_range(view, lo, hi)


def paragraphs_holding(view: str, lo: int, places: list[int]):
    """``paragraphs(view, lo, len(view))`` that hold one of ``places`` (ascending): found
    from the places, the other lines not visited."""
    k = bisect.bisect_left(places, lo)
    while k < len(places):
        at = places[k]
        start = view.rfind("\n", lo, at) + 1 or lo
        end = view.find("\n", at)
        end = len(view) if end == -1 else end
        if at < end and not view[start:end].isspace():  # not a line break, nor a blank line
            yield start, end
        k = bisect.bisect_right(places, end, k + 1)


def _paragraphs_out_of_range(view: str, lo: int, hi: int):
    # offsets outside the view keep str.find's and slicing's readings of them
    pos = lo
    while pos < hi:
        e = view.find("\n", pos, hi)
        e = hi if e == -1 else e
        if view[pos:e].strip():
            yield pos, e
        pos = e + 1


def item_span(report: Report, start: int, end: int) -> dict:
    """A grounded span for an item, without the separator that follows it."""
    while end > start and (report.text[end - 1] in _TRAIL or report.view[end - 1] in _TRAIL):
        end -= 1
    return report.span(start, end)

