"""Problems the meeting identified, and their categories (problems.py, data/categories.toml)."""

import pytest

from extractor.fields import problems
from extractor.match import clauses, lists, patterns
from extractor.schema import CATEGORIES


def found(nlp, text):
    """The problems of ``text``: [(text, categories)], after checking grounding."""
    report = nlp(text)._.report
    out = problems.extract(report)["problems"]
    for p in out:
        assert text[p["start"]:p["end"]] == p["text"]
        assert set(p["categories"]) <= set(CATEGORIES)
    return [(p["text"], p["categories"]) for p in out]


def cats(nlp, text):
    return {c for _, cs in found(nlp, text) for c in cs}


# --- sources -----------------------------------------------------------------------------

def test_list_after_a_sentence_that_announces_problems(nlp):
    text = ("（二）深入查摆问题\n经过深入查找，发现支部还存在一些问题和不足。\n"
            "一是理论学习不够深入，满足于读原文。\n"
            "二是服务群众意识不强，回应群众诉求不及时。\n"
            "三是批评和自我批评开展不够，存在一团和气的现象。\n")
    got = found(nlp, text)
    assert [t[:3] for t, _ in got] == ["一是理", "二是服", "三是批"]
    assert got[0][1] == ["理论学习"]
    assert got[1][1] == ["为民服务"]
    assert got[2][1] == ["批评与自我批评"]


def test_sub_sections_of_a_problems_section(nlp):
    text = ("二、存在的主要问题\n（一）理想信念方面。政治敏锐性不强，对错误言论辨别不够。\n"
            "（二）纪律作风方面。个别同志纪律松弛，上班迟到早退。\n三、下一步打算\n一是加强学习。\n二是严明纪律。\n")
    got = found(nlp, text)
    assert len(got) == 2
    assert got[0][0].startswith("（一）理想信念方面") and got[0][1] == ["理想信念"]
    assert got[1][1] == ["纪律作风"]


def test_numbered_items_1_dot_and_inline_parenthesised(nlp):
    text = ("班子查摆出的主要问题：\n1．学用脱节，以干代学。\n2．落实主体责任有差距，党建和业务“两张皮”。\n"
            "支部检视出的问题主要有：（1）组织生活不规范，“三会一课”落实不到位；（2）党员先锋模范作用发挥不够。")
    got = found(nlp, text)
    assert [c for _, c in got] == [["理论学习"], ["党建责任"], ["组织生活"], ["先锋模范"]]
    assert got[2][0] == "（1）组织生活不规范，“三会一课”落实不到位"


def test_semicolon_series_after_a_trigger(nlp):
    text = "会上，详细查摆了学习不够深入、不够系统；党建工作薄弱；制定目标时存在不敢确定的心态；形式主义一定程度上仍然存在等问题。"
    got = found(nlp, text)
    assert got[0][0] == "学习不够深入、不够系统"
    assert got[-1][0] == "形式主义一定程度上仍然存在"
    assert [c for _, c in got] == [["理论学习"], ["党建责任"], ["担当作为"], ["形式主义"]]


def test_category_labels_file_what_follows(nlp):
    text = ("指出问题主要包括形式主义方面：学习的广度、深度不够；下基层调研有时流于形式。"
            "享乐主义方面：个别干部艰苦奋斗精神有所淡化，不思进取。奢靡之风方面：勤俭节约有差距。")
    got = found(nlp, text)
    assert ["形式主义", "理论学习"] == sorted(got[0][1], key=["形式主义", "理论学习"].index)
    assert cats(nlp, text) == {"形式主义", "理论学习", "官僚主义", "享乐主义", "奢靡之风"}


def test_sentences_anywhere_that_state_a_shortcoming(nlp):
    assert cats(nlp, "会上大家认为，支部在服务群众上还有差距。") == {"为民服务"}
    assert cats(nlp, "部分党员宗旨意识不强，调查研究不深入。") == {"为民服务", "官僚主义"}
    assert cats(nlp, "班子存在开拓创新不足的问题。") == {"担当作为"}
    assert cats(nlp, "个别支部委员落实一岗双责不到位。") == {"党建责任"}


def test_who_is_served_and_how_members_lead(nlp):
    """为民服务 names the people served (居民, 村民, 患者, 师生…), not only 群众."""
    assert cats(nlp, "查摆出的问题：联系服务居民不够深入。") == {"为民服务"}
    assert cats(nlp, "查摆出的问题：为患者提供便捷服务的办法不多。") == {"为民服务"}
    assert cats(nlp, "检视出的问题：部分党员亮身份、作表率不够，冲锋在前的意识不强。") == {"先锋模范"}
    assert cats(nlp, "查摆出的问题：支部建设基础薄弱，党建引领作用发挥不充分。") == {"党建责任"}
    assert cats(nlp, "查摆出的问题：党小组活动开展不经常，流动党员管理有漏洞有差距。") == {"组织生活"}


def test_brief_without_headings_and_an_enumeration_with_commas(nlp):
    text = "会上共查摆出理论学习不深入、先锋模范作用发挥不够、“三会一课”落实不到位等问题8条，并逐一明确了整改措施。"
    assert found(nlp, text) == [("理论学习不深入、先锋模范作用发挥不够、“三会一课”落实不到位",
                                 ["理论学习", "组织生活", "先锋模范"])]


def test_traditional_characters(nlp):
    text = "檢視出的問題主要有：（1）政治理論學習不夠系統，學用脫節；（2）為民服務意識不強，聯繫群眾不夠緊密。"
    got = found(nlp, text)
    assert [c for _, c in got] == [["理论学习"], ["为民服务"]]
    assert got[0][0] == "（1）政治理論學習不夠系統，學用脫節"


# --- what is not a problem -----------------------------------------------------------------

def test_category_words_in_the_measures_are_not_problems(nlp):
    text = ("三、整改措施\n1．坚决整治形式主义、官僚主义，切实为基层减负。\n2．力戒享乐主义，坚决反对奢靡之风。\n"
            "下一步，支部将防止学习和工作“两张皮”。")
    assert found(nlp, text) == []


def test_slogans_and_requirements_are_not_problems(nlp):
    assert found(nlp, "支部书记在总结时要求全体党员反对官僚主义，力戒形式主义，发扬优良作风。") == []
    assert found(nlp, "全体党员本着不讲空话套话、不搞一团和气的原则，开展了批评与自我批评。") == []
    assert found(nlp, "引导党员干部牢固树立“四个意识”、坚定“四个自信”、做到“两个维护”。") == []


def test_headings_are_not_problems(nlp):
    text = "三、聚焦“四风”问题，持续深化作风建设\n会议强调，要持续整治“四风”问题。\n四、力戒形式主义官僚主义\n会议对此作了部署。"
    assert found(nlp, text) == []


def test_areas_examined_and_causes_are_not_problems(nlp):
    assert found(nlp, "支委会围绕联系服务党员群众情况、力戒形式主义和官僚主义情况等查摆支部工作存在的问题。") == []
    assert found(nlp, "深刻剖析出了“宗旨意识不够强、工作作风不扎实”等原因。") == []
    assert found(nlp, "会上，大家查找出理想信念、宗旨意识、工作作风等方面存在的不足。") == []
    text = "一、存在的问题\n理论学习不够深入。\n二、原因分析\n主要是理想信念有所放松，党性修养不够。"
    assert found(nlp, text) == [("理论学习不够深入", ["理论学习"])]


def test_examining_shortcomings_is_not_having_them(nlp):
    assert found(nlp, "会议盘点学习收获、检视问题不足，明确了努力方向。") == []
    assert found(nlp, "回顾自身不足开展批评与自我批评，达到了统一思想的目的。") == []
    assert found(nlp, "全力解决好人民群众的急难愁盼问题。") == []


def test_a_list_that_is_not_about_problems(nlp):
    text = ("党组书记带头进行自我批评，对自身查摆出来的问题进行剖析反思。"
            "一是自我批评认真深刻，拒绝不痛不痒的小问题。二是互相批评直戳痛点。三是接受批评虚心坦诚。")
    assert cats(nlp, text) == set()


# --- the lexicon ---------------------------------------------------------------------------

def test_lexicon_covers_the_taxonomy():
    lx = clauses.lexicon()
    assert [c.id for c in lx.categories] == list(CATEGORIES)


def test_categories_of_short_texts():
    assert clauses.categories_of("门好进、脸好看、事难办") == ["官僚主义"]
    assert clauses.categories_of("公务接待超标准，存在铺张浪费") == ["奢靡之风"]
    assert clauses.categories_of("坚决整治形式主义") == []
    assert clauses.categories_of("在组织生活中开展批评不够") == ["批评与自我批评"]


def test_patterns_helper_matches_like_a_union():
    p = patterns.Patterns(["不够", "学(习)?不深", "未(?=[^来必])", "征求[^。]{0,4}意见"])
    text = "学习不深，不够好，未来未能征求大家意见"
    assert p.spans(text) == [(0, 4), (5, 7), (11, 12), (13, 19)]
    assert p.search(text, 5, 8).group() == "不够"


def test_patterns_read_from_a_shared_index_match_as_alone():
    p = patterns.Patterns(["不够", "学(习)?不深", "未(?=[^来必])", "征求[^。]{0,4}意见", "(开展|组织)[^。]{0,6}学习"])
    other = patterns.Patterns(["够好", "学习"])   # words of another list in the same index
    index = patterns.LiteralIndex(p.words() | other.words())
    for text in ("学习不深，不够好，未来未能征求大家意见", "组织党员集中学习，开展学习不够", "没有一个词", ""):
        found = index.occurrences(text)
        assert p.spans_found(text, found) == p.spans(text)
        assert other.spans_found(text, found) == other.spans(text)


def test_the_list_analysis_is_read_once_and_kept_on_the_report(nlp):
    report = nlp("一、存在问题\n一是学习不够。\n二是作风不实。")._.report
    assert report.lists is None
    analysis = lists.analysis_of(report)
    assert report.lists is analysis and lists.analysis_of(report) is analysis


def test_samples_are_grounded(samples_dir):
    from extractor import extract_file

    for path in samples_dir.glob("*.txt"):
        for record in extract_file(path):
            for p in record.problems:
                assert record.text[p.start:p.end] == p.text


# --- praise of the meeting is not a problem ------------------------------------------------------

def test_praise_of_the_criticism_states_no_problem(nlp):
    assert found(nlp, "会上，大家坦诚相见，批评出于公心，讲问题实实在在，不遮遮掩掩、不避重就轻。") == []
    assert found(nlp, "他认为，会议开展批评时很坦诚，不避重就轻。") == []
    assert found(nlp, "督导组认为会议批评意见中肯到位、问题剖析全面深入。") == []
    assert found(nlp, "班子成员依次发言，进行问题查摆和自我批评，严肃认真开展批评与自我批评。") == []


def test_categories_of_branch_life_conduct_and_service(nlp):
    assert "组织生活" in cats(nlp, "主要问题是：支部的各项活动开展得不够；对党员的谈心谈话深度不够。")
    assert "纪律作风" in cats(nlp, "会上指出，青年干部日常作风养成需要大幅提升。")
    assert "为民服务" in cats(nlp, "会上指出，近期群众评议中出现多个不满意样本。")


def test_facing_problems_in_the_criticism_is_praise_not_a_problem(nlp):
    assert found(nlp, "随后召开小组会，组员们的相互批评直面问题，坦诚交流，效果良好。") == []


def test_a_call_to_feel_short_of_skills_is_a_requirement_not_a_problem(nlp):
    assert found(nlp, "书记提出，要勤学苦练，常怀本领恐慌的忧患意识，在实践中提升能力。") == []
    # said as a shortcoming it still is one
    assert "担当作为" in cats(nlp, "对照检查发现，班子部分成员存在本领恐慌，面对新任务办法不多。")


def test_a_span_reads_as_each_of_its_clauses_read_alone():
    # (a clause opening with 会议要求 is a requirement, not a problem: its start counts)
    text = "一、存在问题:学习不够深入,会议要求学习不够深入;\n作风不实。纪律松弛,党建与业务融合不够!其他。"  # (a view's stops)
    reader = clauses.ClauseReader(text)
    seps = [i for i, ch in enumerate(text) if ch in clauses.CLAUSE_CHARS]
    for lo in range(len(text)):
        for hi in range(lo, len(text) + 1):
            for lenient_lead in (False, True):
                first = lo
                while lenient_lead and first in seps:
                    first += 1
                bounds = [lo] + [s for s in seps if lo <= s < hi] + [hi]
                want, strong, deficient = set(), False, False
                for a, b in zip(bounds, bounds[1:]):
                    a = a + 1 if a in seps else a
                    if a < b:
                        r = reader.clause_at(a, b, lenient=lenient_lead and a == first)
                        want |= r.categories
                        strong, deficient = strong or r.strong, deficient or r.deficient
                got = reader.span(lo, hi, lenient_lead=lenient_lead)
                assert (got.categories, got.strong, got.deficient) == (want, strong, deficient), (lo, hi)


@pytest.mark.parametrize("text", [
    # the activity of examining: what was summed up, pointed out or dug into
    "支部书记根据与党员和群众谈心谈话的结果总结了支部中存在的问题。",
    "对群众的意见和上级点明的问题，认真检查剖析，提出改进措施。",
    "大家在自我批评中深挖自身不足。",
    # a resolve, not a shortcoming
    "党员们感到无论何时都不能忘记初心和使命。",
    "下一步，支部将做到学习不会停、整改不会停。",
    # the areas of work examined
    "书记深入剖析了班子在项目建设、激发内生动力、服务群众等重点工作中存在的不足。",
    # the problems pointed out in the criticism (点问题、点真问题)
    "大家相互批评点问题、点真问题，被批评的同志虚心接受。",
    # the areas a report covered (就……这四个方面进行了总结)
    "由支部书记就履行党建工作责任的情况、党员队伍建设情况、支部存在的问题和下一步打算这四个方面进行了总结报告。",
])
def test_accounts_of_examining_and_resolves_state_no_problem(text):
    assert clauses.categories_of(text) == []


@pytest.mark.parametrize("text, want", [
    ("服务群众的主动性还待提升。", ["为民服务"]),
    ("理论学习不能持之以恒。", ["理论学习"]),
    ("班子在乡村振兴等重点工作中担当作为不够。", ["担当作为"]),
])
def test_shortcomings_beside_those_wordings(text, want):
    assert clauses.categories_of(text) == want
