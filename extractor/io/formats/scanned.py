"""Scanned files read by OCR: page images and PDFs (all or some pages without a text layer).

``read_scanned`` runs the pages through recognition one at a time (``formats.ocr``), lays
the recognised lines out as text (``page_layout``) and returns the text with its layout,
from which every record's ``source.pages`` is cut (``page_layout.page_models``).
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict

from extractor.io.formats import ocr
from extractor.io.formats.ocr_correct import correct_ordinals
from extractor.io.page_layout import Layout, lay_out
from extractor.io.reader import InputError


# The recognised pages of the last few files, by content: reading a scan again in the same
# process (mrx show after a check, an audit after an extract) costs nothing.
_RECENT: OrderedDict[str, tuple[list[ocr.OcrPage], list[str]]] = OrderedDict()
RECENT_FILES = 8


def recognised_pages(data: bytes, kind: str, threads: int = 0) -> tuple[list[ocr.OcrPage], list[str]]:
    """The pages of a scanned file with their lines, and the warnings of reading them;
    ``threads``: ONNX Runtime's intra-op threads (0: one per core)."""
    key = hashlib.sha256(data).hexdigest()
    if key in _RECENT:
        _RECENT.move_to_end(key)
        pages, warnings = _RECENT[key]
        return pages, list(warnings)
    ocr.engine(threads)  # refuse early, with the extra's name, when OCR is not installed
    warnings: list[str] = []
    source = ocr.image_pages(data, warnings, threads) if kind == "image" else \
        ocr.pdf_pages(data, warnings, threads=threads)
    pages = list(source)  # each page holds only its lines: the images are gone by now
    _RECENT[key] = (pages, list(warnings))
    while len(_RECENT) > RECENT_FILES:
        _RECENT.popitem(last=False)
    return pages, warnings


def read_scanned(data: bytes, kind: str, threads: int = 0) -> tuple[str, list[str], Layout]:
    """(text, warnings, layout) of an image file (``kind="image"``) or a PDF. Raises InputError."""
    pages, warnings = recognised_pages(data, kind, threads)
    if not pages:
        raise InputError("no readable page")
    if not any(p.lines for p in pages):
        if kind == "image":
            raise InputError("no text that OCR can read in the image (blank, or not a page of text)")
        raise InputError(f"scanned PDF: none of its {len(pages)} page{'s' if len(pages) > 1 else ''} "
                         f"holds text that OCR can read (blank or unreadable)")
    layout = lay_out(pages)
    # length kept: the lines' offsets in the text stay true
    layout.text = correct_ordinals(layout.text)
    if not layout.text.strip():
        raise InputError("no text found by OCR (only page numbers or running heads)")
    scanned = sum(p.method == "ocr" for p in pages)
    if kind == "pdf" and scanned < len(pages):
        warnings.append(f"{scanned} of {len(pages)} PDF pages have no text layer and were read by OCR")
    return layout.text, warnings + ocr.page_warnings(pages), layout
