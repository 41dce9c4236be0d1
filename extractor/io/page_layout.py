"""Recognised page lines → the report's text, with every line's place in it.

OCR gives boxes with text, in no particular order. This module rebuilds what a reader sees:

1. Running page numbers (第1页 共4页, - 2 -, 2/4) at the top or foot of a page, and running
   heads or feet (the same first or last line on most pages, digits aside) are dropped.
2. Columns: a vertical gutter near the middle that (almost) no line crosses, with lines
   standing side by side on both sides, makes a two-column page; it is read band by band
   (a line crossing the gutter, such as a title, separates bands), left column then right.
3. Fragments on one visual line are put together left to right (a wide gap is one space).
4. Paragraphs: a line that runs to the column's right edge continues on the next line
   unless that one is indented (a paragraph's first line), starts with a heading number,
   or sits after a wider gap than usual; where a document does not indent its paragraphs, a
   sentence end at the right edge also ends the paragraph. The continuation carries over
   column and page breaks. Lines are joined with nothing between Chinese characters (a
   space between two Latin words or numbers).

``lay_out`` returns the text and, per page, each kept line with its (start, end) in it.
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from extractor.io.formats.ocr import OcrLine, OcrPage
from extractor.pages import Page, PageLine
from extractor.regex_store import compile_regex
from extractor.text.paragraphs import paragraph_cues

_DASH = "-—–－一_·~～"
# (only looked for in the top and bottom margins: small print, so a misread character or two
# after 第N页 is allowed: 第1页共顶)
_PAGE_NUMBER = compile_regex(rf"^\s*(?:[{_DASH}]*\s*\d{{1,4}}\s*[{_DASH}]*|共\s*\d{{1,4}}\s*页|第\s*\d{{1,4}}\s*页"
                          r"(?:\s*[,，/]?\s*共.{0,4})?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|"
                          r"\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
# Words of Latin letters are separated by a space; a number wrapped at a line end is not.
_LATIN_END = compile_regex(r"[A-Za-z,.]$")
_LATIN_START = compile_regex(r"^[A-Za-z]")
# Page numbers are looked for in this share of the page height at the top and at the foot.
MARGIN_SHARE = 0.12
# A line ending at most this many line heights left of the column's right edge reaches it.
FULL_SLACK = 2.2
# A gutter may be crossed by at most this share of a page's lines (titles, spanning lines).
GUTTER_CROSSING = 0.2


@dataclass
class _Row:
    """One visual line: fragments left to right."""

    page: int  # index into the pages list
    parts: list[OcrLine]
    full: bool = False
    indented: bool = False
    gap_before: bool = False

    @property
    def x0(self) -> float:
        return min(p.box[0] for p in self.parts)

    @property
    def x1(self) -> float:
        return max(p.box[2] for p in self.parts)

    @property
    def y0(self) -> float:
        return min(p.box[1] for p in self.parts)

    @property
    def y1(self) -> float:
        return max(p.box[3] for p in self.parts)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


def _skew(lines: list[OcrLine]) -> float:
    """The page's skew (radians): the median slope of its long lines."""
    long = [ln.angle for ln in lines if ln.box[2] - ln.box[0] > 4 * (ln.box[3] - ln.box[1])]
    return statistics.median(long) if len(long) >= 3 else 0.0


def _straightened(lines: list[OcrLine], skew: float, page: OcrPage) -> dict[int, OcrLine]:
    """Each line (by id) with the box it would have on the page turned back by ``skew``, so
    that margins and indents are measured along the lines. (Kept apart: the record keeps the
    boxes on the page as scanned.)"""
    if abs(skew) < 0.002:
        return {id(ln): ln for ln in lines}
    cos, sin = math.cos(skew), math.sin(skew)
    mx, my = page.width / 2, page.height / 2
    out = {}
    for ln in lines:
        x0, y0, x1, y1 = ln.box
        cx, cy = (x0 + x1) / 2 - mx, (y0 + y1) / 2 - my
        w = (x1 - x0) / cos
        h = max(1.0, (y1 - y0) - abs(w * sin))
        nx, ny = mx + cx * cos + cy * sin, my - cx * sin + cy * cos
        out[id(ln)] = OcrLine(ln.text, (nx - w / 2, ny - h / 2, nx + w / 2, ny + h / 2), ln.confidence)
    return out


def _height(lines: list[OcrLine]) -> float:
    return statistics.median(ln.box[3] - ln.box[1] for ln in lines) if lines else 1.0


def _rows(lines: list[OcrLine], page: int, h: float) -> list[_Row]:
    """Fragments grouped into visual lines, top to bottom."""
    rows: list[_Row] = []
    for ln in sorted(lines, key=lambda ln: ((ln.box[1] + ln.box[3]) / 2, ln.box[0])):
        mid = (ln.box[1] + ln.box[3]) / 2
        if rows:
            last = rows[-1]
            if abs((last.y0 + last.y1) / 2 - mid) < 0.5 * h and ln.box[0] >= last.x1 - 0.5 * h:
                last.parts.append(ln)
                continue
        rows.append(_Row(page, [ln]))
    return rows


def _gutter(lines: list[OcrLine], width: int, h: float) -> float | None:
    """The x of a two-column page's gutter, or None for one column."""
    if len(lines) < 6:
        return None
    best = None
    x = width * 0.3
    while x <= width * 0.7:
        crossing = sum(1 for ln in lines if ln.box[0] < x < ln.box[2])
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += max(h / 4, 1.0)
    if best is None or best[0] > GUTTER_CROSSING * len(lines):
        return None
    gx = best[1]
    left = [ln for ln in lines if ln.box[2] <= gx]
    right = [ln for ln in lines if ln.box[0] >= gx]
    side_by_side = sum(1 for r in right if any(ln.box[1] < r.box[3] and r.box[1] < ln.box[3] for ln in left))
    return gx if len(left) >= 3 and side_by_side >= 3 else None


def _reading_order(lines: list[OcrLine], page: OcrPage, h: float) -> list[list[OcrLine]]:
    """The page's lines as columns in reading order (one column unless there is a gutter)."""
    gx = _gutter(lines, page.width, h)
    if gx is None:
        return [lines]
    spanning = sorted((ln for ln in lines if ln.box[0] < gx < ln.box[2]), key=lambda ln: ln.box[1])
    columns: list[list[OcrLine]] = []
    top = float("-inf")
    for sep in spanning + [None]:
        bottom = sep.box[1] if sep is not None else float("inf")
        band = [ln for ln in lines if not (ln.box[0] < gx < ln.box[2])
                and top <= (ln.box[1] + ln.box[3]) / 2 < bottom]
        columns.append([ln for ln in band if ln.box[2] <= gx or (ln.box[0] + ln.box[2]) / 2 < gx])
        columns.append([ln for ln in band if ln not in columns[-1]])
        if sep is not None:
            columns.append([sep])
            top = (sep.box[1] + sep.box[3]) / 2
    return [c for c in columns if c]


def _mark(rows: list[_Row], h: float) -> None:
    """Set full / indented / gap_before from the column's margins and line spacing."""
    if not rows:
        return
    lefts = sorted(r.x0 for r in rows)
    rights = sorted(r.x1 for r in rows)
    left = lefts[len(lefts) // 10]
    right = rights[-1 - len(rights) // 10]
    gaps = [b.y0 - a.y1 for a, b in zip(rows, rows[1:])]
    usual = statistics.median(gaps) if gaps else 0.0
    for i, row in enumerate(rows):
        # ragged right edges (no justification, a wider digit, a closing mark pulled back
        # onto the line) leave a line up to two characters short of the edge
        row.full = right - row.x1 <= FULL_SLACK * h
        row.indented = row.x0 - left > 0.9 * h
        row.gap_before = i > 0 and gaps[i - 1] > usual + 0.8 * h


def _is_page_number(line: OcrLine, page: OcrPage) -> bool:
    box = line.box
    in_margin = box[3] <= page.height * MARGIN_SHARE or box[1] >= page.height * (1 - MARGIN_SHARE)
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


def _drop_running_rows(pages_columns: list[list[list[_Row]]]) -> None:
    """Remove running heads and feet: the same first (or last) line on most pages."""
    texts = [cols for cols in pages_columns if cols]
    if len(texts) < 3:
        return
    for pick in (0, -1):
        counts: dict[str, int] = {}
        for cols in texts:
            key = re.sub(r"\d+", "#", cols[pick][pick].text.strip())
            counts[key] = counts.get(key, 0) + 1
        running = {k for k, c in counts.items() if k and c >= max(3, (len(texts) + 1) // 2)}
        for cols in texts:
            if cols and re.sub(r"\d+", "#", cols[pick][pick].text.strip()) in running:
                del cols[pick][pick]
                if not cols[pick]:
                    del cols[pick]


@dataclass
class Layout:
    text: str
    # per page: (line, start, end) of each line kept, offsets into text
    placed: list[list[tuple[OcrLine, int, int]]]
    pages: list[OcrPage]


def _join(cur: str, nxt: str) -> str:
    return " " if _LATIN_END.search(cur) and _LATIN_START.match(nxt) else ""


def lay_out(pages: list[OcrPage]) -> Layout:
    """The text of the pages in reading order, paragraphs rebuilt (see the module docstring)."""
    originals: dict[int, OcrLine] = {}
    pages_columns: list[list[list[_Row]]] = []  # per page, its columns' rows
    heights: list[float] = []
    for index, page in enumerate(pages):
        straight = _straightened([ln for ln in page.lines if ln.text.strip()], _skew(page.lines), page)
        originals.update((id(s), ln) for ln in page.lines if id(ln) in straight
                         for s in [straight[id(ln)]])
        lines = [ln for ln in straight.values() if not _is_page_number(ln, page)]
        h = _height(lines)
        heights.append(h)
        columns = [_rows(column, index, h) for column in _reading_order(lines, page, h)]
        pages_columns.append([c for c in columns if c])
    _drop_running_rows(pages_columns)
    for cols, h in zip(pages_columns, heights):
        for rows in cols:
            _mark(rows, h)
    pages_rows = [[row for rows in cols for row in rows] for cols in pages_columns]
    all_rows = [row for rows in pages_rows for row in rows]
    indented = sum(r.indented for r in all_rows)
    uses_indent = indented >= 2 and indented >= 0.05 * len(all_rows)

    ends, numbered = paragraph_cues().ends, paragraph_cues().numbered
    placed: list[list[tuple[OcrLine, int, int]]] = [[] for _ in pages]
    out: list[str] = []
    length = 0
    prev: _Row | None = None
    for row in all_rows:
        text = row.text.strip()
        if prev is not None:
            joinable = (prev.full and not row.indented and not row.gap_before and not numbered.match(text)
                        and (uses_indent or not prev.text.rstrip().endswith(ends)))
            sep = _join(out[-1], text) if joinable else "\n"
            out.append(sep)
            length += len(sep)
        parts = sorted(row.parts, key=lambda p: p.box[0])
        for i, part in enumerate(parts):
            piece = part.text.strip()
            if i:
                gap = part.box[0] - parts[i - 1].box[2]
                sep = " " if gap > 2 * (part.box[3] - part.box[1]) or _join(out[-1], piece) else ""
                out.append(sep)
                length += len(sep)
            placed[row.page].append((originals[id(part)], length, length + len(piece)))
            out.append(piece)
            length += len(piece)
        prev = row
    return Layout("".join(out), placed, pages)


def page_models(layout: Layout, start: int = 0, end: int | None = None) -> list[Page]:
    """``source.pages`` for the text layout.text[start:end], offsets relative to ``start``."""
    end = len(layout.text) if end is None else end
    out = []
    for page, placed in zip(layout.pages, layout.placed):
        lines = [PageLine(start=max(s, start) - start, end=min(e, end) - start,
                          box=tuple(round(v) for v in line.box), confidence=round(line.confidence, 4))
                 for line, s, e in placed if s < end and start < e]
        if not lines:
            continue
        conf = page.confidence
        out.append(Page(page=page.number, width=page.width, height=page.height, dpi=page.dpi,
                        rotation=page.rotation, method=page.method,
                        confidence=None if conf is None else round(conf, 4), lines=lines))
    return out


def attach_pages(records, layout: Layout) -> None:
    """Give every record of an OCR'd file its ``source.pages`` (offsets into record.text)."""
    for record in records:
        record.source.pages = page_models(layout, record.source.start, record.source.end)
