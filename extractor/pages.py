"""Where the text of a scanned report is on its pages: ``record.source.pages`` (RECORD.md).

For text obtained by OCR every line of ``record.text`` that came from a page carries the
page's number and the line's box on the page image, so any ``start``/``end`` of the record
can be drawn on the scan. Boxes are in pixels of the upright page image whose size the page
gives (``width`` × ``height``): the source page turned clockwise by ``rotation`` degrees and,
for a PDF, rendered at ``dpi``. Characters between lines (the newlines joining paragraphs)
are on no page. Within a line, character ``i`` of ``n`` lies at about ``i / n`` of the box's
width (``char_box``): Chinese characters are set on a fixed pitch.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class PageLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0, description="offset of the line's first character in record.text")
    end: int = Field(ge=0)
    box: tuple[int, int, int, int] = Field(description="x0, y0, x1, y1 in page pixels")
    confidence: float = Field(ge=0, le=1, description="recognition confidence (1 for a PDF text layer)")


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page: int = Field(ge=1, description="1-based page number in the file")
    width: int = Field(ge=1, description="pixels")
    height: int = Field(ge=1, description="pixels")
    dpi: Optional[float] = None
    rotation: Literal[0, 90, 180, 270] = 0
    method: Literal["ocr", "text"] = Field("ocr", description="ocr, or text: a PDF page with a text layer")
    confidence: Optional[float] = Field(None, description="mean line confidence")
    lines: list[PageLine] = Field(default_factory=list)


def char_box(line: PageLine, start: int, end: int) -> tuple[int, int, int, int]:
    """The part of ``line``'s box holding the characters [start, end) of record.text."""
    x0, y0, x1, y1 = line.box
    n = max(1, line.end - line.start)
    a = max(line.start, start) - line.start
    b = min(line.end, end) - line.start
    w = x1 - x0
    return (round(x0 + w * a / n), y0, round(x0 + w * b / n), y1)


def locate(pages: list[Page], start: int, end: int) -> list[tuple[int, tuple[int, int, int, int]]]:
    """(page number, box) of every line part covering record.text[start:end]."""
    out = []
    for page in pages:
        for line in page.lines:
            if line.start < end and start < line.end:
                out.append((page.page, char_box(line, start, end)))
    return out
