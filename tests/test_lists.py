"""The list reader's helpers (match/lists.py): headings' kinds, the lines read, the last item."""
from __future__ import annotations

from extractor.match import lists
from extractor.text.sections import SectionSpan


def kind(heading: str) -> str:
    view = heading + "\n正文。"
    return lists.heading_type(view, SectionSpan(heading, 1, 1, 0, len(heading), len(view)))


def test_heading_kinds():
    assert kind("四、下一步整改措施") == "measures"
    assert kind("4.整改") == "measures"              # anchored: the whole heading once numbering is gone
    assert kind("(三)班子存在的问题") == "problems"
    assert kind("三、存在的问题和整改措施") == "mixed"
    assert kind("二、整改落实情况") == "narrative"
    assert kind("(一)会议议程") == "agenda"
    assert kind("三、原因分析") == "causes"
    assert kind("三、存在问题的原因和整改措施") == "mixed"   # a cause heading that names measures too
    assert kind("二、坚持把检视问题贯穿始终") == ""          # not_problems
    assert kind("一、会前准备扎实充分") == ""
    assert kind("二、会议召开情况") == ""


def test_marker_styles_searched_in_groups_match_as_alone():
    import random
    import re

    from extractor.resources import load_toml

    sources = {m["style"]: m["pattern"] for m in load_toml("lists.toml")["marker"]}
    assert any(search is not None for search, _ in lists.cues().markers)   # some styles are grouped
    rnd = random.Random(3)
    for _ in range(20):
        text = "".join(rnd.choice("一二三十是要求、. \n1234)(第项①㈠首先其次，。会议") for _ in range(3000))
        for lo in (0, 7):
            got = sorted((st.name, m.span()) for st, m in lists._marker_matches(text, lo))
            alone = sorted((style, m.span()) for style, source in sources.items()
                           for m in re.finditer(source, text[lo:]))
            assert got == [(style, (a + lo, b + lo)) for style, (a, b) in alone]


def test_paragraphs_holding_places_are_the_paragraphs_that_hold_them():
    import random

    rnd = random.Random(5)
    for _ in range(200):
        view = "".join(rnd.choice("ab \n\n。") for _ in range(rnd.randrange(0, 60)))
        places = sorted(rnd.sample(range(len(view)), min(len(view), rnd.randrange(0, 8))))
        lo = rnd.randrange(0, len(view) + 1)
        expected = [(s, e) for s, e in lists.paragraphs(view, lo, len(view)) if any(s <= p < e for p in places)]
        assert list(lists.paragraphs_holding(view, lo, places)) == expected

