"""The spaCy pipeline components, declared in this one place.

Each component is a small class registered with ``Language.factory``. It runs a pure
extractor over ``doc._.report`` (report.py: the text, its normalised view with the same
offsets, what earlier components found) and puts its spans on the Doc
(``doc.spans[...]``; ``doc.ents`` at the end), its field values on
``doc._.report.fields``, from which ``record.build_record`` makes the Record.
"""
from __future__ import annotations

from array import array
from typing import Any, Dict, Optional

import numpy

from extractor.fields import agenda, attendance, audit, dates, docnos, measures, meeting, people, problems
from extractor.fields import ner as ner_model
from extractor.fields import registry
from extractor.text import layout, sections
from extractor.text.normalize import blank_out, normalize
from extractor.report import Report
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


def check_order(nlp: Language) -> None:
    """Each component's ``reads`` must be filled by a component before it, and no record
    field filled twice: the order in pipeline.PIPELINE is checked, not trusted."""
    filled: set[str] = set()
    for name, component in nlp.pipeline:
        missing = [f for f in getattr(component, "reads", ()) if f not in filled]
        if missing:
            raise ValueError(f"pipeline order: {name} reads {', '.join(missing)} before any component fills it")
        twice = filled.intersection(getattr(component, "fills", ()))
        if twice:
            raise ValueError(f"pipeline order: {name} fills {', '.join(sorted(twice))} again")
        filled.update(getattr(component, "fills", ()))


def _load(*loaders) -> None:
    """Compile a module's cues (data/*.toml) when the pipeline is built rather than
    while the first report is read."""
    for load in loaders:
        load()


@Language.factory("mrx_view", assigns=["doc._.report"])
class ViewComponent:
    """Starts the report: its normalised view, web-page chrome blanked out."""

    reads: tuple[str, ...] = ()
    fills: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _load(layout.cues, lambda: normalize(""))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.pop(TEXT_KEY, None) or doc.text
        view = doc.user_data.pop(VIEW_KEY, None) or normalize(text)
        doc.user_data[REPORT_KEY] = Report(text, blank_out(view, layout.chrome_spans(view)))
        return doc


@Language.factory("mrx_title", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class TitleComponent:
    """The report's own title line (``doc.spans["title"]``)."""

    reads: tuple[str, ...] = ()
    fills = ("title",)

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _load(layout.cues, sections.heading_styles)

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


@Language.factory("mrx_sections", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class SectionsComponent:
    """The heading tree (``doc.spans["sections"]``, one span per heading)."""

    reads = ("title",)
    fills = ("sections",)

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _load(sections.heading_styles)

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
    # the report facts read (filled by earlier components) and the record fields filled
    reads: tuple[str, ...] = ()
    fills: tuple[str, ...] = ()
    groups: dict[str, str] = {}
    # loaders of the module's compiled cues, run when the pipeline is built
    resources: tuple = ()

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.fills = registry.component_fields(name.removeprefix("mrx_"))
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


@Language.factory("mrx_dates", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class DatesComponent(FieldComponent):
    module = dates
    reads = ("title", "sections")
    resources = (dates.date_cues,)
    groups = {"meeting_date": "DATE"}


@Language.factory("mrx_docnos", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class DocnosComponent(FieldComponent):
    module = docnos
    resources = (docnos.docno_rules,)
    groups = {"document_numbers": "DOCNO"}


@Language.factory("mrx_attendance", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class AttendanceComponent(FieldComponent):
    module = attendance
    resources = (attendance.attendance_rules,)

    def __call__(self, doc: Doc) -> Doc:
        doc = super().__call__(doc)
        report = report_of(doc)
        set_span_group(doc, report, "attendance", report.fields["attendance"]["evidence"], "CARDINAL")
        return doc


@Language.factory("mrx_meeting", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class MeetingComponent(FieldComponent):
    """meeting_type, theme, member_review."""

    module = meeting
    reads = meeting.READS
    resources = (meeting.cues,)


@Language.factory("mrx_people", default_config={"ner": False}, requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class PeopleComponent(FieldComponent):
    """Rule-found people, merged with the shipped NER model's when ``ner`` is on (off by
    default because it costs ~10x the throughput: docs/NER.md)."""

    module = people
    reads = ("title",)
    groups = {"people": "PERSON"}

    def __init__(self, nlp: Language, name: str, ner: bool):
        super().__init__(nlp, name)
        self.model = None
        self.model_problem = None
        if ner:
            try:
                self.model = ner_model.load_model()
            except (FileNotFoundError, OSError) as e:
                self.model_problem = f"NER switched on but not loaded: {e}"

    def extract(self, report: Report) -> dict:
        found = people.extract(report)
        if self.model is not None:
            found["people"] = ner_model.people(report, found["people"], self.model)
        elif self.model_problem:
            report.warnings.append(self.model_problem)
        return found


@Language.factory("mrx_problems", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class ProblemsComponent(FieldComponent):
    module = problems
    reads = ("title", "sections")
    groups = {"problems": "PROBLEM"}


@Language.factory("mrx_measures", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class MeasuresComponent(FieldComponent):
    module = measures
    reads = ("title", "sections")
    groups = {"measures": "MEASURE"}


@Language.factory("mrx_agenda", requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class AgendaComponent(FieldComponent):
    module = agenda
    reads = ("title", "sections")
    groups = {"agenda": "AGENDA"}


@Language.factory("mrx_audit", default_config={"profile": None}, requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])
class AuditComponent(FieldComponent):
    """The compliance audit; ``profile`` is a checklist as data (``Settings.profile``),
    None for the built-in checklist of each report's meeting type."""

    module = audit
    reads = ("meeting_type", "problems", "measures", "agenda", "member_review")
    resources = (audit.builtin_cue_index,)

    def __init__(self, nlp: Language, name: str, profile: Optional[Dict[str, Any]]):
        super().__init__(nlp, name)
        self.profile = None if profile is None else audit.load_profile(dict(profile))

    def extract(self, report: Report) -> dict:
        return audit.extract(report, self.profile)


def _declare_field_components() -> None:
    """A plain component for each field component of the registry without a class of its
    own: it runs ``extractor.fields.NAME.extract`` and reads what the module's ``READS``
    names, so that a new field needs no code here."""
    import importlib

    for component in registry.COMPONENTS:
        factory = f"mrx_{component}"
        if Language.has_factory(factory):
            continue
        module = importlib.import_module(f"extractor.fields.{component}")
        groups = {f.name: f.mark.kind.upper() for f in registry.FIELDS
                  if f.component == component and f.mark is not None}
        cls = type(f"{component.title()}Component", (FieldComponent,),
                   {"module": module, "reads": tuple(getattr(module, "READS", ())), "groups": groups,
                    "__doc__": (module.__doc__ or "").strip().splitlines()[0]})
        Language.factory(factory, requires=["doc._.report"], assigns=["doc._.report", "doc.spans"])(cls)


_declare_field_components()


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
