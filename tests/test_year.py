"""year, the 年度 a meeting reviews (extractor/fields/year.py)."""
import pytest

from meeting_reports import fields, make_report, ANNUAL_DSH, NO_TITLE


@pytest.mark.parametrize("text, date_year, want", [
    # the 年度 reviewed, not the day held (Jan 2023), nor last year's follow-up, nor the 文号
    (ANNUAL_DSH, 2023, 2022),
    # the title's year when the body's 年度 is redacted
    ("党组2021年民主生活会开展情况报告\n根据《中共xx区委组织部关于认真开好xxxx年度民主生活会的通知》"
     "（x龙组通字[xxxx]x号）文件要求，xx党组于xxxx年x月xx日召开民主生活会。\n", None, 2021),
    ("召开2021年专题组织生活会情况报告（办公室党支部）\n于xxxx年x月xx日召开了办公室党支部专题组织生活会。\n",
     None, 2021),
    # Chinese numerals and full-width digits
    ("xx镇党委领导班子二〇二二年度民主生活会情况报告\n镇党委领导班子召开了民主生活会。\n", 2023, 2022),
    ("２０２１年度組織生活會情況報告\n第二黨支部召開了組織生活會，學習了黨的十九屆五中全會精神。\n", 2022, 2021),
    # redacted where stated: null, not the date's year
    ("xx党支部召开20××年度组织生活会。会议由支部书记主持。\n", 2023, None),
    (NO_TITLE, None, None),
])
def test_year(text, date_year, want):
    date = {"year": date_year, "month": None, "day": None}
    assert fields(text, meeting_date=date)["year"] == want


def test_year_falls_back_to_the_meeting_date_written_with_its_year():
    text = "2023年1月10日，xx局党组召开民主生活会。会上，通报了2021年度民主生活会查摆问题整改落实情况。\n"
    written = {"text": "2023年1月10日", "start": 0, "end": 10, "year": 2023, "month": 1, "day": 10}
    assert fields(text, meeting_date=written)["year"] == 2023
    assert fields(text)["year"] is None
    # a year the date module inferred (from a page's publication date) is no reviewed year
    short = text[5:]
    inferred = {"text": "1月10日", "start": 0, "end": 5, "year": 2023, "month": 1, "day": 10}
    assert fields(short, meeting_date=inferred)["year"] is None


def test_the_年度_of_the_members_review_held_at_the_meeting_comes_before_the_date_s_year():
    text = ("2024年3月12日下午，图书馆第二党支部开展了专题组织生活会及2023年度党员民主评议工作。\n")
    written = {"text": "2024年3月12日", "start": 0, "end": 10, "year": 2024, "month": 3, "day": 12}
    assert fields(text, meeting_date=written)["year"] == 2023
    # a review cited from a notice is not the meeting's
    text = ("2024年3月12日，按照《关于开展2023年度民主评议党员工作的通知》，第二党支部召开了专题组织生活会。\n")
    assert fields(text, meeting_date=written)["year"] == 2024


def test_the_year_of_the_work_an_annual_meeting_reviewed_comes_before_the_date_s_year():
    text = "2019年3月19日，离退休第一党支部召开组织生活会。支部书记回顾了党支部2018年的工作情况。\n"
    written = {"text": "2019年3月19日", "start": 0, "end": 10, "year": 2019, "month": 3, "day": 19}
    assert fields(text, meeting_date=written, meeting_type="组织生活会")["year"] == 2018
    # a 专题 meeting is dated by the day it was held
    assert fields(text, meeting_date=written, meeting_type="专题组织生活会")["year"] == 2019


def test_a_school_year_is_the_年度_reviewed():
    text = "2023年3月23日，中学行政支部在会议室开展2022学年度民主生活会。\n"
    written = {"text": "2023年3月23日", "start": 0, "end": 10, "year": 2023, "month": 3, "day": 23}
    assert fields(text, meeting_date=written)["year"] == 2022


def test_an_earlier_meeting_s_follow_up_names_no_year_for_this_one():
    text = "会议通报了集团党委领导班子2022年民主生活会查摆问题整改落实情况。\n"
    assert fields(text, meeting_date={"year": None, "month": None, "day": None})["year"] is None


def test_year_not_taken_from_a_plenum_or_a_document_number():
    text = ("xx党支部专题组织生活会情况报告\n根据《关于召开专题组织生活会的通知》（×组通〔2021〕12号）要求，"
            "支部组织党员学习党的十九届五中全会精神和2020年中央经济工作会议精神，于x月x日召开专题组织生活会。\n")
    assert fields(text)["year"] is None


def test_year_of_a_long_themed_meeting_named_in_the_notice():
    text = ("市第二人民医院党委召开主题教育专题民主生活会情况报告\n市卫生健康委党组：\n按照《关于开好2023年度学习贯彻"
            "习近平新时代中国特色社会主义思想主题教育专题民主生活会的通知》（市主教组〔2023〕21号）要求，2024年1月26日"
            "下午，市第二人民医院党委召开主题教育专题民主生活会。会上通报了2022年度民主生活会整改落实情况。\n")
    got = fields(text, meeting_date={"year": 2024, "month": 1, "day": 26})
    assert got["year"] == 2023
    assert got["meeting_type"] == "专题民主生活会"
    assert got["theme"] == "学习贯彻习近平新时代中国特色社会主义思想主题教育"
    assert got["organization"] == "市第二人民医院党委"


def test_year_of_a_combined_meeting_is_its_annual_year():
    assert fields("3月2日，市政协党组召开2020年度民主生活会暨巡视整改专题民主生活会。")["year"] == 2020


@pytest.mark.parametrize("text, want", [
    # no 年度 names the meeting: the year of the work it reviewed
    ("3月1日，支部召开组织生活会。书记代表支委汇报了2021年度工作开展情况。", 2021),
    ("支部召开组织生活会和民主评议党员大会，推选出2020年度支部优秀共产党员。", 2020),
    # a date written without 年 and 月
    ("2021316日上午，退休党支部召开组织生活会。", 2021),
])
def test_year_without_a_年度_of_the_meeting(text, want):
    assert fields(text)["year"] == want


def test_a_年度_listed_after_a_follow_up_is_the_meeting_s_own():
    # "落实…、" closes the follow-up: the 年度 after the enumeration comma names this meeting
    text = ("3月2日上午，县人民医院党委召开党史学习教育专题民主生活会。书记先通报了2020年民主生活会意见整改落实"
            "情况、班子2021年度党史学习教育专题民主生活会意见征集情况，再代表班子作对照检查。")
    assert fields(text)["year"] == 2021


def test_a_年度_of_another_meeting_before_the_meeting_s_name_is_not_its_year():
    text = ("3月6日，公司党委召开2024年度第2次支部书记工作例会，对组织生活会进行部署。"
            "各支部随后召开了组织生活会。")
    assert fields(text)["year"] is None
    cited = "根据学校《关于召开2023年度组织生活会的通知》，" + text
    assert fields(cited)["year"] == 2023
    # joined to the meeting by 暨, the other business shares its 年度
    assert fields("1月8日，第四党支部召开2023年度工作总结暨组织生活会。")["year"] == 2023


def test_a_monthly_meeting_takes_its_month_s_year():
    text = ("2024年2月6日下午，研究所党支部开展2023年党建考核会暨2024年2月党员组织生活会。会上，书记对2023年度"
            "的党建工作进行了总结，并对2023年度组织生活会准备工作作了安排。")
    assert fields(text)["year"] == 2024
    # a month named with a different verb is not the meeting's name
    annual = "2024年2月召开了2023年度组织生活会，支部书记主持。"
    assert fields(annual)["year"] == 2023


@pytest.mark.parametrize("text, want", [
    # the work reviewed, its year before the verb
    ("4月2日，第三党支部召开组织生活会，书记对2018年的支部工作进行了总结。", 2018),
    ("12月5日，退休党总支召开组织生活会，对2019年度总支工作的落实情况作了总结。", 2019),
    # the members' review held with the meeting; the year's report on the branch's work
    ("3月1日下午，检验科党支部召开组织生活会并开展2022年民主评议党员。", 2022),
    ("支部对召开组织生活会作了安排，研究了支部2019年度党建工作述职报告。", 2019),
])
def test_year_of_the_work_summed_up(text, want):
    assert fields(text)["year"] == want


def test_a_themed_meeting_reviewing_no_年度_has_no_year_from_a_follow_up():
    # the 年度 named is the previous meeting's, whose rectification was reported
    from extractor.fields.dates import extract as date_of
    text = ("1月20日，县文联党组召开主题教育专题民主生活会。会议通报了县文联党组2022年度民主生活会"
            "整改落实情况，班子成员逐一作对照检查。")
    date = date_of(make_report(text))["meeting_date"]
    assert (date["month"], date["day"], date["year"]) == (1, 20, None)
    assert fields(text, meeting_date=date)["year"] is None


def test_a_day_of_the_month_is_no_monthly_meeting():
    text = "2023年1月12日民主生活会上，班子成员逐一发言。会前，班子围绕2022年度民主生活会主题开展了学习。"
    assert fields(text)["year"] == 2022
