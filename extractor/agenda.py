"""The meeting agenda items, where the report enumerates them."""
from __future__ import annotations

from .report import Report


def extract(report: Report) -> dict:
    # Placeholder until this extractor is written: empty values that validate.
    return {"agenda": []}
