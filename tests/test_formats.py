"""Input formats: .docx (with Word's automatic numbering), .html / .mht, .pdf, .rtf and
legacy .doc / .wps. Every document is built by the test itself (tests/docgen.py)."""
from __future__ import annotations

import io
import os
import stat

import pytest
from docgen import (CN_OUTLINE, W_NS, abstract_num, make_docx, make_pdf, make_rtf, numbering_xml,
                    para, run, styles_xml, table)

from extractor.run.api import extract_file
from extractor.io.formats import choose_format, sniff
from extractor.io.formats.docx import chinese_counting, format_number, read_docx
from extractor.io.formats.html import decode_html, html_to_text, read_html, read_mht
from extractor.io.formats.pdf import read_pdf
from extractor.io.formats.rtf import read_rtf
from extractor.io.formats import read_file
from extractor.io.reader import InputError

MB = 1 << 20
TITLE = "关于召开2022年度组织生活会情况的报告"
OPENING = "根据县委组织部通知要求，我支部于2023年1月12日召开2022年度组织生活会，支部应到党员21人，实到19人。"


def docx_text(body: str, numbering: str | None = None, styles: str | None = None, **kw) -> str:
    text, encoding, _ = read_docx(make_docx(body, numbering, styles, **kw), max_bytes=MB)
    assert encoding == "docx"
    return text


# ------------------------------------------------------------------ docx: numbering

def outline_numbering(**kw) -> str:
    return numbering_xml([abstract_num(0, CN_OUTLINE, **kw)], [(1, 0)])


def test_docx_recovers_chinese_outline_numbering():
    body = "".join([
        para(TITLE), para(OPENING),
        para("会前准备情况", num=(1, 0)),
        para("认真开展学习研讨", num=(1, 1)),
        para("广泛征求意见建议", num=(1, 1)),
        para("集中学习", num=(1, 2)), para("个人自学", num=(1, 2)),
        para("原原本本学", num=(1, 3)),
        para("会议召开情况", num=(1, 0)),
        para("通报整改落实情况", num=(1, 1)),  # （一） again: restarts under 二、
        para("会议由支部书记主持。"),
    ])
    assert docx_text(body, outline_numbering()).split("\n") == [
        TITLE, OPENING, "一、会前准备情况", "（一）认真开展学习研讨", "（二）广泛征求意见建议",
        "1. 集中学习", "2. 个人自学", "（1）原原本本学", "二、会议召开情况", "（一）通报整改落实情况",
        "会议由支部书记主持。"]


def test_docx_counts_past_ten_in_chinese():
    body = "".join(para(f"第{i}项", num=(1, 0)) for i in range(1, 13))
    lines = docx_text(body, outline_numbering()).split("\n")
    assert [ln.split("、")[0] for ln in lines] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (21, "chineseCountingThousand", "二十一"),
    (105, "chineseCounting", "一百零五"), (3, "chineseLegalSimplified", "叁"), (3, "ideographTraditional", "丙"),
    (2022, "ideographDigital", "二〇二二"), (3, "decimalEnclosedCircle", "③"), (2, "decimalEnclosedParen", "⑵"),
    (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (7, "decimalZero", "07"), (5, "decimal", "5"),
    (12, "decimalFullWidth", "１２"), (3, "none", ""),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_chinese_counting_round_trips_through_numerals():
    from extractor.text.numerals import parse_int

    for n in range(1, 1000):
        assert parse_int(chinese_counting(n)) == n


def test_docx_numbering_through_heading_styles():
    # Word's 标题 1 / 标题 2 styles carry the numbering; the paragraphs only name the style
    numbering = numbering_xml([abstract_num(0, CN_OUTLINE)], [(3, 0)])
    styles = styles_xml({"1": (3, 0), "2": (3, 1), "21": None})
    body = (para("会前准备", style="1") + para("学习研讨", style="2") + para("谈心谈话", style="2")
            + para("查摆问题", style="1") + para("正文段落。", style="21"))
    assert docx_text(body, numbering, styles).split("\n") == [
        "一、会前准备", "（一）学习研讨", "（二）谈心谈话", "二、查摆问题", "正文段落。"]


def test_docx_start_override_restarts_a_list_and_shared_lists_continue():
    numbering = numbering_xml([abstract_num(0, [("decimal", "%1.")])],
                              [(1, 0), (2, 0), (3, 0, {0: 1})])
    body = (para("甲", num=(1, 0)) + para("乙", num=(1, 0)) + para("丙", num=(2, 0))  # continues: 3.
            + para("丁", num=(3, 0)) + para("戊", num=(3, 0)))                       # restarts: 1. 2.
    assert docx_text(body, numbering).split("\n") == ["1. 甲", "2. 乙", "3. 丙", "1. 丁", "2. 戊"]


def test_docx_multilevel_legal_numbering_and_suffixes():
    levels = [("chineseCounting", "第%1部分"), ("decimal", "%1.%2")]
    numbering = numbering_xml([abstract_num(0, levels, suff="space"),
                               abstract_num(1, [("decimal", "%1、")], suff="nothing"),
                               abstract_num(2, [("bullet", "\uf06c")])],
                              [(1, 0), (2, 1), (3, 2)])
    numbering = numbering.replace('<w:lvl w:ilvl="1"><w:start w:val="1"/>',
                                  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/>')
    body = (para("会前准备", num=(1, 0)) + para("学习", num=(1, 1)) + para("研讨", num=(1, 1))
            + para("一项", num=(2, 0)) + para("圆点项", num=(3, 0)) + para("取消编号", num=(0, 0)))
    assert docx_text(body, numbering).split("\n") == [
        "第一部分 会前准备", "1.1 学习", "1.2 研讨", "1、一项", "圆点项", "取消编号"]


def test_docx_without_numbering_part_still_reads():
    from docgen import CONTENT_TYPES, DOC_RELS, ROOT_RELS, document_xml
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document_xml(para(TITLE) + para("会前准备", num=(1, 0))))
    assert read_docx(buf.getvalue(), max_bytes=MB)[0] == TITLE + "\n会前准备"


# ------------------------------------------------------------------ docx: content

def test_docx_tables_stay_in_place():
    body = (para(TITLE) + para("参会人员名单如下：")
            + table([["姓名", "职务"], ["王立新", "支部书记"], ["李红", "组织委员"]])
            + para("会议由支部书记主持。"))
    assert docx_text(body).split("\n") == [
        TITLE, "参会人员名单如下：", "姓名\t职务", "王立新\t支部书记", "李红\t组织委员", "会议由支部书记主持。"]


def test_docx_layout_table_with_the_whole_report_gives_lines():
    body = table([[TITLE + "\n" + OPENING + "\n一、会前准备情况"]])
    assert docx_text(body).split("\n") == [TITLE, OPENING, "一、会前准备情况"]


def test_docx_vertically_merged_cells_and_nested_tables():
    merged = ('<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + para("理论学习")
              + "</w:tc><w:tc>" + para("学习不深入") + '</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>'
              + para("") + "</w:tc><w:tc>" + para("以干代学") + "</w:tc></w:tr></w:tbl>")
    nested = "<w:tbl><w:tr><w:tc>" + table([["内层", "表格"]]) + "</w:tc></w:tr></w:tbl>"
    assert docx_text(merged + nested).split("\n") == ["理论学习\t学习不深入", "以干代学", "内层\t表格"]


def test_docx_revisions_fields_hidden_text_breaks_and_tabs():
    runs = (run("会议于") + '<w:del><w:r><w:delText>2022年</w:delText></w:r></w:del>'
            + '<w:ins><w:r><w:t>2023年</w:t></w:r></w:ins>'
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("1月12日")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + run("召开", hidden=True) + run("召开。")
            + "<w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r>"
            + '<w:hyperlink r:id="rId9">' + run("链接文字") + "</w:hyperlink>")
    assert docx_text(para(runs=runs)) == "会议于2023年1月12日召开。\n第二行\t制表链接文字"


def test_docx_text_box_is_read_once_after_its_paragraph():
    box = "<w:txbxContent>" + para("中共某某县委组织部") + "</w:txbxContent>"
    alt = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">' + box
           + '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">'
           + box + "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    assert docx_text(para(runs=run("红头") + alt) + para(TITLE)).split("\n") == ["红头", "中共某某县委组织部", TITLE]


def test_docx_strict_ooxml_namespace():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    numbering = outline_numbering().replace(W_NS, strict)
    data = make_docx(para(TITLE) + para("会前准备", num=(1, 0)), numbering, styles_xml().replace(W_NS, strict),
                     ns=strict)
    assert read_docx(data, max_bytes=MB)[0] == TITLE + "\n一、会前准备"


def test_docx_main_part_found_through_relationships():
    from docgen import CONTENT_TYPES, document_xml
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="/word/document2.xml"/></Relationships>')
        z.writestr("word/document2.xml", document_xml(para(TITLE)))
    assert read_docx(buf.getvalue(), max_bytes=MB)[0] == TITLE


def test_docx_written_by_python_docx(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_heading(TITLE, level=1)
    doc.add_paragraph(OPENING)
    doc.add_paragraph("一、会前准备情况")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "问题", "整改措施"
    t.cell(1, 0).text, t.cell(1, 1).text = "理论学习不够深入", "每月开展集中学习"
    doc.add_paragraph("二、会议召开情况")
    path = tmp_path / "报告.docx"
    doc.save(path)
    decoded = read_file(path)
    assert decoded.format == "docx" and decoded.encoding == "docx"
    assert decoded.text.split("\n") == [TITLE, OPENING, "一、会前准备情况", "问题\t整改措施",
                                        "理论学习不够深入\t每月开展集中学习", "二、会议召开情况"]


def test_docx_to_record_with_recovered_sections(tmp_path):
    body = "".join([
        para(TITLE), para(OPENING),
        para("会前准备情况", num=(1, 0)), para("支部组织党员集中学习党的二十大报告，开展研讨交流2次。"),
        para("会议召开情况", num=(1, 0)), para("会议由支部书记主持，党员逐一进行个人对照检查，开展批评和自我批评。"),
        para("查摆的主要问题", num=(1, 0)), para("理论学习不够深入", num=(1, 1)),
        para("服务群众意识不强", num=(1, 1)),
    ])
    path = tmp_path / "报告.docx"
    path.write_bytes(make_docx(body, outline_numbering()))
    (rec,) = extract_file(path)
    assert rec.source.format == "docx" and rec.source.encoding is None
    assert rec.title == TITLE
    assert "一、会前准备情况" in rec.text and "（二）服务群众意识不强" in rec.text
    level1 = [s.heading for s in rec.sections if s.level == 1]
    assert any(h.startswith("一、会前准备情况") for h in level1)
    assert any(h.startswith("三、查摆的主要问题") for h in level1)
    for s in rec.sections:
        assert rec.text[s.start:s.heading_end] == s.heading


# ------------------------------------------------------------------ html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}_某某县人民政府</title>
<style>.nav {{ color: red }} body {{ font: 14px 宋体 }}</style>
<script>var menu = "首页 机构概况 政务公开"; document.write("广告");</script></head>
<body>
<div class="header"><img src="logo.png" alt="某某县人民政府"></div>
<ul class="nav-menu"><li><a href="/">首页</a></li><li><a href="/a">机构概况</a></li>
<li><a href="/b">政务公开</a></li><li><a href="/c">政务服务</a></li><li><a href="/d">互动交流</a></li></ul>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/x">工作动态</a></div>
<div class="article">
<h1>{title}</h1>
<div class="info">发布时间：2023-01-16 10:20 来源：县市场监管局 浏览次数：<span>128</span></div>
<div id="zoom" class="TRS_Editor">
<p>　　根据县委组织部通知要求，我支部于2023年1月12日召开2022年度组织生活会，
支部应到党员21人，实到19人。</p>
<p><strong>一、会前准备情况</strong></p>
<p>　　支部组织党员集中学习党的二十大报告。<br>会前广泛征求意见建议12条。</p>
<p style="display:none">隐藏的统计代码</p>
<table><tr><td>姓名</td><td>职务</td></tr><tr><td>王立新</td><td>支部书记</td></tr></table>
<p>二、会议召开情况</p>
<p>　　会议由支部书记王立新主持，开展了批评和自我批评。</p>
</div></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/1">关于开展主题党日活动的通知</a></li>
<li><a href="/2">某某局召开党风廉政建设会议</a></li><li><a href="/3">某某局开展志愿服务活动</a></li></ul></div>
<div class="bottom">上一篇：<a href="/p">某某局召开工作会议</a></div>
<footer><p>版权所有：某某县人民政府 地址：某某路1号 电话：0000-1234567</p></footer>
</body></html>"""


def page(charset: str = "utf-8", title: str = TITLE) -> str:
    return PAGE.format(charset=charset, title=title)


def test_html_keeps_the_article_and_drops_the_furniture():
    lines = html_to_text(page()).split("\n")
    text = "\n".join(lines)
    assert TITLE in lines
    assert "一、会前准备情况" in lines
    assert "　　根据县委组织部通知要求，我支部于2023年1月12日召开2022年度组织生活会，支部应到党员21人，实到19人。" in lines
    assert "　　支部组织党员集中学习党的二十大报告。" in lines and "会前广泛征求意见建议12条。" in lines
    assert "姓名\t职务" in lines and "王立新\t支部书记" in lines
    for gone in ("var menu", "广告", "font:", "机构概况", "隐藏的统计代码", "版权所有", "主题党日活动",
                 "_某某县人民政府"):
        assert gone not in text, gone
    assert text.index(TITLE) < text.index("一、会前准备情况") < text.index("二、会议召开情况")


def test_html_page_to_one_record_with_its_title(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(page().encode("utf-8"))
    (rec,) = extract_file(path)
    assert rec.title == TITLE
    assert rec.text.startswith(TITLE)  # the breadcrumb line above is trimmed by the splitter
    assert "上一篇" not in rec.text
    assert "会议由支部书记王立新主持" in rec.text


@pytest.mark.parametrize("label", ["gb2312", "GBK", "gb18030"])
def test_html_charset_from_meta(label):
    data = page(label).encode("gbk")
    text, encoding, warnings = read_html(data)
    assert encoding == "gb18030" and warnings == []
    assert TITLE in text


def test_html_charset_from_http_equiv_and_big5():
    title = "關於召開組織生活會情況的報告"
    data = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>'
            f"<body><h1>{title}</h1><p>會議由支部書記主持。</p></body></html>").encode("big5")
    text, encoding, _ = read_html(data)
    assert text == title + "\n會議由支部書記主持。"


def test_html_wrong_or_missing_charset_falls_back_to_detection():
    data = page("utf-8").encode("utf-8").replace(b'<meta charset="utf-8">', b"")
    assert read_html(data)[1] == "utf-8"
    wrong = page("utf-8").encode("gbk")  # declares UTF-8, is GBK
    text, encoding, warnings = read_html(wrong)
    assert encoding == "gb18030" and TITLE in text
    assert any("does not decode" in w for w in warnings)
    latin = page("iso-8859-1").encode("gbk")
    text, encoding, warnings = read_html(latin)
    assert encoding == "gb18030" and TITLE in text and warnings


def test_html_word_save_as_web_page_keeps_list_numbers():
    markup = ("<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><!--[if gte mso 9]><xml>"
              "<w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--></head><body>"
              "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
              "<span style='mso-list:Ignore'>一、<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span>"
              "</span><![endif]>会前准备情况<o:p></o:p></p><xml><o:shapedefaults/></xml></body></html>")
    assert html_to_text(markup) == "一、\u00a0 会前准备情况"


def test_html_whitespace_pre_and_cjk_line_joins():
    markup = ("<body><p>会议\n    召开  情况</p><p>Party   branch\nmeeting</p>"
              "<pre>一、会前准备\n  二、会议召开</pre><div>甲<div>乙</div>丙</div></body>")
    assert html_to_text(markup).split("\n") == ["会议召开 情况", "Party branch meeting", "一、会前准备",
                                                "  二、会议召开", "甲", "乙", "丙"]


def test_html_fragment_without_html_tag(tmp_path):
    path = tmp_path / "fragment.htm"
    path.write_text(f"<h2>{TITLE}</h2>\n<p>{OPENING}</p>", encoding="gbk")
    decoded = read_file(path)
    assert decoded.format == "html" and decoded.text == f"{TITLE}\n{OPENING}"


def test_mht_web_archive(tmp_path):
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    msg = MIMEMultipart("related")
    msg["MIME-Version"] = "1.0"
    msg.attach(MIMEText(page("gb2312"), "html", "gb2312"))
    path = tmp_path / "saved.mht"
    path.write_bytes(msg.as_bytes())
    decoded = read_file(path)
    assert decoded.format == "mht" and TITLE in decoded.text and "var menu" not in decoded.text
    assert read_mht(msg.as_bytes())[0] == decoded.text


def test_html_declared_as_doc_is_read_as_html(tmp_path):
    path = tmp_path / "下载.doc"
    path.write_text(page(), encoding="utf-8")
    decoded = read_file(path)
    assert decoded.format == "html" and TITLE in decoded.text
    assert any("named .doc" in w for w in decoded.warnings)


def test_decode_html_bom():
    assert decode_html("<p>会议</p>".encode("utf-8-sig"))[0] == "<p>会议</p>"


# ------------------------------------------------------------------ pdf

LONG_PARA = ("会议强调，要持续深入学习贯彻党的二十大精神，不断提高政治判断力、政治领悟力、政治执行力，"
             "推动各项工作落地见效。")


def test_pdf_text_layer_reflowed_and_page_numbers_dropped():
    data = make_pdf([[TITLE, OPENING, "一、会前准备情况", LONG_PARA, "- 1 -"],
                     ["二、会议召开情况", "会议由支部书记主持。", "第2页 共2页"]], chars_per_line=32)
    text, encoding, warnings = read_pdf(data)
    assert encoding == "pdf" and warnings == []
    assert text.split("\n") == [TITLE, OPENING, "一、会前准备情况", LONG_PARA, "二、会议召开情况",
                                "会议由支部书记主持。"]


def test_pdf_paragraph_continues_across_a_page_break():
    head, tail = LONG_PARA[:64], LONG_PARA[64:]
    data = make_pdf([[TITLE, head, "3"], [tail, "二、会议召开情况"]], chars_per_line=32)
    assert read_pdf(data)[0].split("\n") == [TITLE, LONG_PARA, "二、会议召开情况"]


def test_pdf_indented_line_starts_a_paragraph():
    first = "　　" + ("支部党员认真学习党的二十大报告并撰写心得体会" * 3)[:62]  # two full lines, no 。
    second = "　　会议由支部书记主持。"
    data = make_pdf([[first, second]], chars_per_line=32)
    assert read_pdf(data)[0].split("\n") == [first, second]  # the indentation is kept, as printed


def test_pdf_running_heads_are_dropped_and_the_paragraph_flows_on():
    head = "中共某某县市场监督管理局支部委员会文件"
    title = "关于召开组织生活会的报告"
    chunks = [LONG_PARA[i:i + 22] for i in range(0, len(LONG_PARA), 22)]  # each the widest line
    pages = [[head, title, chunks[0]], [head, chunks[1]], [head, chunks[2], "二、会议召开情况"]]
    assert read_pdf(make_pdf(pages))[0].split("\n") == [title, LONG_PARA, "二、会议召开情况"]


def test_pdf_to_record(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([[TITLE, OPENING, "一、会前准备情况", LONG_PARA]], chars_per_line=32))
    (rec,) = extract_file(path)
    assert rec.source.format == "pdf" and rec.source.encoding is None and rec.title == TITLE
    assert OPENING in rec.text


def test_scanned_pdf_is_refused_with_ocr_advice(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([["x"], ["y"]], image_only={0, 1}))
    with pytest.raises(InputError, match=r"scanned PDF.*2 pages.*OCR"):
        read_file(path)


def test_partly_scanned_pdf_warns():
    data = make_pdf([[TITLE, OPENING], ["x"], [LONG_PARA]], image_only={1})
    text, _, warnings = read_pdf(data)
    assert TITLE in text and LONG_PARA in text
    assert any("1 of 3 PDF pages have no text layer" in w and ": 2" in w for w in warnings)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", b"%PDF-1.4\n" + os.urandom(2000)])
def test_damaged_pdf_is_an_input_error(data):
    with pytest.raises(InputError, match="PDF"):
        read_pdf(data)


def test_truncated_pdf(tmp_path):
    data = make_pdf([[TITLE, OPENING]])
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    try:
        decoded = read_file(path)  # PDFium may recover part of a truncated file
    except InputError as e:
        assert "PDF" in str(e)
    else:
        assert decoded.format == "pdf"


# ------------------------------------------------------------------ rtf, doc, wps

def test_rtf_with_gbk_escapes_and_unicode(tmp_path):
    data = make_rtf([TITLE, "一、会前准备情况", "会议由支部书记主持。"])
    assert read_rtf(data)[0] == f"{TITLE}\n一、会前准备情况\n会议由支部书记主持。\n"
    uni = rb"{\rtf1\ansi\uc1{\fonttbl{\f0 SimSun;}}{\*\listtable junk}\f0 \u20250?\u35758?\par \tab x\cell y\row }"
    assert read_rtf(uni)[0] == "会议\n\tx\ty\n"
    path = tmp_path / "下载.doc"  # a web download named .doc that is RTF
    path.write_bytes(data)
    decoded = read_file(path)
    assert decoded.format == "rtf" and decoded.text.startswith(TITLE)


FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def fixture(name: str) -> bytes:
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


def test_word97_doc_read_natively(tmp_path, monkeypatch):
    from test_reader import REPORT

    monkeypatch.setenv("MRX_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / "报告.doc"
    path.write_bytes(fixture("word97-plain.doc"))
    decoded = read_file(path)
    assert decoded.format == "doc" and decoded.encoding == "doc" and decoded.warnings == []
    assert decoded.text == "\n".join(ln for ln in REPORT.split("\n") if ln) + "\n"
    (rec,) = extract_file(path)
    assert rec.title == "关于召开2022年度组织生活会情况的报告"


def test_word97_doc_numbering_and_tables_read_natively(tmp_path, monkeypatch):
    monkeypatch.setenv("MRX_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / "numbered.doc"
    path.write_bytes(fixture("word97-numbered.doc"))
    decoded = read_file(path)
    assert decoded.encoding == "doc" and decoded.warnings == []
    assert decoded.text.split("\n")[4:] == [
        "一、会前准备情况", "（一）认真开展学习研讨", "（二）广泛征求意见建议", "姓名\t职务", "王立新\t支部书记",
        "二、会议召开情况", "会议由支部书记王立新主持。", ""]


def test_word97_doc_style_numbering_restarts_and_circled_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("MRX_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / "styles.doc"
    path.write_bytes(fixture("word97-styles.doc"))
    assert read_file(path).text.split("\n") == [
        "关于召开2022年度组织生活会情况的报告", "一、会前准备", "（一）学习研讨", "（二）谈心谈话", "1. 甲项", "2. 乙项",
        "二、查摆问题", "1. 丙项", "① 圆圈项", "② 第二圆圈", "会议由支部书记主持。", ""]


def test_word97_lists_that_cannot_be_read_give_a_warning(tmp_path, monkeypatch):
    from extractor.io.formats import worddoc

    monkeypatch.setenv("MRX_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setattr(worddoc, "_labels", lambda *a: None)
    text, _, warnings = worddoc.read_word97(fixture("word97-numbered.doc"))
    assert "\n会前准备情况\n" in text
    assert any("numbering" in w and "LibreOffice" in w for w in warnings)


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
def test_word97_doc_with_numbering_through_real_libreoffice(tmp_path, monkeypatch):
    from extractor.io.formats import worddoc

    monkeypatch.delenv("MRX_SOFFICE", raising=False)
    monkeypatch.setattr(worddoc, "_labels", lambda *a: None)  # as if the lists were unreadable
    path = tmp_path / "numbered.doc"
    path.write_bytes(fixture("word97-numbered.doc"))
    decoded = read_file(path)
    assert decoded.encoding == "doc→docx"
    assert decoded.text.split("\n")[4:7] == ["一、会前准备情况", "（一）认真开展学习研讨", "（二）广泛征求意见建议"]


def test_damaged_and_encrypted_word97(tmp_path, monkeypatch):
    from extractor.io.formats.worddoc import read_word97

    monkeypatch.setenv("MRX_SOFFICE", str(tmp_path / "no-such-soffice"))
    data = fixture("word97-plain.doc")
    fib = data.index(b"\xec\xa5")  # the FIB at the start of the WordDocument stream
    encrypted = bytearray(data)
    encrypted[fib + 0x0B] |= 0x01  # fEncrypted
    with pytest.raises(InputError, match="password-protected"):
        read_word97(bytes(encrypted))
    path = tmp_path / "cut.doc"
    for cut in (len(data) // 2, 600):
        path.write_bytes(data[:cut])
        with pytest.raises(InputError):
            read_file(path)


def ole_bytes(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + extra + b"\x00" * 1024


def test_doc_without_libreoffice_says_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setenv("MRX_SOFFICE", str(tmp_path / "no-such-soffice"))
    for name in ("报告.doc", "报告.wps"):
        path = tmp_path / name
        path.write_bytes(ole_bytes())
        with pytest.raises(InputError, match=r"cannot be read directly.*docx.*LibreOffice"):
            read_file(path)


def fake_soffice(tmp_path, script: str) -> str:
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\n" + script)
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return str(exe)


def test_doc_converted_through_libreoffice(tmp_path, monkeypatch):
    converted = tmp_path / "converted.docx"
    converted.write_bytes(make_docx(para(TITLE) + para("会前准备情况", num=(1, 0)), outline_numbering()))
    # the fake LibreOffice writes its .docx into the --outdir it is given
    script = ('while [ "$#" -gt 0 ]; do if [ "$1" = "--outdir" ]; then out="$2"; fi; shift; done\n'
              f'cp "{converted}" "$out/input.docx"\n')
    soffice = fake_soffice(tmp_path, script)
    path = tmp_path / "报告.wps"
    path.write_bytes(ole_bytes())
    decoded = read_file(path, soffice=soffice)
    assert decoded.text == TITLE + "\n一、会前准备情况"
    assert decoded.encoding == "wps→docx"
    assert any("LibreOffice" in w for w in decoded.warnings)


def test_libreoffice_failure_and_timeout(tmp_path, monkeypatch):
    from extractor.io.formats import legacy

    path = tmp_path / "报告.doc"
    path.write_bytes(ole_bytes())
    failing = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    with pytest.raises(InputError, match="could not convert.*could not be loaded"):
        read_file(path, soffice=failing)
    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT", 0.5)
    with pytest.raises(InputError, match="within 0.5 s"):
        read_file(path, soffice=fake_soffice(tmp_path, "sleep 30\n"))


def test_encrypted_office_file_is_named_as_such(tmp_path):
    path = tmp_path / "加密.docx"
    path.write_bytes(ole_bytes("EncryptedPackage".encode("utf-16-le")))
    with pytest.raises(InputError, match="password-protected"):
        read_file(path)


# ------------------------------------------------------------------ sniffing

def test_content_decides_over_the_suffix(tmp_path):
    docx = make_docx(para(TITLE))
    pdf = make_pdf([[TITLE]])
    cases = [("a.doc", docx, "docx"), ("a.txt", pdf, "pdf"), ("noext", docx, "docx"),
             ("a.txt", page().encode(), "html"), ("a.html", b"plain words", "html")]
    for name, data, fmt in cases:
        path = tmp_path / name
        path.write_bytes(data)
        decoded = read_file(path)
        assert decoded.format == fmt, name
    assert sniff(b"  \n{\\rtf1") == "rtf" and sniff("会议".encode()) is None


def test_a_suffix_that_lies_about_a_binary_format_is_an_error(tmp_path):
    for name in ("a.docx", "a.pdf"):
        path = tmp_path / name
        path.write_text(OPENING, encoding="utf-8")
        with pytest.raises(InputError, match=f"named .{name.split('.')[1]} but the content is not"):
            read_file(path)


def test_plain_text_named_doc_is_read_with_a_warning():
    fmt, warnings = choose_format("x.doc", OPENING.encode("gbk"))
    assert fmt == "txt" and warnings and "plain text" in warnings[0]


# ------------------------------------------------------------------ parity

def test_the_same_report_in_every_format_gives_the_same_fields(tmp_path):
    from test_reader import REPORT

    lines = [ln for ln in REPORT.split("\n") if ln]  # web pages and PDFs have no blank lines
    report = "\n".join(lines)
    files = {
        "r.txt": report.encode("gbk"),
        "r.docx": make_docx("".join(para(ln) for ln in lines)),
        "r.html": ("<html><head><meta charset='gb2312'><script>x()</script></head><body>"
                   + "".join(f"<p>{ln}</p>" for ln in lines) + "</body></html>").encode("gbk"),
        "r.pdf": make_pdf([lines[:8], lines[8:]], chars_per_line=36),
        "r.rtf": make_rtf(lines),
    }
    seen = {}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        (rec,) = extract_file(path)
        assert rec.text.strip() == report, name
        seen[name] = rec.model_dump(exclude={"id", "source"})
    first = seen.pop("r.txt")
    for name, fields in seen.items():
        assert fields == first, name
