"""The meeting agenda items, where the report enumerates them.

Only an enumerated agenda counts: a list (match/lists.py) introduced as the agenda
("会议共有四项议程：一是……", "会议按以下程序进行：1.……", "会议分为两个部分，首先……其次……",
"会议第一项，……会议第二项，……", a "（二）会议议程" section with its sub-items), or an agenda
stated inline with its count ("共有两个议程：A和B"). When the introduction counts more items
than the numbered list has, the sentences opened by sequence words after it (接下来，最后，)
are the rest, if they make up the count. One item per entry, the numbering kept in
the text. The cues are data (``data/lists.toml``: ``[intro].agenda``, ``[heading].agenda``,
the markers, ``[inline_agenda]``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.match import lists
from extractor.regex_store import compile_regex
from extractor.report import Report
from extractor.resources import load_toml
from extractor.text.numerals import parse_int

# the report facts read, filled by earlier components
READS = ("title", "sections")


@lru_cache(maxsize=1)
def _inline_cues() -> tuple[re.Pattern, re.Pattern]:
    data = load_toml("lists.toml")["inline_agenda"]
    return compile_regex(data["pattern"]), compile_regex(data["separators"])


def inline_agenda(view: str) -> list[tuple[int, int]]:
    """The parts of an agenda stated inline with its count, when they are that many."""
    pattern, separators = _inline_cues()
    for m in pattern.finditer(view):
        count = parse_int(m.group("count"))
        lo, hi = m.span("items")
        parts, pos = [], lo
        for sep in separators.finditer(view, lo, hi):
            parts.append((pos, sep.start()))
            pos = sep.end()
        parts.append((pos, hi))
        parts = [(s, e) for s, e in parts if view[s:e].strip()]
        if count and len(parts) == count:
            return parts
    return []


@lru_cache(maxsize=1)
def _continuation_cues() -> tuple[re.Pattern, re.Pattern]:
    data = load_toml("lists.toml")["agenda_continuation"]
    return compile_regex(data["count"]), compile_regex(data["marker"])


def continued_agenda(report: Report, an: lists.Analysis) -> list[tuple[int, int]]:
    """The agenda with the items told as a sequence after its numbered list, when its
    introduction counts them (四个环节: 第一，第二，then 接下来，最后)."""
    agenda_lists = [x for x in an.lists if x.label == "agenda" and x.top("agenda")]
    if len(agenda_lists) != 1:
        return an.agenda
    lst = agenda_lists[0]
    count_re, marker_re = _continuation_cues()
    view = report.view
    m = count_re.search(view, *lst.intro)
    count = parse_int(m.group("count")) if m else None
    items = [(it.start, it.end) for it in lst.items]
    if not count or count <= len(items):
        return an.agenda
    pos = lst.end
    limit = min(len(view), pos + lists.cues().max_gap)
    limit = min([s.start for s in report.sections if s.start >= pos] + [limit])
    for mk in marker_re.finditer(view, pos, limit):
        j = mk.start() - 1
        while j >= 0 and view[j] in " \t":
            j -= 1
        if j >= 0 and view[j] not in "。!?\n":
            continue  # a sequence word inside a sentence, not opening one
        stop = view.find("。", mk.end(), limit)
        items.append((mk.start(), stop + 1 if stop != -1 else limit))
        if len(items) == count or view.startswith("最后", mk.start()):
            break
    return items if len(items) == count else an.agenda


def extract(report: Report) -> dict:
    an = lists.analysis_of(report)
    items = continued_agenda(report, an)
    stated = inline_agenda(report.view)
    if stated and len(stated) != len(items):
        items = stated
    return {"agenda": [lists.item_span(report, s, e) for s, e in items]}
