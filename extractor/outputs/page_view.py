"""The page images of a scanned report in ``mrx show --html``, extracted values boxed.

For a record with ``source.pages`` (OCR), each page is drawn from the source file (turned
as it was for recognition) as an embedded JPEG, with an SVG layer on top holding one box per
line part of every extracted span, in the span kind's colour from ``data/labels.toml`` and
with the same tooltip as in the text view. When the source file cannot be read any more (or
has changed), the boxes are drawn on a blank page of the same size.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
from typing import Iterable

from extractor.pages import locate

CSS = (
    ".scan{display:grid;grid-template-columns:1fr 1fr;gap:1em;align-items:start}"
    ".pages svg{width:100%;height:auto;border:1px solid #ddd;margin-bottom:1em;background:#fff}"
    ".pages rect{fill-opacity:.35;stroke-width:2}"
    "@media (max-width:70em){.scan{grid-template-columns:1fr}}"
)
JPEG_QUALITY = 70


def _source_bytes(record) -> bytes | None:
    """The source file's bytes, when it is still there and unchanged."""
    try:
        with open(record.source.path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == record.source.sha256 else None


def _image_uri(data: bytes, page) -> str | None:
    from extractor.io.formats.ocr import page_image
    from extractor.io.reader import InputError

    try:
        image = page_image(data, page.page, page.rotation, (page.width, page.height))
    except (InputError, ImportError, OSError):
        return None
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=JPEG_QUALITY)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def pages_html(record, marks: Iterable, kinds: dict[str, dict], title) -> str:
    """The pages of ``record`` as SVG figures with a box per marked line part."""
    pages = record.source.pages or []
    data = _source_bytes(record)
    boxes: dict[int, list[str]] = {p.page: [] for p in pages}
    for mark in marks:
        color = html.escape(kinds.get(mark.kind, {}).get("color", "#f00"), quote=True)
        for number, (x0, y0, x1, y1) in locate(pages, mark.start, mark.end):
            boxes[number].append(
                f'<rect class="box k-{mark.kind}" data-kind="{mark.kind}" x="{x0}" y="{y0}" '
                f'width="{max(1, x1 - x0)}" height="{max(1, y1 - y0)}" fill="{color}" stroke="{color}">'
                f"<title>{title(mark)}</title></rect>")
    out = ['<div class="pages">']
    for page in pages:
        uri = _image_uri(data, page) if data is not None else None
        image = (f'<image href="{uri}" x="0" y="0" width="{page.width}" height="{page.height}"/>'
                 if uri else "")
        out.append(f'<svg class="page" data-page="{page.page}" viewBox="0 0 {page.width} {page.height}" '
                   f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="第{page.page}页">'
                   f"{image}{''.join(boxes[page.page])}</svg>")
    out.append("</div>")
    return "".join(out)


def beside_pages(record, marks: list, kinds: dict[str, dict], title, text_html: str) -> str:
    """The text view and the page images side by side."""
    return f'<div class="scan">{text_html}{pages_html(record, marks, kinds, title)}</div>'
