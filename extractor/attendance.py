"""Attendance: expected / present / absent members, with evidence."""
from __future__ import annotations

from .report import Report


def extract(report: Report) -> dict:
    # Placeholder until this extractor is written: empty values that validate.
    return {"attendance": {"expected": None, "present": None, "absent": None, "redacted": False, "evidence": []}}
