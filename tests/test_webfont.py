"""The Chinese font the HTML pages embed: a subset of Noto Sans SC, or nothing without it."""
import io

from fontTools.ttLib import TTFont

from extractor.outputs import webfont


def test_subset_holds_the_characters_asked_for_and_ascii():
    data = webfont.subset_woff("组织生活会\u3000（一）")
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff"
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "组织生活会（一）AZaz09 %")
    assert ord("鑫") not in cmap and len(cmap) < 150
    assert font["name"].getDebugName(1) == "Noto Sans SC"


def test_font_face_rule_names_the_family_the_pages_ask_for():
    rule = webfont.font_face_css("报告")
    assert rule.startswith("@font-face{font-family:'mrx-sc'") and "data:font/woff;base64," in rule
    assert webfont.font_stack().startswith("'mrx-sc',")


def test_without_the_font_package_pages_fall_back_to_system_fonts(monkeypatch):
    monkeypatch.setattr(webfont, "font_path", lambda: None)
    chars = "鸿雁于飞"  # asked for nowhere else: not answered from the cache
    assert webfont.subset_woff(chars) is None and webfont.font_face_css(chars) == ""
