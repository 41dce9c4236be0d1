"""The spaCy pipeline components, declared in this one place.

Each component is registered with ``Language.factory`` and runs one step of steps.py over
``doc._.report`` (report.py: the text, its normalised view with the same offsets, what
earlier components found): the step puts its field values on ``doc._.report.fields``, from
which ``record.build_record`` makes the Record, and the component puts the spans the step
names on the Doc (``doc.spans[...]``; ``doc.ents`` at the end).
"""
from __future__ import annotations

from array import array
from typing import Any, Dict, Optional

import numpy

from extractor.report import Report
from extractor.steps import STEPS, VIEW_RESOURCES, Step, make_step, new_report
from extractor.spacy_library import ENT_IOB, ENT_TYPE, Doc, Language, Span, SpanGroup, filter_spans

# The report travels in ``doc.user_data`` under this key, read by every component (the
# extension attribute machinery costs more than some components' own work on a short
# report); ``doc._.report`` is the public way to reach it.
REPORT_KEY = "mrx_report"
# What ``process`` hands the first component: the report's text (Doc.text is rebuilt from
# the tokens on every access) and its normalised view when already made.
TEXT_KEY, VIEW_KEY = "mrx_text", "mrx_view"

if not Doc.has_extension("report"):
    Doc.set_extension("report", getter=lambda doc: doc.user_data.get(REPORT_KEY))


def report_of(doc: Doc) -> Report | None:
    """``doc._.report``."""
    return doc.user_data.get(REPORT_KEY)


def start_report(doc: Doc, text: str, view: str | None = None) -> None:
    """Hand a report's text (and its view, if made) to the pipeline's first component."""
    doc.user_data[TEXT_KEY] = text
    if view is not None:
        doc.user_data[VIEW_KEY] = view


def char_spans(doc: Doc, items, label: str, report: Report | None = None) -> list:
    """spaCy spans for items carrying character offsets ``start``/``end``."""
    report = report_of(doc) if report is None else report
    if report is not None and len(doc) == len(report.text):
        # one token per character (the character segmenter): offsets are token indexes
        return _token_spans(doc, items, label)
    out = []
    for item in items:
        if item.get("start") is None:
            continue
        span = doc.char_span(item["start"], item["end"], label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


def _token_spans(doc: Doc, items, label: str) -> list:
    """``char_spans`` when token i is character i: what ``Doc.char_span`` (expand) gives
    then, without its token lookups."""
    n = len(doc)
    out = []
    for item in items:
        start = item.get("start")
        if start is None:
            continue
        end = item["end"]
        if 0 <= start < n and 0 < end <= n:  # char_span finds a token at start and at end - 1
            out.append(Span(doc, start, end, label=label))
    return out


def set_span_group(doc: Doc, report: Report, key: str, items, label: str) -> None:
    """``doc.spans[key]``: the spans of ``items`` (see char_spans). The report notes each
    group made with its size and label: mrx_ents then skips those with no entity label
    instead of having each of their spans made again (a span group hands out new Span
    objects)."""
    spans = char_spans(doc, items, label, report)
    group = SpanGroup(doc, name=key, spans=spans)
    doc.spans[key] = group
    report.span_groups[key] = (group, len(spans), doc.vocab.strings[label])


def _spans_labelled(doc: Doc, labels: frozenset) -> list:
    """The spans of all span groups whose label is one of ``labels`` (label ids)."""
    report = report_of(doc)
    made = report.span_groups if report is not None else {}
    out = []
    for key, group in doc.spans.items():
        known = made.get(key)
        if known is not None and known[0] is group and len(group) == known[1]:
            if known[2] in labels:  # still the group made, all of its spans with that label
                out.extend(group)
        else:
            out.extend(s for s in group if s.label in labels)
    return out


@Language.factory("mrx_view", assigns=["doc._.report"])
class ViewComponent:
    """Starts the report: its normalised view, web-page chrome blanked out."""

    reads: tuple[str, ...] = ()
    fills: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str):
        self.name = name
        for load in VIEW_RESOURCES:
            load()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.pop(TEXT_KEY, None) or doc.text
        doc.user_data[REPORT_KEY] = new_report(text, doc.user_data.pop(VIEW_KEY, None))
        return doc


class StepComponent:
    """A step of steps.py on the Doc: it fills the Doc's report and puts the spans it
    names on the Doc (``doc.spans``)."""

    def __init__(self, name: str, step: Step):
        self.name = name
        self.step = step
        self.reads, self.fills = step.reads, step.fills

    def __call__(self, doc: Doc) -> Doc:
        report = report_of(doc)
        self.step.fill(report)
        for key, items, label in self.step.marks(report):
            set_span_group(doc, report, key, items, label)
        return doc


STEP_ASSIGNS = ["doc._.report", "doc.spans"]


@Language.factory("mrx_people", default_config={"ner": False}, requires=["doc._.report"], assigns=STEP_ASSIGNS)
def make_people(nlp: Language, name: str, ner: bool) -> StepComponent:
    """Rule-found people, merged with the shipped NER model's when ``ner`` is on."""
    return StepComponent(name, make_step("people", ner=ner))


@Language.factory("mrx_audit", default_config={"profile": None}, requires=["doc._.report"], assigns=STEP_ASSIGNS)
def make_audit(nlp: Language, name: str, profile: Optional[Dict[str, Any]]) -> StepComponent:
    """The compliance audit; ``profile`` is a checklist as data (``Settings.profile``),
    None for the built-in checklist of each report's meeting type."""
    return StepComponent(name, make_step("audit", profile=profile))


def _step_factory(step: str):
    def make(nlp: Language, name: str) -> StepComponent:
        return StepComponent(name, make_step(step))

    make.__doc__ = f"The {step} step of steps.py as a component."
    return make


def _declare_step_components() -> None:
    """A component ``mrx_<step>`` for each step without a factory of its own above."""
    for step in STEPS:
        factory = f"mrx_{step}"
        if not Language.has_factory(factory):
            Language.factory(factory, requires=["doc._.report"], assigns=STEP_ASSIGNS)(_step_factory(step))


_declare_step_components()


@Language.factory("mrx_ents", requires=["doc.spans"], assigns=["doc.ents"])
class EntsComponent:
    """``doc.ents`` from the entity-like span groups (longest span wins on overlap)."""

    LABELS = ("PERSON", "DATE", "DOCNO", "CARDINAL")
    reads: tuple[str, ...] = ()
    fills: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.label_ids = frozenset(nlp.vocab.strings.add(label) for label in self.LABELS)

    def __call__(self, doc: Doc) -> Doc:
        _set_ents(doc, filter_spans(_spans_labelled(doc, self.label_ids)))
        return doc


# ENT_IOB values
_IN, _OUTSIDE, _BEGIN = 1, 2, 3


def _set_ents(doc: Doc, ents: list) -> None:
    """``doc.ents = ents`` for non-overlapping labelled spans.

    spaCy's setter walks every token in Python to mark it outside; here the same token
    attributes are written as one array (entity tokens also lose any knowledge-base id,
    as with the setter). Spans carrying ids of their own go through the setter.
    """
    if not len(doc) or any(span.kb_id or span.id for span in ents):
        doc.ents = ents
        return
    # built as a flat array first: numpy calls cost more than Python's on a few spans
    iob_type = array("Q", (_OUTSIDE, 0)) * len(doc)
    for span in ents:
        for i in range(span.start, span.end):
            iob_type[2 * i] = _BEGIN if i == span.start else _IN
            iob_type[2 * i + 1] = span.label
    iob_type = numpy.frombuffer(iob_type, dtype=numpy.uint64).reshape(len(doc), 2)
    doc.from_array([ENT_IOB, ENT_TYPE], iob_type)
    for span in ents:
        for token in span:
            token.ent_kb_id = 0
