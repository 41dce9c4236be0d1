"""Text given as numbered chunks of one size (extractor/text/chunks.py): read without the
chunk marks, its blanks as line breaks, grounded in the text as written."""
import re

from extractor import extract_text
from extractor.text import chunks

from conftest import assert_grounded

# our own report, one paragraph a line
PARAGRAPHS = [
    "县档案馆党支部2024年度组织生活会情况的报告",
    "根据县直机关工委的通知要求，县档案馆党支部于2025年1月16日召开了2024年度组织生活会和民主评议党员大会，"
    "现将有关情况报告如下：",
    "一、会前准备扎实",
    "支部书记韩立峰同志带头与每名党员开展谈心谈话，支部广泛征求意见建议十二条，每名党员都撰写了发言提纲。",
    "二、会议开得严肃认真",
    "会上，韩立峰同志代表支委会作对照检查，党员逐一开展批评和自我批评，随后进行了民主评议。",
]


def chunked(size=100):
    """The report as such a page gives it: the paragraphs joined by blanks, cut every
    ``size`` characters, each piece on its own line after its number."""
    flat = " ".join(PARAGRAPHS)
    pieces = [flat[i:i + size] for i in range(0, len(flat), size)]
    return "\n".join(f"{n}、{piece}" for n, piece in enumerate(pieces, 1))


def test_the_chunks_read_as_the_paragraphs():
    folded = chunks.unchunk(chunked())
    assert folded is not None
    assert folded.text.split("\n") == PARAGRAPHS


def test_texts_not_given_in_chunks():
    # a list of any length numbered from 1, lines of different lengths, numbers out of order
    assert chunks.unchunk("1、会前认真学习\n2、广泛征求意见\n3、深入谈心谈话") is None
    text = chunked()
    lines = text.split("\n")
    assert len(lines) == 3
    assert chunks.unchunk("\n".join([lines[0][:-20], *lines[1:]])) is None
    assert chunks.unchunk("\n".join([lines[0], "3" + lines[1][1:], *lines[2:]])) is None
    assert chunks.unchunk(chunked(size=60)) is None  # chunks too short to be such pages
    assert chunks.unchunk("\n".join(PARAGRAPHS)) is None


def test_a_chunked_report_reads_as_its_paragraphs_and_stays_grounded():
    text = chunked()
    plain = extract_text("\n".join(PARAGRAPHS))[0]
    (rec,) = extract_text(text)
    # the report starts after the first chunk's mark and runs to the end
    assert (rec.source.start, rec.source.end) == (len("1、"), len(text))
    assert rec.text == text[rec.source.start:]
    assert_grounded(rec)
    assert rec.title == plain.title == PARAGRAPHS[0]
    assert [s.heading for s in rec.sections] == [s.heading for s in plain.sections] == ["一、会前准备扎实", "二、会议开得严肃认真"]
    assert rec.meeting_date.day == 16
    assert [p.name for p in rec.people] == [p.name for p in plain.people] == ["韩立峰"]
    assert any("numbered chunks" in w for w in rec.warnings)


def test_a_word_cut_by_a_chunk_is_found_whole():
    # chunks cut inside a name: it is found, its span running over the mark
    flat = " ".join(PARAGRAPHS)
    at = flat.index("韩立峰")
    size = next(n for n in range(100, 160) if at // n != (at + 2) // n)
    text = chunked(size)
    assert text.index("韩") < text.index("\n") < text.index("峰")
    (rec,) = extract_text(text)
    assert_grounded(rec)
    (person,) = rec.people
    assert re.sub(r"\n[0-9]+、", "", person.name) == "韩立峰"
    assert person.role == "支部书记" and person.start < text.index("\n")
