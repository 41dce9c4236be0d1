"""Property tests (hypothesis) and determinism.

- ``extract_text`` on arbitrary strings and on random compositions of report phrasings never
  raises, every record validates, and every span is grounded: walking the record JSON,
  every object with integer ``start``/``end`` and a ``text`` or ``name`` string satisfies
  ``record.text[start:end] == it``, and the record's text is its slice of the input.
- Mutated reports (blank lines, full-width forms, web chrome, traditional characters,
  indentation, CRLF, redaction) still give records that validate.
- The readers never fail with anything but ``InputError``: text bytes, HTML markup,
  damaged .docx / PDF / RTF bytes; text in UTF-8 / UTF-16 / GB18030 round-trips.
- Determinism: the same input gives byte-identical JSON, within a process and across
  processes with different hash seeds.

The suite generates about 11,200 inputs (a minute or so on two cores). For a longer fuzz
run, scale every example count: ``MRX_FUZZ_SCALE=20 .venv/bin/pytest tests/test_properties.py``
(or ``scripts/fuzz.py``).
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys

import pytest
from docgen import CN_OUTLINE, abstract_num, make_docx, make_pdf, make_rtf, numbering_xml, para, table
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_reader import REPORT, REPORT_TRADITIONAL

from extractor.run.api import extract_file, extract_text
from extractor.outputs.export import record_json
from extractor.io.formats.docx import read_docx
from extractor.io.formats.html import read_html
from extractor.io.formats.pdf import read_pdf
from extractor.io.formats.rtf import read_rtf
from extractor.io.reader import InputError, decode_bytes
from extractor.schema import Record

SCALE = float(os.environ.get("MRX_FUZZ_SCALE", "1"))
SAMPLES = os.path.join(os.path.dirname(__file__), os.pardir, "samples")


def examples(n: int):
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# ------------------------------------------------------------------ the grounding check

def spans(obj, path="record"):
    """(path, value, start, end) of every object with int start/end and text or name."""
    if isinstance(obj, dict):
        start, end = obj.get("start"), obj.get("end")
        if isinstance(start, int) and isinstance(end, int):
            for key in ("text", "name"):
                if isinstance(obj.get(key), str):
                    yield path, obj[key], start, end
        for key, value in obj.items():
            if key != "text" or not isinstance(value, str):
                yield from spans(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from spans(value, f"{path}[{i}]")


def check_records(text: str, records: list[Record]) -> None:
    """Every record validates, is its slice of the input, and all its spans are grounded."""
    full = text.replace("\r\n", "\n").replace("\r", "\n")
    for index, rec in enumerate(records):
        data = json.loads(record_json(rec))
        Record.model_validate(data)  # the JSON validates against the contract
        assert rec.source.index == index
        assert rec.text == full[rec.source.start:rec.source.end]
        body = data["text"]
        for where, value, start, end in spans(data):
            assert 0 <= start <= end <= len(body), (where, start, end)
            assert body[start:end] == value, (where, value, body[start:end])
        for s in data["sections"]:
            assert body[s["start"]:s["heading_end"]] == s["heading"]
            assert s["start"] <= s["heading_end"] <= max(s["end"], s["heading_end"])


def run_extract(text: str) -> list[Record]:
    records = extract_text(text)
    check_records(text, records)
    return records


# ------------------------------------------------------------------ strategies

# Phrasings of real reports, including the awkward ones: redaction, full-width digits,
# Chinese numerals, odd brackets, impossible dates, huge numbers, chrome lines.
FRAGMENTS = [
    "关于召开2022年度组织生活会情况的报告", "党组2021年民主生活会开展情况报告", "XX党支部专题组织生活会召开情况",
    "县委组织部：", "中共某某县委员会", "一、", "二、", "三、", "十一、", "（一）", "（二）", "(三)", "1.", "2．",
    "（1）", "㈠", "⑴", "第一部分", "一是", "二是", "三是", "会前准备情况", "查摆的主要问题", "下一步整改措施",
    "2023年1月12日", "二〇二三年一月十二日", "二○二二年十二月三十一日", "2022.12.30", "2023-01-05",
    "xxxx年x月xx日", "20××年×月×日", "2022年13月45日", "2022年0月0日", "10月18日至19日", "１２月２日",
    "平组通〔2022〕41号", "区直工[2021]12号", "市监党（2021）8号", "x湖管学组〔xxxx〕x号", "〔〕号", "〔2022〕号",
    "应到党员21人，实到19人", "全体党员21人参加", "班子成员6人全部参加", "8人参加，1名同志因公出差未参加",
    "应到99999999999999999999人", "实到0人", "请假2人", "缺席", "列席3人", "x名成员全部参加", "共有党员×名",
    "支部书记王立新主持", "党组书记、局长张三", "李四同志到会指导", "×××同志", "xx同志", "王某某", "习近平新时代中国特色社会主义思想",
    "《毛泽东邓小平江泽民胡锦涛关于…论述摘编》", "会议共有四项议程：", "通报了上年度整改落实情况", "开展批评和自我批评",
    "民主评议党员", "谈心谈话", "征求意见建议12条", "对照检查材料", "理论学习不够深入", "形式主义、官僚主义", "以干代学",
    "党史学习教育专题", "主题教育", "报送县委组织部", "15日内", "当前位置：首页 > 工作动态", "发布时间：2023-01-16",
    "浏览次数：128", "【字体：大 中 小】", "上一篇：", "下一篇：", "版权所有 ©", "。", "，", "；", "：", "、", "\n",
    "\n\n", " ", "\u3000\u3000", "\t", "\r\n", "\r", "x", "X", "×", "○", "〇", "某", "*", "□", "0", "9", "１", "十",
    "百", "零", "两", "年", "月", "日", "号", "人", "名", "〔", "〕", "[", "]", "(", ")", "（", "）", "“", "”", "《", "》",
    "\u200b", "\ufeff", "\x00", "\x0c", "﻿", "組織生活會", "黨支部", "會議由支部書記主持", "應到黨員十五人",
]
fragments = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.integers(-5, 10 ** 12).map(str),
                               st.text(max_size=6)), max_size=40).map("".join)
unicode_text = st.text(max_size=120)
cjk_text = st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=80)


# ------------------------------------------------------------------ extract_text properties

@examples(2500)
@given(unicode_text)
def test_extract_text_on_arbitrary_strings(text):
    run_extract(text)


@examples(800)
@given(st.one_of(cjk_text, st.text(alphabet=st.sampled_from("一二三四五六七八九十〇○xX×*年月日号（）()〔〕[]、.，。：\n 0123456789人名"),
                                   max_size=150)))
def test_extract_text_on_numeral_and_punctuation_soup(text):
    run_extract(text)


@examples(1500)
@given(fragments)
def test_extract_text_on_report_phrasings(text):
    run_extract(text)


# ------------------------------------------------------------------ mutated reports

def _simp_to_trad() -> dict[int, str]:
    from extractor.resources import data_path

    table_: dict[str, list[str]] = {}
    for line in data_path("t2s.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            trad, simp = line.split("\t")
            table_.setdefault(simp, []).append(trad)
    return {ord(s): t[0] for s, t in table_.items() if len(t) == 1 and len(s) == 1}


S2T = _simp_to_trad()
FULL_WIDTH = {ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789().,:;[]"}
CHROME = ["当前位置：首页 > 工作动态 > 基层党建", "发布时间：2023-01-16 10:20  来源：县委组织部  浏览次数：128",
          "【字体：大 中 小】 【打印本页】 【关闭窗口】", "上一篇：关于开展主题党日活动的通知", "下一篇：某某局召开工作会议",
          "版权所有：中共某某县委组织部  技术支持：某某网络公司", "-----"]


@st.composite
def mutated(draw, base: str):
    lines = base.split("\n")
    ops = draw(st.lists(st.sampled_from(["blank", "gap", "width", "chrome", "trad", "indent", "crlf", "mask",
                                         "space"]),
                        min_size=1, max_size=4))
    rnd = random.Random(draw(st.integers(0, 2 ** 32)))
    for op in ops:
        if op == "blank":  # one blank line after some lines: the usual paragraph gap
            lines = [x for ln in lines for x in ([ln, ""] if rnd.random() < 0.4 else [ln])]
        elif op == "gap":  # runs of blank lines anywhere (a wide gap may start a new brief)
            for _ in range(rnd.randint(1, 6)):
                lines[rnd.randint(0, len(lines)):0] = ["" if rnd.random() < 0.7 else "   "] * rnd.randint(1, 4)
        elif op == "width":
            share = rnd.random()
            lines = ["".join(c.translate(FULL_WIDTH) if rnd.random() < share else c for c in ln) for ln in lines]
        elif op == "chrome":
            for _ in range(rnd.randint(1, 4)):
                where = rnd.choice([0, len(lines), rnd.randint(0, len(lines))])
                lines.insert(where, rnd.choice(CHROME))
        elif op == "trad":
            lines = [ln.translate(S2T) for ln in lines]
        elif op == "indent":
            lines = [rnd.choice(["\u3000\u3000", "  ", "\t", ""]) + ln for ln in lines]
        elif op == "mask":
            lines = [re.sub(r"\d", lambda m: rnd.choice(["x", "×", "X", m.group()]), ln) for ln in lines]
        elif op == "space":
            lines = [ln.replace("，", rnd.choice(["， ", " ，", "，"])) for ln in lines]
    text = "\n".join(lines)
    if "crlf" in ops:
        text = text.replace("\n", "\r\n")
    return ops, text


@examples(250)
@given(mutated(REPORT))
def test_mutated_report_still_validates(case):
    ops, text = case
    records = run_extract(text)
    assert records, ops
    if set(ops) <= {"blank", "chrome", "indent", "crlf"} and ops.count("blank") <= 1:
        # layout-only changes: still one report with its own title
        assert len(records) == 1, ops
        assert records[0].title == "关于召开2022年度组织生活会情况的报告", ops


@examples(150)
@given(mutated(REPORT_TRADITIONAL))
def test_mutated_traditional_report_still_validates(case):
    assert run_extract(case[1])


def _samples() -> list[str]:
    if not os.path.isdir(SAMPLES):
        return []
    return [open(os.path.join(SAMPLES, n), encoding="utf-8-sig").read()
            for n in sorted(os.listdir(SAMPLES)) if n.endswith(".txt")]


@pytest.mark.skipif(not _samples(), reason="no samples/")
@examples(30)
@given(st.sampled_from(_samples() or [""]).flatmap(mutated))
def test_mutated_samples_still_validate(case):
    assert run_extract(case[1])


# ------------------------------------------------------------------ readers

report_like = st.lists(st.sampled_from([f for f in FRAGMENTS if f not in ("\x00", "\x0c", "\ufeff", "﻿", "\u200b")]),
                       min_size=1, max_size=30).map("".join)


@examples(2000)
@given(report_like, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
@example("⑴□", "utf-8")  # numbered and boxed signs alone: UTF-8, not GB18030 by chance
@example("①■", "utf-8")
def test_text_round_trips_through_every_encoding(text, codec):
    if not text.strip():
        return
    decoded, encoding, _ = decode_bytes(text.encode(codec))
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")


@examples(1500)
@given(st.binary(max_size=400))
def test_decode_bytes_on_arbitrary_bytes(data):
    try:
        text, encoding, warnings = decode_bytes(data)
    except InputError:
        return
    assert isinstance(text, str) and "\r" not in text


@examples(800)
@given(st.lists(st.one_of(st.sampled_from(["<p>", "</p>", "<div class='nav'>", "</div>", "<br>", "<table><tr><td>",
                                           "</td><td>", "</tr></table>", "<script>", "</script>", "<pre>", "</pre>",
                                           "<a href=x>", "</a>", "<!--", "-->", "<![if !supportLists]>", "&nbsp;",
                                           "&#x4f1a;", "&amp;", "<meta charset=gbk>", "<?xml version='1.0'?>",
                                           "<!DOCTYPE html>", "<html>", "<body>", "<", ">", "\n", "\u3000"]),
                            st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=40).map("".join),
       st.sampled_from(["utf-8", "gb18030"]))
def test_html_reader_on_arbitrary_markup(markup, codec):
    data = markup.encode(codec, errors="ignore")
    try:
        text, _, _ = read_html(data)
    except InputError:
        return
    assert "<script" not in text.lower() or "<script" in markup.lower()


def _valid_docx() -> bytes:
    numbering = numbering_xml([abstract_num(0, CN_OUTLINE)], [(1, 0)])
    body = (para("关于召开2022年度组织生活会情况的报告") + para("会前准备", num=(1, 0)) + para("学习", num=(1, 1))
            + table([["姓名", "职务"], ["王立新", "支部书记"]]) + para("会议由支部书记主持。"))
    return make_docx(body, numbering)


DOCX = _valid_docx()
PDF = make_pdf([REPORT.split("\n")[:6], REPORT.split("\n")[6:]], chars_per_line=30)
RTF = make_rtf(REPORT.split("\n"))


@st.composite
def damaged(draw, data: bytes):
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "dup", "zero"]))
        if not out:
            break
        pos = draw(st.integers(0, len(out) - 1))
        if kind == "flip":
            out[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            del out[pos:pos + draw(st.integers(1, 200))]
        elif kind == "dup":
            out[pos:pos] = out[pos:pos + draw(st.integers(1, 200))]
        else:
            out[pos:pos + 16] = bytes(min(16, len(out) - pos))
    return bytes(out)


@examples(300)
@given(damaged(DOCX))
def test_damaged_docx_gives_text_or_input_error(data):
    try:
        read_docx(data, max_bytes=1 << 20)
    except InputError:
        pass


def _stored_docx_xml_mutations():
    """Damage inside the XML (the archive stays valid): stored, not deflated."""
    import io
    import zipfile

    def build(xml: bytes) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(DOCX)) as src, zipfile.ZipFile(buf, "w") as dst:
            for info in src.infolist():
                dst.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info))
        return buf.getvalue()

    with zipfile.ZipFile(io.BytesIO(DOCX)) as z:
        xml = z.read("word/document.xml")
    return damaged(xml).map(build)


@examples(300)
@given(_stored_docx_xml_mutations())
def test_damaged_docx_xml_gives_text_or_input_error(data):
    try:
        read_docx(data, max_bytes=1 << 20)
    except InputError:
        pass


@examples(200)
@given(damaged(PDF))
def test_damaged_pdf_gives_text_or_input_error(data):
    try:
        read_pdf(data)
    except InputError:
        pass


DOCS = [open(os.path.join(os.path.dirname(__file__), "fixtures", f"word97-{name}.doc"), "rb").read()
        for name in ("plain", "numbered", "styles")]


@examples(300)
@given(st.sampled_from(DOCS).flatmap(damaged))
def test_damaged_word97_gives_text_or_input_error(data):
    from extractor.io.formats.worddoc import read_word97

    try:
        read_word97(data)
    except InputError:
        pass


@examples(600)
@given(st.one_of(damaged(RTF), st.binary(max_size=300).map(lambda b: b"{\\rtf1" + b)))
def test_damaged_rtf_gives_text_or_input_error(data):
    try:
        read_rtf(data)
    except InputError:
        pass


# ------------------------------------------------------------------ determinism

def test_same_text_gives_byte_identical_json():
    for text in (REPORT, REPORT_TRADITIONAL, REPORT + "\n" + REPORT.replace("2022", "2021")):
        first = [record_json(r) for r in extract_text(text, "a.txt")]
        second = [record_json(r) for r in extract_text(text, "a.txt")]
        assert first == second


def test_same_file_gives_byte_identical_json(tmp_path):
    files = {"a.docx": DOCX, "b.pdf": PDF, "c.rtf": RTF, "d.txt": REPORT.encode("gbk"),
             "e.html": f"<h1>关于召开组织生活会的报告</h1><p>{REPORT}</p>".encode()}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert [record_json(r) for r in extract_file(path)] == [record_json(r) for r in extract_file(path)]


def test_output_is_identical_across_processes_and_hash_seeds(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(REPORT.encode("gbk"))
    (folder / "b.docx").write_bytes(DOCX)
    (folder / "c.pdf").write_bytes(PDF)
    (folder / "d.txt").write_text(REPORT_TRADITIONAL + "\n" + REPORT, encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", "from extractor.cli import run; run()", "extract", str(folder)],
                              capture_output=True, env=env, timeout=300, check=False)
        assert proc.returncode == 0, proc.stderr.decode()
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") >= 4
