"""Attendance (attendance.py): expected / present / absent members, evidence, warnings."""
import pytest

from extractor import extract_text
from extractor.fields.attendance import extract
from extractor.text.normalize import normalize
from extractor.report import Report

from conftest import assert_grounded


def run(text: str) -> tuple[dict, list[str]]:
    report = Report(text, normalize(text))
    found = extract(report)["attendance"]
    for ev in found["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]
    return found, report.warnings


def counts(text: str) -> tuple:
    a, _ = run(text)
    return a["expected"], a["present"], a["absent"], a["redacted"]


@pytest.mark.parametrize("text, want", [
    # RECORD.md examples
    ("12月28日，xx乡党委召开2021年度民主生活会，全体党员21人参加。", (21, 21, 0)),
    ("1月10日，局党组召开民主生活会，班子成员6人全部参加。", (6, 6, 0)),
    ("12月28日，xx支部召开组织生活会，8人参加，1名同志因公出差未参加。", (9, 8, 1)),
    # 应到 / 实到 / 请假
    ("第一党支部召开组织生活会。支部应到党员11人，实到10人，1人因病请假。", (11, 10, 1)),
    ("会议应到会9人，实到会8人。", (9, 8, 1)),
    ("本次会议应到9人，实到9人。", (9, 9, 0)),
    ("应参会党员32名，实际参会30名，2名同志因病请假。", (32, 30, 2)),
    ("应出席会议委员9名，实际出席9名。", (9, 9, 0)),
    # Chinese numerals
    ("支部召开专题组织生活会，支部现有党员二十六名，参会二十四名，两名同志请假。", (26, 24, 2)),
    ("党委召开民主生活会，应到十一人，实到十人，缺席一人。", (11, 10, 1)),
    # a brief's key-value lines
    ("时间：二〇二二年一月二十日\n应到：15人  实到：14人  缺席：1人（李四，因公出差）", (15, 14, 1)),
    ("会议时间：2022年1月15日\n应到人数：9人  实到人数：9人", (9, 9, 0)),
    # 共有 … 参会 / 出席 / 到会
    ("支部召开组织生活会，共有党员15名，到会党员13名。", (15, 13, 2)),
    ("支部召开组织生活会，出席会议党员19名，因事请假2名。", (21, 19, 2)),
    ("参加会议的党员共15人，1名党员因外出务工请假。", (16, 15, 1)),
    # everyone came
    ("党委召开民主生活会，县委常委班子成员11人全部参加。", (11, 11, 0)),
    ("全体11名党员参加会议。", (11, 11, 0)),
    ("局党组召开民主生活会，班子成员6人，全部参加。", (6, 6, 0)),
    ("支部共有党员12名，其中正式党员11名、预备党员1名，全部参加会议。", (12, 12, 0)),
    ("会议应到党员9名，无人缺席。", (9, 9, 0)),
    # named members away
    ("除王刚同志因公出差外，其余8名班子成员全部参加会议。", (9, 8, 1)),
    ("会议实到7人，张三、李四同志因公请假。", (9, 7, 2)),
    ("实到会班子成员7名（x同志因公请假）。", (8, 7, 1)),
    # traditional characters
    ("縣林業局黨組召開民主生活會，應到9人，實到8人，1人請假。", (9, 8, 1)),
    ("會議應到黨員二十三名，實到二十一名，兩名黨員因外出務工請假。", (23, 21, 2)),
    # the count in brackets
    ("支部全体党员（共21人）参加会议。", (21, 21, 0)),
    # named members away, without 同志, a role for a name, a masked name
    ("实到8人，王五因公外出未参加会议，会后进行了补课。", (9, 8, 1)),
    ("会议期间，支部书记因公请假，实到6人。", (7, 6, 1)),
    ("应到9人，实到8人，王某某同志因病请假。", (9, 8, 1)),
    ("刘洋（女）、陈明、周静（女）三名同志请假。实到11人。", (14, 11, 3)),
    # two groups under 全体; the members counted right before 实到; labelled minutes lines
    ("支部全体正式党员和预备党员共31人参加。", (31, 31, 0)),
    ("党组书记主持会议，党组成员6名，实到6名。", (6, 6, 0)),
    ("出席人员：党组成员4人（乐正海、仇晓燕、蓝天佑、单于明）\n缺席人员：无\n", (4, 4, 0)),
    ("出席人员：支委委员5人\n请假人员：0人\n", (5, 5, 0)),
    # a total of those who came, then its parts
    ("共有25名学生党员、15名正式党员以及10名预备党员参加会议。", (None, 25, None)),
])


def test_attendance_phrasings(text, want):
    assert counts(text)[:3] == want


@pytest.mark.parametrize("text, want", [
    ("会议时间：2022年1月15日\n参加会议人员：张三、李四、王五、赵六\n缺席：孙七（因公出差）\n", (5, 4, 1)),
    ("出席：张三、李四、王五\n请假人员：赵六（病假）、孙七（事假）\n", (5, 3, 2)),
    ("参会人员：xx、xx、xx等9名同志。", (None, 9, None)),
])
def test_lists_of_names_in_minutes(text, want):
    assert counts(text)[:3] == want


@pytest.mark.parametrize("text", [
    "在县委督导组的指导下，全体党员21人参加会议。",
    "班子成员21人全部参加会议，并接受县委督导组现场督导。",
])
def test_guidance_elsewhere_in_the_sentence_does_not_hide_the_members(text):
    assert counts(text)[:3] == (21, 21, 0)


@pytest.mark.parametrize("text, want", [
    # only present stated: the others stay unknown
    ("县司法局党组召开了民主生活会，党组成员5人参加了会议，局机关各股室负责人列席。", (None, 5, None)),
    ("本次会议共有21名党员参加，县委组织部xx同志列席。", (None, 21, None)),
    ("局黨組班子成員5人參加會議，縣紀委監委派駐紀檢監察組組長張偉列席會議。", (None, 5, None)),
])
def test_only_what_is_stated(text, want):
    assert counts(text)[:3] == want


@pytest.mark.parametrize("text, want", [
    ("会议期间，党组x名成员全部参加会议。", (None, None, 0, True)),
    ("xx镇机关支部召开了全体党员大会，共有党员xx人，参会xx人。", (None, None, None, True)),
    ("应到xx人，实到xx人，x人请假。", (None, None, None, True)),
    ("x月x日，xx党委召开民主生活会，党委委员x人参加。", (None, None, None, True)),
])
def test_masked_counts_are_redacted(text, want):
    assert counts(text) == want


@pytest.mark.parametrize("text", [
    # 列席 / guidance are not members
    "会上，支部书记通报了检视问题情况，县委组织部xx同志等3人列席会议。",
    "县委第二督导组3名同志到会指导。",
    "邀请了3名群众代表参加会议。",
    "列席会议的有入党积极分子2名。",
    # counts of other things and other events
    "会前，党支部组织全体党员21人参加集中学习。",
    "共征求到意见建议12条，支部自查5条。",
    "立足工作实际，机关支部制定了谈心谈话实施方案，共谈话30余次。",
    "组织全体党员干部认真学习党的二十大精神。",
    "支部召开组织生活会，全体党员参加会议。",
    "有2名党员未参加过主题党日活动。",
    "x位党组成员共查摆出个人问题xx条。",
    "全镇共有党员1200名，基层党组织56个。",
    "部分党员因工作原因未参加会议。",
    "参会人员：支部全体党员",
    "列席人员：张三、李四",
    "会前，组织20名党员参加了县委举办的培训班。",
])
def test_not_attendance(text):
    a, _ = run(text)
    assert (a["expected"], a["present"], a["absent"], a["evidence"]) == (None, None, None, [])


def test_rest_of_the_members_are_present_only():
    a, _ = run("除书记因病住院外，其余6名同志全部参加会议。")
    assert (a["expected"], a["present"], a["absent"]) == (7, 6, 1)


def test_expected_from_membership_stated_earlier():
    text = ("xx支部共有党员15名，其中正式党员14名，预备党员1名。近年来，支部围绕中心工作，扎实开展各项工作，"
            "在抓党建促发展方面取得了明显成效，受到上级党组织的表彰，为全镇经济社会发展作出了积极贡献，"
            "党员队伍整体素质不断提升。\n1月12日，支部召开2022年度组织生活会，实到13人，2名同志因外出务工请假。")
    assert counts(text)[:3] == (15, 13, 2)


def test_counts_that_disagree_are_warned_about():
    a, warnings = run("会议应到10人，实到8人，缺席1人。")
    assert (a["expected"], a["present"], a["absent"]) == (10, 8, 1)
    assert any("attendance" in w for w in warnings)


def test_counts_that_agree_give_no_warning():
    _, warnings = run("会议应到10人，实到9人，缺席1人。")
    assert warnings == []


def test_evidence_covers_each_number_used():
    text = "支部应到党员11人，实到10人，1人因病请假。"
    a, _ = run(text)
    assert [ev["text"] for ev in a["evidence"]] == ["应到党员11人", "实到10人", "1人因病请假"]


def test_no_attendance_gives_empty_values():
    a, warnings = run("会议由支部书记主持，与会同志开展了批评和自我批评。")
    assert a == {"expected": None, "present": None, "absent": None, "redacted": False, "evidence": []}
    assert warnings == []


def test_end_to_end_record_is_grounded():
    text = ("关于召开2022年度组织生活会的情况报告\n"
            "2023年2月16日，机关党支部召开2022年度组织生活会，應參會黨員32名，實際參會30名，2名同志因病請假。"
            "县委组织部xx同志等2人列席会议。\n")
    record = extract_text(text)[0]
    assert_grounded(record)
    att = record.attendance
    assert (att.expected, att.present, att.absent, att.redacted) == (32, 30, 2, False)
    assert [ev.text for ev in att.evidence] == ["應參會黨員32名", "實際參會30名", "2名同志因病請假"]


@pytest.mark.parametrize("text, want", [
    # the member noun carries a qualifier (党员领导干部, 离退休党员)
    ("分院领导班子7名党员领导干部全部参加会议。", (7, 7, 0, False)),
    ("在本市居住的11名离退休党员参加了会议。", (None, 11, None, False)),
    # the members held the meeting themselves
    ("日前，城关镇机关支部45名党员分小组召开了组织生活会。", (None, 45, None, False)),
    # the membership said in passing
    ("会上对全体9名党员进行了民主测评。", (9, None, None, False)),
])
def test_members_qualified_or_counted_in_passing(text, want):
    assert counts(text) == want


def test_a_report_lists_its_stops_once_for_every_reader():
    from extractor.report import Report

    text = "会议应到7人，实到6人；1人请假。\n主持：张三！"
    report = Report(text, text)
    assert report.stops("。\n") == [16, 17]
    assert report.stops(",;") == []   # the view was not folded: ，；stay full-width
    assert report.stops("，；:：") == [6, 11, 20]
    assert report.all_stops is not None
    assert report.stops("人") == [5, 10, 13]   # not a stop character: read from the view


@pytest.mark.parametrize("text, want", [
    # the members' part of a total that counts activists too
    ("晚上7点，支部在活动室召开民主评议党员大会，党员11名，入党积极分子2名，共13名参加了会议。", (None, 11, None)),
    ("支部召开组织生活会，正式党员9人、发展对象1人，共计10人参加。", (None, 9, None)),
    # the members counted beside others who came
    ("会议由支部书记主持，包括书记在内的9名党员和3名群众代表参加了会议。", (None, 9, None)),
    # a total of members and others, not split: no count of members
    ("支部召开组织生活会，全体党员和群众代表共15人参加。", (None, None, None)),
    # a total of members only is the count of those who came
    ("支部召开组织生活会，党员共13名参加了会议。", (None, 13, None)),
])
def test_members_counted_with_others(text, want):
    a, warnings = run(text)
    assert (a["expected"], a["present"], a["absent"]) == want
    assert warnings == []
