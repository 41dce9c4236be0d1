"""Corrections of OCR readings in contexts where a reading is certainly wrong.

The confusions and the contexts are data (``data/ocr.toml``): a document number's brackets
that do not match, a redaction mark whose glyphs are mixed (X×× for ×××), an enumeration's
numeral read as a look-alike (``correct_ordinals``, on the laid-out text, since a count runs
over lines); and, given the recogniser's probabilities (``settle_brackets``), a document
number's brackets it found likely to be the standard 〔〕. Each correction keeps the length
of the line, so a line's characters stay where the recogniser put them in its box.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Callable

from extractor.regex_store import compile_regex
from extractor.resources import load_toml


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_toml("ocr.toml")


@lru_cache(maxsize=1)
def _document_number() -> re.Pattern:
    rule = _rules()["document_number"]
    opening, closing = re.escape(rule["openings"]), re.escape(rule["closings"])
    mark = re.escape(rule["number_marks"])
    return compile_regex(rf"([\u4e00-\u9fffxX×])(\s*)([{opening}])(\s*(?:\d{{4}}|[xX×]{{4}})\s*)"
                      rf"([{closing}])(?=\s*[\dxX×]{{1,5}}\s*[{mark}])")


def correct_brackets(text: str) -> str:
    """``text`` with a document number's misread brackets put back (see data/ocr.toml)."""
    families = _rules()["document_number"]["families"]
    openings, closings = standard_brackets()

    def family(bracket: str, side: int) -> int | None:
        return next((i for i, f in enumerate(families) if bracket in f[side]), None)

    def fix(m: re.Match) -> str:
        kind = family(m.group(3), 0)
        if kind is not None and kind == family(m.group(5), 1) and kind != 0:
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{openings[0]}{m.group(4)}{closings[0]}"
    return _document_number().sub(fix, text)


def standard_brackets() -> tuple[str, str]:
    """(openings, closings) of the standard family (〔〕 and the 【】 it is misread as)."""
    first = _rules()["document_number"]["families"][0]
    return first[0], first[1]


# probability(i, chars): what the recogniser gave any of ``chars`` where it read text[i]
Probability = Callable[[int, str], float]


def settle_brackets(text: str, probability: Probability) -> str:
    """``text`` with the brackets of each document number written 〔〕 where they were read
    as another family but the recogniser gave 〔 at the opening and 〕 at the closing
    probabilities whose geometric mean is at least ``min_standard_share``."""
    floor = _rules()["document_number"]["min_standard_share"]
    openings, closings = standard_brackets()
    opening, closing = openings[0], closings[0]

    def fix(m: re.Match) -> str:
        if m.group(3) in openings and m.group(5) in closings:
            return m.group(0)
        if probability(m.start(3), opening) * probability(m.start(5), closing) < floor * floor:
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{opening}{m.group(4)}{closing}"
    return _document_number().sub(fix, text)


@lru_cache(maxsize=1)
def _ordinal_marker() -> re.Pattern:
    rule = _rules()["enumeration"]
    glyphs = re.escape(rule["ordinals"] + "".join(rule["misread"].values()))
    after = re.escape(rule["after"])
    return compile_regex(rf"(?:^|(?<=[{after}]))([{glyphs}]){re.escape(rule['marker'])}", re.M)


def correct_ordinals(text: str) -> str:
    """``text`` with an enumeration's marker put back where its numeral was read as a glyph
    it is known to be misread as (一是…二是…之是 → 三是), the text having counted up to it
    from its last 一 (data/ocr.toml [enumeration]): within a paragraph or over paragraphs
    that each open with a marker."""
    rule = _rules()["enumeration"]
    ordinals, misread = rule["ordinals"], rule["misread"]
    if not any(g in text for g in "".join(misread.values())):
        return text
    chars = list(text)
    due = 0  # markers counted so far, from the last 一
    for m in _ordinal_marker().finditer(text):
        at, glyph = m.start(1), m.group(1)
        if glyph == ordinals[0]:
            due = 1
        elif glyph == ordinals[due:due + 1]:
            due += 1
        elif due >= 2 and due < len(ordinals) and glyph in misread.get(ordinals[due], ""):
            chars[at] = ordinals[due]
            due += 1
    return "".join(chars)


@lru_cache(maxsize=1)
def _mask_run() -> re.Pattern:
    glyphs = re.escape(_rules()["masks"]["glyphs"])
    return compile_regex(rf"(?<![A-Za-z])[{glyphs}]{{2,}}(?![A-Za-z])")


def correct_masks(text: str) -> str:
    """``text`` with each redaction mark of mixed glyphs written in its most frequent one."""
    first = _rules()["masks"]["glyphs"][0]

    def fix(m: re.Match) -> str:
        run = m.group(0)
        counts = Counter(run)
        if len(counts) == 1:
            return run
        top = max(counts.values())
        glyph = first if counts[first] == top else max(counts, key=lambda g: (counts[g], g == first))
        return glyph * len(run)
    return _mask_run().sub(fix, text)


def correct(text: str) -> str:
    """Every correction, in turn, on one recognised line (or a text of lines)."""
    return correct_brackets(correct_masks(text))
