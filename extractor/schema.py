"""Pydantic models of the report record: the output contract (RECORD.md).

These models are the source of truth for types; ``mrx schema`` prints the JSON Schema
generated from them and ``schemas/record.schema.json`` is kept in sync by a test.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from extractor.fields.registry import FIELDS
from extractor.taxonomy import AUDIT_ELEMENTS, CATEGORIES, MEETING_TYPES
from extractor.pages import Page

SCHEMA_VERSION = "2.0"

MeetingType = Literal[MEETING_TYPES]
Category = Literal[CATEGORIES]

__all__ = ["AUDIT_ELEMENTS", "CATEGORIES", "MEETING_TYPES", "Record", "Source", "FileError",
           "record_json_schema"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(Model):
    """A stretch of the report text: ``record.text[start:end] == text``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Source(Model):
    path: str = Field(description="the file's path; bytes of a name that is not valid UTF-8 are written \\xNN")
    path_bytes: Optional[str] = Field(default=None, description="the exact bytes of the path in hex, "
                                      "when it is not valid UTF-8 (null otherwise)")
    index: int = Field(ge=0, description="0-based position of the report in its file")
    start: int = Field(ge=0, description="offset of the report in the decoded file")
    end: int = Field(ge=0)
    format: str = Field(default="text", description="how the text was obtained: text, docx, html, "
                                                    "pdf, rtf, doc, ocr, …")
    encoding: Optional[str] = Field(default=None, description="of a text file; null otherwise")
    sha256: str
    pages: Optional[list[Page]] = Field(None, description="OCR'd text: each page's size and line boxes "
                                                          "(extractor/pages.py)")


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
    level: int = Field(ge=1, le=4, description="depth in the report's own outline: 1 = the outermost "
                                               "heading style the report uses, 2 = the next one down, …")
    style: Optional[str] = Field(default=None, description="the numbering style: 一、, （一）, 1., （1）, 第一部分, …")
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


class RecordBase(Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source
    text: str


def _field_type(spec) -> tuple:
    """(annotation, default) of a declared field (fields/registry.py)."""
    value = _TYPES[spec.type]
    if spec.shape == "list":
        return list[value], []
    if spec.shape == "optional":
        return Optional[value], None
    return value, (False if value is bool else value())


_TYPES = {"str": str, "int": int, "bool": bool, "MeetingType": MeetingType, "TextSpan": TextSpan,
          "Person": Person, "MeetingDate": MeetingDate, "DocumentNumber": DocumentNumber,
          "Attendance": Attendance, "Problem": Problem, "Section": Section, "Audit": Audit}

# The record: where it came from and its text, every declared field in declaration order,
# then the warnings.
Record = create_model(
    "Record", __base__=RecordBase, __module__=__name__,
    **{spec.name: _field_type(spec) for spec in FIELDS},
    warnings=(list[str], []),
)


class FileError(Model):
    """One input file that produced no record, with the reason."""

    path: str
    path_bytes: Optional[str] = None  # as Source.path_bytes
    error: str


def record_json_schema() -> dict:
    return Record.model_json_schema()
