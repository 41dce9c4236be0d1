"""The errors file of a batch run, written as the failures come.

An archive of scans read without OCR can fail on most of its files: held in memory until
the end, their entries (about 650 bytes each) would grow with the archive. So each
failure is written to the errors file when it happens, and only the first
``KEPT_FAILURES`` stay in memory for the caller to show. A run with no errors file
(output to stdout) keeps every failure: the caller's list is then their only record.
"""
from __future__ import annotations

from pathlib import Path
from typing import IO

from extractor.schema import FileError

# Failures kept in memory when the errors file holds them all.
KEPT_FAILURES = 1000


class ErrorsFileError(OSError):
    """The errors file cannot be written (``path`` says which)."""

    def __init__(self, path: str, reason: str):
        super().__init__(reason)
        self.path = path


def errors_destination(errors: str | None, output: str) -> tuple[str | None, bool]:
    """Where a run's failures go and whether the caller named that file: ``errors`` when
    given (``-``: nowhere), else ``OUTPUT.errors.jsonl`` next to a file output, nowhere
    for stdout."""
    if errors is not None:
        return (None if errors == "-" else errors), True
    if output != "-":
        return output + ".errors.jsonl", False
    return None, False


class ErrorLog:
    """One JSON line {path, error} per failed file, appended as the failures come.

    A file the caller named is created at once and always left (empty when every file
    gave records); the default one is created at the first failure, and a stale one
    from an earlier run is removed by ``close`` when there was none. ``failed`` holds
    the first ``keep`` failures (every one when there is no file).
    """

    def __init__(self, path: str | None, explicit: bool = False, keep: int | None = None):
        self.path, self.explicit = path, explicit
        self.keep = KEPT_FAILURES if keep is None else keep
        self.failed: list[FileError] = []
        self.count = 0
        self._file: IO[str] | None = None
        if path is not None and explicit:
            self._open()

    def add(self, error: FileError) -> None:
        self.count += 1
        if self.path is None or len(self.failed) < self.keep:
            self.failed.append(error)
        if self.path is not None:
            if self._file is None:
                self._open()
            try:
                self._file.write(error.model_dump_json(exclude_none=True) + "\n")
            except OSError as e:
                raise ErrorsFileError(self.path, e.strerror or str(e)) from None

    def close(self) -> str | None:
        """Finish the file; returns the errors file written, or None."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError as e:
                raise ErrorsFileError(self.path, e.strerror or str(e)) from None
            self._file = None
            return self.path
        if self.path is not None and not self.explicit and Path(self.path).is_file():
            Path(self.path).unlink()
        return None

    def abandon(self) -> None:
        """Close the file of a run that stopped on an error (what it holds stays)."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass  # the run's own error is the one to report
            self._file = None

    def _open(self) -> None:
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # line-buffered: what failed is on disk even if the run is stopped
            self._file = open(self.path, "w", encoding="utf-8", buffering=1)
        except OSError as e:
            raise ErrorsFileError(self.path, e.strerror or str(e)) from None
