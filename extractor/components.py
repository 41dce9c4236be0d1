"""The spaCy pipeline components, declared in this one place.

Each component is a small class registered with ``Language.factory``. It runs a pure
extractor over ``doc._.report`` (report.py: the text, its normalised view with the same
offsets, what earlier components found) and puts its spans on the Doc
(``doc.spans[...]``; ``doc.ents`` at the end), its field values on
``doc._.report.fields``, from which ``record.build_record`` makes the Record.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from . import (agenda, attendance, audit, dates, docnos, layout, measures, meeting, people,
               problems, sections)
from .normalize import blank_out, normalize
from .report import Report

if not Doc.has_extension("report"):
    Doc.set_extension("report", default=None)


def char_spans(doc: Doc, items, label: str) -> list:
    """spaCy spans for items carrying character offsets ``start``/``end``."""
    out = []
    for item in items:
        if item.get("start") is None:
            continue
        span = doc.char_span(item["start"], item["end"], label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


@Language.factory("mrx_view")
class ViewComponent:
    """Starts the report: its normalised view, web-page chrome blanked out."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

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

    def __call__(self, doc: Doc) -> Doc:
        report = doc._.report
        line = layout.find_title(report.view)
        report.fields["title"] = None
        if line is not None:
            span = report.span(line.start, line.end)
            report.title = (span["start"], span["end"])
            report.fields["title"] = span["text"]
            doc.spans["title"] = char_spans(doc, [span], "TITLE")
        return doc


@Language.factory("mrx_sections")
class SectionsComponent:
    """The heading tree (``doc.spans["sections"]``, one span per heading)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        report = doc._.report
        # the title line is never a section heading
        view = blank_out(report.view, [report.title]) if report.title else report.view
        found, warnings = sections.segment(report.text, view)
        report.sections = found
        report.fields["sections"] = [s.as_dict() for s in found]
        report.warnings.extend(warnings)
        doc.spans["sections"] = char_spans(
            doc, [{"start": s.start, "end": s.heading_end} for s in found], "SECTION")
        return doc


class FieldComponent:
    """Runs one field module; ``groups`` maps a filled field to its span group label."""

    module = None
    groups: dict[str, str] = {}

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def extract(self, report: Report) -> dict:
        return self.module.extract(report)

    def __call__(self, doc: Doc) -> Doc:
        report = doc._.report
        found = self.extract(report)
        report.fields.update(found)
        for key, label in self.groups.items():
            value = found.get(key)
            items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
            doc.spans[key] = char_spans(doc, items, label)
        return doc


@Language.factory("mrx_dates")
class DatesComponent(FieldComponent):
    module = dates
    groups = {"meeting_date": "DATE"}


@Language.factory("mrx_docnos")
class DocnosComponent(FieldComponent):
    module = docnos
    groups = {"document_numbers": "DOCNO"}


@Language.factory("mrx_attendance")
class AttendanceComponent(FieldComponent):
    module = attendance

    def __call__(self, doc: Doc) -> Doc:
        doc = super().__call__(doc)
        evidence = doc._.report.fields["attendance"]["evidence"]
        doc.spans["attendance"] = char_spans(doc, evidence, "CARDINAL")
        return doc


@Language.factory("mrx_meeting")
class MeetingComponent(FieldComponent):
    """meeting_type, theme, year, organization, member_review."""

    module = meeting


@Language.factory("mrx_people")
class PeopleComponent(FieldComponent):
    """Rule-found people, merged with the shipped NER model's when it is switched on
    (MRX_NER=1; off by default because it costs ~10x the throughput: docs/NER.md)."""

    module = people
    groups = {"people": "PERSON"}

    def extract(self, report: Report) -> dict:
        from . import ner

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

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for group in doc.spans.values() for s in group if s.label_ in self.LABELS]
        doc.ents = filter_spans(spans)
        return doc
