"""Readers for the input formats other than plain text, and the dispatch between them.

``read_document(path, data)`` looks at the content first (magic bytes) and at the suffix
second, so that a .docx saved as .doc, a web page saved as .doc or .txt, or a PDF without
a suffix are still read, with a warning naming the mismatch. Each reader returns
``(text, encoding, warnings)``; the text it returns is the record's text (offsets refer
to it), newlines normalised to ``\\n``.

| format | reader | notes |
|---|---|---|
| .txt | reader.decode_bytes | encoding detection |
| .docx | formats.docx | paragraphs and tables in order, automatic numbering (一、 / （一）) recovered |
| .html .htm .shtml .xhtml | formats.html | markup, scripts, styles, navigation removed; charset from BOM / meta / detection |
| .mht .mhtml | formats.html | the HTML part of a saved web archive |
| .pdf | formats.pdf | the text layer; scanned pages without one are reported |
| .doc .wps | formats.legacy, formats.worddoc | Word 97-2003 binary read natively (numbering included); LibreOffice (when installed) for what that cannot read |
| .rtf | formats.rtf | also what many ".doc" downloads are |
| .png .jpg .jpeg .tif .tiff .bmp | formats.scanned | OCR (the extra mrx-reports[ocr]); multi-page TIFF |
| .pdf without a text layer | formats.scanned | OCR of the pages without one (mixed PDFs) |
"""
from __future__ import annotations

import hashlib
import os
import re

from extractor.io.reader import DEFAULT_MAX_BYTES, Decoded, InputError, decode_bytes, read_bytes
from extractor.regex_store import compile_regex

# Suffix → format, for choosing files in a directory and for a first guess.
SUFFIX_FORMATS = {
    ".txt": "txt", ".text": "txt",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".mht": "mht", ".mhtml": "mht",
    ".pdf": "pdf",
    ".doc": "doc", ".wps": "doc", ".dot": "doc",
    ".rtf": "rtf",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".bmp": "image",
}
INPUT_SUFFIXES = tuple(SUFFIX_FORMATS)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = compile_regex(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])",
                         re.I | re.S)
_HTML_TAGS = compile_regex(rb"<(?:html|head|body|meta|div|p|table|title)[\s>/]", re.I)
_MHT = compile_regex(rb"^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?content-type:\s*multipart/related", re.I | re.M)

NAMES = {"txt": "plain text", "docx": "a Word .docx document", "html": "an HTML web page",
         "mht": "a saved web archive (.mht)", "pdf": "a PDF document",
         "doc": "a legacy Word / WPS binary document (.doc / .wps)", "rtf": "an RTF document",
         "zip": "a ZIP archive", "image": "an image"}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# a BMP's info header is one of these sizes
_BMP_HEADERS = (12, 40, 52, 56, 64, 108, 124)


def sniff(data: bytes) -> str | None:
    """The format the content says it is (magic bytes), or None for plain text / unknown."""
    head = data[:4096]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or (
            head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in _BMP_HEADERS):
        return "image"
    if head.startswith(_OLE_MAGIC):
        return "doc"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if _MHT.search(head.replace(b"\r\n", b"\n")) and b"mime-version" in head.lower():
        return "mht"
    if _HTML_START.match(head):
        return "html"
    return None


def suffix_format(path: str) -> str | None:
    return SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower())


def choose_format(path: str, data: bytes) -> tuple[str, list[str]]:
    """The reader to use and any warning about a suffix that does not match the content."""
    by_name = suffix_format(path)
    by_content = sniff(data)
    suffix = os.path.splitext(path)[1] or "(no suffix)"
    warnings: list[str] = []
    if by_content == "zip":
        fmt = "docx"
    elif by_content is not None:
        fmt = by_content
    elif by_name in ("html", "mht"):
        fmt = "html"  # a fragment without <html>, or an .mht without MIME headers
    elif by_name in ("docx", "pdf", "image"):
        raise InputError(f"named {suffix} but the content is not {NAMES[by_name]} "
                         f"(damaged, truncated or renamed file)")
    elif by_name in ("doc", "rtf") and _HTML_TAGS.search(data[:65536]):
        fmt = "html"  # "Save as web page" files and web downloads named .doc
    else:
        fmt = "txt"
    if by_name is not None and fmt != by_name and not (by_name == "mht" and fmt == "html"):
        if fmt == "txt":
            warnings.append(f"named {suffix} but the content is plain text; read as text")
        else:
            warnings.append(f"named {suffix} but the content is {NAMES[fmt]}; read as such")
    return fmt, warnings


def read_document(path: str, data: bytes, *, max_bytes: int, soffice: str | None = None,
                  ocr_threads: int = 0) -> Decoded:
    """Turn the bytes of one input file into a Decoded text. Raises InputError.
    ``ocr_threads``: ONNX Runtime's intra-op threads for a scan (0: one per core)."""
    if not data.strip():
        raise InputError("empty file")
    fmt, warnings = choose_format(path, data)
    layout = None
    if fmt == "txt":
        try:
            text, encoding, more = decode_bytes(data)
        except InputError as e:
            if suffix_format(path) != "doc":
                raise
            from extractor.io.formats.legacy import HOW_TO, convert_to_docx, find_soffice

            soffice = find_soffice(soffice)
            if soffice is None:
                raise InputError(f"{e}: not a Word 97-2003 document either (an older WPS format?); "
                                 f"{HOW_TO}") from None
            from extractor.io.formats.docx import read_docx

            suffix = os.path.splitext(path)[1].lower()
            text, _, more = read_docx(convert_to_docx(data, suffix, soffice), max_bytes=max_bytes)
            encoding, fmt = f"{suffix.lstrip('.')}→docx", "doc"
            warnings, more = [], [f"converted from {suffix} by LibreOffice", *more]
    elif fmt == "docx":
        from extractor.io.formats.docx import read_docx

        text, encoding, more = read_docx(data, max_bytes=max_bytes)
    elif fmt in ("html", "mht"):
        from extractor.io.formats.html import read_html, read_mht

        text, encoding, more = (read_html if fmt == "html" else read_mht)(data)
    elif fmt == "image" or (fmt == "pdf" and _needs_ocr(data, warnings)):
        from extractor.io.formats.scanned import read_scanned

        text, more, layout = read_scanned(data, fmt, ocr_threads)
        encoding, fmt = "ocr", "ocr"
    elif fmt == "pdf":
        from extractor.io.formats.pdf import read_pdf

        text, encoding, more = read_pdf(data, max_bytes=max_bytes)
    else:
        from extractor.io.formats.legacy import read_legacy

        text, encoding, more = read_legacy(path, data, fmt, max_bytes=max_bytes, soffice=soffice)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() and fmt != "ocr":
        raise InputError("no text after decoding" if fmt == "txt" else f"no text found in {NAMES[fmt]}")
    return Decoded(text, encoding, hashlib.sha256(data).hexdigest(), warnings + more, format=fmt,
                   layout=layout)


def _needs_ocr(data: bytes, warnings: list[str]) -> bool:
    """A PDF with pages without a text layer goes to OCR when it is installed; without it a
    wholly scanned PDF is refused naming the extra and a mixed one read for its text pages."""
    from extractor.io.formats.ocr import INSTALL, ocr_available, pdf_pages_without_text

    n, empty = pdf_pages_without_text(data)
    if not empty:
        return False
    if ocr_available():
        return True
    if len(empty) == n:
        raise InputError(f"scanned PDF: none of its {n} pages has a text layer; reading it needs "
                         f"OCR, which is not installed: {INSTALL}")
    warnings.append(f"the pages without a text layer need OCR, which is not installed: {INSTALL}")
    return False


def read_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, *,
              soffice: str | None = None) -> Decoded:
    """Read and decode one input file (.txt, .docx, .html, .pdf, …). Raises InputError."""
    return read_document(os.fspath(path), read_bytes(path, max_bytes), max_bytes=max_bytes,
                         soffice=soffice)
