"""PDF with a text layer (pypdfium2, PDFium's bindings): the text, reflowed.

A PDF holds positioned lines, not paragraphs. The text is taken page by page in PDFium's
reading order and lines are joined back into paragraphs where the layout shows a
wrap: a line that runs to the right margin and does not end a sentence continues on
the next line (and across a page break), unless that line is indented (a paragraph's
first line) or starts with a heading number. Running page numbers (- 3 -, 第3页 共5页) and
running heads or feet (the same first or last line on most pages) are dropped. Offsets in the record refer to this reflowed text, which the record carries.

A PDF without any text (a scan) is refused with a message saying to run OCR first;
scanned pages among text pages, and text layers that look garbled (fonts without a
Unicode map), are reported as warnings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.io.reader import InputError, plausibility
from extractor.regex_store import compile_regex
from extractor.text.paragraphs import paragraph_cues

_PAGE_NUMBER = compile_regex(r"^\s*(?:[-—–－·]\s*\d{1,4}\s*[-—–－·]|\d{1,4}|第\s*\d{1,4}\s*页"
                          r"(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|"
                          r"page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
_LATIN_END = compile_regex(r"[A-Za-z0-9,]$")
_LATIN_START = compile_regex(r"^[A-Za-z0-9]")
_GARBLE = compile_regex("[\ue000-\uf8ff\ufffd\x00-\x08\x0e-\x1f]")


@dataclass
class _Line:
    text: str
    full: bool = False  # runs to the right margin
    indented: bool = False  # starts right of the left margin: a paragraph's first line


def _split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of PDFium's text, breaks being \\r\\n, \\n or \\r."""
    out = []
    pos = 0
    for m in re.finditer(r"\r\n|\n|\r", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _page_lines(textpage) -> list[_Line]:
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    spans = _split(text)
    geometry = len(text) == count
    lines: list[_Line] = []
    rights: list[float] = []
    lefts: list[float] = []
    boxes: list[tuple[float, float, float] | None] = []
    for s, e in spans:
        line = text[s:e]
        box = None
        if geometry and line.strip():
            right = first_left = None
            widths = []
            for i in range(s, e):
                if text[i].isspace():
                    continue
                left, _, r, _ = textpage.get_charbox(i)
                if first_left is None:
                    first_left = left
                right = r if right is None else max(right, r)
                if r > left:
                    widths.append(r - left)
            if right is not None:
                widths.sort()
                box = (first_left, right, widths[len(widths) // 2] if widths else 0.0)
                rights.append(right)
                lefts.append(first_left)
        boxes.append(box)
        lines.append(_Line(line))
    if rights:
        right_margin, left_margin = max(rights), min(lefts)
        for line, box in zip(lines, boxes):
            if box is not None:
                left, right, width = box
                slack = max(1.5 * width, 2.0)
                line.full = right_margin - right <= slack
                line.indented = left - left_margin > slack
    return lines


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    """Running page numbers are the first or last lines of a page."""
    keep = list(lines)
    while keep and (not keep[-1].text.strip() or _PAGE_NUMBER.match(keep[-1].text)):
        keep.pop()
    start = 0
    while start < len(keep) and (not keep[start].text.strip() or _PAGE_NUMBER.match(keep[start].text)):
        start += 1
    return keep[start:]


def _drop_running_lines(pages: list[list[_Line] | None]) -> None:
    """Remove running heads and feet: the same first (or last) line on most pages."""
    texts = [p for p in pages if p]
    if len(texts) < 3:
        return
    for pick in (0, -1):
        counts: dict[str, int] = {}
        for lines in texts:
            key = re.sub(r"\d+", "#", lines[pick].text.strip())
            counts[key] = counts.get(key, 0) + 1
        running = {k for k, c in counts.items() if k and c >= max(3, (len(texts) + 1) // 2)}
        if not running:
            continue
        for lines in texts:
            if lines and re.sub(r"\d+", "#", lines[pick].text.strip()) in running:
                del lines[pick]


def reflow(lines: list[_Line]) -> str:
    """Join wrapped lines (see the module docstring)."""
    # where a paragraph ends anyway: a sentence's end, a heading or list number after it
    ends, numbered = paragraph_cues().ends, paragraph_cues().numbered
    out: list[str] = []
    cur = ""
    joinable = False
    for line in lines:
        text = line.text.rstrip()
        if joinable and text.strip() and not line.indented and not numbered.match(text):
            stripped = text.lstrip()
            sep = " " if _LATIN_END.search(cur) and _LATIN_START.match(stripped) else ""
            cur = cur + sep + stripped
        else:
            if joinable or out or cur:
                out.append(cur)
            cur = text
        joinable = bool(line.full and cur.strip() and not cur.rstrip().endswith(ends))
    out.append(cur)
    return "\n".join(out).strip("\n")


def open_pdf(data: bytes):
    """A pypdfium2 document of ``data``; InputError (one line) when it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except Exception as e:  # noqa: BLE001 - PdfiumError, or worse on a damaged file
        reason = str(e)
        if "password" in reason.lower():
            raise InputError("password-protected PDF: remove the password (print or save an "
                             "unprotected copy) and extract that") from None
        raise InputError(f"damaged or unreadable PDF ({reason})") from None


def read_pdf(data: bytes, *, max_bytes: int = 0) -> tuple[str, str, list[str]]:
    """The text layer of a PDF. Raises InputError."""
    pdf = open_pdf(data)
    warnings: list[str] = []
    pages: list[list[_Line] | None] = []
    try:
        n = len(pdf)
        for index in range(n):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
                lines = _page_lines(textpage)
                textpage.close()
                page.close()
            except Exception as e:  # noqa: BLE001 - one damaged page must not lose the others
                warnings.append(f"page {index + 1} unreadable ({e})")
                pages.append(None)
                continue
            pages.append(_drop_page_numbers(lines))
    finally:
        pdf.close()
    _drop_running_lines(pages)
    all_lines: list[_Line] = []
    empty: list[int] = []
    for index, lines in enumerate(pages):
        if lines is not None and not any(ln.text.strip() for ln in lines):
            empty.append(index + 1)
        if not lines or not any(ln.text.strip() for ln in lines):
            if all_lines:
                all_lines[-1].full = False  # a scanned page in between breaks the flow
            continue
        all_lines.extend(lines)
    if n == 0:
        raise InputError("PDF without pages")
    if len(empty) == n:
        raise InputError(f"scanned PDF: none of its {n} pages has a text layer; run OCR first "
                         f"(for example `ocrmypdf -l chi_sim in.pdf out.pdf`) and extract the result")
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        warnings.append(f"{len(empty)} of {n} PDF pages have no text layer (scanned?): {shown}")
    text = reflow(all_lines)
    garbled = len(_GARBLE.findall(text))
    cjk = sum(1 for c in text[:20000] if "\u4e00" <= c <= "\u9fff")
    if garbled > max(10, len(text) // 20) or (cjk >= 50 and plausibility(text) < 0.3):
        warnings.append("the PDF's text layer looks garbled (fonts without a Unicode map); "
                        "OCR may give better text")
    return text, "pdf", warnings
