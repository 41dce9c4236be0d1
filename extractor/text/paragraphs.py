"""Where a line break ends a paragraph, in text laid out in lines of one width: a PDF's text
layer (io/formats/pdf.py), OCR lines (io/page_layout.py), plain text wrapped at a fixed width
(text/wrap.py). The cues are data (``data/layout.toml``, ``[paragraph]``)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.resources import load_toml


@dataclass(frozen=True)
class ParagraphCues:
    ends: tuple[str, ...]  # a full line ending with one of these ends its paragraph
    numbered: re.Pattern  # a line opening so starts one even after a full line


@lru_cache(maxsize=1)
def paragraph_cues() -> ParagraphCues:
    p = load_toml("layout.toml")["paragraph"]
    return ParagraphCues(tuple(p["ends"]), compile_regex(p["numbered"]))
