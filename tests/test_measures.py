"""Enumerated rectification / next-step measures (measures.py, data/lists.toml)."""

from extractor.fields import measures


def found(nlp, text):
    report = nlp(text)._.report
    out = measures.extract(report)["measures"]
    for m in out:
        assert text[m["start"]:m["end"]] == m["text"]
    return [m["text"] for m in out]


def test_chairs_enumerated_pledge_inline(nlp):
    text = ("最后，马天成同志作了表态发言，他表示，在下步要带领支部重点做好以下工作。一是带头整改落实。我们将持之以恒抓长效。"
            "二是带头担当作为。不断建强支部。三是带头深刻反思。逐一进行整改。")
    assert found(nlp, text) == ["一是带头整改落实。我们将持之以恒抓长效。", "二是带头担当作为。不断建强支部。",
                                "三是带头深刻反思。逐一进行整改。"]


def test_chairs_requirements_for_the_next_stage(nlp):
    text = "最后，党支部书记作总结发言，并对全体党员提出要求：一是进一步强化“四个意识”。二是进一步强化党史学习。三是进一步强化党风廉政建设。"
    assert len(found(nlp, text)) == 3
    text = "他要求：第一，要抓好问题整改；第二，要从严管党治党；第三，要推动事业发展。"
    assert found(nlp, text) == ["第一，要抓好问题整改", "第二，要从严管党治党", "第三，要推动事业发展。"]
    text = "张华同志在点评中要求支部做到三点：一要抓好整改落实，二要发挥党员作用，三要带领群众增收致富。"
    assert found(nlp, text) == ["一要抓好整改落实", "二要发挥党员作用", "三要带领群众增收致富。"]


def test_pledge_introduced_two_sentences_back(nlp):
    text = "最后，书记作了表态发言。他表示，将重点抓好三个方面工作。\n一是抓学习。\n二是抓整改。\n三是抓落实。\n"
    assert found(nlp, text) == ["一是抓学习。", "二是抓整改。", "三是抓落实。"]


def test_paragraphs_starting_with_yishi_after_an_introducing_paragraph(nlp):
    text = ("根据此次民主生活会上的查摆分析，研究出了三个方面的改进措施，对症下药解决突出问题。\n"
            "一是坚定理想信念，严守政治纪律。深入学习党的创新理论。\n"
            "二是强化主体意识，敢于担当责任。\n三是加强作风建设，严于律己。\n")
    got = found(nlp, text)
    assert len(got) == 3 and got[0].startswith("一是坚定理想信念") and got[2] == "三是加强作风建设，严于律己。"


def test_numbered_sub_headings_under_a_measures_heading(nlp):
    text = ("一、会前准备\n会前开展了谈心谈话。\n二、会议情况\n会上开展了批评和自我批评。\n三、整改措施\n"
            "1．加强理论武装，坚持每月开展一次集中学习。\n2．坚持以人民为中心，提升服务效能。\n3．压实管党治党责任。\n"
            "会后，支部将整改方案报送上级党委。\n")
    assert found(nlp, text) == ["1．加强理论武装，坚持每月开展一次集中学习。", "2．坚持以人民为中心，提升服务效能。",
                                "3．压实管党治党责任。"]


def test_parenthesised_items(nlp):
    text = ("一、会议情况\n会议开展了批评和自我批评。\n二、下一步打算\n（一）持续加强理论学习。每月集中学习一次。\n"
            "（二）密切联系群众。每名党员联系两户群众。\n")
    assert found(nlp, text) == ["（一）持续加强理论学习。每月集中学习一次。", "（二）密切联系群众。每名党员联系两户群众。"]
    text = "支部制定了整改清单，明确整改措施：（1）坚持每月集中学习；（2）深入开展实践活动；（3）严肃党内政治生活。"
    assert found(nlp, text) == ["（1）坚持每月集中学习", "（2）深入开展实践活动", "（3）严肃党内政治生活。"]


def test_circled_and_1_dot_inline(nlp):
    text = "下一步，支部将重点抓好：①落实“三会一课”；②开展主题党日；③办好民生实事。"
    assert len(found(nlp, text)) == 3
    text = "会议明确了下一步整改措施：1.加强学习；2.改进作风；3.严格纪律。"
    assert found(nlp, text) == ["1.加强学习", "2.改进作风", "3.严格纪律。"]


def test_one_measure_per_paragraph_under_a_measures_heading(nlp):
    text = ("一、会前准备情况\n开展了谈心谈话。\n二、会议召开情况\n开展了批评和自我批评。\n三、下步努力方向\n"
            "建立健全学习教育常态长效机制。\n创新和丰富学习的方式方法。\n树牢群众观点，坚定人民立场。\n")
    assert found(nlp, text) == ["建立健全学习教育常态长效机制。", "创新和丰富学习的方式方法。", "树牢群众观点，坚定人民立场。"]


def test_the_foot_of_the_report_is_not_a_measure(nlp):
    text = ("一、会议情况\n开展了批评和自我批评。\n二、下一步打算\n持续加强理论学习。\n认真抓好问题整改。\n"
            "特此报告。\n中共XX局机关党支部\n2023年1月5日\n")
    assert found(nlp, text) == ["持续加强理论学习。", "认真抓好问题整改。"]


def test_framing_paragraphs_are_not_measures(nlp):
    text = ("一、会议准备情况\n开展了谈心谈话。\n二、会议重点内容\n开展了批评和自我批评。\n三、下步打算\n"
            "在下一步的工作中，我镇将在上级党委的坚强领导下，不断推进党史学习教育取得新进展。\n"
            "针对会上提出的问题，我镇将严肃整改落实，加强党员干部自我监督与相互监督。\n")
    assert found(nlp, text) == []
    # an introducing paragraph before enumerated items does not count either
    text = ("一、会前准备\n开展了谈心谈话。\n二、会议情况\n开展了批评和自我批评。\n三、整改落实扎实推进\n"
            "针对查摆的问题，机关支部将正确对待，抓好整改落实。\n一是持续开展好党史学习教育。\n二是扎实推进工作。\n")
    assert found(nlp, text) == ["一是持续开展好党史学习教育。", "二是扎实推进工作。"]


def test_rectification_steps_taken(nlp):
    text = "会后，针对查摆出的问题，支部采取了以下整改措施：一是建立整改台账；二是开展专题学习；三是完善制度。"
    assert len(found(nlp, text)) == 3
    text = "为开好这次会议，支部采取了以下措施：一是制定方案；二是组织学习；三是开展谈心谈话。"
    assert found(nlp, text) == []


def test_a_heading_that_reports_what_was_done(nlp):
    text = ("一、会前准备情况\n开展了谈心谈话。\n二、会议召开情况\n开展了批评和自我批评。\n三、制定整改措施等情况\n"
            "组织生活会后，党支部立即研究整改措施，制定出党支部整改清单。\n")
    assert found(nlp, text) == []


def test_lists_that_are_not_measures(nlp):
    # what was done before the meeting
    text = ("一、会前准备情况\n一是深入学习理论知识。\n二是广泛征求意见建议。\n三是深入开展谈心谈话。\n"
            "二、会议情况\n会议共有三项议程，一是支部书记作对照检查；二是党员相互批评；三是书记讲话。\n")
    assert found(nlp, text) == []
    # the problems found
    text = "发现支部还存在一些问题和不足：一是学习不够深入；二是作风不够扎实。"
    assert found(nlp, text) == []
    # how the criticism went
    text = "会上，大家批评与自我批评有辣味。一是自我批评认真深刻；二是互相批评直戳痛点；三是接受批评虚心坦诚。"
    assert found(nlp, text) == []
    text = "会前，支部主要做了以下工作：一是组织集中学习，二是广泛征求意见，三是开展谈心谈话。"
    assert found(nlp, text) == []
    # a chair's requirements on how to hold the meeting itself
    text = "会议开始前，书记对如何开好这次组织生活会提出三点要求：一是要敞开心扉；二是要直面问题；三是要触及灵魂。"
    assert found(nlp, text) == []
    # what each member examined, in so many respects
    text = ("党员逐个检查自己在遵纪守法等方面的情况和问题，重点从两个方面进行：一是是否带头严守政治纪律；"
            "二是是否发挥先锋模范作用。")
    assert found(nlp, text) == []


def test_nested_lists_count_once(nlp):
    text = ("三、整改措施\n（一）加强理论学习。一是每月集中学习一次；二是开展专题研讨。\n"
            "（二）改进工作作风。一是深入基层调研；二是精简会议文件。\n")
    text = "一、会前准备\n开展了谈心谈话。\n二、会议情况\n开展了批评。\n" + text
    got = found(nlp, text)
    assert len(got) == 2 and got[0].startswith("（一）加强理论学习")


def test_traditional_characters_and_full_width_numbers(nlp):
    text = "一、會議情況\n會上開展了批評。\n二、下一步整改措施\n１．加強理論學習。\n２．改進工作作風。\n"
    assert found(nlp, text) == ["１．加強理論學習。", "２．改進工作作風。"]


def test_no_measures_without_enumeration_or_measures_heading(nlp):
    text = "会议要求，全体党员要持续加强学习，认真整改落实，切实发挥先锋模范作用。"
    assert found(nlp, text) == []


def test_samples_counts(samples_dir):
    from extractor import extract_file

    counts = [len(r.measures) for r in extract_file(samples_dir / "000_30de3536cd37ff6c.txt")]
    assert counts == [3, 4, 0, 5, 2, 3]


def test_no_measure_twice_when_two_marker_styles_read_one_list(nlp):
    # 一是要 is both 一是 and 是要: one list, each item once
    text = ("书记对全体党员提出三点要求：一是要针对问题制定整改措施；二是要加强理论学习，提升素质；"
            "三是要强化责任担当，发挥模范作用。")
    got = found(nlp, text)
    assert len(got) == 3 and len(set(got)) == 3


def test_a_marker_whose_stop_was_lost_continues_the_list_it_counts_on(nlp):
    text = "下一步，支部将做好以下工作：一是办好读书班，每月一次；二是开展结对帮扶，每名党员联系两户三是健全考评办法。"
    assert found(nlp, text) == ["一是办好读书班，每月一次", "二是开展结对帮扶，每名党员联系两户", "三是健全考评办法。"]
    # without two items before it, a glued marker is a word, not an item
    text = "下一步，支部将做好以下工作：一是办好读书班，每月一次，接着二是什么还没有定。"
    assert found(nlp, text) == []
