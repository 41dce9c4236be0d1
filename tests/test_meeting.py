"""meeting_type, theme, member_review (extractor/fields/meeting.py)."""
import pytest

from extractor.text import layout
from extractor.text.normalize import normalize

from meeting_reports import fields, record, ANNUAL_DSH, ZHEN, NO_TITLE, TRAD, THEMED, INITIAL, XUNCHA, ZHONGXIN


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


def test_held_meeting_outweighs_many_mentions_of_the_other_kind():
    text = ("近日，xx局党组召开2022年度民主生活会。会议要求，各党支部要认真开好组织生活会，组织生活会要聚焦主题，"
            "组织生活会前要深入谈心谈话，组织生活会后要抓好整改，确保组织生活会质量。\n")
    assert fields(text)["meeting_type"] == "民主生活会"


def test_a_notice_about_member_review_without_book_marks_is_not_one():
    text = "根据县委组织部关于开展民主评议党员工作的通知要求，支部召开了组织生活会。\n"
    assert fields(text)["member_review"] is False


@pytest.mark.parametrize("text, want", [
    # a combined meeting whose other half is 专题
    ("3月2日，市政协党组召开2020年度民主生活会暨巡视整改专题民主生活会。", "专题民主生活会"),
    # a campaign named in quotes before 党小组会暨民主生活会
    ("研究生第五党支部召开“软弱涣散专项整治”党小组会暨民主生活会，查摆问题。", "专题民主生活会"),
    # the body calls this meeting 专题
    ("12月28日，市医院领导班子召开了民主生活会。局长就开好这次专题民主生活会提出要求。", "专题民主生活会"),
    # …but not when the held meeting is the annual one
    ("支部召开2022年度组织生活会。书记指出，本次专题组织生活会气氛融洽。", "组织生活会"),
    # the meeting held (开展) first; the 专题 meetings of the groups are other meetings
    ("4月2日，病理科党支部在三楼会议室开展组织生活会，对各党小组召开专题组织生活会查摆的问题进行反馈。",
     "组织生活会"),
    # the campaign named in short (党的群众路线) before the meeting
    ("9月3日，机械公司召开“党的群众路线”民主生活会，班子成员逐一对照检查。", "专题民主生活会"),
    # the body says this annual meeting is a themed one too
    ("1月26日，集团党组召开2025年度民主生活会。本次民主生活会既是2025年度民主生活会，又是深入贯彻"
     "中央八项规定精神学习教育专题民主生活会。", "专题民主生活会"),
])
def test_special_meeting_named_in_the_body(text, want):
    assert fields(text)["meeting_type"] == want


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


def test_member_review_told_as_background_is_not_this_meetings():
    text = ("集团公司党委召开民主生活会，党委成员开展批评和自我批评。据悉，下辖的四个党支部已于3月下旬"
            "开展了组织生活会及党员民主评议工作。")
    assert fields(text)["member_review"] is False


@pytest.mark.parametrize("text, want", [
    # the held verb after the meeting's name: the combined meeting's other half is 专题
    ("1月9日，城西分院2023年度领导班子民主生活会暨巡视整改专题民主生活会在三楼会议室召开，院长主持。"
     "会前，班子围绕民主生活会要求开展学习。", "专题民主生活会"),
    ("1月9日，城西分院2023年度领导班子民主生活会在三楼会议室召开。会前，大家为开好这次会议做了准备。",
     "民主生活会"),
    # 生活会前 / 生活会后 name the meeting's time, they do not outvote its full name
    ("一是严把准备关。召开民主生活会前，班子认真学习，为开好专题民主生活会打下基础。"
     "二是严把整改关。民主生活会后，班子制订整改清单。", "专题民主生活会"),
    # a 组织生活测评会 is an organisational life meeting
    ("4月2日，东湖社区党总支召开党员组织生活测评会，对党员逐个进行测评。", "组织生活会"),
])
def test_meeting_named_after_its_verb_or_around_its_time(text, want):
    assert fields(text)["meeting_type"] == want


def test_meeting_names_found_at_their_first_characters_are_those_of_the_full_scan():
    from pathlib import Path
    from extractor.fields import meeting as meeting_module
    from extractor.match.gates import matches_at_first_chars
    c = meeting_module.cues()
    assert c.kind_first is not None  # else the shortcut is off
    texts = ["召开民主生活会和组织生活会，民主民主生活测评会；组织组织生活会"]
    texts += [p.read_text(encoding="utf-8", errors="replace")
              for p in sorted((Path(__file__).parent / "corpus").glob("*.txt"))]
    for text in texts:
        assert [m.span() for m in matches_at_first_chars(text, c.kind, c.kind_first)] \
            == [m.span() for m in c.kind.finditer(text)]
