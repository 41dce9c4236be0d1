"""Chinese and Arabic numerals to ints.

Works on the normalised view (full-width digits already folded, ○ inside numerals
already 〇). Handles 二十六, 两, 十二, 一百零五, 二〇二二 (digit by digit), 壹贰叁, 廿八 /
卅一 (dates) and mixed forms such as 1万. Returns None for anything that is not a
numeral, including masked digits.
"""
from __future__ import annotations

DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
DIGITS.update({str(i): i for i in range(10)})
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Contracted tens, used in dates (廿八日 = 28th).
TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
# Zero look-alikes that slip into Arabic years (2O22, 2○22).
_ZERO_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "○": "0", "〇": "0", "Ｏ": "0", "◯": "0"})
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# Characters that may appear in a numeral (for building regular expressions).
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(BIG_UNITS) + "".join(TENS)
_TENS_CHARS = frozenset(TENS)
_UNIT_CHARS = frozenset(UNITS) | frozenset(BIG_UNITS)
_NUMERAL_CHARS = frozenset(DIGITS) | _UNIT_CHARS
CN_NUMERAL_CLASS = "[〇零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟廿卅]"


def parse_int(s: str) -> int | None:
    """Parse an integer written in Arabic or Chinese numerals; None if it is not one."""
    s = s.strip()
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    # set tests rather than a loop over the characters: numerals are parsed by the thousand
    if not _TENS_CHARS.isdisjoint(s):
        if s[0] not in TENS or not _TENS_CHARS.isdisjoint(s[1:]):
            return None
        s = TENS[s[0]] + s[1:]
    if not _NUMERAL_CHARS.issuperset(s):
        return None
    if _UNIT_CHARS.isdisjoint(s):
        # digit by digit: 二〇二二, 2〇22
        return int("".join(str(DIGITS[c]) for c in s))
    total = section = 0
    number = None
    for c in s:
        if c in DIGITS:
            if number is not None and number > 9:
                return None
            number = DIGITS[c] if number is None else number * 10 + DIGITS[c]
        elif c in UNITS:
            section += (1 if number is None else number) * UNITS[c]
            number = None
        else:
            section += number or 0
            total += (section or 1) * BIG_UNITS[c]
            section = 0
            number = None
    return total + section + (number or 0)


def parse_year(s: str) -> int | None:
    """A year as written: 2022, 二〇二二, 二零二二, 2O22; 22 is not a year (None)."""
    s = s.strip()
    if len(s) == 4 and any(map(str.isdigit, s)):
        s = s.translate(_ZERO_LOOKALIKES)
    value = parse_int(s)
    if value is None or not 1900 <= value <= 2100:
        return None
    return value


def parse_count(s: str) -> int | None:
    """A head count as written before 名 / 人 / 位: 21, 二十六, 两; None if not one."""
    value = parse_int(s)
    if value is None or value > 100_000:
        return None
    return value
