"""Meeting type, theme, year reviewed, organisation, member review."""
from __future__ import annotations

from .report import Report


def extract(report: Report) -> dict:
    # Placeholder until this extractor is written: empty values that validate.
    return {"meeting_type": None, "theme": None, "year": None, "organization": None, "member_review": False}
