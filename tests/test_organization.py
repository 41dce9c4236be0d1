"""organization, the unit that held the meeting (extractor/fields/organization.py)."""
import pytest

from meeting_reports import fields, record, ANNUAL_DSH, ZHEN, NO_TITLE, TRAD, ZHONGXIN


@pytest.mark.parametrize("text, want", [
    # issuer line above the title; the addressee (县委组织部：) is not it
    (ANNUAL_DSH, "中共××县财政局党组"),
    ("召开2021年专题组织生活会情况报告（办公室党支部）\n经报请同意，于xxxx年x月xx日召开了专题组织生活会。\n",
     "办公室党支部"),
    # the body's fuller name beats the bare 党组 of the title; masks kept as written
    ("党组2021年民主生活会开展情况报告\n根据县委组织部文件要求，xx党组于xxxx年x月xx日召开民主生活会。\n",
     "xx党组"),
    (ZHEN, "机关支部"),
    (ZHONGXIN, "住房保障中心"),
    (NO_TITLE, "办公室党支部"),
    ("召开2021年专题组织生活会情况汇报（局机关）\n\nx月xx日下午，xx市xx局党支部紧紧围绕“学党史、悟思想、办实事、"
     "开新局”主题，组织在职党员召开党史学习教育专题组织生活会。\n", "xx市xx局党支部"),
    # traditional characters kept as written; the time before the name is not part of it
    (TRAD, "市住建局機關第三黨支部"),
    ("3月21日上午九点招商雍华苑居民区党支部在居委会会议室召开了专题组织生活会。\n", "招商雍华苑居民区党支部"),
    ("按照市委组织部要求，3月17日下午，第二党支部组织召开了2022年度组织生活会。会议由支部书记王蒙同志主持，"
     "委机关党委马荣同志列席参加。\n", "第二党支部"),
])
def test_organization(text, want):
    assert fields(text)["organization"] == want


def test_organization_is_not_the_cited_authority():
    text = ("根据上级党委关于召开2022年度组织生活会的统一部署，按照县直机关工委的要求，我们认真开展了会前学习。"
            "会上，党员逐一发言，开展批评和自我批评。\n")
    assert fields(text)["organization"] is None


def test_organization_on_the_record_is_the_text_as_written():
    rec = record(TRAD)
    assert rec.organization == "市住建局機關第三黨支部"
    assert rec.organization in rec.text


@pytest.mark.parametrize("text, want", [
    # a 党小组 of a 党支部: the name runs on past the first suffix
    ("县财政局机关党支部第三党小组2016年度组织生活会情况\n12月28日，县财政局机关党支部第三党小组召开2016年度"
     "组织生活会。\n", "县财政局机关党支部第三党小组"),
    # 和 inside an office's name is not where the name starts
    ("二○二○年九月二十三日，县住房和城乡建设局党组召开以案促改专题民主生活会。\n", "县住房和城乡建设局党组"),
    ("1月10日，县人力资源和社会保障局机关党支部召开2018年度组织生活会。\n", "县人力资源和社会保障局机关党支部"),
    # names that start with 和 or hold 与: only a unit's last character before 和/与 joins two units
    ("2023年1月12日，和平街道翠苑社区党委召开2022年度组织生活会。\n", "和平街道翠苑社区党委"),
    ("12月20日，计算机科学与技术学院教工第一党支部召开组织生活会。\n", "计算机科学与技术学院教工第一党支部"),
    ("近日，市物流与采购行业协会党支部召开2021年度组织生活会。\n", "市物流与采购行业协会党支部"),
    ("1月5日，局机关党委和纪检组联合召开民主生活会。\n", "局机关党委"),
    # the authority that issued the notice is not the unit
    ("按照市局党委《关于开好专题民主生活会的通知》要求，青山县税务局党委于2025年7月15日召开专题民主生活会。\n",
     "青山县税务局党委"),
    # a unit with no party suffix, and not the room it met in
    ("1月13日下午2点，市文联在会议室召开了专题民主生活会。\n", "市文联"),
    # the party organisation of a leading group
    ("关于柳河镇党委领导班子2021年度民主生活会召开情况的报告\n县委组织部：\n柳河镇党委于2022年1月15日上午"
     "召开2021年度领导班子民主生活会。\n", "柳河镇党委"),
    # a masked title name loses to the body's name of the unit that held the meeting
    ("×××党组20××年度民主生活会情况报告\n\n×××委组织部：\n根据上级要求，xx局党组于20××年×月××日召开20××年度"
     "民主生活会。\n", "xx局党组"),
])
def test_organization_more(text, want):
    assert fields(text)["organization"] == want


@pytest.mark.parametrize("text, want", [
    # a cited authority's plan: 按照……党委“……”活动实施方案安排
    ("按照市委、市卫健委党委“两争一优”活动实施方案安排，今天下午，院党委在会议室召开专题民主生活会。", "院党委"),
    # never a bare 领导班子 when the held sentence names the unit (a pronoun before it dropped)
    ("3月8日下午，我校附属第一医院在学术中心召开2018年度领导班子民主生活会，书记主持。", "附属第一医院"),
    # the unit opens the held sentence, its 召开 further on
    ("根据县委组织部通知，城东县人民法院通过会前学习、征求意见等准备，经县委组织部同意，于1月19日召开"
     "2020年度民主生活会。会上，院长作对照检查。最后，希望院党组抓好整改。", "城东县人民法院"),
    # 党组织 names a unit's party organisation
    ("实验附中党组织召开专题组织生活会及开展民主评议党员工作\n2024年1月，学校召开会议。", "实验附中党组织"),
    # a branch named in full only in the title of its own plan
    ("为开好这次会议，党支部根据《新华汽车学院党支部专题组织生活会具体安排》做了准备。会上支部书记带头发言。",
     "新华汽车学院党支部"),
])
def test_organization_in_news_items(text, want):
    assert fields(text)["organization"] == want


def test_image_file_names_are_page_chrome():
    text = "城南中学党组织召开专题组织生活会\n初中支部组织生活会.jpg 高中支部组织生活会.jpg\n1月19日，学校党总支召开会议。"
    assert fields(text)["organization"] == "城南中学党组织"


@pytest.mark.parametrize("text", [
    "书记通报了情况，并接受支部党员的评议。",
    "会上形成的经验做法，可供其他支部参考。",
])
def test_no_organisation_opening_with_a_verb(text):
    assert fields(text)["organization"] in (None, "支部")


def test_a_department_issuing_the_notice_is_not_the_unit_that_met():
    text = ("公司党委组织部于2月13日下发了《关于召开2022年度组织生活会的通知》。2月16日，各党支部召开组织生活会，"
            "公司党委部署了工作。")
    assert fields(text)["organization"] != "公司党委组织部"
