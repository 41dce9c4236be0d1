"""Pinyin glosses inside words (協(xié)議, 朱訓(xùn)龍): read the report without them.

Some pages print a reading after many characters. Matching cannot see through them (协议
is no longer two adjacent characters): a report that holds glosses is extracted with them
folded out (folded.py), a value's span covering the glosses inside it. The pattern is data
(``data/layout.toml``, ``[gloss]``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.resources import load_toml
from extractor.text.folded import Folded, fold_out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    return compile_regex(load_toml("layout.toml")["gloss"]["pattern"])


def fold(text: str) -> Folded | None:
    """The text without its glosses; None when it has none."""
    pattern = _pattern()
    if "(" not in text and "（" not in text:
        return None
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return None
    return fold_out(text, spans, carried=True)
