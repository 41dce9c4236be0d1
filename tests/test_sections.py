from extractor import extract_text
from extractor.text.normalize import normalize
from extractor.text.sections import heading_match, segment


def secs(text):
    found, warnings = segment(text, normalize(text))
    return [(s.level, s.number, s.heading) for s in found], warnings


def test_level_one_styles():
    for line in ["一、会前准备情况", "一．会前准备情况", "一.会前准备情况", "第一部分 会前准备", "一、 会前准备"]:
        hm = heading_match(normalize(line))
        assert hm is not None and hm.level == 1 and hm.number == 1, line


def test_lower_levels():
    assert heading_match(normalize("（一）认真组织学习")).level == 2
    assert heading_match(normalize("(二)开展谈心谈话")).number == 2
    assert heading_match(normalize("㈢撰写材料")).level == 2
    assert heading_match(normalize("1.加强理论学习")).level == 3
    assert heading_match(normalize("２．加强理论学习")).level == 3
    assert heading_match(normalize("3、加强理论学习")).level == 3
    assert heading_match(normalize("（1）学习不深入")).level == 4
    assert heading_match(normalize("⑵学习不深入")).level == 4


def test_words_starting_with_numerals_are_not_headings():
    for line in ["一年来，支部认真落实", "一致认为会议开得好", "一是深入学习理论知识。", "一方面，", "1.5万元用于", "2022年1月15日召开", "十九届五中全会精神"]:
        assert heading_match(normalize(line)) is None, line


def test_tree_with_inline_headings():
    text = ("一、精心做好会前准备。会前，支部组织党员集中学习。\n"
            "（一）认真学习\n学习了党章。\n（二）谈心谈话\n开展谈心谈话。\n"
            "二、会议召开情况\n会议由书记主持。\n三、整改措施\n1.加强学习。\n2.改进作风。\n")
    found, warnings = secs(text)
    assert found == [
        (1, 1, "一、精心做好会前准备。"), (2, 1, "（一）认真学习"), (2, 2, "（二）谈心谈话"),
        (1, 2, "二、会议召开情况"), (1, 3, "三、整改措施"), (3, 1, "1.加强学习。"), (3, 2, "2.改进作风。"),
    ]
    assert any("skipped" in w for w in warnings)


def test_section_spans_cover_the_body():
    text = "一、会前准备\n学习了党章。\n二、会议情况\n会议由书记主持。"
    found, _ = segment(text, normalize(text))
    assert text[found[0].start:found[0].end] == "一、会前准备\n学习了党章。"
    assert text[found[1].start:found[1].end] == "二、会议情况\n会议由书记主持。"
    assert text[found[0].start:found[0].heading_end] == "一、会前准备"


def test_numbering_must_continue():
    # a list restarting at 一 after 三 is not a new top-level section
    text = "一、会前准备\n二、会议情况\n三、整改措施\n一、加强学习\n二、改进作风\n"
    found, _ = secs(text)
    assert [n for _, n, _ in found] == [1, 2, 3]
    # （一） restarts under each 一、
    text = "一、甲\n（一）子\n（二）丑\n二、乙\n（一）寅\n"
    assert [(lv, n) for lv, n, _ in secs(text)[0]] == [(1, 1), (2, 1), (2, 2), (1, 2), (2, 1)]


def test_inline_heading_without_full_stop_ends_at_colon():
    text = "一、形式主义方面：学习不深入，调研不扎实，有时流于形式，只满足于完成规定动作，没有真正解决群众反映的问题和困难"
    assert secs(text)[0][0][2] == "一、形式主义方面："


def test_list_in_paragraph_is_not_a_section():
    text = "一、会前准备\n会前，一是深入学习理论知识；二是广泛征求意见建议；三是开展谈心谈话。"
    assert len(secs(text)[0]) == 1


def test_traditional_and_full_width_headings_in_a_record():
    text = "關於召開2021年度組織生活會情況的報告\n一、會前準備情況\n會前認真學習。\n二、會議召開情況\n會議由支部書記主持。"
    rec = extract_text(text)[0]
    assert [s.heading for s in rec.sections] == ["一、會前準備情況", "二、會議召開情況"]
    assert rec.title == "關於召開2021年度組織生活會情況的報告"


def test_heading_match_reads_the_first_style_that_gives_a_number():
    # the joined regex tells which style matched first; the styles after it are still tried
    # when it gives no number
    from extractor.text.sections import heading_styles

    styles, _, joined = heading_styles()
    for line in ["一、总体情况", "（一）学习", "1.学习", "(1)学习", "⑵学习", "㈢撰写", "第一部分 总体", "2、学习"]:
        s = normalize(line)
        hm = heading_match(s)
        first = next(style for _, pattern, style in styles if pattern.match(s))
        assert hm is not None and hm.style == first, line
        assert joined is None or joined.match(s).lastgroup.startswith("style")


NEWS_WITH_SUBHEADINGS = (
    "机关党支部召开年度组织生活会\n"
    "3月5日，机关党支部召开年度组织生活会，全体党员参加。\n"
    "紧扣学习主线，筑牢思想根基\n"
    "会前，支部组织党员集中学习，开展谈心谈话。\n"
    "聚焦突出问题，认真检视剖析\n"
    "会上，支部书记代表支委会作检视剖析，党员逐一发言。\n")


def test_unnumbered_subheadings_of_a_news_item_are_its_sections():
    record = extract_text(NEWS_WITH_SUBHEADINGS)[0]
    got = [(s.level, s.number, s.heading) for s in record.sections]
    assert got == [(1, 1, "紧扣学习主线，筑牢思想根基"), (1, 2, "聚焦突出问题，认真检视剖析")]
    first, second = record.sections
    assert record.text[first.start:first.end].endswith("开展谈心谈话。")
    assert second.end == len(record.text.rstrip("\n"))


def test_what_is_no_unnumbered_subheading():
    # one such line alone; a numbered outline; a line without a paragraph after it; digits
    one = NEWS_WITH_SUBHEADINGS.replace("聚焦突出问题，认真检视剖析\n", "")
    numbered = "一、会前准备\n会前，支部组织学习。\n紧扣学习主线，筑牢思想根基\n会上，党员逐一发言。\n" \
               "聚焦突出问题，认真检视剖析\n会后，支部抓好整改。\n"
    captions = "会上，书记主持。\n会议现场，党员发言\n支部书记讲话，党员倾听\n会后合影。\n"
    counts = "会议召开。\n应到党员12人，实到10人\n请假党员2人，缺席0人\n会议开始。\n"
    for text in (one, captions, counts):
        assert secs(text)[0] == [], text
    assert [h for _, _, h in secs(numbered)[0]] == ["一、会前准备"]


def test_a_paragraph_after_a_subheading_may_lack_its_full_stop():
    text = NEWS_WITH_SUBHEADINGS.replace("会前，支部组织党员集中学习，开展谈心谈话。",
                                         "会前，支部组织党员集中学习了党章党规和相关篇目，深入开展谈心谈话")
    assert len(secs(text)[0]) == 2
