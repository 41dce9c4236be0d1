"""Running an archive: inputs in, one output (and/or a database) and an errors list out.

``run_archive`` holds the policy of a batch run that ``mrx extract`` is a thin wrapper
of, so that Python callers get the same behaviour:

- the output format comes from ``fmt`` or the extension of ``output`` (``output_format``);
- ``resume`` continues an interrupted JSON Lines output (``extractor.run.resume``);
- ``db`` stores the tables in a database and skips the files it already holds (same
  sha256) before they are extracted; files that fail are recorded there too;
- files that give no record are listed, one JSON line each, in the errors file;
- ``fail_fast`` stops at the first file that fails.

Nothing is printed: the counts, the failures and where they were written come back in an
``ArchiveSummary``; a run that cannot go on raises ``ArchiveError`` (one line).
"""
from __future__ import annotations

import itertools
import os
import sys
from dataclasses import dataclass, field
from typing import IO, Callable, Iterable, Iterator

from extractor.io.reader import InputError
from extractor.outputs.db import ReportStore, StoreError
from extractor.outputs.export import ExportError, export, output_format
from extractor.run.api import FileResult, extract_bytes, extract_paths, iter_input_files
from extractor.run.engines import ENGINES
from extractor.run.errors import ErrorLog, ErrorsFileError, errors_destination
from extractor.run.resume import ResumeError, ResumePoint, resume_point
from extractor.schema import FileError
from extractor.settings import Settings

# (results, total) -> the same results, e.g. drawing a progress bar while they pass.
Progress = Callable[[Iterable[FileResult], int], Iterable[FileResult]]


class ArchiveError(ValueError):
    """A run that cannot start or go on as asked (one line for the user)."""


@dataclass
class ArchiveSummary:
    """What a run did."""

    files: int = 0  # input files seen (including skipped and failed ones)
    reports: int = 0  # records written
    errors: int = 0  # files that gave no record
    skipped: int = 0  # files already done (database or resumed output)
    # the files that gave no record: every one when nothing else holds them (no errors
    # file), else the first ``errors.KEPT_FAILURES`` (the errors file lists them all)
    failed: list[FileError] = field(default_factory=list)
    errors_file: str | None = None  # where every failure was written, if anywhere
    database: dict | None = None  # the database's counts (files added, skipped, replaced)
    fmt: str | None = None  # the output format used (None when nothing was written)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failed

    def line(self) -> str:
        """``N files, R reports, E errors`` (and the skipped files, if any)."""
        text = f"{self.files} files, {self.reports} reports, {self.errors} errors"
        if self.skipped:
            text += f", {self.skipped} files skipped as already done"
        return text


def run_archive(paths: Iterable[str | os.PathLike] | str | os.PathLike,
                output: str | os.PathLike | None = "-", settings: Settings | None = None, *,
                fmt: str | None = None, resume: bool = False, db: str | None = None,
                errors: str | None = None, jobs: int = 1, engine: str = "local", scheduler=None,
                fail_fast: bool = False, progress: Progress | None = None,
                stdin: IO[bytes] | None = None, headers: str | None = None) -> ArchiveSummary:
    """Extract every input of ``paths`` into ``output`` and/or the database ``db``.

    ``paths``: files and directories (walked recursively); ``-`` reads ``stdin`` (default:
    this process's standard input). ``output``: a file, ``-`` for stdout, or None to write
    only the database. ``fmt``: jsonl, json, csv or xlsx; None takes it from the output's
    extension (JSON Lines when there is none). ``errors``: the errors file, written as the
    failures come (run/errors.py); None means ``OUTPUT.errors.jsonl`` next to a file output
    (written only when some file failed, and a stale one removed) and nowhere for stdout;
    ``-`` means nowhere. An errors file named here is always written, empty when every
    file gave records. ``jobs``,
    ``engine`` and ``scheduler`` choose who extracts (``extract_paths``); ``jobs=0`` is
    one worker per core. ``headers`` lays out CSV and xlsx for people ("zh") or programs
    ("en"); None: Chinese for xlsx, English for CSV.

    Raises ArchiveError (one line) for options that do not go together, an output,
    database or errors file that cannot be written, or an output that cannot be resumed.
    """
    settings = settings or Settings()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not its characters
    paths = [os.fspath(p) for p in paths]
    output = os.fspath(output) if output is not None else None
    if engine not in ENGINES:
        raise ArchiveError(f"unknown --engine {engine!r}: use one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ArchiveError("--scheduler goes with --engine dask")
    if output is None and db is None:
        output = "-"
    try:
        fmt = output_format(output, fmt) if output is not None else None
    except ExportError as e:
        raise ArchiveError(str(e)) from None
    store = _open_store(db) if db else None
    summary = ArchiveSummary(fmt=fmt)
    log = None
    try:
        done = _resume_point(output, fmt) if resume else None
        log = ErrorLog(*errors_destination(errors, output or "-"))
        summary.failed = log.failed
        # A run that writes only JSON has its records serialised by the workers (engines.py).
        as_json = store is None and fmt in ("jsonl", "json")
        results = input_results(paths, settings, stdin=stdin, jobs=jobs or os.cpu_count() or 1,
                                engine=engine, scheduler=scheduler, skip=_skip_test(store, done),
                                as_json=as_json)
        if progress is not None:
            results = progress(results, count_inputs(paths))
        stream = _records(results, summary, log, store, fail_fast)
        if store is not None:
            stream = store.tee(stream)
        if output is None:
            for _ in stream:
                pass
        else:
            export(stream, output, fmt, append=done is not None and done.exists, headers=headers,
                   newline=done.newline if done is not None and done.exists else None)
        if store is not None:
            closing, store = store, None
            summary.database = _close_store(closing)
            for path, reason in closing.unstored:  # extracted but not stored: error entries, never silent
                log.add(FileResult(path, error=reason).as_error())
                summary.errors += 1
        summary.errors_file = log.close()
    except ErrorsFileError as e:
        raise ArchiveError(f"cannot write the errors file {e.path}: {e}") from None
    except OSError as e:
        raise ArchiveError(f"cannot write {output}: {e.strerror or e}") from None
    except (ExportError, StoreError) as e:
        raise ArchiveError(str(e)) from None
    finally:
        if store is not None:  # stopped early: what was stored stays stored
            summary.database = _close_store(store)
        if log is not None:
            log.abandon()
    return summary


def _records(results: Iterable[FileResult], summary: ArchiveSummary, log: ErrorLog, store,
             fail_fast: bool):
    """The records of ``results``, counting files, skips and failures into ``summary``
    and writing the failures to ``log``."""
    for result in results:
        summary.files += 1
        if result.skipped:
            summary.skipped += 1
        elif result.error:
            summary.errors += 1
            log.add(result.as_error())
            if store is not None:
                store.fail(result.path, result.error)
            if fail_fast:
                return
        else:
            summary.reports += result.count
            yield from result.records if result.json_lines is None else result.json_lines


def input_results(paths: list[str], settings: Settings, *, stdin: IO[bytes] | None = None,
                  **engine) -> Iterator[FileResult]:
    """FileResults of every input in order: runs of files and directories go to the
    engine (``engine``: the keywords of ``extract_paths``), which walks the directories
    as it goes; ``-`` is read from ``stdin`` here."""
    for is_stdin, group in itertools.groupby(paths, key=lambda p: p == "-"):
        if is_stdin:
            for _ in group:
                yield stdin_result(settings, stdin)
        else:
            yield from extract_paths(list(group), settings=settings, **engine)


def stdin_result(settings: Settings, stdin: IO[bytes] | None = None) -> FileResult:
    """The standard input (or ``stdin``) as one input file named ``-``."""
    max_bytes = settings.max_bytes
    try:
        data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"standard input is above the limit of {max_bytes} bytes (--max-bytes)")
        return FileResult("-", extract_bytes(data, "-", settings=settings))
    except InputError as e:
        return FileResult("-", error=str(e))
    except Exception as e:  # noqa: BLE001 - bad input never ends in a traceback
        return FileResult("-", error=f"internal error, please report: {type(e).__name__}: {e}")


def count_inputs(paths: list[str]) -> int:
    """How many inputs ``paths`` name, directories walked: the length of a progress bar.
    A walk of its own, because a list of every path would grow with the archive (100
    bytes a file) while the files themselves are read one batch at a time."""
    return sum(1 if p == "-" else sum(1 for _ in iter_input_files([p])) for p in paths)


def _resume_point(output: str | None, fmt: str | None) -> ResumePoint:
    """What an interrupted run left in ``output`` (cut back to its last whole file)."""
    if fmt != "jsonl" or output in (None, "-"):
        raise ArchiveError("--resume continues a JSON Lines file: give --format jsonl and -o FILE "
                           "(or use --db, which always skips the files it holds)")
    try:
        return resume_point(output)
    except ResumeError as e:
        raise ArchiveError(str(e)) from None


def _skip_test(store: ReportStore | None, done: ResumePoint | None):
    """Is this file (path, sha256) already done, in the database or the resumed output?"""
    if store is None and done is None:
        return None

    def skip(path: str, sha256: str) -> bool:
        if done is not None and (path, sha256) in done.files:
            return True
        if store is not None and store.has(sha256):
            store.skip()
            return True
        return False

    return skip


def _open_store(url: str) -> ReportStore:
    try:
        return ReportStore(url)
    except StoreError as e:
        raise ArchiveError(str(e)) from None


def _close_store(store: ReportStore) -> dict:
    try:
        store.close()
    except StoreError as e:
        raise ArchiveError(str(e)) from None
    return dict(store.stats)
