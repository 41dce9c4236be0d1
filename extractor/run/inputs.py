"""Which files an input path names: directories walked, unreadable paths reported."""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from extractor.io.formats import INPUT_SUFFIXES

# File endings read when a directory is given (a file named on the command line is read
# whatever its ending: its content decides the format).
TEXT_SUFFIXES = INPUT_SUFFIXES
# Files skipped in directories: Office lock files (~$报告.docx) and macOS resource forks
# (._报告.docx) carry a document ending but are not documents.
SKIPPED_PREFIXES = ("~$", "._")


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
