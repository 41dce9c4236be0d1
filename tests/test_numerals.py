"""Numerals: Arabic, Chinese and mixed forms to ints (numerals.py)."""
import pytest

from extractor.text.normalize import normalize
from extractor.text.numerals import parse_count, parse_int, parse_year


@pytest.mark.parametrize("written, value", [
    ("21", 21),
    ("二十六", 26),
    ("十二", 12),
    ("十", 10),
    ("两", 2),
    ("三", 3),
    ("一百零五", 105),
    ("二〇二二", 2022),
    ("二零二一", 2021),
    ("壹拾贰", 12),
    ("1万", 10_000),
    ("廿八", 28),
    ("卅一", 31),
    ("廿", 20),
])
def test_parse_int(written, value):
    assert parse_int(written) == value


@pytest.mark.parametrize("written", ["", "x", "××", "xx人", "二十廿", "八廿", "十二月", "2a"])
def test_parse_int_rejects_non_numerals(written):
    assert parse_int(written) is None


def test_full_width_digits_parse_through_the_view():
    assert parse_int(normalize("２０２２")) == 2022
    assert parse_year(normalize("二○二一")) == 2021  # ○ inside a numeral is 〇 in the view


@pytest.mark.parametrize("written, value", [
    ("2022", 2022), ("二〇二二", 2022), ("二零二二", 2022), ("2O22", 2022), ("2o21", 2021),
])
def test_parse_year(written, value):
    assert parse_year(written) == value


@pytest.mark.parametrize("written", ["22", "二二", "1234", "××××", "3000", "OOOO"])
def test_parse_year_rejects(written):
    assert parse_year(written) is None


@pytest.mark.parametrize("written, value", [("21", 21), ("二十六", 26), ("两", 2), ("三", 3)])
def test_parse_count(written, value):
    assert parse_count(written) == value


def test_parse_count_rejects_masks_and_huge_numbers():
    assert parse_count("×") is None
    assert parse_count("1亿") is None
