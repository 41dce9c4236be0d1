"""The normalised view of a text, used for matching.

The view has exactly the length of the original and every character stays at its
offset, so a match at ``view[s:e]`` is grounded as ``text[s:e]`` with no offset map to
consult. That rules out NFKC (``㈠`` becomes three characters); every step here replaces
one character by one character:

- width folding: U+FF01..U+FF5E to ASCII (digits, letters, ``（）：，；［］．``), every
  kind of space (ideographic, no-break, tab) to " ";
- traditional to simplified characters (``data/t2s.tsv``);
- ``○ 〇 Ｏ`` next to a Chinese digit become ``〇`` (二○二二 → 二〇二二); a run of them
  that is not part of a numeral is a redaction mark;
- redaction marks (x / X runs that are not part of a Latin word, ×, ＊, *, □, ○ runs)
  become ``MASK``. 某 is left alone: it is also an ordinary word (某些), so patterns
  that accept masks list it themselves.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.resources import data_path

MASK = "×"
# One character class for "a masked character" in patterns run over the view.
MASK_CLASS = "[×某]"

_CN_DIGITS = "零一二三四五六七八九"
_ZERO_LIKE = "○〇Ｏ◯"
_NUMERAL_NEIGHBOURS = _CN_DIGITS + "〇"


@lru_cache(maxsize=1)
def t2s_pairs() -> dict[str, str]:
    """``data/t2s.tsv``: each traditional character and its simplified form."""
    pairs = {}
    for line in data_path("t2s.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            pairs[trad] = simp
    return pairs


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters written only in traditional Chinese (those t2s.tsv changes)."""
    return frozenset(trad for trad, simp in t2s_pairs().items() if trad != simp)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {ord(trad): simp for trad, simp in t2s_pairs().items()}
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for space in "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\t\u202f\u205f":
        table[ord(space)] = " "
    for mark in "＊*□■✕✖╳":
        table[ord(mark)] = MASK
    # zero-width characters would otherwise split words; a space keeps the length.
    for zw in "\u200b\u200c\u200d\ufeff":
        table[ord(zw)] = " "
    return table


@lru_cache(maxsize=1)
def _bmp_table() -> list[str]:
    """``_table()`` as a list indexed by code point over the Basic Multilingual Plane
    (unmapped characters map to themselves).

    ``str.translate`` with a dict pays a failed lookup for each character that stays as
    it is, most of them; indexing a list costs half as much. (A numpy gather is faster
    still, but importing numpy costs a process 0.1 s of start-up and 17 MiB.)
    """
    table = [chr(code) for code in range(0x10000)]
    for code, value in _table().items():
        if code < 0x10000:
            table[code] = value
    return table


_BEYOND_BMP = compile_regex("[\U00010000-\U0010ffff]")


def _translate(text: str) -> str:
    """``text.translate(_table())``."""
    if _BEYOND_BMP.search(text):
        return text.translate(_table())  # a few rare traditional characters lie beyond the BMP
    return text.translate(_bmp_table())


# ○-like runs: zero inside a Chinese numeral, otherwise a mask.
_ZERO_RUN = compile_regex(f"[{_ZERO_LIKE}O]+")
# x/X runs not touching another Latin letter: masks (xx同志, x龙组通字, XXXX年).
_X_RUN = compile_regex(r"(?<![A-WYZa-wyz])[xX]+(?![A-WYZa-wyz])")


def _zero_or_mask(m: re.Match) -> str:
    s, e = m.span()
    text = m.string
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    run = m.group()
    if (before and before in _NUMERAL_NEIGHBOURS) or (after and after in _NUMERAL_NEIGHBOURS):
        return "〇" * len(run)
    if "O" in run:  # a Latin O outside a numeral is a letter, not a mask
        return run
    return MASK * len(run)


def normalize(text: str) -> str:
    """Return the normalised view of ``text``: same length, same offsets."""
    view = _translate(text)
    if any(c in view for c in _ZERO_LIKE) or "O" in view:
        view = _ZERO_RUN.sub(_zero_or_mask, view)
    if "x" in view or "X" in view:
        view = _X_RUN.sub(lambda m: MASK * len(m.group()), view)
    return view


def to_simplified(text: str) -> str:
    """Width-folded, simplified form of a short string (for comparing names)."""
    return text.translate(_table())


def is_masked(s: str) -> bool:
    """True when ``s`` (a slice of the view) contains a redaction mark."""
    return MASK in s or "某某" in s


def blank_out(view: str, spans: list[tuple[int, int]]) -> str:
    """Replace the given spans of the view with spaces (offsets kept)."""
    if not spans:
        return view
    parts = []
    last = 0
    for s, e in sorted(spans):
        s = max(s, last)
        if e <= s:
            continue
        parts.append(view[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(view[last:])
    return "".join(parts)
