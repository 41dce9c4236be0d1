"""Problems the meeting identified, with categories from the fixed taxonomy.

Where problems come from:

- **problem lists**: lists (match/lists.py) introduced as problems ("发现工作中还存在一些
  问题和不足。一是……二是……", the sub-sections of "二、存在的问题") whose items state
  shortcomings: one problem per item;
- **problem statements**: the clauses of a sentence that states problems ("详细查摆了A；
  B；C等问题", "问题主要包括形式主义方面：……"), of a problems section, and any clause
  anywhere that pairs a category's topic with a shortcoming ("学习不够深入", "服务群众上
  还有差距") or uses a wording that is a problem by itself ("流于形式", "一团和气").

What is never a problem: the measures and agenda (their items, their introducing sentence,
the body of a measures section), headings and the title, clauses about causes (原因 /
根源), clauses that only name the areas examined ("围绕……等方面查摆问题"), and cue words
that a negator cancels ("坚决整治形式主义", "反对官僚主义", "不搞一团和气").

The lexicon (cue phrases, topics and negative cues per category; shortcoming words;
negators) is data: ``data/categories.toml``.
"""
from __future__ import annotations

import bisect

from extractor.match import lists
from extractor.match.clauses import CLAUSE_SEP, lexicon, reader_of
from extractor.match.context import SENTENCE_END
from extractor.regex_store import compile_regex
from extractor.taxonomy import CATEGORIES
from extractor.match.zones import Zones
from extractor.report import Report

# the report facts read, filled by earlier components
READS = ("title", "sections")

def _open_segments(view: str, lo: int, hi: int, stops: list[int], skip: Zones):
    """The sentences of view[lo:hi], split at ; too (a sentence keeps its 。!?, not its
    ; or line break), that start outside ``skip`` and are not blank. ``stops``: where
    each of those separators stands in the view."""
    k = bisect.bisect_left(stops, lo)
    pos = lo
    while True:
        stop = stops[k] if k < len(stops) and stops[k] < hi else -1
        if stop == -1 and pos >= hi:
            return
        zone_end = skip.end_at(pos)
        if zone_end != -1:
            # every segment starting before the end of the zone is skipped
            k = bisect.bisect_left(stops, zone_end - 1, k)
            if k < len(stops) and stops[k] < hi:
                pos, k = stops[k] + 1, k + 1
                continue
            return
        end = hi if stop == -1 else stop + 1 if view[stop] in "。!?" else stop
        if view[pos:end].strip():
            yield pos, end
        if stop == -1:
            return
        pos, k = stop + 1, k + 1


def _trim(view: str, s: int, e: int) -> tuple[int, int]:
    lx = lexicon()
    while s < e and view[s] in " \n,;:、":
        s += 1
    while e > s and view[e - 1] in " \n,;:、。":
        e -= 1
    m = lx.leading.match(view[s:e])
    if m and s + m.end() < e:
        s += m.end()
    m = lx.trailing.search(view[s:e])
    if m and m.start() > 0:
        e = s + m.start()
    while e > s and view[e - 1] in " \n,;:、。":
        e -= 1
    return s, e


class _LabelHits:
    """Labels ("形式主义方面：", "在理论学习上：") by position: (label start, end of the
    label and its colon, start of the tail "方面…：")."""

    def __init__(self, found):
        self.found = sorted(found)
        self.starts = [f[0] for f in self.found]

    def within(self, lo: int, hi: int):
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi, i)
        return self.found[i:j]


_LABEL_END = compile_regex(r"(方面|上)$")   # a lead that is a label ("一是理想信念方面")
_LABEL_STOP = compile_regex(r"[,。;:!?\s、“”\"]")


def _labels(view: str) -> _LabelHits:
    found = []
    for m in lexicon().label.finditer(view):
        lo = max(0, m.start() - 16)
        for sep in _LABEL_STOP.finditer(view, lo, m.start()):
            lo = sep.end()
        if m.start() - lo >= 2:
            found.append((lo, m.end(), m.start()))
    return _LabelHits(found)


def _order(cats) -> list[str]:
    return [c for c in CATEGORIES if c in cats]


def extract(report: Report) -> dict:
    view = report.view
    an = lists.analysis_of(report)
    reader = reader_of(report)
    found: list[tuple[int, int, list[str]]] = []

    # 1. problem lists: one problem per item
    listed: list[tuple[int, int]] = []
    for lst in an.lists:
        if lst.label != "problems" or not lst.top("problems") or not lst.top("measures"):
            continue
        for it in lst.items:
            heading = lst.kind == "heading"
            cats = set()
            if heading:
                cats |= reader.span(it.start, it.body, lenient_lead=True).categories
                r = reader.span(it.body, it.end)
            else:
                lead_end = CLAUSE_SEP.search(view, it.body, it.end)
                lead = view[it.body:lead_end.start() if lead_end else it.end]
                r = reader.span(it.body, it.end, lenient_lead=bool(_LABEL_END.search(lead)))
            cats |= r.categories
            span = lists.item_span(report, it.start, it.end)
            found.append((span["start"], span["end"], _order(cats)))
            listed.append((it.start, it.end))

    # 2. statements elsewhere
    causes = [(s.heading_end, s.end) for s in report.sections if an.section_types.get(id(s)) == "causes"]
    skip = Zones(an.measure_zones + an.agenda + listed + causes
                  + [(s.start, s.heading_end) for s in report.sections]
                  + ([report.title] if report.title else []))
    problem_sections = Zones([(s.heading_end, s.end) for s in report.sections
                               if an.section_types.get(id(s)) == "problems"])
    lo = report.title[1] if report.title else 0
    triggers = reader.scan.triggers
    labels = stops = None  # made for the first paragraph read (a quarter of reports have none)
    marks = reader.scan.marks
    # only a paragraph holding a shortcoming word or a cue has a clause that states anything
    for ps, pe in lists.paragraphs_holding(view, lo, marks):
        if skip.end_at(ps) >= pe:
            continue  # inside one skipped stretch
        if labels is None:
            labels = _labels(view)
            stops = report.stops(SENTENCE_END)  # the clause separators that end a sentence
        label_cats: set = set()
        trigger_until = -1
        for s, e in _open_segments(view, ps, pe, stops, skip):
            e = min(e, skip.next_start(s, e))
            seg_lo = s
            own_label = False
            for a, b, tail in labels.within(s, e):
                # "形式主义方面：……" files what follows under the label's categories
                label_cats = reader.span(a, tail, lenient_lead=True).categories
                own_label = True
                seg_lo = b
            i = bisect.bisect_left(triggers.starts, s)
            t = max((x for x in triggers.within(s, e) if x[1] <= e), default=None) if (
                i < len(triggers.starts) and triggers.starts[i] < e) else None
            if t:
                sentence_end = view.find("。", t[1], pe)
                trigger_until = pe if view[t[1] - 1] == ":" or sentence_end == -1 else sentence_end + 1
            r = reader.span(seg_lo, e)
            in_zone = problem_sections.holds(s) or s < trigger_until
            cats = set(r.categories)
            if label_cats and (r.strong or own_label):
                cats |= label_cats
            if not cats and not (in_zone and r.strong):
                continue
            if t and not cats and t[1] >= e - 1:
                continue  # the trigger sentence itself ("存在以下问题：")
            a, b = _trim(view, seg_lo, e)
            if b - a < 4:
                continue
            found.append((a, b, _order(cats)))

    found.sort()
    out, last_end = [], -1
    for s, e, cats in found:
        if s < last_end:
            continue
        span = report.span(s, e)
        span["categories"] = cats
        out.append(span)
        last_end = e
    return {"problems": out}
