"""Resuming an interrupted ``mrx extract -o out.jsonl``: the output is its own manifest.

Files are written in input order, one record per line, each carrying its file's path
and sha256. After a stop, every file before the last one in the output is whole; the
last may have lost records (and its last line may be cut). ``resume_point`` therefore
cuts the output back to the end of the last file but one, and lists the files before
it: a rerun skips those (same path, same content) and appends everything else.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from extractor.io.paths import internal_path


class ResumeError(ValueError):
    """An output that cannot be resumed (one line for the user)."""


@dataclass
class ResumePoint:
    exists: bool = False
    files: set[tuple[str, str]] = field(default_factory=set)  # (path, sha256) written whole
    records: int = 0  # records kept
    kept_bytes: int = 0
    newline: str = "\n"  # the line ending of the lines kept ("\r\n" when written so): appended lines match


def resume_point(output: str | os.PathLike) -> ResumePoint:
    """Read ``output``, cut it back to its last whole file, and say what it holds."""
    try:
        f = open(output, "r+b")
    except FileNotFoundError:
        return ResumePoint()
    except OSError as e:
        raise ResumeError(f"cannot resume {output}: {e.strerror or e}") from None
    with f:
        point = ResumePoint(exists=True)
        last_file, last_start, last_records = None, 0, 0
        offset = 0
        for number, line in enumerate(f, 1):
            if not line.endswith(b"\n"):
                break  # cut off by the stop
            if number == 1 and line.endswith(b"\r\n"):
                point.newline = "\r\n"
            try:
                source = json.loads(line)["source"]
                key = (internal_path(source["path"], source.get("path_bytes")), source["sha256"])
            except (ValueError, KeyError, TypeError):
                raise ResumeError(f"cannot resume {output}: line {number} is not a record "
                                  "written by mrx extract --format jsonl") from None
            if key != last_file:
                if last_file is not None:
                    point.files.add(last_file)
                    point.records += last_records
                last_file, last_start, last_records = key, offset, 0
            last_records += 1
            offset += len(line)
        # The last file may be incomplete: extract it again.
        point.kept_bytes = last_start
        f.truncate(point.kept_bytes)
    return point
