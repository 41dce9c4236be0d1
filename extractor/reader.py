"""Reading input files into text: decoding, newline normalisation, size limits.

Office archives hold .txt in UTF-8 (with or without BOM), UTF-16 and GBK / GB18030,
and older Taiwanese or Hong Kong material in Big5. Detectors misread short GBK text as
Big5 or cp932, so the order is: BOM, strict UTF-8, then GB18030 and Big5 both tried
and the one that reads as more plausible Chinese kept, then a detector over the whole
file with a warning when its confidence is low.
"""
from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import read_lines

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be turned into text; the message is one line for the user."""


@dataclass
class Decoded:
    text: str
    encoding: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    return frozenset("".join(read_lines("common_chars.txt")))


def plausibility(text: str) -> float:
    """Share of CJK characters in ``text`` that are among the most common ones."""
    common = _common_chars()
    cjk = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(c in common for c in cjk) / len(cjk)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(sample) // 50)


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode file bytes; returns (text, encoding, warnings). Raises InputError."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return _normalise_newlines(data[3:].decode("utf-8", errors="replace")), "utf-8-sig", warnings
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return _normalise_newlines(data.decode("utf-16")), "utf-16", warnings
        except UnicodeDecodeError as e:
            raise InputError(f"declares UTF-16 but does not decode as it ({e.reason})") from None
    if _looks_binary(data):
        raise InputError("binary content (NUL or control bytes), not a text file")
    try:
        return _normalise_newlines(data.decode("utf-8")), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((plausibility(text), enc, text))
    if candidates:
        score, enc, text = max(candidates, key=lambda c: c[0])
        if score >= 0.5:
            return _normalise_newlines(text), enc, warnings
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        if candidates:
            score, enc, text = max(candidates, key=lambda c: c[0])
            warnings.append(f"encoding uncertain: read as {enc} (plausibility {score:.2f})")
            return _normalise_newlines(text), enc, warnings
        raise InputError("unknown text encoding: not UTF-8, GB18030 or Big5, and no detector match")
    text = str(best)
    if best.chaos > 0.2 or plausibility(text) < 0.5:
        warnings.append(f"encoding uncertain: detector chose {best.encoding} (chaos {best.chaos:.2f})")
    return _normalise_newlines(text), best.encoding, warnings


def read_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Read and decode one .txt file. Raises InputError with a one-line reason."""
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}") from None
    if size > max_bytes:
        raise InputError(f"file is {size} bytes, above the limit of {max_bytes} bytes (--max-bytes)")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}") from None
    return decode(data)


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise InputError("empty file")
    text, encoding, warnings = decode_bytes(data)
    if not text.strip():
        raise InputError("no text after decoding")
    return Decoded(text, encoding, hashlib.sha256(data).hexdigest(), warnings)
