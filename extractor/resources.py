"""Where the package's data files live and how they are read.

Domain knowledge (heading patterns, chrome, lexicons, audit profiles) is kept in TOML
files under ``extractor/data`` so users can read and edit it without touching code.
"""
from __future__ import annotations

import os
import pathlib
import tomllib
from functools import lru_cache

DATA_DIR = pathlib.Path(__file__).parent / "data"


def data_path(name: str) -> pathlib.Path:
    return DATA_DIR / name


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    """Read a TOML data file of the package (cached: data files are read once)."""
    with open(data_path(name), "rb") as f:
        return tomllib.load(f)


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a plain-text word list."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


class DataFileError(ValueError):
    """A user's data file (a checklist …) that cannot be read, with the one-line reason."""


def read_toml_file(path: str | os.PathLike, what: str = "file") -> dict:
    """A user's TOML file, parsed; DataFileError (one line) when unreadable or not TOML."""
    path = pathlib.Path(path)
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise DataFileError(f"cannot read {what} {path}: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise DataFileError(f"{path}: not valid TOML: {e}") from None


def read_words(name: str) -> list[str]:
    """The words of a word list whose lines may hold several, separated by spaces."""
    return [w for line in read_lines(name) for w in line.split()]
