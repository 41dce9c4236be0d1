"""year, the 年度 a meeting reviews (extractor/fields/year.py)."""
import pytest

from meeting_reports import fields, ANNUAL_DSH, NO_TITLE


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


def test_year_falls_back_to_the_meeting_date():
    text = "1月10日，xx局党组召开民主生活会。会上，通报了2021年度民主生活会查摆问题整改落实情况。\n"
    assert fields(text, meeting_date={"year": 2023, "month": 1, "day": 10})["year"] == 2023
    assert fields(text)["year"] is None


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
