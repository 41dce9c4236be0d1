"""Document numbers (文号) cited in the report."""
from __future__ import annotations

from .report import Report


def extract(report: Report) -> dict:
    # Placeholder until this extractor is written: empty values that validate.
    return {"document_numbers": []}
