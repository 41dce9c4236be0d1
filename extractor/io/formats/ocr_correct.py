"""Corrections of OCR readings in contexts where a reading is certainly wrong.

The confusions and the contexts are data (``data/ocr.toml``): a document number's brackets
that do not match, and a redaction mark whose glyphs are mixed (X×× for ×××); and, given
the recogniser's probabilities (``settle``), a document number's brackets it found likely to
be the standard 〔〕 and an enumeration's ordinal it doubted (一是…二是…之是). Each correction keeps the length of the line, so a line's characters stay
where the recogniser put them in its box.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Callable

from extractor.resources import load_toml


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_toml("ocr.toml")


@lru_cache(maxsize=1)
def _document_number() -> re.Pattern:
    rule = _rules()["document_number"]
    opening, closing = re.escape(rule["openings"]), re.escape(rule["closings"])
    mark = re.escape(rule["number_marks"])
    return re.compile(rf"([\u4e00-\u9fffxX×])(\s*)([{opening}])(\s*(?:\d{{4}}|[xX×]{{4}})\s*)"
                      rf"([{closing}])(?=\s*[\dxX×]{{1,5}}\s*[{mark}])")


def correct_brackets(text: str) -> str:
    """``text`` with a document number's misread brackets put back (see data/ocr.toml)."""
    families = _rules()["document_number"]["families"]
    standard = families[0][0][0] + families[0][1][0]

    def family(bracket: str, side: int) -> int | None:
        return next((i for i, f in enumerate(families) if bracket in f[side]), None)

    def fix(m: re.Match) -> str:
        kind = family(m.group(3), 0)
        if kind is not None and kind == family(m.group(5), 1) and kind != 0:
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{standard[0]}{m.group(4)}{standard[1]}"
    return _document_number().sub(fix, text)


def standard_brackets() -> tuple[str, str]:
    """(openings, closings) of the standard family (〔〕 and the 【】 it is misread as)."""
    first = _rules()["document_number"]["families"][0]
    return first[0], first[1]


# probability(i, chars): what the recogniser gave any of ``chars`` where it read text[i]
Probability = Callable[[int, str], float]


def settle(text: str, probability: Probability) -> str:
    """``text`` (one recognised line) with the readings its context decides settled by the
    recogniser's own probabilities: a document number's brackets, an enumeration's next
    ordinal. Each keeps the line's length."""
    if has_document_number(text):
        text = settle_brackets(text, probability)
    if _rules()["enumeration"]["marker"] in text:
        text = settle_ordinals(text, probability)
    return text


def settle_brackets(text: str, probability: Probability) -> str:
    """``text`` with the brackets of each document number written 〔〕 where they were read
    as another family but the recogniser gave the standard family at least
    ``min_standard_share`` at both."""
    floor = _rules()["document_number"]["min_standard_share"]
    openings, closings = standard_brackets()

    def fix(m: re.Match) -> str:
        if m.group(3) in openings and m.group(5) in closings:
            return m.group(0)
        if probability(m.start(3), openings) < floor or probability(m.start(5), closings) < floor:
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{openings[0]}{m.group(4)}{closings[0]}"
    return _document_number().sub(fix, text)


def has_document_number(text: str) -> bool:
    return _document_number().search(text) is not None


def settle_ordinals(text: str, probability: Probability) -> str:
    """``text`` with an enumeration's next marker put back (一是…二是…之是 → 三是) where the
    line has counted up to it from 一 and the recogniser gave the numeral due at least
    ``min_share`` (data/ocr.toml [enumeration])."""
    rule = _rules()["enumeration"]
    ordinals, marker, floor = rule["ordinals"], rule["marker"], rule["min_share"]
    chars = list(text)
    due = 0  # how many markers the line has counted, in order from the first
    for i in range(len(chars) - 1):
        if chars[i + 1] != marker:
            continue
        if chars[i] == ordinals[due:due + 1]:
            due += 1
        elif due >= 2 and due < len(ordinals) and chars[i] not in ordinals \
                and probability(i, ordinals[due]) >= floor:
            chars[i] = ordinals[due]
            due += 1
    return "".join(chars)


@lru_cache(maxsize=1)
def _mask_run() -> re.Pattern:
    glyphs = re.escape(_rules()["masks"]["glyphs"])
    return re.compile(rf"(?<![A-Za-z])[{glyphs}]{{2,}}(?![A-Za-z])")


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
