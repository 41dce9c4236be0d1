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


def test_never_taken_names_the_characters_no_match_holds():
    from extractor.match.gates import never_taken
    # a look ahead reads past the match but holds nothing of it
    assert never_taken("在[^,。\n]{0,9}?召开(?=,)", ",。\n;") == ",。\n"
    assert never_taken("在[^,;]*(?:由[^。,]*)?召开", ",。;") == ","  # the 由 part may hold ;, the rest 。
    assert never_taken("在.*召开", ",。\n") == "\n"
    assert never_taken("(?s)在.*召开", ",。\n") == ""
    assert never_taken("在[\\s,]召开", ",;\n") == ""  # a category: taken to hold them all
    assert never_taken("(?i)a[^,]b", ",") == ""  # folded case: not read


def test_a_place_is_the_one_the_plain_search_finds():
    from pathlib import Path

    from extractor.fields import location
    from extractor.text.normalize import normalize
    held = location.location_cues()[-1]
    assert held.scope is not None  # else every 在 / 于 is tried
    corpus = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")) for p in corpus] + [
        "在三楼,会议室召开", "于东楼2-305召开", "在A楼\n会议室召开", "在在会议室召开", "于会议室由张三主持召开"]
    for view in texts:
        plain = held.pattern.search(view)
        found = location._first_match(view, held)
        assert (found and found.span()) == (plain and plain.span())


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
