"""mrx: offline extraction of structured, grounded records from Chinese party meeting reports.

The names below are imported on first use, so that ``mrx --help`` does not pay for
spaCy and Pydantic.
"""
from importlib import import_module

from extractor.about import __version__

_EXPORTS = {
    "extract_text": "run.api", "extract_bytes": "run.api", "extract_file": "run.api",
    "extract_paths": "run.api", "FileResult": "run.api", "InputError": "io.reader",
    "Record": "schema", "to_frames": "outputs.tables",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
