"""The steps that read one report, in pipeline order, without spaCy.

Each step fills the Report (report.py) from what the steps before it filled, and names the
spans it found (``marks``). components.py makes every step a spaCy component: the Language
a library user runs gets a Doc with span groups and entities. A record is built from the
Report alone, so the batch runner reads reports with ``ReportReader``: the same steps in
the same order, without a Doc of one token per character, span groups or an import of
spaCy (most of a process's start-up).
"""
from __future__ import annotations

import importlib
from typing import Any, Iterable

from extractor.fields import attendance, audit, dates, docnos, meeting, people, registry
from extractor.fields import ner as ner_model
from extractor.report import Report
from extractor.settings import Settings
from extractor.text import layout, sections
from extractor.text.normalize import blank_out, normalize

# The steps in the order they run; the Language's components are ``mrx_<step>``, after
# ``mrx_view`` (``new_report``) and before ``mrx_ents``.
STEPS = ("title", "sections", *registry.COMPONENTS)

# (span group key, items carrying start/end, label): a span group a step's finds make
Mark = tuple[str, list, str]
# loaders of the cues ``new_report`` uses, run when a reader or Language is made
VIEW_RESOURCES = (layout.cues, lambda: normalize(""))


def new_report(text: str, view: str | None = None) -> Report:
    """A report: its text and normalised view (made unless given), web-page chrome blanked out."""
    view = normalize(text) if view is None else view
    chrome = layout.chrome_spans(view)
    return Report(text, blank_out(view, chrome), chrome=chrome)


class Step:
    """One step of reading a report: ``fill`` puts what it finds on the report."""

    name = ""
    # the report facts read (filled by earlier steps) and the record fields filled
    reads: tuple[str, ...] = ()
    fills: tuple[str, ...] = ()
    # loaders of the step's compiled cues, run when the step is made rather than while
    # the first report is read
    resources: tuple = ()

    def __init__(self):
        for load in self.resources:
            load()

    def fill(self, report: Report) -> None:
        raise NotImplementedError

    def marks(self, report: Report) -> list[Mark]:
        """The span groups of what ``fill`` found (the Doc's ``doc.spans``)."""
        return []


class TitleStep(Step):
    """The report's own title line."""

    name = "title"
    fills = ("title",)
    resources = (layout.cues, sections.heading_styles)

    def fill(self, report: Report) -> None:
        line = layout.find_title(report.view, report.chrome)
        report.fields["title"] = None
        if line is not None:
            span = report.span(line.start, line.end)
            report.title = (span["start"], span["end"])
            report.fields["title"] = span["text"]

    def marks(self, report: Report) -> list[Mark]:
        return [("title", [report.span(*report.title)], "TITLE")] if report.title else []


class SectionsStep(Step):
    """The heading tree."""

    name = "sections"
    reads = ("title",)
    fills = ("sections",)
    resources = (sections.heading_styles, sections.plain_heading_cue)

    def fill(self, report: Report) -> None:
        # the title line is never a section heading
        view = blank_out(report.view, [report.title]) if report.title else report.view
        found, warnings = sections.segment(report.text, view)
        report.sections = found
        report.fields["sections"] = [s.as_dict() for s in found]
        report.warnings.extend(warnings)

    def marks(self, report: Report) -> list[Mark]:
        return [("sections", [{"start": s.start, "end": s.heading_end} for s in report.sections], "SECTION")]


# The loaders of a field module's compiled cues, run when its step is made.
_FIELD_RESOURCES = {
    "dates": (dates.date_cues,), "docnos": (docnos.docno_rules,), "attendance": (attendance.attendance_rules,),
    "meeting": (meeting.cues,), "audit": (audit.builtin_cue_index,),
}


class FieldStep(Step):
    """Runs ``extractor.fields.NAME.extract(report)``: it reads what the module's ``READS``
    names, fills the fields the registry gives the component, and marks each of them the
    registry marks as a span group of that kind (so that a new field needs no code here)."""

    def __init__(self, name: str):
        self.name = name
        self.module = importlib.import_module(f"extractor.fields.{name}")
        self.reads = tuple(getattr(self.module, "READS", ()))
        self.fills = registry.component_fields(name)
        self.groups = {f.name: f.mark.kind.upper() for f in registry.FIELDS
                       if f.component == name and f.mark is not None}
        self.resources = _FIELD_RESOURCES.get(name, ())
        super().__init__()

    def extract(self, report: Report) -> dict:
        return self.module.extract(report)

    def fill(self, report: Report) -> None:
        report.fields.update(self.extract(report))

    def marks(self, report: Report) -> list[Mark]:
        out = []
        for key, label in self.groups.items():
            value = report.fields.get(key)
            out.append((key, value if isinstance(value, list) else [value] if isinstance(value, dict) else [], label))
        return out


class AttendanceStep(FieldStep):
    """Attendance: the field is no span, its evidence spans are the group."""

    def __init__(self):
        super().__init__("attendance")

    def marks(self, report: Report) -> list[Mark]:
        return [("attendance", report.fields["attendance"]["evidence"], "CARDINAL")]


class PeopleStep(FieldStep):
    """Rule-found people, merged with the shipped NER model's when ``ner`` is on (off by
    default because it costs ~10x the throughput: docs/NER.md)."""

    def __init__(self, ner: bool = False):
        super().__init__("people")
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


class AuditStep(FieldStep):
    """The compliance audit; ``profile`` is a checklist as data (``Settings.profile``),
    None for the built-in checklist of each report's meeting type."""

    def __init__(self, profile: dict[str, Any] | None = None):
        super().__init__("audit")
        self.profile = None if profile is None else audit.load_profile(dict(profile))

    def extract(self, report: Report) -> dict:
        return audit.extract(report, self.profile)

    def marks(self, report: Report) -> list[Mark]:
        return []  # the audit is no span: its evidence is snippets


# The field components whose step does more than the plain one.
_FIELD_STEPS = {"attendance": AttendanceStep, "people": PeopleStep, "audit": AuditStep}


def make_step(name: str, **config) -> Step:
    """The step ``name`` of STEPS, configured (``ner`` for people, ``profile`` for audit)."""
    if name == "title":
        return TitleStep()
    if name == "sections":
        return SectionsStep()
    if name not in registry.COMPONENTS:
        raise ValueError(f"unknown step {name!r}")
    step = _FIELD_STEPS.get(name)
    return step(**config) if step is not None else FieldStep(name, **config)


def check_order(pipeline: Iterable[tuple[str, Any]]) -> None:
    """Each step's ``reads`` must be filled by a step before it, and no record field
    filled twice: an order (a Language's ``pipeline``, or (name, step) pairs) is checked,
    not trusted."""
    filled: set[str] = set()
    for name, component in pipeline:
        missing = [f for f in getattr(component, "reads", ()) if f not in filled]
        if missing:
            raise ValueError(f"pipeline order: {name} reads {', '.join(missing)} before any component fills it")
        twice = filled.intersection(getattr(component, "fills", ()))
        if twice:
            raise ValueError(f"pipeline order: {name} fills {', '.join(sorted(twice))} again")
        filled.update(getattr(component, "fills", ()))


class ReportReader:
    """Every step, configured by ``settings``, run over one report at a time."""

    def __init__(self, settings: Settings = Settings()):
        for load in VIEW_RESOURCES:
            load()
        config = settings.component_config()
        self.steps = [make_step(name, **config.get(f"mrx_{name}", {})) for name in STEPS]
        check_order((step.name, step) for step in self.steps)

    def read(self, text: str, view: str | None = None) -> Report:
        """The report ``text`` with every field filled; ``view`` is its normalised view if
        already made."""
        report = new_report(text, view)
        for step in self.steps:
            step.fill(report)
        return report


_READERS: dict[str, ReportReader] = {}


def get_reader(settings: Settings = Settings()) -> ReportReader:
    """One reader per process and settings (making one loads every data file)."""
    key = settings.key()
    reader = _READERS.get(key)
    if reader is None:
        reader = _READERS[key] = ReportReader(settings)
    return reader
