"""Meeting date (dates.py): which date is the meeting's, and how it is read."""
import pytest

from extractor import extract_text
from extractor.fields.dates import extract
from extractor.text.normalize import normalize
from extractor.report import Report

from conftest import assert_grounded


def meeting_date(text: str, index: int = 0) -> dict:
    records = extract_text(text)
    for record in records:
        assert_grounded(record)
    return records[index].meeting_date.model_dump()


def report_with_title(text: str) -> Report:
    """A Report whose first line is its title (no dependence on the title finder)."""
    first = text.index("\n")
    return Report(text, normalize(text), title=(0, first))


def date_of(text: str) -> tuple:
    d = meeting_date(text)
    return d["text"], d["year"], d["month"], d["day"], d["redacted"]


# --- how dates are written -------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    # full-width digits
    ("２０２３年１月１５日，xx局党组召开2022年度民主生活会，会议由党组书记主持。",
     ("２０２３年１月１５日", 2023, 1, 15, False)),
    # Chinese numerals, 〇
    ("二〇二二年一月十二日上午，第一党支部在三楼会议室召开组织生活会，支部书记主持会议。",
     ("二〇二二年一月十二日", 2022, 1, 12, False)),
    # Chinese numerals written with ○, a time of day after it (not part of the date)
    ("二○二一年十二月二十八日下午十四时三十分，xx乡党委召开2021年度民主生活会。",
     ("二○二一年十二月二十八日", 2021, 12, 28, False)),
    # 零 as zero, 号 for the day
    ("二零二二年一月五号，机关党支部召开组织生活会。",
     ("二零二二年一月五号", 2022, 1, 5, False)),
    # traditional characters
    ("2022年1月14日，縣司法局黨組召開了2021年度民主生活會，黨組書記主持會議。",
     ("2022年1月14日", 2022, 1, 14, False)),
    # spaces inside, leading zeros
    ("2022 年 01 月 05 日，xx支部召开组织生活会。", ("2022 年 01 月 05 日", 2022, 1, 5, False)),
    # 于…召开, the place between date and verb
    ("会议于2022年1月15日在党员活动室召开，xx同志主持。", ("2022年1月15日", 2022, 1, 15, False)),
    # weekday in brackets, then the time of day
    ("本次组织生活会于2023年1月15日（星期日）上午召开。", ("2023年1月15日", 2023, 1, 15, False)),
    # 元月
    ("2022年元月18日，镇党委召开民主生活会。", ("2022年元月18日", 2022, 1, 18, False)),
    # a numeric date after a label
    ("xx党支部组织生活会简报\n会议时间：2022.01.15\n会议地点：支部活动室\n",
     ("2022.01.15", 2022, 1, 15, False)),
    # a month without its day
    ("我局党组于2022年1月召开了2021年度民主生活会，班子成员全部参加。",
     ("2022年1月", 2022, 1, None, False)),
])
def test_date_forms(text, want):
    assert date_of(text) == want


@pytest.mark.parametrize("text, want", [
    ("1月18日至19日，xx支部召开2021年度组织生活会。", ("1月18日至19日", 18)),
    ("2022年1月18日-19日，县委常委班子召开民主生活会。", ("2022年1月18日-19日", 18)),
    ("2021年12月30日至31日，局党组召开民主生活会。", ("2021年12月30日至31日", 30)),
    ("2022年1月18—19日，县委常委班子召开民主生活会。", ("2022年1月18—19日", 18)),
    ("2022年1月31日至2月1日，镇党委召开民主生活会。", ("2022年1月31日至2月1日", 31)),
])
def test_a_range_gives_its_first_day(text, want):
    d = meeting_date(text)
    assert (d["text"], d["day"]) == want


# --- masked dates -------------------------------------------------------------------

@pytest.mark.parametrize("text, written", [
    ("xx党组于xxxx年x月xx日召开民主生活会。", "xxxx年x月xx日"),
    ("XXXX年X月XX日上午X时，住房保障中心召开了组织生活会。", "XXXX年X月XX日"),
    ("×月××日，xx党支部召开专题组织生活会。", "×月××日"),
    ("○月○日，xx党支部召开组织生活会。", "○月○日"),
    ("20××年×月×日，xx支部召开组织生活会。", "20××年×月×日"),
    ("某年某月某日，xx支部召开组织生活会。", "某年某月某日"),
])
def test_masked_dates_are_redacted_with_nulls(text, written):
    assert date_of(text) == (written, None, None, None, True)


def test_masked_date_gets_no_inferred_year():
    report = report_with_title("召开2021年专题组织生活会情况汇报（局机关）\n"
                               "x月xx日下午，xx局党支部组织在职党员召开党史学习教育专题组织生活会。\n")
    d = extract(report)["meeting_date"]
    assert (d["text"], d["year"], d["month"], d["day"], d["redacted"]) == ("x月xx日", None, None, None, True)


def test_partly_masked_date_keeps_what_is_written():
    d = meeting_date("2022年x月xx日，xx支部召开组织生活会。")
    assert (d["year"], d["month"], d["day"], d["redacted"]) == (2022, None, None, True)


# --- the year of a date written without one -----------------------------------------------

@pytest.mark.parametrize("title, body, year", [
    # December meeting reviewing 2021 → 2021; January → the next year
    ("xx支部2021年度组织生活会召开情况", "12月28日，xx支部召开组织生活会。", 2021),
    ("xx支部2021年度组织生活会召开情况", "1月12日，xx支部召开组织生活会。", 2022),
    ("xx局党组2022年度民主生活会情况报告", "2月8日，县林业局党组召开民主生活会。", 2023),
    # a themed meeting named with its year
    ("召开2021年党史学习教育专题组织生活会情况报告", "10月18日至19日，支部召开专题组织生活会。", 2021),
    ("xx支部2023年主题教育组织生活会情况", "11月2日，支部召开主题教育组织生活会。", 2023),
    # the 年度 named in the body
    ("关于召开民主生活会的情况报告", "12月30日，我局党组召开了2021年度民主生活会。", 2021),
    ("关于召开民主生活会的情况报告", "1月20日，我局党组召开了二〇二一年度民主生活会。", 2022),
    # the current 年度, not the previous one whose rectification is reported
    ("关于召开民主生活会的情况报告",
     "1月20日，我局党组召开了2022年度民主生活会，通报了2021年度民主生活会整改情况。", 2023),
])
def test_missing_year_inferred_when_certain(title, body, year):
    d = extract(report_with_title(f"{title}\n{body}\n"))["meeting_date"]
    assert d["year"] == year and d["redacted"] is False


@pytest.mark.parametrize("title, body", [
    # no year anywhere
    ("关于召开组织生活会的情况报告", "12月28日，xx支部召开组织生活会。"),
    # "2021年民主生活会" held in January could be 2021 or 2022
    ("xx党委2021年民主生活会情况报告", "1月15日，党委召开民主生活会。"),
    # a 年度 meeting in June: no certainty
    ("xx支部2021年度组织生活会召开情况", "6月12日，xx支部召开组织生活会。"),
    # a masked 年度
    ("xx党组xxxx年度民主生活会情况报告", "12月28日，xx党组召开民主生活会。"),
    # a themed meeting in January under a year: may be that 年度's meeting, held the next year
    ("xx党委2021年党史学习教育专题民主生活会情况报告", "1月15日，党委召开专题民主生活会。"),
])
def test_missing_year_stays_null_when_uncertain(title, body):
    d = extract(report_with_title(f"{title}\n{body}\n"))["meeting_date"]
    assert d["year"] is None and d["month"] is not None


# --- which date is the meeting's -------------------------------------------------------

def test_signing_date_alone_on_the_last_line_is_not_the_meeting_date():
    text = ("xx局党组2022年度民主生活会情况报告\n"
            "按照县委统一部署，局党组认真开好民主生活会，现将有关情况报告如下。\n"
            "中共xx局党组\n"
            "2023年1月20日\n")
    assert meeting_date(text)["text"] is None


def test_signing_date_ignored_when_meeting_date_given():
    text = ("xx局党组2022年度民主生活会情况报告\n"
            "1月15日，xx局党组召开2022年度民主生活会。\n"
            "中共xx局党组\n"
            "二〇二三年一月二十日\n")
    d = meeting_date(text)
    assert (d["text"], d["year"], d["month"], d["day"]) == ("1月15日", 2023, 1, 15)


def test_unit_and_signing_date_on_one_line_ignored():
    text = ("关于召开组织生活会的情况报告\n"
            "支部认真查摆问题，扎实推进整改落实。\n"
            "中共xx支部委员会 2022年1月20日\n")
    assert meeting_date(text)["text"] is None


def test_notice_date_is_not_the_meeting_date():
    text = ("2021年12月20日，县委组织部印发《关于开好2021年度民主生活会的通知》，"
            "要求各单位认真开好民主生活会。12月30日，我局党组召开了民主生活会。")
    d = meeting_date(text)
    assert (d["text"], d["year"], d["month"], d["day"]) == ("12月30日", 2021, 12, 30)


@pytest.mark.parametrize("text", [
    "根据县委2021年12月1日下发的通知精神，支部认真做好会前准备。",
    "认真学习《2021年12月20日县委常委会会议纪要》，做好准备。",
    "按照《关于开好民主生活会的通知》（2021年12月20日）要求，认真准备。",
    "各支部须于1月10日前完成谈心谈话，1月15日前报送对照检查材料。",
    "截至2022年1月10日，共征求意见建议12条。",
    "2021年12月以来，支部召开组织生活会筹备工作持续推进。",
])
def test_document_dates_deadlines_and_periods_are_not_meeting_dates(text):
    assert meeting_date(text)["text"] is None


def test_relayed_meeting_date_loses_to_the_meeting():
    text = ("会上，传达了县委12月20日召开的全县组织生活会部署会议精神。"
            "在12月28日召开的组织生活会上，全体党员开展了批评和自我批评。")
    assert meeting_date(text)["text"] == "12月28日"


def test_preparation_dates_lose_to_the_meeting_section():
    text = ("xx党组召开2022年度民主生活会情况报告\n"
            "一、会前准备情况\n"
            "12月10日，党组召开党组会，研究制定了民主生活会实施方案。12月12日至20日，开展谈心谈话。\n"
            "二、会议召开情况\n"
            "12月29日，xx党组召开2022年度民主生活会，党组书记主持会议。\n")
    d = meeting_date(text)
    assert (d["text"], d["year"], d["day"]) == ("12月29日", 2022, 29)


def test_meeting_date_label_in_a_brief_wins():
    text = ("xx党支部召开组织生活会\n"
            "2022年1月10日，支部召开支委会研究会议方案。\n"
            "会议时间：2022年1月15日上午9:00\n"
            "会议地点：三楼会议室\n")
    assert meeting_date(text)["text"] == "2022年1月15日"


@pytest.mark.parametrize("label", ["【会议时间】", "【时间】", "会议时间：", "时间:"])
def test_labelled_date_on_the_last_line_is_not_a_signing_date(label):
    text = f"xx支部简报\n2022年1月10日，支部召开支委会。\n{label}2022年1月15日\n"
    assert meeting_date(text)["text"] == "2022年1月15日"


def test_line_label_time_in_a_record():
    text = "xx支部组织生活会会议记录\n时间：二〇二二年一月二十日\n地点：支部活动室\n主持人：张三\n"
    d = meeting_date(text)
    assert (d["text"], d["year"], d["month"], d["day"]) == ("二〇二二年一月二十日", 2022, 1, 20)


def test_web_chrome_dates_ignored():
    text = ("首页 > 工作动态 > 基层党建\n"
            "xx县林业局党组召开2022年度民主生活会\n"
            "发布时间：2023-02-10 09:30  浏览次数：125\n"
            "2月8日，县林业局党组召开2022年度民主生活会。\n")
    d = meeting_date(text)
    assert (d["text"], d["year"], d["month"], d["day"]) == ("2月8日", 2023, 2, 8)


def test_no_date_gives_nulls():
    d = meeting_date("近日，xx支部召开组织生活会，全体党员参加会议。")
    assert d == {"text": None, "start": None, "end": None, "year": None, "month": None,
                 "day": None, "redacted": False}


def test_each_report_of_a_file_has_its_own_date():
    text = ("xx局党组2022年度民主生活会情况报告\n\n"
            "2023年1月15日，xx局党组召开2022年度民主生活会，会议由党组书记主持。"
            "会前，党组认真开展谈心谈话，广泛征求意见建议，撰写了对照检查材料。\n\n\n"
            "xx镇党委2022年度民主生活会情况报告\n\n"
            "2023年2月3日，xx镇党委召开2022年度民主生活会，会议由党委书记主持。会前广泛征求意见。\n")
    records = extract_text(text)
    assert [r.meeting_date.day for r in records] == [15, 3]
    for r in records:
        assert r.text[r.meeting_date.start:r.meeting_date.end] == r.meeting_date.text


def test_span_is_grounded_in_the_original_text():
    text = "  二○二二年一月十二日，第一党支部召開組織生活會。"
    d = meeting_date(text)
    records = extract_text(text)
    assert records[0].text[d["start"]:d["end"]] == d["text"] == "二○二二年一月十二日"


@pytest.mark.parametrize("text, want", [
    # the signing date at the foot came after the meeting
    ("关于召开组织生活会的情况报告\n1月24日，第一党支部召开组织生活会。\n\n第一党支部\n2024年1月26日\n", 2024),
    ("12月28日，第一党支部召开组织生活会。\n\n第一党支部\n2024年1月5日\n", 2023),
    # a cited notice came before it
    ("根据县委组织部2016年12月20日通知要求，元月十日，乡党委召开民主生活会。", 2017),
])
def test_missing_year_from_another_full_date(text, want):
    from extractor.run.api import extract_text

    record = extract_text(text)[0]
    # the year reviewed is not read from a year the date borrowed from another date
    assert (record.meeting_date.year, record.year) == (want, None)


# --- dates written in a short or broken way ---------------------------------------------

@pytest.mark.parametrize("text, want", [
    # a month alone, said with 份: the year from the 年度 the meeting reviews (February → next year)
    ("按照上级部署，市妇幼保健院党委于3月份召开了2019年度民主生活会，班子成员逐一发言。",
     ("3月份", 2020, 3, None, False)),
    # a span of days opened by 自: its first day, not the start of a period
    ("自4月8日至15日，学院各党支部陆续召开组织生活会，开展民主评议党员。", ("4月8日至15日", None, 4, 8, False)),
    # the day written without 日 before the time of day
    ("5月17晚7点，第二党支部在线召开组织生活会，支部书记主持。", ("5月17", None, 5, 17, False)),
    # 月 lost between month and day: read only when one cut of the digits is a date
    ("2018年412日上午，机关党支部在二楼会议室召开组织生活会。", ("2018年412日", 2018, 4, 12, False)),
    ("（通讯员 林清）1125日下午，实验中学党支部召开组织生活会。", ("1125日", None, 11, 25, False)),
    # a year glued to the month and day: two digits left (201593日)
    ("201593日，实验小学召开了学校领导班子民主生活会。", ("201593日", 2015, 9, 3, False)),
    # a day alone opening the account, its month left unsaid
    ("8日，县政协党组召开专题民主生活会，党组书记主持会议。", ("8日", None, None, 8, False)),
    # or inside the sentence, right before the time of day or 召开 with the meeting named
    ("县人大常委会党组16日召开主题教育专题民主生活会。", ("16日", None, None, 16, False)),
    ("（记者 赵宁）县委常委班子于二十七日上午召开民主生活会。", ("二十七日", None, None, 27, False)),
])
def test_short_and_broken_dates(text, want):
    assert date_of(text) == want


@pytest.mark.parametrize("text", [
    "（通讯员 林清）111日下午，实验中学党支部召开组织生活会。",  # 1月11日 or 11月1日
    "会后，支部在15日内将会议情况报送上级党委。",             # a time limit, not a day alone
    "自4月8日起，各党支部陆续召开组织生活会。",               # the start of a period
    "支部规定每月15日召开主题党日，按时参加组织生活会。",     # a rule, after 每月
    "按要求在10日召开会议前报送对照检查材料。",               # no meeting named after 召开
])
def test_no_date_from_an_ambiguous_or_unanchored_form(text):
    assert date_of(text)[0] is None


def test_the_end_of_a_span_of_days_is_no_day_alone():
    text = "县林业局党组于2021年12月27日至28日召开了专题民主生活会，党组书记主持。"
    assert date_of(text) == ("2021年12月27日至28日", 2021, 12, 27, False)


def test_the_last_day_of_a_span_is_not_the_meeting_s_day():
    # the branches met during the span; the committee on a day of its own
    text = ("12月2至12月9日，医院党委安排各党支部分批开展专题组织生活会。12月5日，医院党委召开"
            "专题组织生活会，党委书记主持。")
    assert date_of(text)[:4] == ("12月5日", None, 12, 5)
    # a span written with its years: its first day, with what is said after its last
    text = "2019年12月16日至2020年1月9日，市委常委们分别参加各县委常委班子专题民主生活会。"
    assert date_of(text)[:4] == ("2019年12月16日", 2019, 12, 16)


def test_a_page_s_time_stamp_is_not_the_meeting_s_day():
    # labelled 时间： like a meeting's time, but with the seconds of a system's clock
    text = ("县医院召开领导班子专题民主生活会\n时间:2020-01-13 19:18:32\n"
            "按照统一部署，我院于2月3日下午3点召开领导班子专题民主生活会。")
    got = date_of(text)
    assert (got[0], got[2], got[3]) == ("2月3日", 2, 3)
    assert date_of("会议时间：2020年1月13日 14:30\n地点：三楼会议室\n")[:4] == ("2020年1月13日", 2020, 1, 13)


def test_a_place_named_after_training_is_no_other_meeting():
    # 培训 in the room's name does not make the day a training's
    text = "3月7日，第二党支部在职工培训中心大培训室开展支部组织生活会，支部书记主持。"
    assert date_of(text)[:4] == ("3月7日", None, 3, 7)
    assert date_of("3月7日，第二党支部召开培训会，部署组织生活会。")[0] is None


def test_a_meeting_named_as_another_meeting_s_business_is_not_held_that_day():
    text = ("3月6日下午，公司党委召开支部书记工作例会，对组织生活会进行部署。3月中下旬，各支部陆续召开组织生活会。")
    assert date_of(text)[:4] == ("3月中下旬", None, 3, None)
    # joined into one meeting, the day is the meeting's
    assert date_of("3月6日，第一党支部召开支委会暨组织生活会，支部书记主持。")[:4] == ("3月6日", None, 3, 6)


@pytest.mark.parametrize("text, want", [
    ("1月下旬，县审计局党组召开了2023年度民主生活会，班子成员逐一作对照检查。", ("1月下旬", 2024, 1, None, False)),
    ("12月底，机关各党支部召开组织生活会，开展民主评议党员。", ("12月底", None, 12, None, False)),
    # a span of parts of months: its first
    ("2月下旬至3月中旬，学院8个党支部陆续召开组织生活会。", ("2月下旬至3月中旬", None, 2, None, False)),
])
def test_a_part_of_a_month(text, want):
    assert date_of(text) == want
