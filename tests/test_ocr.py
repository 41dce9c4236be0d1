"""Scanned input (issue 18): page layout, grounding on the page, OCR of images and PDFs, bad input.

The layout tests build recognised pages by hand (no OCR: fast). The OCR tests read the
generated scans in samples/scans and a few small images rendered here with
scripts/make_scans.py; they need the extra mrx-reports[ocr] (``make test`` installs it).
"""
from __future__ import annotations

import io
import json
import re
import struct
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, assert_grounded
from extractor.io.formats.ocr import OcrLine, OcrPage
from extractor.io.page_layout import lay_out, page_models
from extractor.io.reader import InputError
from extractor.pages import char_box, locate

sys.path.insert(0, str(ROOT / "scripts"))

SCANS = ROOT / "samples" / "scans"
H = 30  # line height of the hand-made pages


def page(rows, number=1, width=1000, height=1400) -> OcrPage:
    """A recognised page from (x0, y0, text, width) rows; 30 px per character by default."""
    lines = []
    for row in rows:
        x, y, text = row[:3]
        length = row[3] if len(row) > 3 else H * len(text)
        lines.append(OcrLine(text, (x, y, x + length, y + H), 0.98))
    return OcrPage(number=number, width=width, height=height, lines=lines)


# -- layout ----------------------------------------------------------------------------------

def test_paragraphs_rebuilt_from_geometry_with_headings_on_their_own_lines():
    p = page([
        (220, 100, "关于召开组织生活会的报告"),           # centred title
        (100, 200, "一、会前准备"),                        # heading, short
        (160, 260, "支部认真组织学习，广泛征求意见建"),   # indented first line, runs to the edge
        (100, 320, "议，共收集意见8条。会前开展谈心谈"),   # full line ending mid-sentence... and
        (100, 380, "话。"),                                 # the paragraph's last line
        (160, 440, "会议由书记主持。"),
    ])
    text = lay_out([p]).text
    assert text.split("\n") == ["关于召开组织生活会的报告", "一、会前准备",
                                "支部认真组织学习，广泛征求意见建议，共收集意见8条。会前开展谈心谈话。",
                                "会议由书记主持。"]


def test_two_columns_read_left_then_right_below_a_spanning_title():
    rows = [(200, 80, "两栏排版的报告标题在这里", 600)]
    for i in range(6):
        rows.append((60, 160 + 50 * i, f"左栏第{i}行内容", 400))
        rows.append((540, 160 + 50 * i, f"右栏第{i}行内容", 400))
    text = lay_out([page(rows)]).text
    flat = text.replace("\n", "")
    assert flat.index("左栏第5行") < flat.index("右栏第0行")
    assert flat.startswith("两栏排版的报告标题在这里")
    assert " " not in text


def test_page_numbers_and_running_heads_dropped_and_paragraph_joined_over_the_page_break():
    pages = []
    for n in range(1, 4):
        pages.append(page([
            (600, 40, f"第{n}页 共3页"),
            (100, 150, "这一页的正文从左边开始一直写到右边的"),
            (100, 210, f"边缘处没有句号所以第{n}页的段落继续写"),
            (450, 1340, f"- {n} -"),
        ], number=n, width=1300))
    layout = lay_out(pages)
    assert "页" not in layout.text.replace("第1页的", "").replace("第2页的", "").replace("第3页的", "")
    assert "- 1 -" not in layout.text and "共3页" not in layout.text
    assert "\n" not in layout.text  # every line ran to the edge without a sentence end


def test_latin_words_get_a_space_chinese_and_wrapped_numbers_do_not():
    p = page([
        (100, 100, "会议学习了Party", 450),
        (100, 160, "Building文件共计12", 450),
        (100, 220, "3页。", 90),
    ])
    assert lay_out([p]).text == "会议学习了Party Building文件共计123页。"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 900), st.integers(0, 1350), st.text(
    alphabet="党支部会议召开组织生活批评一二三、。，：0123456789ab", min_size=1, max_size=25)),
    min_size=1, max_size=25))
def test_every_line_is_placed_where_its_text_is_and_its_box_lies_on_the_page(rows):
    p = page([(x, y, t, 20 * len(t)) for x, y, t in rows], width=1400, height=1400)
    layout = lay_out([p])
    for line, start, end in layout.placed[0]:
        assert layout.text[start:end] == line.text.strip()
    models = page_models(layout)
    for m in models:
        for ln in m.lines:
            x0, y0, x1, y1 = ln.box
            assert 0 <= x0 <= x1 <= m.width and 0 <= y0 <= y1 <= m.height
    # every visible character is on a line, and a record cut from the text keeps its lines
    covered = {i for m in models for ln in m.lines for i in range(ln.start, ln.end)}
    assert all(i in covered for i, c in enumerate(layout.text) if not c.isspace())
    cut = len(layout.text) // 2
    for m in page_models(layout, cut):
        for ln in m.lines:
            assert 0 <= ln.start <= ln.end <= len(layout.text) - cut


def test_char_box_divides_the_line_box_by_characters():
    from extractor.pages import PageLine

    line = PageLine(start=10, end=20, box=(100, 50, 400, 80), confidence=0.9)
    assert char_box(line, 12, 15) == (160, 50, 250, 80)
    assert char_box(line, 0, 100) == (100, 50, 400, 80)


# -- OCR -------------------------------------------------------------------------------------

ocr = pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra mrx-reports[ocr] is not installed")


def _cer(reference: str, text: str) -> float:
    from ocr_eval import cer

    return cer(reference, text)


def _rendered(text: str, *, turn: int = 0, fmt: str = "PNG", degrade=False) -> bytes:
    """A short report rendered by scripts/make_scans.py, cut to the text (small: fast OCR)."""
    from make_scans import render

    images, _, pages = render(text, dpi=200, degrade=degrade)
    image = images[0]
    bottom = max(y for _, y, _ in pages[0]) + 80
    image = image.crop((0, 150, image.width, int(bottom)))
    if turn:
        image = image.rotate(-turn, expand=True)
    buf = io.BytesIO()
    image.save(buf, fmt)
    return buf.getvalue()


SHORT = ("关于召开2021年度组织生活会的报告\n"
         "2022年1月15日，第一党支部在三楼会议室召开2021年度组织生活会，应到党员12名，实到11名，"
         "1名同志因病请假。会议由支部书记王建华主持，开展了批评与自我批评。\n")


@pytest.fixture(scope="module")
def two_column_png():
    from extractor.run.api import extract_file

    path = SCANS / "gbk_masked_bureau_dmsh.png"
    return path, extract_file(path)


def test_two_column_scan_reads_in_order_and_is_grounded_on_its_page(two_column_png):
    path, records = two_column_png
    assert len(records) == 1
    r = records[0]
    reference = Path(str(path) + ".gt").read_text(encoding="utf-8")
    assert _cer(reference, r.text) <= 0.03
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", r.text)  # no stray spaces
    assert r.source.format == "ocr" and r.source.encoding is None and len(r.source.pages) == 1
    assert_grounded(r)
    pg = r.source.pages[0]
    assert pg.confidence > 0.9
    values = [(ev.start, ev.end) for ev in r.attendance.evidence] + [(s.start, s.heading_end) for s in r.sections]
    assert len(values) >= 3
    for start, end in values:
        spots = locate(r.source.pages, start, end)
        assert spots
        for number, (x0, y0, x1, y1) in spots:
            assert number == 1 and 0 <= x0 < x1 <= pg.width and 0 <= y0 < y1 <= pg.height


def test_multi_page_image_pdf_joins_pages_and_drops_page_furniture():
    from extractor.run.api import extract_file

    path = SCANS / "utf8_bom_subsidiary_branch_theme_zzsh_2023.pdf"
    records = extract_file(path)
    text = "\n".join(r.text for r in records)
    reference = Path(str(path) + ".gt").read_text(encoding="utf-8")
    assert _cer(reference, text) <= 0.03
    assert "共2页" not in text and not re.search(r"^\W*\d\W*$", text, re.M)
    assert {p.page for r in records for p in r.source.pages} == {1, 2}
    # as many paragraphs as were set: none broken at a line or page end
    assert abs(len(text.split("\n")) - len(reference.strip().split("\n"))) <= 1
    for r in records:
        assert_grounded(r)


def test_page_turned_a_quarter_is_read_upright():
    from extractor.io.formats import read_document

    decoded = read_document("turned.png", _rendered(SHORT, turn=90), max_bytes=10**8)
    assert decoded.format == "ocr"
    assert _cer(SHORT, decoded.text) <= 0.03
    assert decoded.layout.pages[0].rotation == 270
    assert any("turned" in w for w in decoded.warnings)


def test_multi_page_tiff_with_a_blank_page_warns_and_reads_the_rest(tmp_path):
    from PIL import Image

    from extractor.run.api import extract_file

    text_page = Image.open(io.BytesIO(_rendered(SHORT)))
    blank = Image.new("L", text_page.size, 255)
    path = tmp_path / "scan.tif"
    text_page.save(path, "TIFF", save_all=True, append_images=[blank])
    records = extract_file(path)
    assert "王建华" in records[0].text
    assert any("no text found on page 2" in w for w in records[0].warnings)


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def _encrypted_pdf() -> bytes:
    """A PDF whose standard security handler wants a password (the user key does not match)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objs) + 1) + b"ab" * 16
            + b"> <" + b"ab" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _blank_pdf() -> bytes:
    """A scanned PDF of one blank page (small: the detector's time grows with the page)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (210, 297), 255).save(buf, "PDF")
    return buf.getvalue()


@pytest.mark.parametrize("name,data,message", [
    ("bomb.png", _png_header(20000, 20000), "too large"),
    ("big.png", _png_header(13000, 12000), "too large"),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50, "damaged or unreadable image"),
    ("cut.jpg", b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x00" * 30, "image"),
    ("blank.png", None, "no text that OCR can read"),
    ("blank.pdf", "pdf", "scanned PDF: none of its 1 page holds text that OCR can read"),
    ("locked.pdf", "locked", "password-protected"),
])
def test_bad_scans_are_one_line_errors(name, data, message):
    from PIL import Image

    from extractor.io.formats import read_document

    if data is None:
        buf = io.BytesIO()
        Image.new("L", (800, 600), 255).save(buf, "PNG")
        data = buf.getvalue()
    elif data == "pdf":
        data = _blank_pdf()
    elif data == "locked":
        data = _encrypted_pdf()
    with pytest.raises(InputError, match=message) as e:
        read_document(name, data, max_bytes=10**8)
    assert "\n" not in str(e.value)


def test_batch_goes_on_past_bad_scans(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    (tmp_path / "bomb.png").write_bytes(_png_header(20000, 20000))
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff" + b"\x01" * 100)
    (tmp_path / "good.txt").write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "-o", str(out), "--errors", str(errors)])
    assert "Traceback" not in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert {Path(x["path"]).name for x in lines} == {"bomb.png", "broken.jpg"}


def test_without_the_extra_a_scan_is_refused_naming_it(monkeypatch):
    import extractor.io.formats.ocr as ocr_module
    from extractor.io.formats import read_document

    def missing(*_):
        raise InputError(f"scanned input needs OCR, which is not installed: {ocr_module.INSTALL}")

    monkeypatch.setattr(ocr_module, "ocr_available", lambda: False)
    monkeypatch.setattr(ocr_module, "engine", missing)
    with pytest.raises(InputError, match=re.escape(ocr_module.EXTRA)):
        read_document("scan.pdf", _blank_pdf(), max_bytes=10**8)
    with pytest.raises(InputError, match=re.escape(ocr_module.EXTRA)):
        read_document("scan.png", _rendered(SHORT), max_bytes=10**8)


def test_show_html_draws_the_page_with_boxes(tmp_path, two_column_png):
    from extractor.outputs.show import page_html

    _, records = two_column_png
    page = page_html(records)
    assert page.count("<svg") == 1 and 'href="data:image/jpeg;base64,' in page
    assert "img-src data:" in page
    boxes = re.findall(r'<rect class="box k-(\w+)"', page)
    assert "section" in boxes and "attendance" in boxes


def test_show_html_in_headless_chromium_shows_the_page_with_coloured_boxes(tmp_path, two_column_png):
    """The page as a browser draws it: the scan (grey) with the boxes' colours on it."""
    import shutil
    import subprocess

    import numpy as np
    from PIL import Image

    from extractor.outputs.show import write_html

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    _, records = two_column_png
    page = tmp_path / "scan.html"
    write_html(records, page)
    bare = tmp_path / "bare.html"  # the same page without its boxes
    bare.write_text(re.sub(r"<rect .*?</rect>", "", page.read_text(encoding="utf-8")), encoding="utf-8")
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1600,2600"]
    dom = subprocess.run([*args, "--dump-dom", page.as_uri()], capture_output=True, timeout=120,
                         text=True).stdout
    assert '<svg class="page"' in dom and 'class="box k-attendance"' in dom

    def shoot(html_path):
        shot = tmp_path / (html_path.stem + ".png")
        subprocess.run([*args, f"--screenshot={shot}", html_path.as_uri()], capture_output=True, timeout=120)
        image = Image.open(shot).convert("RGB")
        pixels = np.asarray(image.crop((image.width // 2, 0, image.width, image.height))).astype(int)
        spread = pixels.max(axis=2) - pixels.min(axis=2)
        return int((spread > 30).sum()), int((pixels.max(axis=2) < 120).sum())

    with_boxes, bare_boxes = shoot(page), shoot(bare)
    assert bare_boxes[1] > 1000  # the scan's text is drawn in the right-hand column
    assert with_boxes[0] > bare_boxes[0] + 2000  # and the boxes colour it


def test_mixed_pdf_reads_text_pages_and_ocrs_the_scanned_ones():
    import pypdfium2 as pdfium
    from PIL import Image

    from docgen import make_pdf
    from extractor.io.formats import read_document

    scan = io.BytesIO()
    Image.open(io.BytesIO(_rendered(SHORT))).save(scan, "PDF", resolution=200)
    doc = pdfium.PdfDocument(make_pdf([["中共某某局机关党支部", "关于召开组织生活会情况的报告"]]))
    doc.import_pages(pdfium.PdfDocument(scan.getvalue()))
    out = io.BytesIO()
    doc.save(out)
    decoded = read_document("mixed.pdf", out.getvalue(), max_bytes=10**8)
    assert decoded.format == "ocr"
    assert [p.method for p in decoded.layout.pages] == ["text", "ocr"]
    assert decoded.text.startswith("中共某某局机关党支部\n关于召开组织生活会情况的报告\n")
    assert "王建华" in decoded.text
    assert any("1 of 2 PDF pages have no text layer" in w for w in decoded.warnings)
    models = page_models(decoded.layout)
    assert decoded.text[models[0].lines[0].start:models[0].lines[0].end] == "中共某某局机关党支部"
