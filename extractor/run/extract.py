"""Extraction of one text, one file's bytes or one file: validated Records out."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from extractor.io.formats import read_document
from extractor.io.paths import display_path, path_bytes
from extractor.io.reader import InputError, read_bytes, replace_surrogates
from extractor.record import build_record
from extractor.schema import FileError, Record, Source
from extractor.settings import Settings
from extractor.steps import ReportReader, get_reader
from extractor.text import chunks, gloss, wrap
from extractor.text.normalize import normalize
from extractor.text.split import split_reports

# ``source.format`` of what the readers return (RECORD.md): how the text was obtained
SOURCE_FORMATS = {"txt": "text"}
# the formats whose bytes are text in an encoding (``source.encoding``; null for the others)
TEXT_FORMATS = frozenset({"text", "html", "mht"})


@dataclass
class FileResult:
    """What one input file became: its records, or the reason it has none."""

    path: str
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False  # an earlier run already holds this file (resumed runs)
    # The records as JSON text (``record_json``), made where they were extracted, when the
    # run asked for them so (``run(..., as_json=True)``); ``records`` is then empty.
    json_lines: list[str] | None = None

    @property
    def count(self) -> int:
        """How many records this file gave."""
        return len(self.json_lines) if self.json_lines is not None else len(self.records)

    def as_error(self) -> FileError:
        return FileError(path=display_path(self.path), path_bytes=path_bytes(self.path),
                         error=self.error or "")


def settings_of(settings: Settings | None, options: dict) -> Settings:
    """``settings``, with any user-facing options given as keywords applied on top
    (``extract_file(path, ner=True)``, ``profile="our_checklist.toml"``)."""
    settings = settings or Settings()
    return settings.updated(**options) if options else settings


def report_reader(nlp):
    """``read(text, view=None) -> Report`` for a ReportReader or a spaCy Language."""
    if isinstance(nlp, ReportReader):
        return nlp.read
    from extractor.pipeline import process  # imports spaCy: only for a Language

    return lambda text, view=None: process(nlp, text, view)._.report


def extract_text(text: str, path: str = "<text>", *, settings: Settings | None = None,
                 encoding: str | None = "utf-8", sha256: str | None = None, warnings: list[str] = (),
                 source_format: str = "text", nlp=None, **options) -> list[Record]:
    """Extract the records of every report in ``text`` (newlines are normalised).

    ``settings`` (or its options as keywords: ``ner``, ``profile`` — a checklist TOML
    path or data —, ``max_bytes``) decide what is extracted; ``nlp`` reads each report,
    made for them: a ReportReader (by default ``get_reader(settings)``), or a spaCy
    Language (``extractor.pipeline.make_nlp``, perhaps with components of your own)
    whose Doc's report is read.
    """
    settings = settings_of(settings, options)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    text, surrogates = replace_surrogates(text)
    if surrogates:
        warnings = [*warnings, f"{surrogates} lone surrogate code points replaced by U+FFFD"]
    read = report_reader(nlp or get_reader(settings))
    # text given in numbered chunks is read without the chunk marks; text wrapped at a fixed
    # width, with the breaks inside its paragraphs taken out
    unwrapped = chunks.unchunk(text)
    if unwrapped is not None:
        warnings = [*warnings, f"{text.rstrip(chr(10)).count(chr(10)) + 1} numbered chunks read as one text, "
                               "their marks left out and blanks read as line breaks"]
    elif (unwrapped := wrap.unwrap(text)) is not None:
        warnings = [*warnings, f"{len(text) - len(unwrapped.text)} line breaks inside paragraphs of "
                               "text wrapped at a fixed width read as joined"]
    body = text if unwrapped is None else unwrapped.text
    view = normalize(body)
    spans = split_reports(body, view)
    for span in spans:
        if span.end - span.start > settings.max_report_chars:
            raise InputError(f"a report of {span.end - span.start} characters (at offset {span.start}) is "
                             f"above the limit of {settings.max_report_chars} (--max-report-chars; about "
                             "300 MiB of memory per million characters)")
    records = []
    for index, span in enumerate(spans):
        start, end = (span.start, span.end) if unwrapped is None else unwrapped.original_span(span.start, span.end)
        source = Source(path=display_path(path), path_bytes=path_bytes(path), index=index, start=start, end=end,
                        format=source_format, encoding=encoding, sha256=sha256)
        part = body[span.start:span.end]
        folded = gloss.fold(part)
        if folded is None:
            record = build_record(read(part, view[span.start:span.end]), source, warnings)
        else:  # pinyin glosses inside words: read without them, offsets carried back
            record = build_record(read(folded.text), source, warnings)
            record = Record.model_validate(folded.restore(record.model_dump(), part))
        if unwrapped is not None:  # and the line breaks taken out
            lines = unwrapped.part(span.start, span.end)
            record = Record.model_validate(lines.restore(record.model_dump(), text[start:end]))
        records.append(record)
    return records


def extract_bytes(data: bytes, path: str = "<bytes>", *, settings: Settings | None = None,
                  nlp=None, **options) -> list[Record]:
    """Extract the records of one file's bytes; ``path`` names it and decides nothing but
    a tie between formats. Raises InputError (one-line reason) on bad input."""
    settings = settings_of(settings, options)
    decoded = read_document(path, data, max_bytes=settings.max_bytes, soffice=settings.soffice,
                            ocr_threads=settings.ocr_threads)
    source_format = SOURCE_FORMATS.get(decoded.format, decoded.format)
    encoding = decoded.encoding if source_format in TEXT_FORMATS else None
    records = extract_text(decoded.text, path, settings=settings, encoding=encoding,
                           sha256=decoded.sha256, warnings=decoded.warnings,
                           source_format=source_format, nlp=nlp)
    if decoded.layout is not None:  # OCR: where each record's lines are on the pages
        from extractor.io.page_layout import attach_pages

        attach_pages(records, decoded.layout)
    if not records:
        raise InputError("no report text found (blank or only web-page chrome)")
    return records


def extract_file(path: str | os.PathLike, *, settings: Settings | None = None, nlp=None,
                 **options) -> list[Record]:
    """Extract the records of one file (.txt, .docx, .html, .pdf, …; see ``extractor.io.formats``).

    Raises InputError (one-line reason) on bad input.
    """
    settings = settings_of(settings, options)
    return extract_bytes(read_bytes(path, settings.max_bytes), os.fspath(path), settings=settings, nlp=nlp)
