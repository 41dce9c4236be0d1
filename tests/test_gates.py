"""Regexes led to where a match can start (match/gates.py) find what the plain regex
finds, and only the patterns the engine cannot skip ahead with are led."""
import re

import pytest

from extractor.match.gates import first_char_gated, first_char_led
from extractor.resources import load_toml


def test_a_first_char_gated_pattern_finds_what_the_plain_one_finds():
    annual = load_toml("meeting.toml")["type"]["annual"]
    gated = first_char_gated(annual)
    assert gated.pattern.startswith("(?=[")  # a look behind opens it: led by its first characters
    text = "召开2023年度民主生活会，12023年度、二〇二三年度 ××××年度和2023 年度专题组织生活会。"
    plain = re.compile(annual)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.span() for m in gated.finditer(text, 3, 30)] == [m.span() for m in plain.finditer(text, 3, 30)]


def test_patterns_with_no_first_character_to_skip_to_are_led_by_a_look_at_their_first_characters():
    led = first_char_led
    assert led("(深入贯彻)?中央八项规定精神学习教育").pattern.startswith("(?=[")
    assert led("((以案为鉴|以案示警)[、,]*)*以案促改").pattern.startswith("(?=[")
    assert led("(?<![0-9])([0-9]{4})年度").pattern.startswith("(?=[")
    assert led("(?:会议|开会|活动)?地点[:：]").pattern.startswith("(?=[")
    # a first character or a group of words: the engine skips ahead by itself
    for plain in ("巡视(反馈(问题)?)?整改", "(?:(?:于|在))(?P<place>[^(]{0,3})召开", "[(]会议地点"):
        assert led(plain).pattern == plain
    text = "深入贯彻中央八项规定精神学习教育，中央八项规定精神学习教育；以案为鉴、以案示警以案促改"
    for src in ("(深入贯彻)?中央八项规定精神学习教育", "((以案为鉴|以案示警)[、,]*)*以案促改"):
        assert [m.span() for m in led(src).finditer(text)] == [m.span() for m in re.finditer(src, text)]


@pytest.mark.parametrize("pattern, led", [
    ("(?:会议|开会)?地点", True), ("((a|b)[、]*)*c", True), ("(a){0,2}b", True), ("(?<![0-9])x", True),
    ("(?P<y>(?:[0-9]{4}|某))年", True), ("(书记|[区县]长)x", True), ("(a|)b", True), ("(?=x)y", True),
    ("(?:(?:于|在))(?P<x>a)", False), ("[(]a", False), ("(a)b", False), ("(?P<kind>民主|组织)生活", False),
    ("(?P<ny>(?:19|20)[0-9]{2})", False), ("(所属|下属)(的)?", False), ("学习(a)?", False),
])
def test_which_patterns_open_with_nothing_the_engine_skips_ahead_to(pattern, led):
    assert first_char_led(pattern).pattern.startswith("(?=[") == led


def test_a_led_source_is_the_pattern_first_char_led_compiles():
    from extractor.match.gates import first_char_led_source
    for pattern in ("(?<![0-9])([0-9]{4})年度", "(?:会议|开会|活动)?地点[:：]", "巡视(反馈(问题)?)?整改"):
        assert first_char_led_source(pattern) == first_char_led(pattern).pattern


def test_attendance_counts_are_led_by_their_first_characters():
    from extractor.fields.attendance import attendance_rules
    text = "会议应到党员12名，实到11名，1名同志因病请假，全体党员共计十二人参加。"
    led = [pattern for _, pattern in attendance_rules().patterns if pattern.pattern.startswith("(?=[")]
    assert led  # the counts open with a look behind: else tried at every place of a sentence
    for pattern in led:
        plain = re.compile(pattern.pattern[pattern.pattern.index("])(?:") + 5:-1])
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
