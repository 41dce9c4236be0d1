"""Smaller hostile-input findings of issue 16: a Big5 line in a UTF-8 file, an .xhtml
DOCTYPE with an internal subset, --resume on an output with CRLF line endings."""
import shutil

from typer.testing import CliRunner

from extractor.cli import app
from extractor.io.formats.html import html_to_text
from extractor.io.reader import decode_bytes

runner = CliRunner()


def test_big5_line_in_a_utf8_file_is_read_as_big5():
    data = ("关于召开2021年度组织生活会情况的报告\n支部召开会议，党员参加。\n".encode()
            + "會議討論了問題，並提出整改措施。".encode("big5") + "\n最后一行。\n".encode())
    text, encoding, warnings = decode_bytes(data)
    assert "會議討論了問題，並提出整改措施。" in text
    assert encoding == "utf-8+big5" and "BIG5" in warnings[0]


def test_gbk_line_in_a_utf8_file_is_still_read_as_gb18030():
    data = ("关于召开2021年度组织生活会情况的报告\n".encode() + "会议讨论了问题，并提出整改措施。".encode("gbk")
            + "\n最后一行。\n".encode())
    text, encoding, _ = decode_bytes(data)
    assert "会议讨论了问题，并提出整改措施。" in text and encoding == "utf-8+gb18030"


def test_xhtml_doctype_with_internal_subset_leaves_no_residue():
    markup = ('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd" [\n'
              '<!ENTITY foo "bar">\n]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
              "<p>关于召开2021年度组织生活会情况的报告</p><p>支部召开会议。</p></body></html>")
    text = html_to_text(markup)
    assert "]>" not in text and text.strip().startswith("关于召开")


def test_resume_keeps_crlf_line_endings(tmp_path, samples_dir):
    archive = tmp_path / "archive"
    archive.mkdir()
    for src in sorted(samples_dir.glob("*.txt")):
        shutil.copy(src, archive / src.name)
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(archive), "-o", str(out)]).exit_code == 0
    whole = out.read_bytes()
    out.write_bytes(whole.replace(b"\n", b"\r\n"))  # as written on Windows, or converted
    result = runner.invoke(app, ["extract", str(archive), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == whole.count(b"\n")
