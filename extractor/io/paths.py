"""File names that are not valid UTF-8, kept losslessly.

On Linux a file name is bytes. A zip made on Windows and unpacked here often leaves GBK
names, which Python hands over as ``str`` with the undecodable bytes as lone surrogates
(``os.fsdecode``'s surrogateescape). Such a string opens the file again, but cannot be
written as UTF-8: every output would break on it.

Inside mrx the path stays that surrogate-escaped ``str`` (so that it can be read, skipped
and resumed). Where it leaves mrx it becomes two values:

- ``display_path``: a readable, valid UTF-8 form, each undecodable byte written ``\\xNN``;
- ``path_bytes``: the exact bytes of the name in hex, or None when the name is valid UTF-8
  (then ``display_path`` is the name itself).

``internal_path(display, path_bytes)`` turns the pair back into the name that opens the file.
"""
from __future__ import annotations

import os


def has_undecodable(path: str) -> bool:
    """Does ``path`` hold bytes that were not UTF-8 (lone surrogates)?"""
    try:
        path.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def display_path(path: str) -> str:
    """``path`` as valid UTF-8 text: undecodable bytes written ``\\xNN``."""
    if not has_undecodable(path):
        return path
    return _raw(path).decode("utf-8", errors="backslashreplace")


def path_bytes(path: str) -> str | None:
    """The exact bytes of ``path`` in hex when it is not valid UTF-8, else None."""
    return _raw(path).hex() if has_undecodable(path) else None


def _raw(path: str) -> bytes:
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # surrogates that stand for no byte (not from the file system)
        return path.encode("utf-8", errors="surrogatepass")


def internal_path(display: str, hex_bytes: str | None) -> str:
    """The name that opens the file, from its ``display_path`` and ``path_bytes``."""
    if not hex_bytes:
        return display
    try:
        return os.fsdecode(bytes.fromhex(hex_bytes))
    except ValueError:
        return display

