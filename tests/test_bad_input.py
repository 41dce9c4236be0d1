"""Hostile and broken input, and the batch policy of ``mrx extract``.

Every input file ends as records or as one entry of the errors file (path and reason);
the summary ``N files, R reports, E errors`` goes to stderr; the exit code is 0 when all
files gave records and 2 otherwise; never a traceback.
"""
from __future__ import annotations

import io
import json
import os
import struct
import time
import zipfile

import pytest
from docgen import make_docx, make_pdf, para
from typer.testing import CliRunner

from extractor.run.api import extract_file, extract_paths, extract_text, iter_input_files
from extractor.cli import app
from extractor.io.formats.docx import read_docx
from extractor.io.formats.html import html_to_text, read_html
from extractor.io.formats.rtf import read_rtf
from extractor.io.formats import read_file
from extractor.io.reader import InputError, decode

MB = 1 << 20
GOOD = """关于召开2022年度组织生活会情况的报告
根据县委组织部通知要求，我支部于2023年1月12日召开2022年度组织生活会，支部应到党员21人，实到19人。
一、会前准备情况
支部组织党员集中学习，广泛征求意见建议，深入开展谈心谈话。
二、查摆的主要问题
理论学习不够深入，服务群众意识不强。
"""


def errors_of(path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def invoke(*args, input=None):
    result = CliRunner().invoke(app, ["extract", *map(str, args)], input=input)
    assert "Traceback" not in result.output and "Traceback" not in (result.stderr or "")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# ------------------------------------------------------------------ single hostile files

@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.html", "empty.pdf", "empty.doc"])
def test_empty_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_file(path)


def test_binary_file_named_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    elf = b"\x7fELF\x02\x01\x01" + bytes(200) + os.urandom(4000)
    for name, data in (("image.txt", png), ("program.txt", elf), ("random.txt", bytes(range(1, 32)) * 300)):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError, match="binary"):
            read_file(path)


def test_nul_padding_is_dropped_with_a_warning(tmp_path):
    path = tmp_path / "padded.txt"
    path.write_bytes(GOOD.encode("gbk") + b"\x00" * 4096)
    decoded = read_file(path)
    assert decoded.text == GOOD
    assert any("NUL" in w for w in decoded.warnings)
    (rec,) = extract_file(path)
    assert any("NUL" in w for w in rec.warnings)


def test_a_few_nul_bytes_inside_text(tmp_path):
    raw = GOOD.encode("utf-8")
    path = tmp_path / "nuls.txt"
    path.write_bytes(raw[:30] + b"\x00" + raw[30:60] + b"\x00\x00" + raw[60:])
    assert read_file(path).text == GOOD


def test_nul_bytes_throughout_are_binary():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01abc\x00\x00\x00def\x00" * 500)


def test_file_above_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(GOOD.encode() * 50)
    with pytest.raises(InputError, match=r"above the limit of 1000 bytes \(--max-bytes\)"):
        read_file(path, max_bytes=1000)
    assert read_file(path, max_bytes=1 << 20).text.startswith(GOOD)
    result = invoke(path, "--max-bytes", "1000", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 2
    (entry,) = errors_of(tmp_path / "out.jsonl.errors.jsonl")
    assert entry["path"] == str(path) and "--max-bytes" in entry["error"]


def test_extremely_long_line(tmp_path):
    # one 160,000-character line: no newline anywhere, as a broken export gives
    line = ("会议由支部书记主持，全体党员参加，开展批评和自我批评，查摆问题，制定整改措施；" * 5000)
    path = tmp_path / "long.txt"
    path.write_text("关于召开组织生活会情况的报告\n" + line, encoding="utf-8")
    started = time.perf_counter()
    records = extract_file(path)
    assert time.perf_counter() - started < 120
    assert records and records[0].text.endswith("整改措施；")


def test_long_line_in_html_and_docx():
    text = "开展批评和自我批评。" * 50000
    assert html_to_text(f"<p>{text}</p>") == text
    assert read_docx(make_docx(para(text)), max_bytes=MB)[0] == text


# ------------------------------------------------------------------ broken and hostile .docx

def test_truncated_docx(tmp_path):
    data = make_docx(para(GOOD) * 50)
    for cut in (len(data) // 2, len(data) - 30, 100):
        path = tmp_path / "cut.docx"
        path.write_bytes(data[:cut])
        with pytest.raises(InputError, match="damaged or truncated"):
            read_file(path)


def test_docx_with_corrupt_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(para(GOOD)))) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"</w:body>", b"<w:p></w:body>")
            dst.writestr(info, body)
    with pytest.raises(InputError, match="not valid XML"):
        read_docx(buf.getvalue(), max_bytes=MB)


def test_zip_bomb_refused_before_inflating():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (40 * MB))  # 40 MB of spaces, ~40 KB zipped
    data = buf.getvalue()
    assert len(data) < MB
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"declares \d+ bytes uncompressed.*zip bomb"):
        read_docx(data, max_bytes=MB)  # limit: 8 MiB of XML
    assert time.perf_counter() - started < 2


def _patch_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite the uncompressed size a ZIP declares for ``name`` (local and central headers)."""
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x03\x04", pos)) != -1:
        n = struct.unpack_from("<H", out, pos + 26)[0]
        if out[pos + 30:pos + 30 + n] == name:
            struct.pack_into("<I", out, pos + 22, size)
        pos += 4
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) != -1:
        n = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46:pos + 46 + n] == name:
            struct.pack_into("<I", out, pos + 24, size)
        pos += 4
    return bytes(out)


def test_zip_declaring_a_huge_size_is_refused_at_default_limits():
    data = _patch_sizes(make_docx(para(GOOD)), b"word/document.xml", 0xFFFFFFF0)
    with pytest.raises(InputError, match="declares 4294967280 bytes uncompressed"):
        read_docx(data, max_bytes=50 * MB)


def test_zip_lying_about_a_small_size_never_inflates_more():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (30 * MB))
    data = _patch_sizes(buf.getvalue(), b"word/document.xml", 1000)
    with pytest.raises(InputError, match="damaged|not valid XML|inflates"):
        read_docx(data, max_bytes=MB)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_xml_entities_in_docx_are_refused(payload):
    for part in ("word/document.xml", "word/numbering.xml"):
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(make_docx(para(GOOD)))) as src, zipfile.ZipFile(buf, "w") as dst:
            for info in src.infolist():
                dst.writestr(info.filename, payload if info.filename == part else src.read(info))
        started = time.perf_counter()
        with pytest.raises(InputError, match="DOCTYPE"):
            read_docx(buf.getvalue(), max_bytes=MB)
        assert time.perf_counter() - started < 2


def test_the_xml_parser_itself_never_expands_entities():
    from lxml import etree

    from extractor.io.formats.docx import _parser

    for payload, leaked in ((BILLION_LAUGHS, "lol"), (XXE, "root:")):
        try:
            root = etree.fromstring(payload, _parser())
        except etree.XMLSyntaxError as e:  # libxml2 may also stop at the amplification
            assert "amplification" in str(e) or "entity" in str(e).lower()
        else:
            assert leaked not in "".join(root.itertext())


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_xml_entities_in_html_are_not_expanded(payload):
    started = time.perf_counter()
    text, _, _ = read_html(payload.replace(b"<w:", b"<").replace(b"</w:", b"</"))
    assert "lollol" not in text and "root:" not in text
    assert time.perf_counter() - started < 2


def test_deep_nesting_does_not_overflow():
    deep = "<div>" * 20000 + "会议由支部书记主持。" + "</div>" * 20000
    text, _, warnings = read_html(deep.encode("utf-8"))
    assert text == "会议由支部书记主持。"  # libxml2 gives up past its depth limit: crude fallback
    assert any("nested too deeply" in w for w in warnings)
    assert "会议由支部书记主持。" in html_to_text("<div>" * 200 + "会议由支部书记主持。")
    with pytest.raises(InputError, match="nested too deeply"):
        read_rtf(b"{\\rtf1 " + b"{" * 5000 + b"x" + b"}" * 5000 + b"}")
    def nested(n):
        return "<w:tbl><w:tr><w:tc>" * n + para("深层表格") + "</w:tc></w:tr></w:tbl>" * n

    assert read_docx(make_docx(nested(60)), max_bytes=MB)[0] == "深层表格"
    with pytest.raises(InputError, match="Excessive depth"):  # libxml2's limit, a clean error
        read_docx(make_docx(nested(200)), max_bytes=MB)


def test_not_a_word_archive(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "表格.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="xlsx workbook"):
        read_file(path)


def test_mixed_and_wrong_encodings_in_one_batch(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD.encode("utf-8") + "附：会议记录一份。\n".encode("gbk"))
    (tmp_path / "b.txt").write_bytes(GOOD.encode("big5", errors="replace"))  # simplified text forced into Big5
    results = list(extract_paths([str(tmp_path)]))
    assert [r.error for r in results] == [None, None]
    a, b = results
    assert a.records[0].text.endswith("附：会议记录一份。")
    assert any("mixed encodings" in w for w in a.records[0].warnings)


# ------------------------------------------------------------------ directories

def test_directory_walk_order_suffixes_and_skipped_files(tmp_path):
    for name in ("b.txt", "a.DOCX", "c.htm", "d.pdf", "e.xlsx", "~$a.docx", "._a.docx", "notes.md"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.txt").write_bytes(b"x")
    found = [os.path.relpath(p, tmp_path) for p, _ in iter_input_files([str(tmp_path)])]
    assert found == ["a.DOCX", "b.txt", "c.htm", "d.pdf", "sub/z.txt"]


def test_broken_symlinks_loops_fifos_and_missing_paths(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop2.txt", tmp_path / "loop1.txt")
    os.symlink(tmp_path / "loop1.txt", tmp_path / "loop2.txt")
    os.symlink(tmp_path / "good.txt", tmp_path / "link.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    results = {os.path.basename(r.path): r.error for r in extract_paths([str(tmp_path), str(tmp_path / "nope.txt")])}
    assert results == {
        "broken.txt": "broken symbolic link", "good.txt": None, "link.txt": None,
        "loop1.txt": "broken symbolic link", "loop2.txt": "broken symbolic link",
        "pipe.txt": "not a regular file (device, pipe or socket)", "nope.txt": "no such file or directory"}


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod 000 changes nothing: the denial is simulated at
    # the two places it can happen (the access check and the open itself).
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p) == str(path) else real_access(p, mode))
    assert [r.error for r in extract_paths([str(tmp_path)])] == ["cannot read: permission denied"]
    monkeypatch.setattr(os, "access", real_access)

    import builtins

    real_open = builtins.open

    def deny(p, *a, **kw):
        if str(p) == str(path):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *a, **kw)

    monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(InputError, match="cannot read: Permission denied"):
        read_file(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_really_unreadable(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        assert [r.error for r in extract_paths([str(tmp_path)])] == ["cannot read: permission denied"]
    finally:
        path.chmod(0o644)


def test_unlistable_subdirectory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(p="."):
        if os.fspath(p) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(p)

    monkeypatch.setattr(os, "scandir", scandir)
    results = [(r.path, r.error) for r in extract_paths([str(tmp_path)])]
    assert (str(locked), "cannot list directory: Permission denied") in results
    assert (str(tmp_path / "ok.txt"), None) in results


# ------------------------------------------------------------------ batch policy (CLI)

def make_batch(folder):
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_good.docx").write_bytes(make_docx("".join(para(ln) for ln in GOOD.splitlines())))
    (folder / "d_binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "e_cut.docx").write_bytes(make_docx(para(GOOD))[:200])
    (folder / "f_scan.pdf").write_bytes(make_pdf([["x"]], image_only={0}))
    (folder / "g_good.pdf").write_bytes(make_pdf([GOOD.splitlines()]))
    (folder / "h_chrome.html").write_text("<p>当前位置：首页 &gt; 工作动态</p><p>版权所有：某某县</p>", encoding="utf-8")
    os.symlink(folder / "nowhere.txt", folder / "i_broken.txt")
    return folder


def test_batch_every_file_is_a_record_or_an_error(tmp_path):
    folder = make_batch(tmp_path / "in")
    out = tmp_path / "out" / "records.jsonl"
    result = invoke(folder, "-o", out)
    assert result.exit_code == 2
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = errors_of(str(out) + ".errors.jsonl")
    ok = {os.path.basename(r["source"]["path"]) for r in records}
    bad = {os.path.basename(e["path"]): e["error"] for e in errors}
    assert ok == {"a_good.txt", "c_good.docx", "g_good.pdf"}
    assert set(bad) == {"b_empty.txt", "d_binary.txt", "e_cut.docx", "f_scan.pdf", "h_chrome.html", "i_broken.txt"}
    assert all(reason and "\n" not in reason for reason in bad.values())
    assert "empty" in bad["b_empty.txt"] and "binary" in bad["d_binary.txt"]
    assert "truncated" in bad["e_cut.docx"] and "OCR" in bad["f_scan.pdf"]
    assert "no report text" in bad["h_chrome.html"] and "broken" in bad["i_broken.txt"]
    assert f"mrx: 9 files, {len(records)} reports, 6 errors" in result.stderr


def test_batch_all_good_exits_0_and_clears_a_stale_errors_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "records.jsonl"
    stale = tmp_path / "records.jsonl.errors.jsonl"
    stale.write_text('{"path": "old", "error": "old"}\n')
    result = invoke(folder, "-o", out)
    assert result.exit_code == 0
    assert "mrx: 1 files, 1 reports, 0 errors" in result.stderr
    assert not stale.exists()


def test_batch_explicit_errors_file(tmp_path):
    folder = make_batch(tmp_path / "in")
    errors = tmp_path / "logs" / "failed.jsonl"
    result = invoke(folder, "-o", tmp_path / "r.jsonl", "--errors", errors)
    assert result.exit_code == 2 and len(errors_of(errors)) == 6
    assert not (tmp_path / "r.jsonl.errors.jsonl").exists()
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(GOOD, encoding="utf-8")
    assert invoke(good, "-o", tmp_path / "r2.jsonl", "--errors", errors).exit_code == 0
    assert errors.read_text() == ""  # named by the user: written, and empty


def test_batch_to_stdout_lists_errors_on_stderr(tmp_path):
    folder = make_batch(tmp_path / "in")
    result = invoke(folder)
    assert result.exit_code == 2
    assert len(result.stdout.strip().splitlines()) >= 3
    assert f"{folder / 'b_empty.txt'}: empty file" in result.stderr
    assert "9 files" in result.stderr


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    folder = make_batch(tmp_path / "in")
    out = tmp_path / "r.jsonl"
    result = invoke(folder, "-o", out, "--fail-fast")
    assert result.exit_code == 2
    assert "mrx: 2 files, 1 reports, 1 errors" in result.stderr
    assert [os.path.basename(e["path"]) for e in errors_of(str(out) + ".errors.jsonl")] == ["b_empty.txt"]


def test_stdin_bad_and_good(tmp_path):
    assert invoke("-", input=b"").exit_code == 2
    result = invoke("-", input=bytes(range(256)) * 10)
    assert result.exit_code == 2 and "binary" in result.stderr
    result = invoke("-", input=make_docx("".join(para(ln) for ln in GOOD.splitlines())))
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["source"]["format"] == "docx"


def test_an_unexpected_failure_is_an_error_entry_not_a_crash(tmp_path, monkeypatch):
    from extractor.run import extract as api

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")

    def boom(*a, **kw):
        raise ValueError("simulated bug")

    monkeypatch.setattr(api, "extract_text", boom)
    (result,) = list(extract_paths([str(tmp_path)]))
    assert result.error == "internal error, please report: ValueError: simulated bug"


def test_api_extract_text_on_junk_never_raises():
    for junk in ["", "\x00\x01\x02", "\ufffd" * 100, "\n" * 1000, "<html>" * 50, "一、" * 500,
                 "（一）\n" * 300, "x" * 10000, "\u202e\u200b\ufeff会议", "\r\r\n会议\r"]:
        full = junk.replace("\r\n", "\n").replace("\r", "\n")
        for rec in extract_text(junk):
            assert rec.text == full[rec.source.start:rec.source.end]
