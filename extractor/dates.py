"""Meeting date: the day the meeting was held (not the signing date, not a notice's)."""
from __future__ import annotations

from .report import Report


def extract(report: Report) -> dict:
    # Placeholder until this extractor is written: empty values that validate.
    return {"meeting_date": {"text": None, "start": None, "end": None, "year": None, "month": None, "day": None, "redacted": False}}
