"""The viewer (mrx show --html) and the dashboard (mrx report) in a real browser.

Headless Chromium (Debian's ``chromium``, installed by ``make test``) loads each page with
only Latin fonts visible (tests/browser.py), as on a machine without a CJK font: the page
must load without a console error and draw its Chinese with the font it embeds. The
screenshots are kept under out/browser/ (CI artefacts); the one of each page without its
embedded font shows the boxes the font prevents.
"""
import pathlib

import pytest

from _records import archive
from browser import Browser, chromium_binary
from extractor.outputs.dashboard import dashboard_html, deadline_check, facts_from_records, select, summarize
from extractor.outputs.show import page_html
from extractor.run.api import extract_file

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "browser"
SAMPLE = ROOT / "samples" / "000_30de3536cd37ff6c.txt"
CHINESE = "组织生活会情况报告"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("chromium is not installed (make test installs it with apt-get)")
    b = Browser(binary, tmp_path_factory.mktemp("chromium"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def sample_records():
    return extract_file(str(SAMPLE))


def load(browser, page: str, name: str) -> list[str]:
    path = SHOTS / f"{name}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return browser.open(path.as_uri())


def drawn_with_embedded_font(browser, selector: str) -> bool:
    fonts = browser.fonts_of(selector)
    return bool(fonts) and all(f["isCustomFont"] and f["familyName"] == "Noto Sans SC" for f in fonts)


def elements_with_chinese_not_drawn_with_the_embedded_font(browser, limit: int = 600) -> list:
    """Every element whose own text has Chinese (up to ``limit``) whose Chinese glyphs came
    from another font than the embedded one: [(text, fonts)]."""
    found = browser.evaluate(r"""(() => { let n = 0;
        for (const e of document.querySelectorAll('body *')) {
          const own = [...e.childNodes].filter(c => c.nodeType === 3).map(c => c.data).join('');
          if (/[\u3400-\u9fff]/.test(own) && e.getClientRects().length) e.setAttribute('data-cjk', n++);
        } return n; })()""")
    bad = []
    for k in range(min(found, limit)):
        selector = f'[data-cjk="{k}"]'
        text = browser.evaluate(f"[...document.querySelector('{selector}').childNodes]"
                                ".filter(c => c.nodeType === 3).map(c => c.data).join('')")
        fonts = browser.fonts_of(selector)
        others = sum(f["glyphCount"] for f in fonts if f["familyName"] != "Noto Sans SC")
        latin = sum(1 for c in text if not ("\u3400" <= c <= "\u9fff" or c.isspace()))
        if not any(f["familyName"] == "Noto Sans SC" and f["isCustomFont"] for f in fonts) or others > latin:
            bad.append((text[:40], fonts))
    assert found > 10
    return bad


def assert_no_cjk_font_without_the_embedded_one(browser, page: str, name: str, selector: str):
    """The control: without its font the page has no CJK glyphs here (boxes)."""
    assert load(browser, page, name) == []
    fonts = browser.fonts_of(selector)
    assert not any(f["isCustomFont"] or "CJK" in f["familyName"] or "SC" in f["familyName"] for f in fonts), fonts
    assert browser.evaluate("[...document.fonts].length") == 0


def test_viewer_draws_chinese_with_its_font_and_logs_no_error(browser, sample_records):
    errors = load(browser, page_html(sample_records), "viewer")
    assert errors == []
    assert browser.evaluate("[...document.fonts].map(f => f.family + ':' + f.status).join()") == "mrx-sc:loaded"
    assert browser.evaluate(f"document.fonts.check('16px mrx-sc', '{CHINESE}')") is True
    for selector in (".text", "h2", "label.key", "ol.items li"):
        assert drawn_with_embedded_font(browser, selector), (selector, browser.fonts_of(selector))
    assert elements_with_chinese_not_drawn_with_the_embedded_font(browser) == []
    with_font = browser.screenshot(SHOTS / "viewer.png")
    assert_no_cjk_font_without_the_embedded_one(browser, page_html(sample_records, embed_font=False),
                                                "viewer-without-font", ".text")
    assert browser.screenshot(SHOTS / "viewer-without-font.png") != with_font


def test_viewer_legend_filters_and_items_jump_to_their_span(browser, sample_records):
    assert load(browser, page_html(sample_records, embed_font=False), "viewer-legend") == []
    background = "getComputedStyle(document.querySelector('.text .k-problem')).backgroundColor"
    item = "getComputedStyle(document.querySelector('li.item-problem')).display"
    assert browser.evaluate(background) != "rgba(0, 0, 0, 0)" and browser.evaluate(item) != "none"
    browser.evaluate("document.querySelector('label.key.k-problem').click()")
    assert browser.evaluate(background) == "rgba(0, 0, 0, 0)" and browser.evaluate(item) == "none"
    assert browser.evaluate("getComputedStyle(document.querySelector('.text .k-measure')).backgroundColor") \
        != "rgba(0, 0, 0, 0)"  # other kinds stay marked
    browser.evaluate("document.querySelector('label.key.k-problem').click()")
    assert browser.evaluate(background) != "rgba(0, 0, 0, 0)"
    # a visible label before the span, drawn by CSS
    assert browser.evaluate("getComputedStyle(document.querySelector('.text .k-problem[data-label]'), "
                            "'::before').content") == '"问题"'
    target = browser.evaluate("""(() => { const a = document.querySelectorAll('ol.items a')[3];
        a.click(); return a.getAttribute('href'); })()""")
    assert browser.evaluate("location.hash") == target
    assert browser.evaluate(f"document.querySelector('{target}').closest('.text') !== null") is True
    browser.screenshot(SHOTS / "viewer-after-jump.png")


def test_dashboard_draws_chinese_with_its_font_and_logs_no_error(browser, sample_records):
    page = dashboard_html(facts_from_records(sample_records), deadline="2022-02-28", source="samples")
    assert load(browser, page, "dashboard") == []
    assert browser.evaluate(f"document.fonts.check('16px mrx-sc', '{CHINESE}')") is True
    for selector in ("header h1", "#problems-bars .bar-label", "#reports-table td.name", "#incomplete a"):
        assert drawn_with_embedded_font(browser, selector), (selector, browser.fonts_of(selector))
    browser.evaluate("document.querySelector('#incomplete a').click()")  # draws an evidence view
    browser.evaluate("new Promise(r => setTimeout(r, 50))")
    assert elements_with_chinese_not_drawn_with_the_embedded_font(browser) == []
    with_font = browser.screenshot(SHOTS / "dashboard.png", full_page=True)
    without = dashboard_html(facts_from_records(sample_records), deadline="2022-02-28", embed_font=False)
    assert_no_cjk_font_without_the_embedded_one(browser, without, "dashboard-without-font", "header h1")
    assert browser.screenshot(SHOTS / "dashboard-without-font.png", full_page=True) != with_font


@pytest.mark.parametrize("year, unit, kind", [
    (None, None, None), ("2022", None, None), (None, "第一党支部", None), ("2021", "第一党支部", "组织生活会"),
    (None, None, "民主生活会"),
])
def test_dashboard_counts_in_the_browser_as_in_python(browser, year, unit, kind):
    facts = facts_from_records(archive())
    assert load(browser, dashboard_html(facts, deadline="2023-02-28", embed_font=False), "dashboard-counts") == []
    args = ", ".join("null" if v is None else f"'{v}'" for v in (year, unit, kind))
    in_browser = browser.evaluate(f"mrx.summarize(mrx.select(mrx.data.facts, {args}))")
    assert in_browser == summarize(select(facts, year, unit, kind))
    deadline = browser.evaluate(f"mrx.deadlineCheck(mrx.select(mrx.data.facts, null, {args.split(', ', 1)[1]}), "
                                "mrx.data.deadline, mrx.data.deadline_year)")
    assert deadline == deadline_check(select(facts, None, unit, kind), "2023-02-28", "2022")


def test_dashboard_filters_redraw_the_page(browser):
    facts = facts_from_records(archive())
    assert load(browser, dashboard_html(facts, deadline="2023-02-28"), "dashboard-filters") == []
    count = "document.getElementById('f-count').textContent"
    rows = "document.querySelectorAll('#incomplete tr').length - 1"
    assert browser.evaluate(count) == "显示 5 / 5 份报告" and browser.evaluate(rows) == 4
    assert browser.evaluate("document.querySelector('#deadline').textContent").count("第二党支部") == 1
    browser.evaluate("""(() => { const s = document.getElementById('f-unit'); s.value = '第一党支部';
        s.dispatchEvent(new Event('change')); })()""")
    assert browser.evaluate(count) == "显示 2 / 5 份报告" and browser.evaluate(rows) == 2
    assert browser.evaluate("document.getElementById('card-units').textContent") == "1个单位"
    assert browser.evaluate("document.querySelectorAll('#recurring tr').length") == 4  # header + 3 categories
    # the list of incomplete reports links to each one's evidence view
    target = browser.evaluate("(() => { const a = document.querySelector('#incomplete a'); a.click(); "
                              "return a.getAttribute('href'); })()")
    browser.evaluate("new Promise(r => setTimeout(r, 50))")  # the hashchange handler
    assert browser.evaluate(f"document.querySelector('{target}').classList.contains('evidence')") is True
    view = browser.evaluate(f"document.querySelector('{target}').textContent")
    assert "✗ 缺少" in view and "会前学习" in view and "谈心谈话" in view and "a/1.txt #0" in view
    assert 'mrx show "a/1.txt" -i 0 --html' in view  # how to get the full marked-up text
    browser.screenshot(SHOTS / "dashboard-filtered.png", full_page=True)
    browser.evaluate("document.getElementById('f-reset').click()")
    assert browser.evaluate(count) == "显示 5 / 5 份报告"


def test_dashboard_lists_at_most_500_incomplete_reports(browser):
    one = facts_from_records(archive())[0]
    facts = [dict(one, i=n, id=f"{n:016x}", unit=f"第{n % 30}党支部") for n in range(501)]
    assert load(browser, dashboard_html(facts, embed_font=False), "dashboard-many") == []
    assert browser.evaluate("document.querySelectorAll('#incomplete tr').length - 1") == 500
    assert browser.evaluate("document.getElementById('incomplete-more').textContent").startswith("另有 1 份未列出")
    assert "null" not in browser.evaluate("document.getElementById('incomplete').textContent")
