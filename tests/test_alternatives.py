"""A regex split at its top-level alternatives (match/alternatives.py) finds what the
whole regex finds; a split that could change that is not made."""
import random
import re

import pytest

from extractor.fields.attendance import attendance_rules
from extractor.match.alternatives import merged_spans, split_alternatives, top_alternatives, top_level
from extractor.resources import load_toml


def test_top_alternatives_stop_at_groups_classes_and_escapes():
    assert top_alternatives(r"a|(b|c)|[|x]|\||d") == ["a", "(b|c)", "[|x]", r"\|", "d"]
    assert top_alternatives(r"[]|]x|y") == ["[]|]x", "y"]   # a ] first in a class is a character
    assert top_alternatives("abc") == ["abc"]


def test_the_top_level_holds_a_groups_brackets_but_not_its_inside_nor_classes_nor_escapes():
    pattern = r"a(b|(c))[()|]\(d|e"
    assert "".join(c for _, c in top_level(pattern)) == "a()d|e"
    assert [i for i, c in top_level(pattern) if c in "()"] == [1, 7]


def test_runs_of_plain_words_make_one_regex_each_other_alternative_its_own():
    assert split_alternatives(r"[0-9]\s*人|请假|缺席|[一二]名") == [r"[0-9]\s*人", "请假|缺席", "[一二]名"]


@pytest.mark.parametrize("pattern", [r"(a)|\1b", r"(?i)ab|cd", "ab||cd", "x*|ab", "a|[0-9]b|c|[x]d|e|[y]f"])
def test_a_split_that_could_change_the_matches_is_not_made(pattern):
    assert split_alternatives(pattern) == [pattern]


def test_the_attendance_anchor_in_parts_finds_what_the_whole_regex_finds():
    whole = re.compile(load_toml("attendance.toml")["anchor"])
    anchors = attendance_rules().anchors
    assert len(anchors) > 1
    rng = random.Random(7)
    alphabet = "一二3 4\n名人位请假缺席全部到齐参会实到应到出席，。"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(120))
        assert list(merged_spans(text, anchors)) == [m.span() for m in whole.finditer(text)]


def test_parts_overlapping_at_one_place_give_the_earlier_alternatives_match():
    parts = tuple(map(re.compile, split_alternatives(r"[0-9]人|1人到|到齐")))
    text = "共1人到齐"
    assert list(merged_spans(text, parts)) == [m.span() for m in re.finditer(r"[0-9]人|1人到|到齐", text)]
