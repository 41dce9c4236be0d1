"""Building the validated Record of one report from its processed Doc."""
from __future__ import annotations

import hashlib

from extractor.schema import Record, Source


def record_id(sha256: str, index: int) -> str:
    """Stable id: the file's content hash and the report's position in it."""
    return hashlib.sha256(f"{sha256}:{index}".encode()).hexdigest()[:16]


def build_record(doc, source: Source, warnings: list[str] = ()) -> Record:
    report = doc._.report
    return Record(
        id=record_id(source.sha256, source.index),
        source=source,
        text=report.text,
        warnings=[*warnings, *report.warnings],
        **report.fields,
    )
