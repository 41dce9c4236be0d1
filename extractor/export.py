"""Writing records: JSON Lines, a JSON array, or a flat CSV table of reports."""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from .schema import Record

FORMATS = ("jsonl", "json", "csv")


def record_json(record: Record) -> str:
    """One record as compact JSON: field order fixed by the model, no timestamps."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def report_row(record: Record) -> dict:
    """The flat, one-row-per-report view of a record."""
    r = record
    return {
        "id": r.id, "path": r.source.path, "index": r.source.index, "title": r.title,
        "meeting_type": r.meeting_type, "theme": r.theme, "year": r.year,
        "organization": r.organization,
        "meeting_date": r.meeting_date.text, "meeting_year": r.meeting_date.year,
        "meeting_month": r.meeting_date.month, "meeting_day": r.meeting_date.day,
        "date_redacted": r.meeting_date.redacted,
        "expected": r.attendance.expected, "present": r.attendance.present,
        "absent": r.attendance.absent,
        "document_numbers": ";".join(d.text for d in r.document_numbers),
        "people": ";".join(p.name for p in r.people),
        "problems": len(r.problems), "measures": len(r.measures), "agenda": len(r.agenda),
        "sections": len(r.sections), "member_review": r.member_review,
        "audit_complete": r.audit.complete, "audit_missing": ";".join(r.audit.missing),
        "warnings": len(r.warnings),
    }


def write_records(records: Iterable[Record], out: IO[str], fmt: str) -> int:
    """Stream records to ``out`` in ``fmt``; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(record_json(rec) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for rec in records:
            out.write(("," if n else "") + "\n" + record_json(rec))
            n += 1
        out.write("\n]\n")
    elif fmt == "csv":
        writer = None
        for rec in records:
            row = report_row(rec)
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
            n += 1
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return n
