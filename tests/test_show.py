"""mrx show: the terminal view and the HTML page with every extracted span marked."""
import html
import re
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from _records import TEXT, at, make_record
from extractor.cli import app
from extractor.outputs.export import export
from extractor.outputs.show import Mark, highlight_html, kinds, page_html, record_marks

runner = CliRunner()

HOSTILE = TEXT.replace("会议按照", "会议按照<script>alert('x')</script> R&D 部门的").replace(
    "开展了谈心谈话。", "开展了谈心谈话</div><img src=x onerror=alert(1)>。")


class Collector(HTMLParser):
    """Text of the report divs, tags checked for balance, scripts and handlers noted."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.in_text, self.bad = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe") or any(k.startswith("on") for k, _ in attrs):
            self.bad.append(tag)
        if tag == "div" and ("class", "text") in attrs:
            self.in_text += 1
        if tag not in ("meta", "br", "img", "link", "hr", "input"):  # void elements have no end tag
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack[-5:], tag)
        self.stack.pop()
        if tag == "div" and self.in_text:
            self.in_text -= 1

    def handle_data(self, data):
        if self.in_text:
            self.text.append(data)


def parse(page: str) -> Collector:
    c = Collector()
    c.feed(page)
    c.close()
    return c


def hostile_record():
    rec = make_record(text=HOSTILE)
    rec.title = "<b>报告</b> & 附件"
    script = at(HOSTILE, "<script>alert('x')</script> R&D 部门的")
    rec.problems.append(type(rec.problems[0])(**script, categories=["形式主义"]))
    return rec


def test_report_text_is_escaped_and_no_script_survives():
    page = page_html([hostile_record()])
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "R&amp;D" in page and "&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<title>&lt;b&gt;报告&lt;/b&gt; &amp; 附件</title>" in page
    assert "default-src 'none'" in page  # and the page forbids scripts anyway
    parsed = parse(page)
    assert parsed.bad == [] and parsed.stack == []
    assert "".join(parsed.text) == HOSTILE  # every character of the report, once, in order


def test_every_kind_is_marked_with_a_legend():
    rec = make_record()
    page = page_html([rec])
    found = set(re.findall(r'data-kind="([a-z]+)"', page))
    assert found == {"title", "section", "date", "docno", "attendance", "person", "problem", "measure", "audit"}
    for kind in found:
        assert f'<label class="key k-{kind}" for="show-{kind}">{kinds()[kind]["label"]} ' in page
    assert '<label class="key k-problem" for="show-problem">问题 2</label>' in page
    assert 'title="人员：支部书记"' in page and 'title="问题：批评与自我批评、组织生活"' in page


def test_spans_carry_visible_labels_once_and_headings_none():
    rec = make_record()
    page = page_html([rec], embed_font=False)
    assert page.count('data-label="问题"') == 2  # one per problem, not per piece
    assert 'data-label="依据·谈心谈话"' in page and 'data-label="人员"' in page
    assert 'data-kind="section"' in page and 'data-label="小标题"' not in page
    assert "[data-label]::before{content:attr(data-label)" in page  # drawn, not in the text


def test_legend_keys_toggle_their_kind_without_a_script():
    page = page_html([make_record()], embed_font=False)
    assert "<script" not in page
    for kind in kinds():
        assert f'<input type="checkbox" class="toggle" id="show-{kind}" checked>' in page
        assert f"#show-{kind}:not(:checked)~main .text .k-{kind}{{background:none" in page
        assert f"#show-{kind}:not(:checked)~main li.item-{kind}{{display:none}}" in page


def test_items_list_links_to_each_span():
    rec = make_record()
    page = page_html([rec], embed_font=False)
    links = re.findall(r'<li class="item-([a-z]+)"><a href="#([\w-]+)">', page)
    assert len(links) == len([m for m in record_marks(rec) if m.kind not in ("title", "section")])
    for kind, target in links:
        span = re.search(rf'<span class="k-{kind}" data-kind="{kind}" title="[^"]*"(?: data-label="[^"]*")? '
                         rf'id="{target}">([^<]*)', page)
        assert span, (kind, target)
    problem_targets = [t for k, t in links if k == "problem"]
    assert 'id="%s">理论学习不够深入' % problem_targets[0] in page


def test_several_reports_get_a_contents_list_with_unique_anchors():
    one = make_record(path="a/x.txt", index=0, organization="第一党支部")
    two = make_record(path="a/x.txt", index=1, organization="第二党支部")
    two.title = "第二份报告"
    other = make_record(path="a/y.txt", index=0)  # same index in another file
    page = page_html([one, two, other], embed_font=False)
    assert '<nav class="contents">' in page
    assert re.findall(r'<li><a href="#(report-\d)">', page) == ["report-0", "report-1", "report-2"]
    assert page.count('<section class="report" id="report-') == 3
    assert '<a href="#report-1">第二份报告</a> <small>第二党支部 a/x.txt #1</small>' in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert '<nav class="contents">' not in page_html([one], embed_font=False)


def test_page_embeds_a_font_subset_of_its_own_characters():
    import base64
    import io

    from fontTools.ttLib import TTFont

    page = page_html([make_record()])
    assert "font-src data:" in page and "@font-face{font-family:'mrx-sc'" in page
    data = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    cmap = font.getBestCmap()
    for ch in "组织生活会谈心问题依据整改措施点击图例":
        assert ord(ch) in cmap, ch
    assert ord("鑫") not in cmap  # a subset: only what the page shows
    assert len(data) < 400_000


def test_overlapping_marks_nest_and_keep_the_text():
    text = "甲乙丙丁<戊>"
    marks = [Mark("problem", 0, 6), Mark("person", 1, 3), Mark("date", 2, 5)]
    out = highlight_html(text, marks)
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert out.count("<span") == out.count("</span>")
    assert '<span class="k-problem" data-kind="problem" title="问题"><span class="k-person"' in out
    assert out.startswith('<span class="k-problem" data-kind="problem" title="问题" data-label="问题">甲')
    anchored = highlight_html(text, marks, anchor="r")
    assert anchored.count(' id="r-') == 3 and ' id="r-0">甲' in anchored


def test_marks_are_grounded():
    rec = make_record()
    for m in record_marks(rec):
        assert 0 <= m.start < m.end <= len(rec.text)
    assert {rec.text[m.start:m.end] for m in record_marks(rec) if m.kind == "person"} == {"张三", "李四"}


def test_cli_show_html_escapes_a_real_report(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("关于召开2021年度组织生活会情况的报告<script>x()</script>\n"
                      "一、会议情况\n支部于2022年1月15日召开组织生活会，A&B 两个小组参加。\n", encoding="utf-8")
    out = tmp_path / "html" / "r.html"
    result = runner.invoke(app, ["show", str(report), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;x()&lt;/script&gt;" in page and "A&amp;B" in page
    assert parse(page).stack == []


def test_cli_show_terminal_view(samples_dir):
    result = runner.invoke(app, ["show", str(samples_dir / "000_30de3536cd37ff6c.txt"), "-i", "2"])
    assert result.exit_code == 0, result.output
    assert "召开2021年专题组织生活会情况报告（镇乡）" in result.stdout
    assert "（一）认真组织学习" in result.stdout and "三、下步打算" in result.stdout
    assert "├──" in result.stdout or "└──" in result.stdout  # the section tree


def test_cli_show_reads_extract_output_and_keeps_markup_literal(tmp_path):
    rec = make_record()
    rec.title = "[bold red]报告[/bold red]"
    rec.problems[0].text = "[link=http://x]问题[/link]"
    export([rec], str(tmp_path / "r.jsonl"), "jsonl")
    result = runner.invoke(app, ["show", str(tmp_path / "r.jsonl")], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert "[bold red]报告[/bold red]" in result.stdout
    assert "[link=http://x]问题[/link]" in result.stdout
    assert "理论学习" in result.stdout and "谈心谈话" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["show", "nope.txt"], "nope.txt"),
    (["show", "{samples}/002_65e39421ef2fe7a0.txt", "-i", "9"], "no report at index 9"),
])
def test_cli_show_errors_are_one_line(args, message, samples_dir):
    result = runner.invoke(app, [a.format(samples=samples_dir) for a in args])
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
