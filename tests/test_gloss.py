"""Pinyin glosses inside words (extractor/text/gloss.py): read without them, grounded with them."""
from extractor import extract_text
from extractor.text import gloss


def test_fold_keeps_where_each_character_came_from():
    text = "市政協(xié)黨組召開會(huì)議"
    folded = gloss.fold(text)
    assert folded.text == "市政協黨組召開會議"
    # 協黨 in the folded text covers the gloss in the original
    s = folded.text.index("協")
    assert text[folded.start(s):folded.end(s + 2)] == "協(xié)黨"


def test_no_gloss_no_folding():
    assert gloss.fold("会议由支部书记(张三)主持。") is None
    assert gloss.fold("纪要(2023)第3号") is None
    assert gloss.fold("没有括号的文字") is None


def test_a_glossed_report_is_read_as_if_unglossed_and_stays_grounded():
    text = ("3月2日下午，市政協(xié)黨組召開2020年度民主生活會(huì)。黨組書記吳桂林主持會議，"
            "黨組成員、秘書長朱訓(xùn)龍參加會議。會前，班子成員認(rèn)真學(xué)習(xí)了黨章。")
    (rec,) = extract_text(text)
    assert rec.organization == "市政協黨組"
    assert rec.year == 2020
    assert rec.audit.elements["study"].present
    names = {p.name for p in rec.people}
    assert "朱訓(xùn)龍" in names and "吳桂林" in names
    for p in rec.people:
        assert rec.text[p.start:p.end] == p.name
    assert rec.text == text
