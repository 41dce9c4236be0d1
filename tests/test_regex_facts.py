"""Facts read off a regex: the characters every match needs, the cheap test using them, and the
characters a match may take in."""
from extractor.match.regex_facts import few_needed_chars, holds_needed, needed_chars, possible_chars


def test_needed_chars_skips_what_a_match_may_leave_out():
    needs = needed_chars("(?:会议|开会)?地点[:：]")
    assert needs == (frozenset("地"), frozenset("点"), frozenset(":："))


def test_few_needed_chars_keeps_only_the_small_sets():
    assert few_needed_chars("[甲乙丙丁戊]号", most=4) == (frozenset("号"),)
    assert few_needed_chars("[甲乙丙丁戊]号", most=5) == (frozenset("甲乙丙丁戊"), frozenset("号"))


def test_holds_needed_wants_a_character_of_each_set():
    needs = few_needed_chars("地点[:：]")
    assert holds_needed("会议地点：三楼会议室", needs)
    assert not holds_needed("会议地点在三楼会议室", needs)  # no colon
    assert not holds_needed("会议在三楼: 会议室", needs)  # no 地点
    assert holds_needed("", ())  # nothing needed: nothing rules the text out


def test_possible_chars_of_a_regex():
    assert possible_chars("(?<=x)等[0-2]+(名|位)?同志(?!们)") == frozenset("等012名位同志")
    assert possible_chars("(?>ab)c") == frozenset("abc")
    for unknown in ("a.b", r"\d+", "[^a]", "a(?i:b)"):
        assert possible_chars(unknown) is None, unknown
