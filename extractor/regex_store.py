"""Compiled regular expressions kept from one run to the next, as Python keeps bytecode.

``re`` parses and compiles a pattern in Python code: mrx's few hundred patterns (cue
lexicons, tries of words, heading styles) took a third of the CPU of a one-report run.
``compile_regex`` returns what ``re.compile`` returns; the program of each pattern it
compiles is kept in a store file, from which later processes build the pattern without
parsing it. The store follows the rules of bytecode: it sits in the package's
``__pycache__`` (or under ``sys.pycache_prefix``), it is not written when Python writes no
bytecode (``-B``, PYTHONDONTWRITEBYTECODE), and one written by another Python (another
program format) is not read. A store that cannot be read or written changes nothing but
the time: each pattern is then compiled as ``re`` compiles it.

The program ``re``'s compiler makes from a pattern is a list of integers; ``_sre.compile``
builds the pattern object from it (and checks it). Both are ``re``'s internals, read the
way ``re._compiler.compile`` calls them, so anything unexpected there turns the store off.
"""
from __future__ import annotations

import array
import atexit
import importlib.util
import marshal
import os
import pathlib
import re
import sys

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # a Python without them: patterns compiled by re alone
    _sre = _compiler = _parser = None

# What a store's programs were made by: read only by the same.
_FORMAT = (sys.implementation.name, sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None))
# Stored patterns at most (mrx compiles about 350; edited data files add their own).
MOST_KEPT = 4096
_CODE = next((t for t in "IL" if array.array(t).itemsize == getattr(_sre, "CODESIZE", 0)), None)


def default_path() -> pathlib.Path:
    """Where the package's store lives: beside its bytecode."""
    source = pathlib.Path(__file__).with_name("regexes.py")
    return pathlib.Path(importlib.util.cache_from_source(str(source))).with_suffix(".bin")


class RegexStore:
    """Pattern programs by (pattern, flags), read from ``path`` on first use; ``save``
    writes it back when patterns were compiled that it did not hold."""

    def __init__(self, path: pathlib.Path | None):
        self.path = path
        self.programs: dict | None = None
        self.made: dict = {}   # this process's patterns, as re keeps its own
        self.added = 0
        self.enabled = _sre is not None and _CODE is not None

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        if not self.enabled or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        if self.programs is None:
            self.programs = self._read()
        key = (pattern, int(flags))
        compiled = self.made.get(key)
        if compiled is None:
            compiled = self._compile(key)
            if len(self.made) < MOST_KEPT:  # bounded however many patterns a process makes
                self.made[key] = compiled
        return compiled

    def _compile(self, key: tuple[str, int]) -> re.Pattern:
        pattern, flags = key
        program = self.programs.get(key)
        if program is None:
            if not self.writable() or self.added >= MOST_KEPT:
                return re.compile(pattern, flags)  # nothing to keep it for: parsed once, by re
            try:
                program = self._program(pattern, flags)
            except re.error:
                return re.compile(pattern, flags)  # raises re's own error
            except Exception:  # noqa: BLE001 - re's internals changed: compile as re does
                self.enabled = False
                return re.compile(pattern, flags)
            if self.added == 0:
                atexit.register(self.save)
            self.programs[key] = program
            self.added += 1
        try:
            # a new pattern too is built from its program: parsed once, not by re again
            return _sre.compile(pattern, program[0], array.array(_CODE, program[1]).tolist(), *program[2:])
        except Exception:  # noqa: BLE001 - as above
            self.enabled = False
            return re.compile(pattern, flags)

    def writable(self) -> bool:
        """Whether ``save`` would write the store (Python writes bytecode)."""
        return self.path is not None and not sys.dont_write_bytecode

    @staticmethod
    def _program(pattern: str, flags: int) -> tuple:
        # what re._compiler.compile passes to _sre.compile
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (int(flags | parsed.state.flags), array.array(_CODE, code).tobytes(),
                parsed.state.groups - 1, groupindex, tuple(indexgroup))

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as f:
                made_by, programs = marshal.load(f)
        except Exception:  # noqa: BLE001 - missing, unreadable or not a store: start afresh
            return {}
        return programs if made_by == _FORMAT and isinstance(programs, dict) else {}

    def save(self) -> None:
        """Write the store if patterns were added to it (the oldest dropped past MOST_KEPT)."""
        if not self.added or not self.writable():
            return
        programs = self.programs
        if len(programs) > MOST_KEPT:
            programs = dict(list(programs.items())[-MOST_KEPT:])
        part = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(part, "wb") as f:
                marshal.dump((_FORMAT, programs), f)
            os.replace(part, self.path)  # whole or not at all, whichever process writes last
        except OSError:
            try:
                part.unlink()
            except OSError:
                pass
            return
        self.added = 0


# the package's store, used by compile_regex
PACKAGE_STORE = RegexStore(default_path())


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, its program taken from the package's store when it
    holds it."""
    return PACKAGE_STORE.compile(pattern, flags)
