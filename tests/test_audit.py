"""The compliance audit: elements, checklists ("profiles"), custom profiles (audit.py)."""
import pytest

from extractor.fields import agenda, audit, measures, problems
from extractor.schema import AUDIT_ELEMENTS, Audit


def run(nlp, text, meeting_type=None, profile=None):
    report = nlp(text)._.report
    report.fields["meeting_type"] = meeting_type  # member_review left unset: the cues decide
    for module in (problems, measures, agenda):
        report.fields.update(module.extract(report))
    result = audit.audit_report(report, profile)["audit"]
    Audit.model_validate(result)  # fits the record's schema
    for el in result["elements"].values():
        for ev in el["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    return result


def present(nlp, text, element):
    return run(nlp, text)["elements"][element]["present"]


# --- elements: positive and negative phrasings ---------------------------------------------

CASES = {
    "study": (
        ["会前，支部组织党员集中学习了党的二十大报告。", "党组理论学习中心组开展了三次学习研讨。", "全体党员学习了《中国共产党章程》。",
         "會前，支部組織黨員開展集中學習。", "会前，班子成员认真研读了指定的学习篇目。",
         "做好党组成员学习研究、征求意见、谈心谈话等准备工作。"],
        ["本次会议的主题是：认真学习贯彻党的二十大精神。", "认真组织召开了党史学习教育专题组织生活会。",
         "一、存在问题\n理论学习不够深入。\n二、整改措施\n1．加强理论学习，每月集中学习一次。\n2．改进作风。"],
    ),
    "solicit_opinions": (
        ["通过发放征求意见表、召开座谈会等方式，共征求到意见建议26条。", "听取了县府分管领导、部分机关单位、班子成员以及全体职工的意见。",
         "採取座談等方式徵求意見建議12條。"],
        ["他虚心接受同志们的批评意见。", "督导组组长提出了指导意见。"],
    ),
    "heart_to_heart": (
        ["党组书记与班子成员逐一谈心谈话。", "支委之间普遍开展谈心交心。", "与两位分管领导分别一对一谈心。"],
        ["会前准备不够充分。", "问题：一是谈心谈话不经常，交流不够深入；二是学习不够。",
         "一、会议情况\n会议开展了批评。\n二、下一步打算\n一是坚持开展谈心谈话。\n二是加强学习。"],
    ),
    "self_examination_materials": (
        ["班子成员认真撰写了对照检查材料。", "每名党员撰写了发言提纲。", "撰写了班子检视剖析材料。"],
        ["党员逐一作对照检查，开展批评。", "组织学习了党中央指定的学习材料。"],
    ),
    "previous_rectification": (
        ["会上，党组书记通报了2021年度民主生活会查摆问题整改落实情况。", "对上年民主生活会查摆问题做出了回顾。",
         "会议通报了上次民主生活会整改措施落实情况。", "会上，书记通报了前一年度专题民主生活会问题整改情况。",
         "会上，院党委书记通报了2019年度民主生活会整改落实、2020年度民主生活会征求意见等情况。"],
        ["通报了支委班子检视问题情况。", "会后将整改落实情况报送县委组织部。", "与以往相比，问题查摆更加深刻。",
         "会后，支部将及时把整改落实情况报告上级党委。"],
    ),
    "criticism": (
        ["班子成员逐一发言，开展批评和自我批评。", "党员逐一进行自我批评和相互批评。", "按照会议要求开展了批评和自我批评。",
         "在民主评议环节，党员们互相提出了中肯的意见。"],
        ["会议要求，要认真开展批评和自我批评。", "存在的问题：批评与自我批评开展不够，辣味不足。",
         "会议要求大家认真开展批评和自我批评。"],
    ),
    "problems": (
        ["班子共查摆出问题12条。", "深入检视存在的问题。", "发现还存在一些问题：一是学习不够深入；二是作风不实。"],
        ["会议由支部书记主持。"],
    ),
    "rectification": (
        ["逐一研究整改措施，制定出整改清单。", "班子制定了整改方案。"],
        ["会议由支部书记主持。", "会上通报了上年度整改措施落实情况。"],
    ),
    "supervision": (
        ["县委第三督导组组长李明同志到会指导并作点评。", "局党史学习教育指导组同志对会议进行了点评。",
         "县委常委、组织部部长赵刚同志到会指导。", "街道党工委书记点评讲话。", "院党委副书记刘洋参与并指导。",
         "学院党委委员、副院长孙琳同志列会指导。", "医院党委派出的组织生活质量观察员陈静同志对本次会议进行了点评。",
         "最后，区律师行业党委副书记吴明代表区律师行业党委对所党支部召开的这次组织生活会进行了点评。"],
        ["局党组书记王强以普通党员身份参加会议并到会指导。", "领导班子要深入基层调研，提出指导意见。",
         "会议在党史学习教育领导小组指导下召开。", "支部书记对每名党员的发言进行了总结。",
         "领导班子成员之间相互点评。", "会后，支部加强督导，确保整改到位。"],
    ),
    "member_review": (
        ["会上对全体党员进行民主评议。", "通过民主测评方式，对支部全体党员进行了评议。", "第二党支部召开组织生活会并开展民主评议党员。"],
        ["支部书记作对照检查汇报，并请党员进行评议。", "全体党员对党支部班子进行了民主测评。"],
    ),
    "report_upward": (
        ["会后，局党组将在15日内将会议情况和整改方案报送县委组织部。", "会后，社区党委将会议情况书面报告街道党工委。",
         "会议情况已按规定上报县纪委、县委组织部。", "会后15日内将会议情况书面报告上级党组织。"],
        ["县委组织部：\n现将我支部召开组织生活会情况报告如下。", "经报请同意，于12月5日召开了组织生活会。",
         "根据县委组织部工作部署，召开了专题组织生活会。", "要求在10日内完成整改。"],
    ),
}


@pytest.mark.parametrize("element", list(CASES))
def test_positive_phrasings(nlp, element):
    for text in CASES[element][0]:
        assert present(nlp, text, element), text


@pytest.mark.parametrize("element", list(CASES))
def test_negative_phrasings(nlp, element):
    for text in CASES[element][1]:
        assert not present(nlp, text, element), text


def test_every_element_has_cases_and_a_definition():
    assert set(CASES) == set(AUDIT_ELEMENTS) == set(audit.builtin_elements())


def test_member_review_follows_the_record_field(nlp):
    # the audit agrees with the record's member_review (meeting.py); cues give the evidence
    report = nlp("会议开展了民主评议。")._.report
    report.fields.update({"meeting_type": "组织生活会", "member_review": True})
    el = audit.audit_report(report)["audit"]["elements"]["member_review"]
    assert el["present"] and el["evidence"][0]["text"] == "会议开展了民主评议"
    report.fields["member_review"] = False
    el = audit.audit_report(report)["audit"]["elements"]["member_review"]
    assert not el["present"] and el["evidence"] == []


# --- checklists -----------------------------------------------------------------------------

FULL = ("会前，支部组织党员集中学习，广泛征求意见建议，开展了谈心谈话，撰写了对照检查材料。"
        "会上，通报了上年度整改落实情况，开展了批评和自我批评，查摆出问题5条，制定了整改措施。"
        "县委督导组同志到会指导。会后15日内将会议情况报送县委组织部。")


def test_default_checklists_per_meeting_type(nlp):
    r = run(nlp, FULL, "民主生活会")
    assert r["profile"] == "民主生活会" and r["complete"] and r["missing"] == []
    assert r["elements"]["report_upward"]["required"] and not r["elements"]["member_review"]["required"]
    r = run(nlp, FULL, "专题民主生活会")
    assert r["profile"] == "民主生活会" and r["elements"]["supervision"]["required"]
    r = run(nlp, FULL, "组织生活会")
    assert r["profile"] == "组织生活会" and r["missing"] == ["member_review"] and not r["complete"]
    r = run(nlp, FULL, "专题组织生活会")
    assert r["profile"] == "专题组织生活会" and r["complete"]
    assert not r["elements"]["supervision"]["required"] and not r["elements"]["member_review"]["required"]
    r = run(nlp, FULL, None)
    assert r["profile"] == "通用" and r["meeting_type"] is None


def test_missing_elements_are_listed_in_checklist_order(nlp):
    r = run(nlp, "会上开展了批评和自我批评。", "民主生活会")
    assert r["missing"] == [e for e in AUDIT_ELEMENTS if e not in ("criticism", "member_review")]
    assert not r["complete"]


def test_builtin_profiles_are_data():
    names = {p.name for p in audit.builtin_profiles()}
    assert {"民主生活会", "组织生活会", "专题组织生活会", "通用"} <= names
    assert audit.builtin_profile("专题民主生活会").name == "民主生活会"
    assert audit.builtin_profile(None).fallback


def test_custom_profile_adds_steps_and_elements(nlp, tmp_path):
    path = tmp_path / "unit.toml"
    path.write_text(
        'name = "xx县清单"\nextends = true\nrequired = ["report_upward", "oath"]\n'
        'not_required = ["solicit_opinions"]\n'
        '[meeting_types."专题组织生活会"]\nrequired = ["supervision"]\n'
        '[elements.oath]\nlabel = "重温入党誓词"\ncues = ["重温入党誓词"]\nnegative = ["(将|要)[^。]{0,6}重温"]\n',
        encoding="utf-8")
    profile = audit.load_profile(path)
    r = run(nlp, FULL + "会议最后，全体党员重温入党誓词。", "专题组织生活会", profile)
    assert r["profile"] == "xx县清单+专题组织生活会"
    assert r["elements"]["oath"] == {"present": True, "required": True, "evidence": r["elements"]["oath"]["evidence"]}
    assert r["elements"]["oath"]["evidence"][0]["text"] == "全体党员重温入党誓词"
    assert r["elements"]["report_upward"]["required"] and r["elements"]["supervision"]["required"]
    assert not r["elements"]["solicit_opinions"]["required"]
    assert r["complete"]
    r = run(nlp, FULL + "下一步，要重温入党誓词。", "专题组织生活会", profile)
    assert r["missing"] == ["oath"]


def test_custom_profile_replaces_the_checklist(nlp):
    profile = audit.load_profile({"name": "只查批评", "required": ["criticism"]})
    r = run(nlp, "会上开展了批评和自我批评。", "民主生活会", profile)
    assert r["profile"] == "只查批评" and r["complete"] and r["missing"] == []
    assert [e for e, el in r["elements"].items() if el["required"]] == ["criticism"]


def test_custom_profile_extends_a_builtin_element(nlp):
    profile = audit.load_profile({"name": "x", "required": ["study"],
                                  "elements": {"study": {"cues": ["读书班"]}}})
    assert run(nlp, "会前举办了读书班。", "组织生活会", profile)["elements"]["study"]["present"]
    assert not run(nlp, "会前举办了读书班。", "组织生活会")["elements"]["study"]["present"]


def test_bad_profiles_are_refused(tmp_path):
    with pytest.raises(audit.ProfileError, match="unknown element"):
        audit.load_profile({"required": ["no_such_step"]})
    with pytest.raises(audit.ProfileError, match="needs cues"):
        audit.load_profile({"elements": {"oath": {"label": "x"}}})
    with pytest.raises(audit.ProfileError, match="bad pattern"):
        audit.load_profile({"elements": {"oath": {"cues": ["(unclosed"]}}})
    bad = tmp_path / "bad.toml"
    bad.write_text("required = [", encoding="utf-8")
    with pytest.raises(audit.ProfileError, match="not valid TOML"):
        audit.load_profile(bad)
    with pytest.raises(audit.ProfileError, match="cannot read"):
        audit.load_profile(tmp_path / "missing.toml")


def test_a_checklist_travels_in_the_settings_not_in_global_state():
    from extractor import extract_text
    from extractor.settings import Settings

    text = "召开组织生活会情况报告\n会上开展了批评和自我批评。"
    profile = {"name": "只查批评", "required": ["criticism"]}
    record = extract_text(text, settings=Settings.build(profile=profile))[0]
    assert record.audit.profile == "只查批评" and record.audit.complete
    assert extract_text(text, profile=profile)[0].audit.profile == "只查批评"
    # the next call without it is not affected
    assert extract_text(text)[0].audit.profile != "只查批评"


def test_samples_have_an_audit_in_every_record(samples_dir):
    from extractor import extract_file

    for path in samples_dir.glob("*.txt"):
        for record in extract_file(path):
            a = record.audit
            assert a.profile and set(AUDIT_ELEMENTS) <= set(a.elements)
            assert a.complete == (not a.missing)
            assert a.missing == [e for e, el in a.elements.items() if el.required and not el.present]


# --- phrasings of real news items ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a member of the higher committee comments on a branch's meeting
    "最后，学院党委书记周明同志进行点评，肯定了会议效果。",
    "机关党委王丽同志作出点评，认为会议达到了预期目的。",
    "党委委员刘强同志做了总结发言。",
    # a leader who attends as the supervisor, leaders of the higher body
    "学校党委委员、副校长孙杰作为督导参会。",
    "上级党组织的领导来校参加了会议。",
    # a guiding group judges the meeting, even in the sentence that goes on to the next steps
    "区督导组对本次民主生活会给予了充分肯定，并对下一步工作提出了意见建议。要抓好整改，形成清单。",
])
def test_supervision_in_news_items(nlp, text):
    assert present(nlp, text, "supervision")


@pytest.mark.parametrize("text, want", [
    ("从加强理论学习、开展谈心谈话、撰写对照检查材料等方面，为开好这次会议做了充分准备。", True),
    # a purpose and a requirement for later are not study done before the meeting
    ("为认真学习贯彻全会精神，全面落实上级部署，支部召开组织生活会。", False),
    ("书记强调，班子成员要深入学习贯彻全会精神，抓好问题整改。", False),
])
def test_study_in_other_words(nlp, text, want):
    assert present(nlp, text, "study") is want


@pytest.mark.parametrize("text", [
    "书记代表班子作对照检查，班子成员逐一发言。",
    "支部书记总结了支部现存问题。",
    "深刻分析问题产生的根源，提出了整改措施。",
])
def test_problems_found_in_other_words(nlp, text):
    assert present(nlp, text, "problems")


@pytest.mark.parametrize("text", [
    "会上，书记就上年度四次民主生活会整改方案落实情况和本次会议准备情况进行了汇报。",
    "会议书面通报了“不忘初心、牢记使命”专题民主生活会、巡视整改专题民主生活会的整改措施落实情况。",
])
def test_previous_rectification_reported_in_long_sentences(nlp, text):
    assert present(nlp, text, "previous_rectification")


def test_a_guide_hearing_the_self_analysis_is_not_soliciting_opinions(nlp):
    assert not present(nlp, "督导组组长逐一听取了班子成员的剖析意见，并作点评。", "solicit_opinions")
    assert present(nlp, "会前，支部听取了群众对班子的意见建议。", "solicit_opinions")


def test_rectification_said_as_抓好整改落实(nlp):
    assert present(nlp, "书记从梳理问题清单、抓紧整改落实两方面提出要求。", "rectification")


def test_department_heads_from_the_higher_bureau_comment(nlp):
    text = "会上，来自市公安局政工室、督察大队等部门的负责人结合工作实际，对派出所存在的短板进行了点评。"
    assert present(nlp, text, "supervision")


@pytest.mark.parametrize("text", [
    "最后，市卫健委钟明副调研员在点评中指出，会议准备充分。",
    "“会议开出了辣味。”市检察院纪检组长高远在会后如此点评。",
    "学院处级领导参加所联系党支部的组织生活会，并进行点评。",
    "学校党总支副书记曹林指导本次组织生活会。",
    "党委委员、办公室主任程立就党员的述职进行了点评。",
])
def test_supervision_by_outside_officials(nlp, text):
    assert present(nlp, text, "supervision")


@pytest.mark.parametrize("element, text, want", [
    # someone judges the meeting itself: a guide from above
    ("supervision", "最后，街道党工委书记谭明充分肯定了本次组织生活会的成效。", True),
    ("supervision", "院纪委书记就此次会议作了总结：首先对支部的对照检查给予了充分的肯定。", True),
    # the chair praising the members, the meeting named only after a comma
    ("supervision", "支部书记作总结。他充分肯定了大家直面问题的态度，认为会议开得成功。", False),
    # the chair summing up: the praise follows a comma or a full stop
    ("supervision", "最后，支部书记对会议作了总结。充分肯定了此次组织生活会的成效。", False),
    ("supervision", "最后，支部书记作总结讲话，充分肯定了本次组织生活会。", False),
    # a veto in an earlier clause is someone else's when the cue's clause names its subject
    ("supervision", "副院长周林以普通党员身份参加会议，机关纪委委员韩冰到会监督指导。", True),
    ("supervision", "副院长周林以普通党员身份参加会议并到会指导。", False),
    ("supervision", "副院长周林以普通党员身份参加会议，并到会指导。", False),
    # opinions given by the masses at the meeting
    ("solicit_opinions", "会上，特邀的五名群众代表对支部班子和党员提出了中肯的意见。", True),
    # a report of one's own examination
    ("self_examination_materials", "会上，局长代表班子作对照检查报告，班子成员逐一发言。", True),
    ("self_examination_materials", "会上，局长代表班子作了表态发言。", False),
    # criticism made in a clause of its own after a notice's requirement
    ("criticism", "班子成员逐一对照《通知》要求，联系自身存在的问题，作出自我批评。", True),
    ("criticism", "《通知》要求班子成员开展批评和自我批评。", False),
    # members pointing out one another's faults
    ("criticism", "在互评环节，党员们坦诚地指出彼此的缺点和错误。", True),
    # opinions gathered, named at length
    ("solicit_opinions", "书记对会前向党员征集的关于支部工作作风和组织能力方面的意见作了说明。", True),
    # the preparations listed: study before the meeting, writing the self-examination
    ("study", "书记通报了会前学习教育、征求意见、谈心谈话等准备情况。", True),
    ("self_examination_materials", "书记通报了征求意见、撰写对照检查等准备情况。", True),
    ("rectification", "会上，大家围绕问题就改进举措进行了交流。", True),
    # a pledge is no study done
    ("study", "党员们一致表示将认真学习先进理论，提高综合素质。", False),
    # praise of the meeting quoted before 的充分肯定; the leader a higher body links with the unit
    ("supervision", "会后，马本泉对此次组织生活会给予了“自我批评真诚、相互批评真心”的充分肯定。", True),
    ("supervision", "会议由院长主持，我院主题教育联点领导、省高级人民法院副院长邹东明应邀出席。", True),
    # the praise in the sentence that then announces the guide's requirements (a measures list)
    ("supervision", "最后，马本泉对此次组织生活会给予充分肯定，并就下一步工作提出三点希望：一是加强学习；"
                    "二是改进作风；三是抓好整改。", True),
    # study written with 地; the previous meeting's rectification explained item by item
    ("study", "班子成员按照要求全面认真地学习领会党的二十大精神。", True),
    ("previous_rectification", "每位班子成员就2021年度民主生活会的整改措施落实情况逐项作说明。", True),
    # a leader who guided another meeting, in a speech the members studied, is no guide here
    ("supervision", "党组认真研读了总书记出席指导兰考县委常委班子专题民主生活会时的重要讲话。", False),
])
def test_elements_in_more_real_phrasings(nlp, element, text, want):
    assert present(nlp, text, element) is want


@pytest.mark.parametrize("text, want", [
    ("会前，支部组织党员通读了全会报告。", True),
    ("党员对照检查，重点检视读原著的情况。", False),
    ("支部将持续深入学习贯彻全会精神。", False),
])
def test_study_read_through_not_examined_or_planned(nlp, text, want):
    assert present(nlp, text, "study") is want


def test_the_audit_reads_the_cue_words_and_clauses_off_the_clause_readers_scan(nlp, monkeypatch):
    from extractor import report as report_module
    from extractor.match import clauses

    assert audit.builtin_cue_index().words <= clauses.lexicon().scanner.index.words
    text = "".join(positive[0] for positive, _ in CASES.values())
    alone = nlp(text)._.report
    alone.fields["meeting_type"] = None
    own_scan = audit.audit_report(alone)["audit"]
    assert alone.clauses is None  # no clause reader: the audit scanned the view itself
    report = nlp(text)._.report
    report.fields["meeting_type"] = None
    clauses.reader_of(report)

    def scanned_again(view):
        raise AssertionError("the view was scanned again")

    monkeypatch.setattr(audit.builtin_cue_index(), "occurrences", scanned_again)
    listed = []
    positions = report_module.positions
    monkeypatch.setattr(report_module, "positions", lambda view, char: listed.append(char) or positions(view, char))
    shared = audit.audit_report(report)["audit"]
    assert listed == []  # every separator the audit stops at was listed for the reader already
    assert shared == own_scan
    assert sum(el["present"] for el in shared["elements"].values()) >= 8

