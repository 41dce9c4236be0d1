"""The Python API: text or files in, validated Records out.

One file: ``extract_text`` / ``extract_bytes`` / ``extract_file`` (run/extract.py); many
files, in this process, a pool or on Dask: ``extract_paths``. Each takes one ``Settings``
(or its options as keywords).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from extractor.run.engines import run
from extractor.run.extract import FileResult, extract_bytes, extract_file, extract_text, settings_of
from extractor.run.inputs import iter_input_files
from extractor.settings import Settings

__all__ = ["FileResult", "extract_bytes", "extract_file", "extract_paths", "extract_text",
           "iter_input_files"]


def extract_paths(paths: Iterable[str], *, settings: Settings | None = None, nlp=None,
                  jobs: int = 1, engine: str = "local", scheduler=None, skip=None,
                  as_json: bool = False, **options) -> Iterator[FileResult]:
    """Extract every input file; a bad file becomes a FileResult with an error, never raises.

    Results come in input order whatever runs them: this process (the default), a pool
    of ``jobs`` processes, or a Dask cluster (``engine="dask"``, ``scheduler`` an address
    or a ``distributed.Client``; see ``extractor.run.engines``). ``skip(path, sha256)``
    returning True marks a file as done by an earlier run: it comes back with
    ``skipped=True`` and is not extracted. ``as_json``: records come as their JSON text
    (``FileResult.json_lines``), made by the process that extracted them. ``settings`` (or its options as keywords)
    travel to every process that extracts.

    Besides ``InputError`` (bad input, one-line reason), an unexpected failure while
    reading or extracting one file is reported as that file's error, so that one file
    cannot stop a batch.
    """
    return run(paths, settings_of(settings, options), jobs=jobs, engine=engine,
               scheduler=scheduler, skip=skip, nlp=nlp, as_json=as_json)
