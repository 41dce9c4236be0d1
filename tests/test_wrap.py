"""Text wrapped at a fixed width (extractor/text/wrap.py): read with the breaks inside its
paragraphs taken out, grounded in the text as written."""
from extractor import extract_text
from extractor.text import wrap

from conftest import assert_grounded

# our own report, written as one paragraph a line
PARAGRAPHS = [
    "县档案馆领导班子2024年度民主生活会召开情况的报告",
    "县委组织部：",
    "根据县委统一部署，县档案馆领导班子于2025年1月16日召开了2024年度民主生活会。会议由馆长、党组书记"
    "韩立峰同志主持，县委第二督导组组长到会指导并作点评。会前，班子成员认真开展谈心谈话，广泛征求意见建议，"
    "撰写了对照检查材料。",
    "一、会前准备情况",
    "班子坚持把学习贯穿始终，组织开展集中学习研讨三次，班子成员之间、班子成员与分管科室负责人之间普遍开展了"
    "谈心谈话，共征求到意见建议十二条，全部梳理后反馈到班子和个人。",
    "二、会议召开情况",
    "会上，韩立峰同志代表班子作对照检查，班子成员逐一发言，开展批评和自我批评，大家坦诚相见，达到了预期目的。",
]


def wrapped(width=24):
    """The report as a PDF's text layer gives it: every line broken where it is ``width``
    wide (a Chinese character is as wide as two digits)."""
    lines = []
    for p in PARAGRAPHS:
        line, w = "", 0.0
        for ch in p:
            step = 0.5 if ch.isascii() else 1
            if w + step > width:
                lines.append(line)
                line, w = "", 0.0
            line, w = line + ch, w + step
        lines.append(line)
    return "\n".join(lines)


def test_the_breaks_inside_paragraphs_are_found():
    text = wrapped()
    folded = wrap.unwrap(text)
    assert folded is not None
    # headings and lines ending a sentence keep their breaks
    assert folded.text.split("\n") == PARAGRAPHS


def test_text_of_lines_of_any_length_is_not_wrapped():
    assert wrap.unwrap("\n".join(PARAGRAPHS)) is None
    # equal lines that are no prose (image links, a table of figures) are not a wrap width
    rows = "\n".join(f"<image>data:image/png;base64,{i}abcdefghijklmnopqrstuvwx</image>" for i in range(10))
    assert wrap.unwrap(rows) is None


def test_a_wrapped_report_reads_as_its_paragraphs_and_stays_grounded():
    text = wrapped()
    plain = extract_text("\n".join(PARAGRAPHS))[0]
    (rec,) = extract_text(text)
    assert rec.text == text
    assert_grounded(rec)
    assert rec.organization == plain.organization == "县档案馆领导班子"
    assert rec.chair.name == "韩立峰"
    assert rec.meeting_date.day == 16
    assert [p.name for p in rec.people] == [p.name for p in plain.people]
    assert {k for k, e in rec.audit.elements.items() if e.present} == \
        {k for k, e in plain.audit.elements.items() if e.present}
    assert any("line breaks" in w for w in rec.warnings)
    assert rec.source.start == 0 and rec.source.end == len(text)


def test_a_value_across_a_break_is_the_text_as_written():
    # the chair's name broken over two lines: the value keeps the break, its span covers it
    text = wrapped(width=47)
    (rec,) = extract_text(text)
    assert_grounded(rec)
    assert rec.chair is not None
    assert rec.chair.name.replace("\n", "") == "韩立峰"
