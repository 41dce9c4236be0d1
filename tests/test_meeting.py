"""meeting_type, theme, year, organization, member_review (extractor/fields/meeting.py)."""
import pytest

from extractor import extract_text
from extractor.fields import meeting
from extractor.text import layout
from extractor.text.normalize import blank_out, normalize
from extractor.report import Report


def make_report(text, **fields):
    """A Report as the pipeline hands it to meeting.extract (title found, chrome blanked)."""
    view = normalize(text)
    report = Report(text, blank_out(view, layout.chrome_spans(view)))
    line = layout.find_title(report.view)
    if line is not None:
        span = report.span(line.start, line.end)
        report.title = (span["start"], span["end"])
    report.fields.update(fields)
    return report


def fields(text, **earlier):
    return meeting.extract(make_report(text, **earlier))


def record(text):
    (rec,) = extract_text(text)
    return rec


ANNUAL_DSH = ("中共××县财政局党组\n关于召开2022年度民主生活会情况的报告\n\n县委组织部：\n"
              "根据《关于认真开好2022年度民主生活会的通知》（×组通〔2023〕3号）要求，县财政局党组于2023年"
              "1月12日召开了2022年度民主生活会。会议由局党组书记、局长张建国同志主持，县委常委、组织部部长"
              "李红梅同志到会指导。会上，通报了2021年度民主生活会整改落实情况，班子成员逐一作对照检查，"
              "开展批评和自我批评，对领导班子和班子成员进行了民主测评。\n\n中共××县财政局党组\n2023年1月15日\n")

ZHEN = ("召开2021年专题组织生活会情况报告（镇乡）\n\n根据《关于召开党史学习教育专题组织生活会的通知》"
        "（xx学办发〔xxxx〕x号）文件要求，我镇高度重视，认真组织开展了党史学习教育专题民主生活会。"
        "我镇于x月x日组织机关支部全体党员召开党史学习教育专题组织生活会，现将会议开展情况汇报如下：\n"
        "一、会议准备情况\n为召开此次专题组织生活会，我镇进行了充分的准备。\n")

NO_TITLE = ("根据《关于召开党史学习教育专题组织生活会的通知》（X湖管学组〔XXXX〕X号）要求，经报请同意，"
            "于XXXX年X月XX日召开了办公室党支部党史学习教育专题组织生活会。下面将组织生活会召开情况汇报如下。\n"
            "一、会前准备情况\n一是深入学习理论知识。\n")

TRAD = ("首页 > 党建工作 > 基层动态\n第三党支部召开2021年度組織生活會暨民主評議黨員大會\n"
        "發布時間：2022-01-20  來源：機關黨委  瀏覽次數：356\n"
        "1月18日下午，市住建局機關第三黨支部召開2021年度組織生活會，開展民主評議黨員。支部全體黨員23人"
        "參加會議。按照民主評議黨員的程序，全體黨員進行了民主測評，評定優秀黨員5名。\n")

THEMED = ("机关第一党支部学习贯彻习近平新时代中国特色社会主义思想主题教育专题组织生活会情况报告\n"
          "按照机关党委统一部署，2023年10月20日，机关第一党支部召开主题教育专题组织生活会。"
          "本次组织生活会不开展民主评议党员。会上，支部书记代表支委会报告了主题教育开展情况。\n")

INITIAL = ("关于召开“不忘初心、牢记使命”专题民主生活会情况的报告\n"
           "XX局党组于2020年1月8日召开了“不忘初心、牢记使命”专题民主生活会，市委第三巡回指导组到会指导。\n")

XUNCHA = ("xx区卫健委党委召开巡察整改专题民主生活会\n11月25日，xx区卫健委党委领导班子召开巡察整改专题"
          "民主生活会，区委第二巡察组组长×××到会指导。\n")

ZHONGXIN = ("召开2021年专题组织生活会情况报告（中心）\n\nxxxx年x月xx日上午x时，住房保障中心所属各支部根据"
            "县委组织部工作部署，在党史学习教育领导小组指导下，积极准备、精心组织召开了组织生活会。"
            "现将开展情况报告如下：\n一、在会议前期准备情况。各支部在召开组织生活会前开展了谈心谈话。\n")


# ---------------------------------------------------------------------- meeting_type

@pytest.mark.parametrize("text, want", [
    (ANNUAL_DSH, "民主生活会"),
    # the title wins over a stray 专题民主生活会 in the body
    (ZHEN, "专题组织生活会"),
    (NO_TITLE, "专题组织生活会"),
    # a 组织生活会 that carries out 民主评议 is still a 组织生活会 (traditional characters)
    (TRAD, "组织生活会"),
    (THEMED, "专题组织生活会"),
    (INITIAL, "专题民主生活会"),
    (XUNCHA, "专题民主生活会"),
    (ZHONGXIN, "专题组织生活会"),
])
def test_meeting_type(text, want):
    assert record(text).meeting_type == want


def test_annual_title_is_not_overridden_by_a_previous_special_meeting():
    text = ("xx局党组2023年度民主生活会情况报告\n1月20日，xx局党组召开2023年度民主生活会。会上，通报了"
            "主题教育专题民主生活会查摆问题整改落实情况，主题教育专题民主生活会整改任务已全部完成。\n")
    got = fields(text)
    assert got["meeting_type"] == "民主生活会"
    assert got["theme"] is None


def test_body_decides_without_a_title_by_the_held_meeting():
    # a cited notice about 民主生活会 does not outweigh the meeting that was held
    text = ("按照《关于认真开好民主生活会和组织生活会的通知》要求，2月10日，xx村党支部召开了2022年度组织生活会。"
            "会前，支部书记与党员开展了谈心谈话。会上，支部书记代表支委会作检视剖析，党员逐一发言。\n")
    assert fields(text)["meeting_type"] == "组织生活会"


def test_no_meeting_named():
    got = fields("xx党支部召开党员大会，传达学习全会精神。支部书记主持会议，全体党员参加。\n")
    assert got["meeting_type"] is None and got["theme"] is None


# ----------------------------------------------------------------------------- theme

@pytest.mark.parametrize("text, want", [
    (NO_TITLE, "党史学习教育"),
    (THEMED, "学习贯彻习近平新时代中国特色社会主义思想主题教育"),
    (INITIAL, "不忘初心、牢记使命主题教育"),
    (XUNCHA, "巡察整改"),
    # a 专题 meeting whose name carries no theme: the one the body keeps returning to
    (ZHONGXIN, "党史学习教育"),
    (ANNUAL_DSH, None),
    ("xx局党组召开以案促改专题民主生活会\n会议深入剖析典型案例，班子成员逐一对照检查。\n", "以案促改"),
])
def test_theme(text, want):
    assert fields(text)["theme"] == want


# ------------------------------------------------------------------------------ year

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


# ---------------------------------------------------------------------- organization

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


# --------------------------------------------------------------------- member_review

@pytest.mark.parametrize("text", [
    TRAD,
    "2022年3月4日，中心第二党支部召开了2021年度组织生活会，并对支部全体党员开展民主评议活动。\n",
    "xx支部召开组织生活会。会议还对党支部班子和全体党员进行了民主评议。\n",
    "民主评议党员结合组织生活会一并进行，按照个人自评、党员互评、民主测评的程序，对全体党员进行评议。\n",
    "随后参会人员对支部12名党员进行了民主测评，按照优秀、合格、基本合格和不合格四个等次进行了评价。\n",
    "四、民主评议党员情况\n支部23名党员全部参加评议，评定优秀党员5名。\n",
])
def test_member_review(text):
    assert fields(text)["member_review"] is True


@pytest.mark.parametrize("text", [
    THEMED,  # 本次组织生活会不开展民主评议党员
    ANNUAL_DSH,  # 民主测评 of the leading group only
    "会上，全体党员对党支部班子进行了民主测评。\n",  # the members voted; the branch committee was reviewed
    "会上，支部书记代表支部班子作对照检查汇报，并请党员进行评议。\n",
    "根据《关于开展2022年度组织生活会和民主评议党员工作的通知》要求，支部召开了组织生活会。\n",
    "会上，组织委员通报了有关安排，民主评议党员工作将于会后另行组织。\n",
    "下一步，支部将适时开展民主评议党员工作，进一步加强党员管理。\n",
])
def test_no_member_review(text):
    assert fields(text)["member_review"] is False


def test_samples_end_to_end(samples_dir):
    from extractor import extract_file
    recs = extract_file(samples_dir / "000_30de3536cd37ff6c.txt")
    assert [r.meeting_type for r in recs] == ["民主生活会"] + ["专题组织生活会"] * 5
    assert [r.year for r in recs] == [2021] * 6
    assert [r.organization for r in recs] == ["xx党组", "办公室党支部", "机关支部", "住房保障中心",
                                              "xx镇机关支部", "xx市xx局党支部"]
    assert not any(r.member_review for r in recs)


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


def test_year_of_a_long_themed_meeting_named_in_the_notice():
    text = ("市第二人民医院党委召开主题教育专题民主生活会情况报告\n市卫生健康委党组：\n按照《关于开好2023年度学习贯彻"
            "习近平新时代中国特色社会主义思想主题教育专题民主生活会的通知》（市主教组〔2023〕21号）要求，2024年1月26日"
            "下午，市第二人民医院党委召开主题教育专题民主生活会。会上通报了2022年度民主生活会整改落实情况。\n")
    got = fields(text, meeting_date={"year": 2024, "month": 1, "day": 26})
    assert got["year"] == 2023
    assert got["meeting_type"] == "专题民主生活会"
    assert got["theme"] == "学习贯彻习近平新时代中国特色社会主义思想主题教育"
    assert got["organization"] == "市第二人民医院党委"


def test_held_meeting_outweighs_many_mentions_of_the_other_kind():
    text = ("近日，xx局党组召开2022年度民主生活会。会议要求，各党支部要认真开好组织生活会，组织生活会要聚焦主题，"
            "组织生活会前要深入谈心谈话，组织生活会后要抓好整改，确保组织生活会质量。\n")
    assert fields(text)["meeting_type"] == "民主生活会"


def test_a_notice_about_member_review_without_book_marks_is_not_one():
    text = "根据县委组织部关于开展民主评议党员工作的通知要求，支部召开了组织生活会。\n"
    assert fields(text)["member_review"] is False


# --- news items: the unit that met, special meetings named in the body -------------------------

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


@pytest.mark.parametrize("text, want", [
    # a combined meeting whose other half is 专题
    ("3月2日，市政协党组召开2020年度民主生活会暨巡视整改专题民主生活会。", "专题民主生活会"),
    # a campaign named in quotes before 党小组会暨民主生活会
    ("研究生第五党支部召开“软弱涣散专项整治”党小组会暨民主生活会，查摆问题。", "专题民主生活会"),
    # the body calls this meeting 专题
    ("12月28日，市医院领导班子召开了民主生活会。局长就开好这次专题民主生活会提出要求。", "专题民主生活会"),
    # …but not when the held meeting is the annual one
    ("支部召开2022年度组织生活会。书记指出，本次专题组织生活会气氛融洽。", "组织生活会"),
])
def test_special_meeting_named_in_the_body(text, want):
    assert fields(text)["meeting_type"] == want


def test_year_of_a_combined_meeting_is_its_annual_year():
    assert fields("3月2日，市政协党组召开2020年度民主生活会暨巡视整改专题民主生活会。")["year"] == 2020


@pytest.mark.parametrize("text, want", [
    ("支部动态：档案系党支部组织生活会和民主评议党员\n时间：2017-03-12\n3月10日，支部召开会议。",
     "支部动态：档案系党支部组织生活会和民主评议党员"),
    ("附中党组织召开专题组织生活会及开展民主评议党员工作\n发布时间：2024-01-21\n正文。",
     "附中党组织召开专题组织生活会及开展民主评议党员工作"),
    # a title that a PDF line break cuts in two
    ("市中级人民法院党组关于2025年度民主生活\n会召开情况的报告\n市委：\n根据统一部署，召开了会议。",
     "市中级人民法院党组关于2025年度民主生活\n会召开情况的报告"),
])
def test_titles_of_news_items(text, want):
    line = layout.find_title(normalize(text))
    assert line is not None and text[line.start:line.end] == want


def test_member_review_required_in_a_speech_is_not_done():
    text = "督导组长讲话，提出四点要求：一是切实负起责任，认真做好民主评议工作；二是加强组织建设。"
    assert fields(text)["member_review"] is False
    assert fields("会后，支部对全体党员进行了民主评议。")["member_review"] is True


@pytest.mark.parametrize("text, want", [
    # no 年度 names the meeting: the year of the work it reviewed
    ("3月1日，支部召开组织生活会。书记代表支委汇报了2021年度工作开展情况。", 2021),
    ("支部召开组织生活会和民主评议党员大会，推选出2020年度支部优秀共产党员。", 2020),
    # a date written without 年 and 月
    ("2021316日上午，退休党支部召开组织生活会。", 2021),
])
def test_year_without_a_年度_of_the_meeting(text, want):
    assert fields(text)["year"] == want


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


def test_member_review_told_as_background_is_not_this_meetings():
    text = ("集团公司党委召开民主生活会，党委成员开展批评和自我批评。据悉，下辖的四个党支部已于3月下旬"
            "开展了组织生活会及党员民主评议工作。")
    assert fields(text)["member_review"] is False
