"""The Python API: text or files in, validated Records out."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from extractor.text.normalize import normalize
from extractor.fields import audit
from extractor.pipeline import get_nlp, process
from extractor.io.formats import INPUT_SUFFIXES, read_document
from extractor.io.reader import DEFAULT_MAX_BYTES, InputError, read_bytes
from extractor.record import build_record
from extractor.schema import FileError, Record, Source
from extractor.text.split import split_reports

# File endings read when a directory is given (a file named on the command line is read
# whatever its ending: its content decides the format).
TEXT_SUFFIXES = INPUT_SUFFIXES
# Files skipped in directories: Office lock files (~$报告.docx) and macOS resource forks
# (._报告.docx) carry a document ending but are not documents.
SKIPPED_PREFIXES = ("~$", "._")


@dataclass
class FileResult:
    """What one input file became: its records, or the reason it has none."""

    path: str
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False  # an earlier run already holds this file (resumed runs)

    def as_error(self) -> FileError:
        return FileError(path=self.path, error=self.error or "")


def extract_text(text: str, path: str = "<text>", *, encoding: str = "utf-8",
                 sha256: str | None = None, warnings: list[str] = (), nlp=None,
                 profile=None) -> list[Record]:
    """Extract the records of every report in ``text`` (newlines are normalised).

    ``profile`` is an audit checklist (a TOML file path, a dict or an ``audit.Profile``)
    applied instead of the built-in ones.
    """
    if profile is not None:
        with audit.using_profile(profile):
            return extract_text(text, path, encoding=encoding, sha256=sha256, warnings=warnings, nlp=nlp)
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


def extract_bytes(data: bytes, path: str = "<bytes>", *, max_bytes: int = DEFAULT_MAX_BYTES,
                  nlp=None, profile=None) -> list[Record]:
    """Extract the records of one file's bytes; ``path`` names it and decides nothing but
    a tie between formats. Raises InputError (one-line reason) on bad input."""
    decoded = read_document(path, data, max_bytes=max_bytes)
    records = extract_text(decoded.text, path, encoding=decoded.encoding, sha256=decoded.sha256,
                           warnings=decoded.warnings, nlp=nlp, profile=profile)
    if not records:
        raise InputError("no report text found (blank or only web-page chrome)")
    return records


def extract_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, nlp=None,
                 profile=None) -> list[Record]:
    """Extract the records of one file (.txt, .docx, .html, .pdf, …; see ``extractor.formats``).

    Raises InputError (one-line reason) on bad input.
    """
    return extract_bytes(read_bytes(path, max_bytes), os.fspath(path), max_bytes=max_bytes,
                         nlp=nlp, profile=profile)


def iter_input_files(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Expand files and directories into (path, problem) pairs, in a stable order.

    Directories are walked recursively (sorted; symbolic links to directories are not
    followed) for files ending in ``TEXT_SUFFIXES`` (case-insensitive), leaving out
    Office lock files and macOS resource forks (``SKIPPED_PREFIXES``). A path that
    cannot be listed, is not a regular file or is a broken link comes back with its
    problem, so that the caller reports it instead of losing it.
    """
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            problems: list[tuple[str, str]] = []

            def onerror(e: OSError, problems=problems):
                problems.append((e.filename or p, f"cannot list directory: {e.strerror or e}"))

            for root, dirs, files in os.walk(p, onerror=onerror):
                dirs.sort()
                yield from problems
                problems.clear()
                for name in sorted(files):
                    if not name.lower().endswith(TEXT_SUFFIXES) or name.startswith(SKIPPED_PREFIXES):
                        continue
                    full = os.path.join(root, name)
                    yield full, _file_problem(full)
            yield from problems
        elif os.path.lexists(p) or os.path.exists(p):
            yield p, _file_problem(p)
        else:
            yield p, "no such file or directory"


def _file_problem(path: str) -> str | None:
    """Why ``path`` cannot be read as an input file, or None."""
    if os.path.islink(path) and not os.path.exists(path):
        return "broken symbolic link"
    if not os.path.isfile(path):
        return "not a regular file (device, pipe or socket)"
    if not os.access(path, os.R_OK):
        return "cannot read: permission denied"
    return None


def extract_paths(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, nlp=None,
                  profile=None, jobs: int = 1, engine: str = "local", scheduler=None,
                  skip=None, ner: bool | None = None) -> Iterator[FileResult]:
    """Extract every input file; a bad file becomes a FileResult with an error, never raises.

    Results come in input order whatever runs them: this process (the default), a pool
    of ``jobs`` processes, or a Dask cluster (``engine="dask"``, ``scheduler`` an address
    or a ``distributed.Client``; see ``extractor.engines``). ``skip(path, sha256)``
    returning True marks a file as done by an earlier run: it comes back with
    ``skipped=True`` and is not extracted. ``ner`` True/False switches the NER model on
    or off in every process that extracts (None: as MRX_NER says).

    Besides ``InputError`` (bad input, one-line reason), an unexpected failure while
    reading or extracting one file is reported as that file's error, so that one file
    cannot stop a batch.
    """
    from extractor.run.engines import Settings, run

    settings = Settings(max_bytes=max_bytes, profile=None if profile is None else audit.load_profile(profile),
                        ner=ner)
    return run(paths, settings, jobs=jobs, engine=engine, scheduler=scheduler, skip=skip, nlp=nlp)
