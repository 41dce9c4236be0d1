"""Bounded memory (issue 16): a report above --max-report-chars is refused with a one-line
reason (the user can raise the limit), the splitter keeps offsets rather than line
objects, and the main part of a .docx is streamed, not held as an element tree."""
import io
import json
import zipfile

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io.formats.docx import iter_body, read_docx
from extractor.io.reader import InputError
from extractor.run.api import extract_text
from extractor.text.split import split_reports

runner = CliRunner()
HEADINGS = "一、存在问题\n" * 3000  # 21 000 characters, one report


def test_a_report_above_the_limit_is_refused_with_its_reason():
    with pytest.raises(InputError, match="above the limit of 10000.*--max-report-chars"):
        extract_text(HEADINGS, max_report_chars=10_000)
    assert extract_text(HEADINGS, max_report_chars=30_000)


def test_cli_limit_can_be_raised(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text(HEADINGS, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["extract", str(path), "-o", str(out), "--max-report-chars", "10000"])
    assert result.exit_code == 2
    (error,) = [json.loads(x) for x in (tmp_path / "o.jsonl.errors.jsonl").read_text().splitlines()]
    assert "--max-report-chars" in error["error"] and "\n" not in error["error"]
    result = runner.invoke(app, ["extract", str(path), "-o", str(out), "--max-report-chars", "100000"])
    assert result.exit_code == 0, result.output


def test_split_of_many_short_lines_is_the_same_and_compact():
    import tracemalloc

    text = "关于召开2021年度组织生活会情况的报告\n" + "一、存在问题\n" * 200_000
    tracemalloc.start()
    spans = split_reports(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [(s.start, s.end) for s in spans] == [(0, len(text) - 1)]
    # a list of line strings and bound tuples took over 300 bytes a line
    assert peak < 120 * 200_000, peak


def docx_bytes(paragraphs: int, text: str = "") -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if text else "<w:p/>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>'
                   + para * paragraphs + "</w:body></w:document>")
    return buf.getvalue()


def test_docx_body_is_streamed():
    data = docx_bytes(1, "甲")
    assert read_docx(data, max_bytes=1 << 20)[0].strip() == "甲"
    with zipfile.ZipFile(io.BytesIO(docx_bytes(60_000, "一、存在问题"))) as z:
        xml = z.read("word/document.xml")
    blocks = iter_body(xml, "word/document.xml")
    next(blocks)
    seen = 0
    for block in blocks:
        seen += 1
        # earlier blocks are gone from the tree: it holds what the parser read ahead, not
        # the document
        assert len(block.getparent()) <= 5_000
    assert seen == 60_000
    text, _, _ = read_docx(docx_bytes(60_000, "一、存在问题"), max_bytes=1 << 20)
    assert text.count("一、存在问题") == 60_000


def test_docx_without_body_or_with_doctype_is_refused():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with pytest.raises(InputError, match="no body"):
        list(iter_body(f"<w:document {w}/>".encode(), "word/document.xml"))
    with pytest.raises(InputError, match="DOCTYPE"):
        list(iter_body(b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', "word/document.xml"))


def test_a_report_between_spacy_limit_and_ours_is_extracted():
    text = "一、存在问题\n" * 150_000  # 1.05 M characters: above spaCy's default max_length
    (record,) = extract_text(text)
    assert len(record.text) == len(text.rstrip("\n"))
