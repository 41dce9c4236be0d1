"""Pydantic models of the report record: the output contract (RECORD.md).

These models are the source of truth for types; ``mrx schema`` prints the JSON Schema
generated from them and ``schemas/record.schema.json`` is kept in sync by a test.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

MeetingType = Literal["民主生活会", "专题民主生活会", "组织生活会", "专题组织生活会"]

CATEGORIES = (
    "理想信念", "理论学习", "形式主义", "官僚主义", "享乐主义", "奢靡之风", "担当作为",
    "为民服务", "纪律作风", "党建责任", "组织生活", "先锋模范", "批评与自我批评",
)
Category = Literal[
    "理想信念", "理论学习", "形式主义", "官僚主义", "享乐主义", "奢靡之风", "担当作为",
    "为民服务", "纪律作风", "党建责任", "组织生活", "先锋模范", "批评与自我批评",
]

AUDIT_ELEMENTS = (
    "study", "solicit_opinions", "heart_to_heart", "self_examination_materials",
    "previous_rectification", "criticism", "problems", "rectification", "supervision",
    "member_review", "report_upward",
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(Model):
    """A stretch of the report text: ``record.text[start:end] == text``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Source(Model):
    path: str
    index: int = Field(ge=0, description="0-based position of the report in its file")
    start: int = Field(ge=0, description="offset of the report in the decoded file")
    end: int = Field(ge=0)
    encoding: str
    sha256: str


class MeetingDate(Model):
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    year: Optional[int] = None
    month: Optional[int] = Field(default=None, ge=1, le=12)
    day: Optional[int] = Field(default=None, ge=1, le=31)
    redacted: bool = False


class DocumentNumber(TextSpan):
    issuer: Optional[str] = None
    year: Optional[int] = None
    number: Optional[int] = None
    redacted: bool = False


class Attendance(Model):
    expected: Optional[int] = Field(default=None, ge=0)
    present: Optional[int] = Field(default=None, ge=0)
    absent: Optional[int] = Field(default=None, ge=0)
    redacted: bool = False
    evidence: list[TextSpan] = []


class Person(Model):
    name: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    role: Optional[str] = None


class Problem(TextSpan):
    categories: list[Category] = []


class Section(Model):
    heading: str = Field(description="the heading as written, numbering kept")
    level: int = Field(ge=1, le=4, description="1 = 一、, 2 = （一）, 3 = 1., 4 = （1）")
    number: int = Field(ge=0, description="the heading's ordinal (一 → 1)")
    start: int = Field(ge=0, description="start of the heading")
    end: int = Field(ge=0, description="end of the section body")
    heading_end: int = Field(ge=0, description="text[start:heading_end] == heading")


class AuditElement(Model):
    present: bool = False
    required: bool = False
    evidence: list[TextSpan] = []


class Audit(Model):
    meeting_type: Optional[MeetingType] = None
    profile: Optional[str] = None
    elements: dict[str, AuditElement] = {}
    missing: list[str] = []
    complete: bool = False


class Record(Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source
    text: str
    title: Optional[str] = None
    meeting_type: Optional[MeetingType] = None
    theme: Optional[str] = None
    year: Optional[int] = None
    organization: Optional[str] = None
    meeting_date: MeetingDate = MeetingDate()
    document_numbers: list[DocumentNumber] = []
    attendance: Attendance = Attendance()
    people: list[Person] = []
    agenda: list[TextSpan] = []
    problems: list[Problem] = []
    measures: list[TextSpan] = []
    member_review: bool = False
    sections: list[Section] = []
    audit: Audit = Audit()
    warnings: list[str] = []


class FileError(Model):
    """One input file that produced no record, with the reason."""

    path: str
    error: str


def record_json_schema() -> dict:
    return Record.model_json_schema()
