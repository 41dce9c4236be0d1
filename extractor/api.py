"""The Python API: text or files in, validated Records out."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .normalize import normalize
from .pipeline import get_nlp, process
from .reader import DEFAULT_MAX_BYTES, InputError, read_file
from .record import build_record
from .schema import FileError, Record, Source
from .split import split_reports

# File endings read when a directory is given.
TEXT_SUFFIXES = (".txt",)


@dataclass
class FileResult:
    """What one input file became: its records, or the reason it has none."""

    path: str
    records: list[Record] = field(default_factory=list)
    error: str | None = None

    def as_error(self) -> FileError:
        return FileError(path=self.path, error=self.error or "")


def extract_text(text: str, path: str = "<text>", *, encoding: str = "utf-8",
                 sha256: str | None = None, warnings: list[str] = (), nlp=None) -> list[Record]:
    """Extract the records of every report in ``text`` (newlines are normalised)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    nlp = nlp or get_nlp()
    view = normalize(text)
    records = []
    for index, span in enumerate(split_reports(text, view)):
        source = Source(path=path, index=index, start=span.start, end=span.end,
                        encoding=encoding, sha256=sha256)
        doc = process(nlp, text[span.start:span.end], view[span.start:span.end])
        records.append(build_record(doc, source, warnings))
    return records


def extract_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, nlp=None) -> list[Record]:
    """Extract the records of one file. Raises InputError (one-line reason) on bad input."""
    decoded = read_file(path, max_bytes=max_bytes)
    records = extract_text(decoded.text, str(path), encoding=decoded.encoding,
                           sha256=decoded.sha256, warnings=decoded.warnings, nlp=nlp)
    if not records:
        raise InputError("no report text found (blank or only web-page chrome)")
    return records


def iter_input_files(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Expand files and directories (recursively, sorted) into (path, problem) pairs.

    A path that cannot be listed or is not a file comes back with its problem, so that
    the caller can report it instead of losing it.
    """
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p, onerror=None):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES):
                        full = os.path.join(root, name)
                        yield full, None if os.path.isfile(full) else "broken link or not a regular file"
        elif os.path.isfile(p):
            yield p, None
        elif os.path.lexists(p):
            yield p, "broken link or not a regular file"
        else:
            yield p, "no such file or directory"


def extract_paths(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, nlp=None) -> Iterator[FileResult]:
    """Extract every input file; a bad file becomes a FileResult with an error, never raises."""
    for path, problem in iter_input_files(paths):
        if problem:
            yield FileResult(path, error=problem)
            continue
        try:
            yield FileResult(path, extract_file(path, max_bytes=max_bytes, nlp=nlp))
        except InputError as e:
            yield FileResult(path, error=str(e))
