"""The field registry: every record field declared once.

A declaration says what the field is called (``label``, in Chinese), which pipeline
component fills it, its type in the record, the columns it gives the ``reports`` table,
how ``mrx show`` marks its spans and how ``mrx eval`` scores it. The schema
(``schema.Record``), the tables / CSV / xlsx / SQL (outputs/tables.py), the viewer's
marks and legend (outputs/show.py) and the evaluator (evaluate.py) are derived from
these declarations, so adding a field is: its module (``extract(report) -> dict``), its
data file, its tests and one entry here. ``tests/test_registry.py`` fails when a record
field or a component has no declaration.

Getters and mark makers read a Record (duck-typed: this module imports no model).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from extractor.taxonomy import element_label


@dataclass(frozen=True)
class MarkStyle:
    """How ``mrx show`` draws a field's spans: its kind (the CSS class ``k-KIND``), legend
    label, colour, and whether it is a stretch ("block": background), a stretch that must
    stay visible on top of blocks ("frame": dashed outline) or a short entity ("entity":
    underline and bold)."""

    kind: str
    label: str
    color: str
    style: str = "entity"


# (start, end, note) of each span a field marks in a record
Marks = Callable[[Any], Iterable[tuple[int, int, str]]]


@dataclass(frozen=True)
class Column:
    """A column of the ``reports`` table: name, type (a key of tables.DTYPES), value."""

    name: str
    dtype: str
    get: Callable[[Any], Any]


@dataclass(frozen=True)
class FieldSpec:
    name: str                 # the record key (RECORD.md)
    label: str                # in Chinese, for spreadsheets, the viewer and the dashboard
    component: str | None     # the pipeline component (without "mrx_") that fills it
    type: str                 # a type of schema.py ("Person", "TextSpan", …) or str/int/bool
    shape: str = "optional"   # "optional" (None when absent), "list", or "one" (always there)
    columns: tuple[Column, ...] = ()
    mark: MarkStyle | None = None
    marks: Marks | None = None
    score: str | None = None  # the evaluator's scorer (evaluate.SCORERS), None: not scored
    summary: Callable[[Any], str] | None = None  # the field in one line, for the viewer


def _spans(items) -> Iterable[tuple[int, int, str]]:
    return ((x.start, x.end, "") for x in items)


def _one(item, note: str = "") -> Iterable[tuple[int, int, str]]:
    if item is not None and getattr(item, "start", None) is not None:
        yield item.start, item.end, note


def _title_marks(r):
    at = r.text.find(r.title) if r.title else -1
    return [(at, at + len(r.title), "")] if at >= 0 else []


def _date_note(d) -> str:
    parts = [f"{v}{u}" for v, u in ((d.year, "年"), (d.month, "月"), (d.day, "日")) if v is not None]
    return "".join(parts) + ("（已脱敏）" if d.redacted else "")


def _attendance_marks(r):
    a = r.attendance
    note = f"应到 {_n(a.expected)} / 实到 {_n(a.present)} / 缺席 {_n(a.absent)}"
    return ((ev.start, ev.end, note) for ev in a.evidence)


def _audit_marks(r):
    return ((ev.start, ev.end, element_label(element))
            for element, e in r.audit.elements.items() for ev in e.evidence)


def _attendance_note(a) -> str:
    return (f"应到 {_n(a.expected)}，实到 {_n(a.present)}，缺席 {_n(a.absent)}"
            + ("（已脱敏）" if a.redacted else ""))


def _audit_summary(r) -> str:
    missing = "、".join(element_label(m) for m in r.audit.missing)
    return ("完整" if r.audit.complete else "不完整") + (f"，缺：{missing}" if missing else "")


def _blank(value) -> str:
    return "" if value is None else str(value)


def _n(value) -> str:
    return "?" if value is None else str(value)


def _rate(a):
    return a.present / a.expected if a.present is not None and a.expected else None


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "标题", "title", "str",
              columns=(Column("title", "str", lambda r: r.title),),
              mark=MarkStyle("title", "标题", "#d9d9d9", "block"), marks=_title_marks, score="title"),
    FieldSpec("meeting_type", "会议类型", "meeting", "MeetingType",
              columns=(Column("meeting_type", "str", lambda r: r.meeting_type),), score="value",
              summary=lambda r: r.meeting_type or ""),
    FieldSpec("theme", "主题", "meeting", "str", columns=(Column("theme", "str", lambda r: r.theme),),
              summary=lambda r: r.theme or ""),
    FieldSpec("year", "年度", "year", "int", columns=(Column("year", "int", lambda r: r.year),),
              score="value", summary=lambda r: _blank(r.year)),
    FieldSpec("organization", "组织", "organization", "str",
              columns=(Column("organization", "str", lambda r: r.organization),), score="text",
              summary=lambda r: r.organization or ""),
    FieldSpec("meeting_date", "会议日期", "dates", "MeetingDate", shape="one",
              columns=(Column("meeting_date", "str", lambda r: r.meeting_date.text),
                       Column("meeting_year", "int", lambda r: r.meeting_date.year),
                       Column("meeting_month", "int", lambda r: r.meeting_date.month),
                       Column("meeting_day", "int", lambda r: r.meeting_date.day),
                       Column("date_redacted", "bool", lambda r: r.meeting_date.redacted)),
              mark=MarkStyle("date", "会议日期", "#1f77b4"),
              marks=lambda r: _one(r.meeting_date, _date_note(r.meeting_date)), score="date",
              summary=lambda r: (r.meeting_date.text or "") + ("（已脱敏）" if r.meeting_date.redacted else "")),
    FieldSpec("document_numbers", "文号", "docnos", "DocumentNumber", shape="list",
              columns=(Column("n_document_numbers", "int", lambda r: len(r.document_numbers)),),
              mark=MarkStyle("docno", "文号", "#9467bd"),
              marks=lambda r: ((d.start, d.end, " ".join(str(v) for v in (d.issuer, d.year, d.number)
                                                         if v is not None)) for d in r.document_numbers),
              score="texts", summary=lambda r: "；".join(d.text for d in r.document_numbers)),
    FieldSpec("attendance", "出席", "attendance", "Attendance", shape="one",
              columns=(Column("expected", "int", lambda r: r.attendance.expected),
                       Column("present", "int", lambda r: r.attendance.present),
                       Column("absent", "int", lambda r: r.attendance.absent),
                       Column("attendance_redacted", "bool", lambda r: r.attendance.redacted),
                       Column("attendance_rate", "float", lambda r: _rate(r.attendance))),
              mark=MarkStyle("attendance", "出席人数", "#2ca02c"), marks=_attendance_marks, score="attendance",
              summary=lambda r: _attendance_note(r.attendance)),
    FieldSpec("chair", "主持人", "chair", "Person",
              columns=(Column("chair", "str", lambda r: r.chair.name if r.chair else None),),
              mark=MarkStyle("chair", "主持人", "#e7298a"),
              marks=lambda r: _one(r.chair, "主持人"), score="name",
              summary=lambda r: r.chair.name if r.chair else ""),
    FieldSpec("location", "会议地点", "location", "TextSpan",
              columns=(Column("location", "str", lambda r: r.location.text if r.location else None),),
              mark=MarkStyle("location", "会议地点", "#8c6d31"), marks=lambda r: _one(r.location), score="text",
              summary=lambda r: r.location.text if r.location else ""),
    FieldSpec("people", "人员", "people", "Person", shape="list",
              columns=(Column("n_people", "int", lambda r: len(r.people)),),
              mark=MarkStyle("person", "人员", "#d62728"),
              marks=lambda r: ((p.start, p.end, p.role or "") for p in r.people), score="people",
              summary=lambda r: "；".join(p.name + (f"（{p.role}）" if p.role else "") for p in r.people)),
    FieldSpec("agenda", "议程", "agenda", "TextSpan", shape="list",
              columns=(Column("n_agenda", "int", lambda r: len(r.agenda)),),
              mark=MarkStyle("agenda", "议程", "#dadaeb", "block"), marks=lambda r: _spans(r.agenda), score="count"),
    FieldSpec("problems", "问题", "problems", "Problem", shape="list",
              columns=(Column("n_problems", "int", lambda r: len(r.problems)),),
              mark=MarkStyle("problem", "问题", "#f8c4bf", "block"),
              marks=lambda r: ((p.start, p.end, "、".join(p.categories)) for p in r.problems),
              score="categories"),
    FieldSpec("measures", "整改措施", "measures", "TextSpan", shape="list",
              columns=(Column("n_measures", "int", lambda r: len(r.measures)),),
              mark=MarkStyle("measure", "整改措施", "#c7e9c0", "block"), marks=lambda r: _spans(r.measures),
              score="count"),
    FieldSpec("member_review", "民主评议党员", "meeting", "bool", shape="one",
              columns=(Column("member_review", "bool", lambda r: r.member_review),), score="flag",
              summary=lambda r: "是" if r.member_review else "否"),
    FieldSpec("sections", "小标题", "sections", "Section", shape="list",
              columns=(Column("n_sections", "int", lambda r: len(r.sections)),),
              mark=MarkStyle("section", "小标题", "#c6dbef", "block"),
              marks=lambda r: ((s.start, s.heading_end, f"第{s.level}级标题") for s in r.sections),
              score="top_sections"),
    FieldSpec("audit", "程序审核", "audit", "Audit", shape="one",
              columns=(Column("audit_profile", "str", lambda r: r.audit.profile),
                       Column("audit_complete", "bool", lambda r: r.audit.complete),
                       Column("audit_missing", "str", lambda r: ";".join(r.audit.missing))),
              mark=MarkStyle("audit", "程序要素依据", "#d49a00", "frame"), marks=_audit_marks, score="audit",
              summary=_audit_summary),
)

BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}

# The field components in the order they run: each reads what earlier ones filled
# (steps.check_order verifies it when a pipeline is built).
COMPONENTS: tuple[str, ...] = (
    "dates", "docnos", "attendance", "meeting", "year", "organization", "people", "chair", "location",
    "problems", "measures", "agenda", "audit",
)


def component_fields(component: str) -> tuple[str, ...]:
    """The record fields a component fills."""
    return tuple(f.name for f in FIELDS if f.component == component)


def mark_styles() -> dict[str, MarkStyle]:
    """The viewer's kinds of marks, by kind, in field order."""
    return {f.mark.kind: f.mark for f in FIELDS if f.mark is not None}


def marks(record) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, note) of every span the fields mark in a record."""
    out = []
    for f in FIELDS:
        if f.marks is not None and f.mark is not None:
            out.extend((f.mark.kind, s, e, note) for s, e, note in f.marks(record))
    return out
