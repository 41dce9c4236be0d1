"""Hostile text (issue 16): RTF surrogate pairs, lone surrogates in the API, terminal
escape sequences in mrx show."""
import io

from typer.testing import CliRunner

from extractor.cli import app
from extractor.io.formats.rtf import read_rtf
from extractor.io.reader import join_surrogate_pairs
from extractor.run.api import extract_bytes, extract_text

runner = CliRunner()


def test_rtf_surrogate_pair_is_one_character():
    # Word writes U+21484 (CJK Extension B) as the pair \u-10171 \u-9084
    data = rb"{\rtf1\ansi\uc1 \u24352?\u-10171?\u-9084?\u21516?\u24535?\par}"
    text, _, _ = read_rtf(data)
    assert text.strip() == "张\U00021484同志"
    records = extract_bytes(data, "p.rtf")
    assert records[0].text.strip() == "张\U00021484同志"


def test_rtf_lone_surrogate_becomes_a_replacement_character():
    text, _, _ = read_rtf(rb"{\rtf1\ansi\uc1 \u24352?\u-10171?\par}")
    assert text.strip() == "张\ufffd"
    text.encode("utf-8")


def test_join_surrogate_pairs():
    assert join_surrogate_pairs("a\ud83d\ude00b") == "a\U0001F600b"
    assert join_surrogate_pairs("\udc00\ud800") == "\ufffd\ufffd"
    assert join_surrogate_pairs("普通") == "普通"


def test_extract_text_with_a_lone_surrogate_keeps_offsets():
    records = extract_text("\ud800")
    assert records[0].text == "\ufffd"
    text = "关于召开2021年度组织生活会情况的报告\n支部\ud800于2022年1月15日召开组织生活会。"
    (record,) = extract_text(text)
    assert record.meeting_date.start == text.index("2022年")
    assert any("surrogate" in w for w in record.warnings)
    record.model_dump_json()  # writable as UTF-8


def test_show_escapes_terminal_controls(tmp_path):
    from rich.console import Console

    from extractor.outputs.show import render_terminal, terminal_safe

    assert terminal_safe("a\x1b]0;x\x07b\tc\nd\x9b") == "a\\x1b]0;x\\x07b\tc\nd\\x9b"
    (record,) = extract_text("关于召开2021年度组织生活会情况的报告\n支部于2022年1月15日召开组织生活会。\n")
    record = record.model_copy(update={"title": "报告\x1b]0;pwned\x07", "organization": "支部\x9b2J",
                                       "warnings": ["坏\x1b[2J"]})
    out = io.StringIO()
    render_terminal(record, Console(file=out, force_terminal=True, width=200))
    shown = out.getvalue()
    assert "\x1b]0;" not in shown and "\x07" not in shown and "\x9b" not in shown and "\x1b[2J" not in shown
    assert "\\x1b]0;pwned" in shown and "\\x9b2J" in shown
