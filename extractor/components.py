"""The spaCy pipeline components, declared in this one place.

Each component is a small class registered with ``Language.factory``. It runs a pure
extractor over ``doc._.report`` (report.py: the text, its normalised view with the same
offsets, what earlier components found) and puts its spans on the Doc
(``doc.spans[...]``; ``doc.ents`` at the end), its field values on
``doc._.report.fields``, from which ``record.build_record`` makes the Record.
"""
from __future__ import annotations

from array import array
from weakref import WeakKeyDictionary

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import filter_spans

from extractor.fields import agenda, attendance, audit, dates, docnos, measures, meeting, people, problems
from extractor.text import layout, sections
from extractor.text.normalize import blank_out, normalize
from extractor.report import Report

if not Doc.has_extension("report"):
    Doc.set_extension("report", default=None)

# Where spaCy keeps the value of ``doc._.report``: read straight from there, the extension
# attribute machinery costs more than some components' own work on a short report.
_REPORT_KEY = ("._.", "report", None, None)


def report_of(doc: Doc) -> Report | None:
    """``doc._.report``."""
    try:
        return doc.user_data[_REPORT_KEY]
    except KeyError:
        return doc._.report


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


# The span groups the components made on a Doc, each with its size and label: mrx_ents
# skips those with no entity label instead of having each of their spans made again (a
# span group hands out new Span objects). Span groups hold their Doc weakly.
_made_groups: WeakKeyDictionary = WeakKeyDictionary()


def set_span_group(doc: Doc, report: Report, key: str, items, label: str) -> None:
    """``doc.spans[key]``: the spans of ``items`` (see char_spans)."""
    spans = char_spans(doc, items, label, report)
    group = SpanGroup(doc, name=key, spans=spans)
    doc.spans[key] = group
    made = _made_groups.get(doc)
    if made is None:
        made = _made_groups[doc] = {}
    made[key] = (group, len(spans), doc.vocab.strings[label])


def _spans_labelled(doc: Doc, labels: frozenset) -> list:
    """The spans of all span groups whose label is one of ``labels`` (label ids)."""
    made = _made_groups.get(doc, {})
    out = []
    for key, group in doc.spans.items():
        known = made.get(key)
        if known is not None and known[0] is group and len(group) == known[1]:
            if known[2] in labels:  # still the group made, all of its spans with that label
                out.extend(group)
        else:
            out.extend(s for s in group if s.label in labels)
    return out


def _load(*loaders) -> None:
    """Compile a module's cues (data/*.toml) when the pipeline is built rather than
    while the first report is read."""
    for load in loaders:
        load()


@Language.factory("mrx_view")
class ViewComponent:
    """Starts the report: its normalised view, web-page chrome blanked out."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _load(layout.cues, lambda: normalize(""))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.pop("mrx_text", None) or doc.text
        view = doc.user_data.pop("mrx_view", None) or normalize(text)
        doc._.report = Report(text, blank_out(view, layout.chrome_spans(view)))
        return doc


@Language.factory("mrx_title")
class TitleComponent:
    """The report's own title line (``doc.spans["title"]``)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _load(layout.cues, sections._styles)

    def __call__(self, doc: Doc) -> Doc:
        report = report_of(doc)
        line = layout.find_title(report.view)
        report.fields["title"] = None
        if line is not None:
            span = report.span(line.start, line.end)
            report.title = (span["start"], span["end"])
            report.fields["title"] = span["text"]
            set_span_group(doc, report, "title", [span], "TITLE")
        return doc


@Language.factory("mrx_sections")
class SectionsComponent:
    """The heading tree (``doc.spans["sections"]``, one span per heading)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _load(sections._styles)

    def __call__(self, doc: Doc) -> Doc:
        report = report_of(doc)
        # the title line is never a section heading
        view = blank_out(report.view, [report.title]) if report.title else report.view
        found, warnings = sections.segment(report.text, view)
        report.sections = found
        report.fields["sections"] = [s.as_dict() for s in found]
        report.warnings.extend(warnings)
        set_span_group(doc, report, "sections",
                       [{"start": s.start, "end": s.heading_end} for s in found], "SECTION")
        return doc


class FieldComponent:
    """Runs one field module; ``groups`` maps a filled field to its span group label."""

    module = None
    groups: dict[str, str] = {}
    # loaders of the module's compiled cues, run when the pipeline is built
    resources: tuple = ()

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _load(*self.resources)

    def extract(self, report: Report) -> dict:
        return self.module.extract(report)

    def __call__(self, doc: Doc) -> Doc:
        report = report_of(doc)
        found = self.extract(report)
        report.fields.update(found)
        for key, label in self.groups.items():
            value = found.get(key)
            items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
            set_span_group(doc, report, key, items, label)
        return doc


@Language.factory("mrx_dates")
class DatesComponent(FieldComponent):
    module = dates
    resources = (dates._cues,)
    groups = {"meeting_date": "DATE"}


@Language.factory("mrx_docnos")
class DocnosComponent(FieldComponent):
    module = docnos
    resources = (docnos._rules,)
    groups = {"document_numbers": "DOCNO"}


@Language.factory("mrx_attendance")
class AttendanceComponent(FieldComponent):
    module = attendance
    resources = (attendance._rules,)

    def __call__(self, doc: Doc) -> Doc:
        doc = super().__call__(doc)
        report = report_of(doc)
        set_span_group(doc, report, "attendance", report.fields["attendance"]["evidence"], "CARDINAL")
        return doc


@Language.factory("mrx_meeting")
class MeetingComponent(FieldComponent):
    """meeting_type, theme, year, organization, member_review."""

    module = meeting
    resources = (meeting.cues,)


@Language.factory("mrx_people")
class PeopleComponent(FieldComponent):
    """Rule-found people, merged with the shipped NER model's when it is switched on
    (MRX_NER=1; off by default because it costs ~10x the throughput: docs/NER.md)."""

    module = people
    groups = {"people": "PERSON"}

    def extract(self, report: Report) -> dict:
        from extractor.fields import ner

        found = people.extract(report)
        found["people"] = ner.people(report, found["people"])
        return found


@Language.factory("mrx_problems")
class ProblemsComponent(FieldComponent):
    module = problems
    groups = {"problems": "PROBLEM"}


@Language.factory("mrx_measures")
class MeasuresComponent(FieldComponent):
    module = measures
    groups = {"measures": "MEASURE"}


@Language.factory("mrx_agenda")
class AgendaComponent(FieldComponent):
    module = agenda
    groups = {"agenda": "AGENDA"}


@Language.factory("mrx_audit")
class AuditComponent(FieldComponent):
    module = audit


@Language.factory("mrx_ents")
class EntsComponent:
    """``doc.ents`` from the entity-like span groups (longest span wins on overlap)."""

    LABELS = ("PERSON", "DATE", "DOCNO", "CARDINAL")

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
