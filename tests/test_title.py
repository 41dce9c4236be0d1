"""The title line of news items (text/layout.find_title, data/layout.toml)."""
import pytest

from extractor import extract_text
from extractor.text import layout
from extractor.text.normalize import normalize


def title_of(text):
    line = layout.find_title(normalize(text))
    return None if line is None else text[line.start:line.end]


@pytest.mark.parametrize("text, want", [
    # a headline ending with a quoted phrase after the meeting's name
    ("城关法院党组专题民主生活会“辣味十足”\n2019-03-02\n日前，城关法院党组召开专题民主生活会。",
     "城关法院党组专题民主生活会“辣味十足”"),
    ("县税务局党委召开民主生活会\"直面问题\"\n3月2日，县税务局党委召开民主生活会。",
     "县税务局党委召开民主生活会\"直面问题\""),
    # 开展……组织生活, without 会
    ("ab1203物流中心开展2021年党员民主评议专题组织生活\n1月9日，中心党支部召开专题组织生活会。",
     "ab1203物流中心开展2021年党员民主评议专题组织生活"),
    # a headline ending with the members' review meeting (民主评议党员会)
    ("县人民医院药剂党支部召开组织生活会和开展民主评议党员会\n3月2日，药剂党支部召开组织生活会。",
     "县人民医院药剂党支部召开组织生活会和开展民主评议党员会"),
    ("机关第二支部组织生活会和民主评议党员会\n3月2日，支部召开组织生活会。",
     "机关第二支部组织生活会和民主评议党员会"),
    ("期刊部党支部开展组织生活会和民主评议工作\n3月2日，支部召开组织生活会。",
     "期刊部党支部开展组织生活会和民主评议工作"),
    # the meeting's name, then what it did, no comma between
    ("煤业公司党委专题组织生活会把“改”字落到实处\n本报讯 8月13日，公司党委召开专题组织生活会。",
     "煤业公司党委专题组织生活会把“改”字落到实处"),
    # a speech at the meeting
    ("在县委常委班子2024年度民主生活会上的讲话\n同志们：\n今天我们召开民主生活会。",
     "在县委常委班子2024年度民主生活会上的讲话"),
    # the item of a numbered news list, its number kept
    ("3.县文联党组召开主题教育专题民主生活会\n15日，县文联党组召开主题教育专题民主生活会。",
     "3.县文联党组召开主题教育专题民主生活会"),
    # a site's language menu above the headline is chrome, not lines before the title
    ("- 中文\n- EN\n- Français\n- 日本語\n- 한국어\n- 繁體中文\n【动态】县档案馆党支部召开2023年度组织生活会\n"
     "2月3日，县档案馆党支部召开组织生活会。",
     "【动态】县档案馆党支部召开2023年度组织生活会"),
])
def test_titles_of_news_items(text, want):
    assert title_of(text) == want


@pytest.mark.parametrize("text", [
    # a numbered heading of a report that has no title is not one
    "1.会前认真学习\n支部组织党员集中学习党章。\n2.召开组织生活会\n3月2日，支部召开组织生活会。",
    # a numbered line that does not name who held the meeting
    "2.认真召开专题组织生活会\n会上，党员逐一发言。",
    # a short body line about organisation life in general
    "支部每月按时开展主题党日和组织生活\n会上，党员逐一发言。",
    # a quoted phrase that is a sentence of the body
    "党员们表示要把组织生活会开出“辣味”。\n会后，支部制定了整改清单。",
])
def test_not_titles(text):
    assert title_of(text) is None


def test_a_list_item_title_is_the_record_s_title_and_grounded():
    text = "3.县文联党组召开主题教育专题民主生活会\n15日，县文联党组召开主题教育专题民主生活会，党组书记主持。"
    (record,) = extract_text(text)
    assert record.title == "3.县文联党组召开主题教育专题民主生活会"
    assert record.meeting_date.day == 15


@pytest.mark.parametrize("text, want", [
    # a headline that names no meeting, then a dateline and source, a byline, a newspaper
    ("东湖社区：新春第一课凝聚人心\n\n2025-02-20 来源：东湖街道\n\n2月18日，东湖社区党委召开组织生活会。",
     "东湖社区：新春第一课凝聚人心"),
    ("营业部党支部用量化测评评党员\n\n李红\n\n3月7日，营业部党支部召开专题组织生活会。",
     "营业部党支部用量化测评评党员"),
    ("县供电公司班子“红脸出汗”促整改\n《电力日报》（2023年02月10日 3版）\n本报讯 日前，县供电公司召开民主生活会。",
     "县供电公司班子“红脸出汗”促整改"),
])
def test_a_headline_that_names_no_meeting(text, want):
    assert title_of(text) == want


@pytest.mark.parametrize("text, want", [
    # a first line followed by the account is no headline
    ("东湖社区新春第一课\n2月18日，东湖社区党委召开组织生活会。", None),
    # a letterhead above a document number: the title that names the meeting is the title
    ("县财政局党组文件\n2023年2月1日\n关于2022年度民主生活会召开情况的报告\n局党组于1月30日召开民主生活会。",
     "关于2022年度民主生活会召开情况的报告"),
])
def test_what_is_not_a_headline_that_names_no_meeting(text, want):
    assert title_of(text) == want


def test_a_breadcrumb_ending_with_the_headline_is_chrome():
    text = ("您当前所在的位置是:首页 > 政协工作 > 县政协党组召开专题民主生活会\n"
            "县政协党组召开专题民主生活会\n1月19日，县政协党组召开专题民主生活会。")
    assert title_of(text) == "县政协党组召开专题民主生活会"


@pytest.mark.parametrize("text, want", [
    # the page's byline line below it is chrome, blanked out of the view the title is read on
    ("凝心聚力谋发展 真抓实干开新局\n来源：学校党委  发布时间：2022/3/8  浏览次数：87\n"
     "3月3日下午，幼儿园党支部召开了组织生活会。", "凝心聚力谋发展 真抓实干开新局"),
    # the headline shown again above the article
    ("凝心聚力谋发展 真抓实干开新局\n\n凝心聚力谋发展  真抓实干开新局\n3月3日下午，幼儿园党支部召开了组织生活会。",
     "凝心聚力谋发展 真抓实干开新局"),
    # below a site's section name, shorter than a title
    ("党务公开\n凝心聚力谋发展 真抓实干开新局\n来源：学校党委  发布时间：2022/3/8\n"
     "3月3日下午，幼儿园党支部召开了组织生活会。", "凝心聚力谋发展 真抓实干开新局"),
    # a site's motto of short words is no headline
    ("自律 维权 协调 服务\n发布时间：2022/3/8\n3月3日下午，协会党支部召开了组织生活会。", None),
])
def test_a_headline_that_names_no_meeting_in_a_record(text, want):
    assert extract_text(text)[0].title == want

