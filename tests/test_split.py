import re

from extractor import extract_text
from extractor.text.layout import is_chrome, is_title
from extractor.text.normalize import normalize
from extractor.text.split import split_reports

BODY = ("根据县委组织部通知要求，支部于2022年1月15日召开2021年度组织生活会。会前，支部认真组织学习，"
        "广泛征求意见建议，深入开展谈心谈话。会上，支部书记代表支委会作检视剖析，党员逐一发言，"
        "开展批评和自我批评。")


def parts(text):
    return [text[r.start:r.end] for r in split_reports(text)]


def test_titles():
    for line in ["党组2021年民主生活会开展情况报告", "召开2021年专题组织生活会情况报告（办公室党支部）",
                 "召开2021年专题组织生活会情况报告二（镇乡）", "关于召开2022年度民主生活会情况的报告",
                 "xx局党组召开2022年度民主生活会", "某某村党支部2023年度组织生活会召开情况",
                 "關於召開2021年度組織生活會情況的報告", "机关第一党支部2019年度组织生活会情况汇报"]:
        assert is_title(normalize(line)), line
    for line in ["一、会前准备情况", "会议由支部书记主持。", "根据《关于召开专题组织生活会的通知》要求，",
                 "上一篇：关于召开2021年度组织生活会的报告", "（二）组织生活会召开情况",
                 "组织生活会召开情况如下："]:
        assert not is_title(normalize(line)), line


def test_chrome_lines():
    for line in ["首页 > 党建工作 > 正文", "发布时间：2022-01-12 来源：县委组织部 浏览次数：128",
                 "【字号：大 中 小】", "打印本页 关闭窗口", "上一篇：xx局召开专题组织生活会",
                 "版权所有：中共xx县委组织部 技术支持：xx网络公司", "当前位置：首页 > 基层党建",
                 "字号：Ｔ｜Ｔ", "-------------------"]:
        assert is_chrome(normalize(line)) or line == "字号：Ｔ｜Ｔ", line
    for line in ["会议时间：2022年1月15日上午", "来源于群众的意见建议共12条。", BODY]:
        assert not is_chrome(normalize(line)), line


def test_one_file_several_reports_separated_by_blank_lines():
    text = f"\n\n党支部2021年度组织生活会情况报告\n\n{BODY}\n\n\n\n第二党支部2021年度组织生活会情况报告\n{BODY}\n"
    got = parts(text)
    assert len(got) == 2
    assert got[0].startswith("党支部2021年度") and got[0].endswith("自我批评。")
    assert got[1].startswith("第二党支部")


def test_reports_separated_by_a_single_newline_still_split():
    text = f"一支部召开组织生活会情况报告\n{BODY}\n二支部召开组织生活会情况报告\n{BODY}"
    assert len(parts(text)) == 2


def test_a_report_without_title_is_one_report():
    assert parts(BODY) == [BODY]
    rec = extract_text(BODY)[0]
    assert rec.title is None and rec.source.start == 0


def test_title_and_subtitle_do_not_split():
    text = f"关于召开2021年度民主生活会情况的报告\n——xx局党组2021年度民主生活会召开情况\n{BODY}"
    assert len(parts(text)) == 1


def test_issuer_lines_go_with_their_title_and_signature_stays():
    text = (f"一支部召开组织生活会情况报告\n{BODY}\n一支部\n2022年1月20日\n"
            f"中共xx县xx局\n第二党支部\n关于召开组织生活会情况的报告\n{BODY}")
    first, second = parts(text)
    assert first.endswith("2022年1月20日")
    assert second.startswith("中共xx县xx局\n第二党支部\n关于")


def test_web_chrome_is_trimmed_and_never_a_title():
    text = ("首页 > 党建工作 > 正文\n上一篇：关于召开2020年度组织生活会的报告\n"
            "xx镇召开2021年度民主生活会\n发布时间：2022-01-20 来源：xx镇 浏览次数：99\n"
            f"{BODY}\n打印本页 关闭窗口\n下一篇：xx局召开专题组织生活会\n版权所有 © xx县人民政府\n")
    records = extract_text(text)
    assert len(records) == 1
    rec = records[0]
    assert rec.title == "xx镇召开2021年度民主生活会"
    assert rec.text.startswith("xx镇召开") and rec.text.endswith("自我批评。")
    assert text[rec.source.start:rec.source.end] == rec.text


def test_two_saved_pages_in_one_file():
    page = ("首页 > 基层党建\n{t}\n发布时间：2022-01-20\n" + BODY + "\n上一篇：无\n版权所有 xx\n")
    text = page.format(t="xx村党支部召开2021年度组织生活会") + page.format(t="xx社区党委召开2021年度民主生活会")
    titles = [r.title for r in extract_text(text)]
    assert titles == ["xx村党支部召开2021年度组织生活会", "xx社区党委召开2021年度民主生活会"]


def test_only_chrome_gives_no_report():
    assert extract_text("首页 > 党建\n版权所有 xx\n\n") == []


BRIEF_A = ("1月12日，xx局党组召开2021年度民主生活会，局党组书记主持会议。会议通报了上年度民主生活会"
           "整改落实情况，班子成员逐一作对照检查发言，开展批评和自我批评。")
BRIEF_B = ("1月14日，xx镇党委召开2021年度民主生活会，县委常委到会指导。班子成员紧扣主题，"
           "深入查摆问题，认真开展批评和自我批评，明确了整改措施。")


def test_untitled_briefs_after_wide_gaps_are_separate_reports():
    text = f"{BRIEF_A}\n会议强调，要抓好整改落实。\n\n\n{BRIEF_B}\n"
    assert parts(text) == [f"{BRIEF_A}\n会议强调，要抓好整改落实。", BRIEF_B]


def test_wide_gap_inside_a_report_does_not_split_it():
    # the usual gap in this file is one blank line; a section after two is still the same report
    text = f"{BRIEF_A}\n\n会议强调，要抓好整改落实。\n\n\n\n三、下步打算\n针对组织生活会查摆的问题，召开专题会议研究整改。\n"
    assert len(parts(text)) == 1
    text = f"{BRIEF_A}\n\n\n\nxx党支部\n2022年1月20日"
    assert len(parts(text)) == 1


def test_briefs_of_different_units_one_blank_line_apart():
    a = "县卫健局党组召开2022年度民主生活会\n１月１２日，县卫健局党组召开2022年度民主生活会。" + "会议查摆问题，开展批评和自我批评。" * 3
    b = "近日，××村党支部召开2022年度组织生活会暨民主评议党员大会。" + "全体党员逐一进行自我剖析，相互开展批评。" * 3
    c = "2月8日，县供销合作社机关党支部召开2022年度组织生活会。" + "会议由支部书记主持，党员逐一对照检查。" * 3
    assert parts(f"{a}\n\n{b}\n\n{c}\n") == [a, b, c]


def test_same_unit_holding_its_meeting_again_in_a_paragraph_does_not_split():
    text = ("xx局党组2022年度民主生活会情况报告\n1月12日，xx局党组召开2022年度民主生活会。" + "会议开展批评和自我批评。" * 4
            + "\n\n1月12日下午，局党组召开民主生活会第二阶段会议，班子成员逐一作对照检查发言。")
    assert len(parts(text)) == 1


def test_wide_gap_after_a_heading_does_not_split_a_headed_report():
    text = ("关于召开专题组织生活会情况的报告\n一、会前准备情况\n" + "支部认真组织学习，广泛征求意见。" * 4
            + "\n二、组织生活会召开情况\n\n\n经过认真准备，1月12日，党支部召开了专题组织生活会，开展批评和自我批评。")
    assert len(parts(text)) == 1


def test_untitled_report_after_a_headed_report_and_a_wide_gap():
    first = ("关于召开专题组织生活会情况的报告\n一、会前准备情况\n" + "支部认真组织学习，广泛征求意见。" * 4
             + "\n二、会议召开情况\n会议开展了批评和自我批评。\nxx党支部\n2022年1月20日")
    second = "根据上级党委通知要求，1月21日，东街社区党委召开2021年度组织生活会，开展批评和自我批评。"
    assert parts(f"{first}\n\n\n{second}\n") == [first, second]


def test_titles_of_news_items_with_other_endings():
    assert is_title(normalize("内科党支部召开组织生活会暨民主评议大会"))
    assert is_title(normalize("社区召开各小区支部2018年度组织生活会及党员测评会议"))
    assert is_title(normalize("机关党支部召开2023年度专题组织生活会 2024-01-25"))
    # the account's first sentence is not a title
    assert not is_title(normalize("7月31日，市检察院党组召开巡视整改专题民主生活会"))


def test_the_account_of_the_meeting_its_title_names_stays_in_the_report():
    text = ("一道麻辣烫——市检察院党组召开巡视整改专题民主生活会\n\n2018-08-02\n\n"
            "  盛夏的城市骄阳似火，有一场会议别开生面，其火辣程度可与天气媲美，让人红脸出汗，大家都说这样的会好。\n\n\n\n\n"
            "  7月31日，市检察院党组召开巡视整改专题民主生活会。会议坚持问题导向，班子成员逐一对照检查。\n")
    assert len(split_reports(text)) == 1


def test_a_title_repeated_at_the_foot_is_not_a_report():
    text = ("城东公司召开专题民主生活会\n11月27日，城东公司召开了专题民主生活会，督导组到会指导，"
            "班子成员逐一作对照检查，开展批评与自我批评，会议取得预期效果。\n城东公司召开专题民主生活会\n")
    assert len(split_reports(text)) == 1


def test_chrome_test_agrees_with_searching_every_pattern():
    # the chrome test tries a pattern only where a character that can start it stands
    # (and the anchored ones everywhere): the same answer as a search per pattern
    from extractor.resources import load_toml
    from extractor.text.layout import line_kind

    patterns = [re.compile(p) for p in load_toml("layout.toml")["chrome"]["patterns"]]
    lines = ["首页 > 新闻", "当前位置：首页", "在手机上查看", "请在会上发言", "【打印】 【关闭】", "[ 大 ]",
             "本页 copyright 2024", "会议现场.jpg 合影.png", "---", "浏览次数 12", "字号 大 中 小",
             "English", "xx©yy", "主持人：张三", "发布者：管理员", "分享到：", "关于加强学习的报告", BODY,
             "- 中文", "· 日本語", " *  EN ", "•English", "-- 中文", "中文系党支部", "会议现场 jpg", "合影.JPG",
             "跳转到主要内容", "您好！欢迎访问xx市人民医院网站！", "字号：+ - 16", "NEWS CENTER", "NEWS",
             "您所在的位置：首页 >> 新闻", "欢迎大家踊跃发言"]
    for line in lines:
        s = normalize(line).strip()
        want = len(s) <= 160 and any(p.search(s) for p in patterns)
        assert is_chrome(normalize(line)) == want, line
        assert (line_kind(normalize(line)) == "chrome") == want, line


def test_site_header_lines_are_chrome():
    for line in ["跳转到主要内容", "跳到正文", "您好！欢迎访问xx市人民医院官方网站！", "欢迎来到xx大学新闻网",
                 "字号：+ - 14", "PARTY BUILDING", "NEWS CENTER", "您所在的位置：首页 >> 党建 >> 党建动态",
                 "当前所在位置：首页"]:
        assert is_chrome(normalize(line)), line
    for line in ["欢迎大家踊跃发言", "CPC", "会上，大家对新入党的同志表示欢迎。", "字号"]:
        assert not is_chrome(normalize(line)), line


def test_a_site_header_above_the_title_is_no_report_of_its_own():
    header = ("跳转到主要内容\n\n您好！欢迎访问xx市第一人民医院官方网站！\n\n党建\n\nPARTY BUILDING\n\n"
              "您所在的位置：首页 >> 党建 >> 党建动态\n\n党建动态\n\n")
    text = header + "检验科党支部召开2023年度组织生活会\n\n" + BODY + "\n"
    records = extract_text(text)
    assert len(records) == 1
    assert records[0].title == "检验科党支部召开2023年度组织生活会"


def test_a_photo_caption_after_a_wide_gap_opens_no_report():
    # captions between photos leave wide gaps; a paragraph that only names the meeting
    # (参加…组织生活会) is no account of another meeting
    text = ("骨科党支部召开组织生活会\n\n" + BODY + "\n\n会议由支部书记主持。\n\n \n\n院长讲话\n\n \n\n"
            "院长在讲话中指出，很高兴参加支部的组织生活会，希望支部继续发挥战斗堡垒作用。\n")
    assert len(split_reports(text)) == 1


def test_a_headline_that_goes_on_after_the_meeting_is_the_title():
    headline = "骨科党支部召开组织生活会，院长到会指导点评"
    records = extract_text(f"跳转到主要内容\n\n{headline}\n\n2024-03-02\n\n{BODY}\n")
    assert len(records) == 1 and records[0].title == headline
    # further down, a line that reads so (a photo caption) is no title: no second report
    text = f"{headline}\n\n{BODY}\n\n党员代表召开组织生活会，现场交流发言\n\n{BODY}\n"
    assert len(split_reports(text)) == 1


def test_a_title_repeated_above_each_photo_is_one_report():
    title = "凝心聚力促发展——审判庭党支部召开组织生活会"
    body1 = "3月5日，审判庭党支部召开组织生活会，支部书记主持会议，党员逐一开展批评和自我批评。"
    body2 = "会前，支部广泛征求意见，支委之间开展谈心谈话，每名党员撰写了发言提纲，准备充分。"
    body3 = "院机关党委委员到会指导，充分肯定了支部的工作，并提出三点要求，希望支部抓好整改。"
    text = "\n\n".join([title, body1, title, body2, title, body3])
    (record,) = extract_text(text)
    assert record.title == title and record.text == text
    # two reports with titles of their own are still two
    other = "执行局党支部召开组织生活会"
    assert len(split_reports("\n\n".join([title, body1, body2, other, body3, body1]))) == 2


def test_a_paragraph_run_on_after_a_chrome_line_is_read():
    # the page's byline and counter, then the first paragraph on the same line
    line = ("作者：网站编辑 | 发布人：网站编辑 | 点击量：872023年5月6日下午，学院党支部在三楼会议室召开"
            "专题组织生活会，全体党员参加。")
    view = normalize(line)
    assert not is_chrome(view)
    record = extract_text(f"学院党支部召开专题组织生活会\n{line}")[0]
    assert (record.meeting_date.year, record.meeting_date.month, record.meeting_date.day) == (2023, 5, 6)
    assert record.location.text == "三楼会议室"
    # only the labelled values are blanked: the count glued to the year is left out
    from extractor.steps import new_report
    report = new_report(line)
    assert report.view.lstrip().startswith("2023年5月6日")
    # without a sentence after them, such lines stay chrome throughout
    for chrome in ["作者：网站编辑 | 点击量：87", "发布时间：2023-05-06 浏览次数：12 会议新闻",
                   "来源：学院党委 点击量：87 打印本页 关闭窗口"]:
        assert is_chrome(normalize(chrome)), chrome


def test_a_photo_caption_naming_the_meeting_starts_no_report():
    text = ("4月10日下午，市图书馆党支部召开2022年度组织生活会。会上，党支部书记作党建工作报告。\n"
            "图一 市文旅局领导出席指导市图书馆党支部2022年度组织生活会\n图二 支委成员开展批评与自我批评\n")
    assert len(split_reports(text)) == 1
    assert not is_title(normalize("图一 市文旅局领导出席指导市图书馆党支部2022年度组织生活会"))


def test_a_news_app_banner_is_chrome():
    for line in ["打开APP", "2步打开 新闻客户端", "点击右上角“…”按钮", "使用浏览器/Safari打开"]:
        assert is_chrome(normalize(line)), line
    text = ("打开APP\n小贴士\n点击右上角“…”按钮\n\n一场特别的组织生活会\n\n"
            "5月10日，村党支部召开组织生活会，在外工作的党员回村参加。")
    assert extract_text(text)[0].title == "一场特别的组织生活会"
