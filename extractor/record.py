"""Building the validated Record of one report from its Report, every field filled."""
from __future__ import annotations

import hashlib
import json

from extractor.schema import Record, Source


def record_id(sha256: str, index: int) -> str:
    """Stable id: the file's content hash and the report's position in it."""
    return hashlib.sha256(f"{sha256}:{index}".encode()).hexdigest()[:16]


def record_json(record: Record) -> str:
    """One record as compact JSON (field order fixed by the model, UTF-8 text as is): the
    serialisation every JSON output uses, made in the workers of a pool.

    Pydantic's own serialiser writes the same text as ``json.dumps(model_dump(mode="json"),
    ensure_ascii=False, separators=(",", ":"))`` for what a Record holds (text, integers,
    no floats; tests/test_export.py checks it) at a third of the cost; a lone surrogate,
    which it refuses, goes the slow way.
    """
    try:
        return record.model_dump_json()
    except ValueError:  # PydanticSerializationError: a lone surrogate in some text
        return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def build_record(report, source: Source, warnings: list[str] = ()) -> Record:
    """The Record of ``report`` (report.py), read by a ReportReader or a Language's Doc
    (``doc._.report``)."""
    return Record(
        id=record_id(source.sha256, source.index),
        source=source,
        text=report.text,
        warnings=[*warnings, *report.warnings],
        **report.fields,
    )
