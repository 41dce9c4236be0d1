from hypothesis import given, strategies as st

from extractor.text.normalize import MASK, normalize


def test_same_length_and_offsets_on_any_string():
    for s in ["㈠会前准备", "二○二二年一月十二日", "ｘｘ同志", "xjp新时代", "", "\u3000\t"]:
        assert len(normalize(s)) == len(s)


@given(st.text())
def test_length_preserved_property(s):
    assert len(normalize(s)) == len(s)


def test_width_folding():
    assert normalize("２０２２年１月１５日") == "2022年1月15日"
    assert normalize("（一）会前准备：") == "(一)会前准备:"
    assert normalize("１．加强学习") == "1.加强学习"
    assert normalize("平组通［2022］41号") == "平组通[2022]41号"
    assert normalize("会前\u3000准备") == "会前 准备"


def test_traditional_to_simplified():
    assert normalize("黨支部召開組織生活會") == "党支部召开组织生活会"
    assert normalize("批評與自我批評") == "批评与自我批评"


def test_characters_beyond_the_basic_plane_are_mapped_too():
    from extractor.text.normalize import t2s_pairs

    beyond = next(t for t, simp in t2s_pairs().items() if ord(t) > 0xFFFF and t != simp)
    text = f"批評，{beyond}"
    assert normalize(text) == f"批评,{t2s_pairs()[beyond]}"
    assert normalize("批評，\U0001F600") == "批评,\U0001F600"  # unmapped: as it is


@given(st.text())
def test_the_view_maps_every_character_as_the_table_says(s):
    from extractor.text.normalize import to_simplified

    view = normalize(s)
    assert all(v == to_simplified(c) or v in "〇×" for c, v in zip(s, view))


def test_zero_inside_numerals_and_masks_elsewhere():
    assert normalize("二○二一年十二月二十八日") == "二〇二一年十二月二十八日"
    assert normalize("二ＯＯ八年") == "二〇〇八年"
    assert normalize("○○同志") == MASK * 2 + "同志"
    assert normalize("〇月〇日") == MASK + "月" + MASK + "日"


def test_x_runs_are_masks_but_latin_words_are_not():
    assert normalize("xx同志") == MASK * 2 + "同志"
    assert normalize("XXXX年X月XX日") == "××××年×月××日"
    assert normalize("x龙组通字[xxxx]x号") == "×龙组通字[××××]×号"
    assert normalize("ｘｘ党组") == "××党组"
    assert normalize("学习xjp新时代") == "学习xjp新时代"
    assert normalize("用Excel统计") == "用Excel统计"
    assert normalize("×××同志，＊＊书记") == "×××同志," + MASK * 2 + "书记"


def test_nfkc_would_change_lengths_but_the_view_does_not():
    s = "㈠组织学习"
    assert normalize(s)[0] == "㈠"
