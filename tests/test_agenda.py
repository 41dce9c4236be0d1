"""The meeting agenda, where the report enumerates it (agenda.py, data/lists.toml)."""

import pytest

from extractor.fields import agenda


def found(nlp, text):
    report = nlp(text)._.report
    out = agenda.extract(report)["agenda"]
    for item in out:
        assert text[item["start"]:item["end"]] == item["text"]
    return [item["text"] for item in out]


def test_inline_agenda_after_its_count(nlp):
    text = ("会议共有4项议程，一是支部书记代表支部班子作对照检查汇报；二是党员逐个作对照检查，并进行相互批评；"
            "三是指导组同志进行点评；四是局党组副书记作讲话。会上，大家畅所欲言。")
    assert found(nlp, text) == ["一是支部书记代表支部班子作对照检查汇报", "二是党员逐个作对照检查，并进行相互批评",
                                "三是指导组同志进行点评", "四是局党组副书记作讲话。"]


def test_agenda_with_full_width_colon_and_masked_count(nlp):
    text = "会议主要有X项议程：一是学习重要讲话精神，开展集中研讨；二是书记报告工作；三是开展批评和自我批评；四是陈成同志总结；五是指导组组长讲话。"
    assert len(found(nlp, text)) == 5


def test_numbered_lines_under_an_agenda_heading(nlp):
    text = ("一、基本情况\n2023年2月10日，社区党委召开组织生活会。\n二、会议议程\n①党委书记通报上年度整改落实情况；\n"
            "②党委委员逐一作对照检查；\n③对全体党员进行民主评议；\n④街道党工委书记点评讲话。\n三、下一步打算\n加强学习。\n")
    assert found(nlp, text) == ["①党委书记通报上年度整改落实情况", "②党委委员逐一作对照检查", "③对全体党员进行民主评议",
                                "④街道党工委书记点评讲话。"]


def test_inline_1_dot_and_第一项(nlp):
    text = "会议议程：1.支部书记代表支委会报告工作；2.党员逐一进行自我批评和相互批评；3.开展民主评议党员。"
    assert found(nlp, text) == ["1.支部书记代表支委会报告工作", "2.党员逐一进行自我批评和相互批评", "3.开展民主评议党员。"]
    text = "会议按程序进行。第一项，书记报告工作；第二项，党员开展批评；第三项，民主评议党员。"
    assert len(found(nlp, text)) == 3


def test_traditional_characters(nlp):
    text = "會議共有三項議程：一是書記作對照檢查；二是黨員相互批評；三是民主評議黨員。"
    assert found(nlp, text) == ["一是書記作對照檢查", "二是黨員相互批評", "三是民主評議黨員。"]


def test_no_agenda_unless_enumerated(nlp):
    assert found(nlp, "按照文件要求细化会前、会中、会后流程，将会议程序分为具体几个模块执行。") == []
    assert found(nlp, "会议由支部书记主持，议程紧凑，程序规范。一是准备充分；二是批评深刻。") == []
    # other lists are not the agenda
    assert found(nlp, "他表示，下步要重点做好以下工作。一是带头整改落实。二是带头担当作为。") == []


def test_samples_counts(samples_dir):
    from extractor import extract_file

    counts = [len(r.agenda) for r in extract_file(samples_dir / "000_30de3536cd37ff6c.txt")]
    assert counts == [0, 4, 0, 0, 5, 0]


def test_sequence_words_only_for_a_declared_agenda(nlp):
    text = "会议共有三项议程：首先，支部书记报告工作；其次，党员开展批评和自我批评；最后，民主评议党员。会后大家合影。"
    assert found(nlp, text) == ["首先，支部书记报告工作", "其次，党员开展批评和自我批评", "最后，民主评议党员。"]
    text = "会议由书记主持。首先，书记作对照检查；接着，党员逐一发言；最后，书记作总结。"
    assert found(nlp, text) == []


def test_items_that_call_themselves_agenda_items(nlp):
    text = ("支部于周五召开组织生活会。\n会议第一项，书记回顾一年来的工作。\n会议第二项，党员轮流开展批评和自我批评。\n"
            "会议第三项，开展民主评议。\n最后，书记作总结。")
    assert len(found(nlp, text)) == 3


def test_parts_and_stages_announced_by_count(nlp):
    text = "会议分两个阶段进行。第一阶段，召开支委会。第二阶段，召开党员大会，党员逐一发言。"
    assert len(found(nlp, text)) == 2
    text = "本次会议分为两个部分，首先由各小组分别讨论。其次，全体党员集中交流。会后形成问题清单。"
    assert len(found(nlp, text)) == 2
    # 接著 (traditional) continues a 首先 … 最后 run
    text = "會議分為四個流程：首先，書記作對照檢查。其次，黨員逐一發言。接著，進行民主測評。最後，領導點評。"
    assert len(found(nlp, text)) == 4


def test_agenda_stated_inline_with_its_count_wins_over_the_steps(nlp):
    text = ("会议由副书记主持，共有两个议程：党员民主评议和换届动员。首先，书记通报情况。之后，党员自评互评。"
            "随后，分小组测评。最后书记小结。")
    assert found(nlp, text) == ["党员民主评议", "换届动员"]
    # the parts do not add up to the count: the steps stay
    text = "会议共有三项议程：评议和动员。首先，书记通报。其次，党员发言。最后，书记小结。"
    assert len(found(nlp, text)) == 3


def test_agenda_introduced_as_the_meeting_s_contents(nlp):
    text = ("支部组织生活会以查找差距为主题。会议的主要内容包括：一是书记带头作对照检查；二是党员逐一自评；"
            "三是开展互评和民主测评。会后，支部汇总了意见。")
    assert len(found(nlp, text)) == 3
    # contents of a study session are no agenda
    text = "学习的主要内容包括：一是党章；二是准则；三是条例。会后，支部召开组织生活会。"
    assert found(nlp, text) == []


def test_agenda_in_steps(nlp):
    text = ("村党支部组织生活会分三步进行。第一步，召开支委会，审定年度工作报告。第二步，召开党员大会，书记述职。"
            "第三步，召开党小组会，党员逐一剖析。")
    assert len(found(nlp, text)) == 3


def test_later_items_of_a_meeting_item_list_without_会议(nlp):
    text = ("2月26日，社区党支部召开组织生活会。会议第一项由书记通报全年工作，第二项由委员逐一汇报对照材料。"
            "第三项开展批评与自我批评。会后合影留念。")
    assert len(found(nlp, text)) == 3
    # bare 第一项 followed by a comma is no agenda item by itself
    text = "支部明确了整改任务。第一项，完善学习制度。第二项，落实谈心谈话。"
    assert found(nlp, text) == []


def test_agenda_counted_then_told_as_a_sequence(nlp):
    text = ("3月9日，研究生党支部召开组织生活会。\n会议共分为四个环节。第一，核对党员信息。第二，确定联络人。\n"
            "接下来，会议讨论了全年计划，大家畅所欲言。\n最后，全体党员重温入党誓词。\n")
    assert len(found(nlp, text)) == 4
    # the sequence does not make up the count: the numbered items stay
    text = ("会议共分为五个环节。第一，核对党员信息。第二，确定联络人。\n接下来，会议讨论了全年计划。\n"
            "最后，全体党员重温入党誓词。\n")
    assert len(found(nlp, text)) == 2


def test_stages_that_name_themselves_are_agenda_items_after_a_sentence_about_measures():
    # the sentence before the list ends on 整改措施-like words; the items still name
    # themselves stages of the meeting: an agenda, not measures
    from extractor import extract_text

    text = ("3月1日，学生党支部召开组织生活会，支部书记主持。\n会前，党员之间开展谈心谈话，查找存在的问题，"
            "有针对性地提出改进措施，撰写个人对照检查材料。\n会议第一阶段，支部书记通报上年度组织生活会问题整改情况，"
            "代表支委作对照检查。\n会议第二阶段，开展民主评议党员，党员逐一进行自我批评。\n")
    (rec,) = extract_text(text)
    assert len(rec.agenda) == 2 and rec.measures == []
    assert rec.audit.elements["self_examination_materials"].present
    assert rec.audit.elements["heart_to_heart"].present


@pytest.mark.parametrize("text, want", [
    # the meeting's own items of business, announced as N项内容
    ("3月2日，支部召开党员民主评议会议。会议首先明确了两项内容：一是每名党员述职评议；二是推选优秀党员。", 2),
    # what someone put forward is not the agenda
    ("会上，书记提出三项内容：一是加强学习；二是抓好整改；三是严守纪律。", 0),
])
def test_items_of_business_announced_as_contents(nlp, text, want):
    assert len(found(nlp, text)) == want
