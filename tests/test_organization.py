"""organization, the unit that held the meeting (extractor/fields/organization.py)."""
import pytest

from extractor import extract_text

from meeting_reports import fields, record, ANNUAL_DSH, ZHEN, NO_TITLE, TRAD, ZHONGXIN


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
    # a room written with no break before the unit
    ("2023年3月8日在3b-105教室机电学院自动化系学生党支部召开了组织生活会。", "机电学院自动化系学生党支部"),
    # what a leader did on the committee's behalf (代表院党委作领导班子对照检查) names no unit
    ("会上，院长王明代表院党委作领导班子对照检查发言。会议由市人民医院党委召开。", "市人民医院党委"),
    # what came before the meeting (经过前期支部集中学习) names no unit
    ("按照通知要求，经过前期支部集中学习和谈心谈话，机电学院汽车党支部召开了组织生活会。", "机电学院汽车党支部"),
    # …but 作 inside a name stays (合作社)
    ("2月8日，县农民专业合作社机关党支部召开2022年度组织生活会。", "县农民专业合作社机关党支部"),
])
def test_organization_in_news_items(text, want):
    assert fields(text)["organization"] == want


def test_image_file_names_are_page_chrome():
    text = "城南中学党组织召开专题组织生活会\n初中支部组织生活会.jpg 高中支部组织生活会.jpg\n1月19日，学校党总支召开会议。"
    assert fields(text)["organization"] == "城南中学党组织"


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


@pytest.mark.parametrize("text, want", [
    # branches numbered together: the whole coordinated name, not the last number
    ("3月2日，县人民医院召开机关一、二支部联合组织生活会。会前，各支部开展了学习。", "机关一、二支部"),
    ("2月10日，信息学院教工第一、第二、第三支部各自召开组织生活会，党员都参加了。",
     "信息学院教工第一、第二、第三支部"),
    # offices joined into one branch
    ("5月8日，按照机关党委的部署，办公室、财务科、后勤科党支部召开组织生活会。", "办公室、财务科、后勤科党支部"),
    # a unit and a group word before its branches
    ("3月上旬，春华中学各党支部陆续召开年度组织生活会，书记主持。", "春华中学各党支部"),
    ("按照上级安排，安达公司各基层党支部分别召开组织生活会暨民主评议党员大会。", "安达公司各基层党支部"),
    ("年初，青禾书院8个党支部先后召开组织生活会，全体党员参加。", "青禾书院8个党支部"),
])
def test_branches_reported_together(text, want):
    assert fields(text)["organization"] == want


def test_a_group_word_alone_is_no_unit():
    # 全市 is no unit of its own: the group of branches is not named after it
    text = "会上传达了通知，全市各党支部要按时召开组织生活会。1月9日，市档案馆党支部召开组织生活会。"
    assert fields(text)["organization"] == "市档案馆党支部"


@pytest.mark.parametrize("text, want", [
    # the unit names its meeting, no party suffix anywhere in the opening
    ("专题民主生活会见实效\n“我先来剖析自己。”在近日召开的东岭县审计局专题民主生活会上，该局局长这样开场。会上希望局党组抓好整改。",
     "东岭县审计局"),
    # the meeting is the subject, the unit owns the room
    ("1月9日，专题民主生活会在市水利局五楼会议室举行。会上，该局党组书记先代表班子对照检查。",
     "市水利局"),
    # the held sentence's subject beats the leading group merely mentioned after it
    ("5月6日，市职教中心在图书馆会议室召开专题民主生活会，学校领导班子全体成员参加会议。", "市职教中心"),
    # a town that convened the meeting, the body later calling it 我镇
    ("4月2日下午，青松镇组织召开领导班子专题民主生活会。县领导对我镇党政领导班子民主生活会给予肯定。", "青松镇"),
])
def test_unit_named_without_a_party_suffix(text, want):
    assert fields(text)["organization"] == want


@pytest.mark.parametrize("text, want", [
    # 我院党委 in the body, the hospital's full name only in the signature
    ("根据上级通知精神，我院党委精心组织，于2月开好了年度民主生活会。会后逐项落实整改。\n"
     "南山第二医院党委办公室\n2024年2月20日\n", "南山第二医院党委"),
    # the pronoun's unit named elsewhere in the text
    ("1月20日，我院党委班子开了2024年度民主生活会。此前，学院党委拟定了会议方案。", "学院党委"),
    # only the short form anywhere: kept rather than nothing
    ("12月6日下午，会议在科研楼召开，班子成员参加。指导组对院党委提出了三点要求。", "院党委"),
    # a department of 我院: its own name, without the pronoun
    ("近日，我院乳腺外科党支部召开专题组织生活会。", "乳腺外科党支部"),
])
def test_pronoun_and_unit_word(text, want):
    assert fields(text)["organization"] == want


def test_the_organ_group_that_met_not_its_parent_body():
    text = "8月5日下午，东江区人大机关班子召开专题民主生活会。区人大常委会主任全程参加并指导。"
    assert fields(text)["organization"] == "东江区人大机关班子"


def test_the_body_that_approved_the_meeting_is_not_the_unit():
    text = "2月15日，经校党委和督导组审批同意，城建学院召开2022年度中层领导干部民主生活会。"
    assert fields(text)["organization"] == "城建学院"


@pytest.mark.parametrize("text, bad", [
    ("散会前，院长表态，并感谢委党组一年来给予的支持。", "感谢委党组"),
    ("会上，各支部认真查摆党支部存在的问题。", "摆党支部"),
    ("最后，经支委会考核，遴选出支部年度优秀党员两名。", "遴选出支部"),
    ("到3月底，青山镇完成基层党组织组织生活会的召开工作。", "青山镇完成基层党组织"),
    # the issuer code of a document number is no name
    ("根据《关于开好组织生活会的通知》（江党组发〔2023〕5号）要求，社区认真准备。", "江党组"),
])
def test_no_fragment_of_a_word(text, bad):
    assert fields(text)["organization"] != bad


@pytest.mark.parametrize("text, want", [
    # a unit's other name in brackets belongs to the name; a year in brackets does not
    ("4月2日，南湖学院（管委会）党委机关第二党支部召开组织生活会。", "南湖学院（管委会）党委机关第二党支部"),
    ("按照要求(2022)党支部召开组织生活会，全体党员参加。", "党支部"),
    # the name runs on into its party organisation
    ("3月8日，市政协常委会党组书记主持召开市政协常委会党组民主生活会。", "市政协常委会党组"),
    # a word before the name that says which term, and a news subtitle's 记 (a record of)
    ("1月12日，新一届县政府党组召开民主生活会。", "县政府党组"),
    ("团结奋进谋发展——记外科党支部召开组织生活会\n3月8日，外科全体党员参加会议。", "外科党支部"),
])
def test_name_edges(text, want):
    assert fields(text)["organization"] == want


def test_a_unit_word_alone_takes_the_unit_named_in_the_news_title():
    text = "东湖第三医院召开2023年度领导班子民主生活会\n1月16日，会议在行政楼召开，院领导班子成员参加。我院党委高度重视。"
    assert fields(text)["organization"] == "东湖第三医院"


# --------------------------------------------- shortcuts find what the full scans find

def _scan_texts():
    from pathlib import Path
    corpus = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    return [
        "县人民法院通过认真准备，于1月19日召开民主生活会。",
        "会前，\n\n   市第一医院按照要求，在三楼召开会议；区教育局结合实际，于次日召开。",
        "我校附属医院经党委同意召开会议，    县水务局根据安排召开",
        # a subject as long as can be, after blanks that run over lines
        "会前，\n" + " " * 6 + "甲" * 20 + "中心通过认真准备召开会议。" + "乙" * 19 + "局通过",
    ] + [p.read_text(encoding="utf-8", errors="replace") for p in corpus]  # (any text will do)


@pytest.mark.parametrize("text", _scan_texts())
def test_clause_subjects_are_those_of_every_clause_start(text):
    from extractor.fields import organization
    from extractor.text.normalize import normalize
    view, c = normalize(text), organization.org_cues()
    assert c.clause_subject_reach is not None  # else the shortcut is off
    hi = min(len(view), 600)
    starts = [0] + [m.end() for m in organization._CLAUSE_STOP.finditer(view, 0, hi)]
    every = [m.span() for m in (c.clause_subject.match(view, s, hi) for s in starts) if m]
    assert [m.span() for m in organization._clause_subjects(view, c, 0, hi)] == every


@pytest.mark.parametrize("text", _scan_texts())
def test_gated_stop_words_match_as_the_plain_ones(text):
    import re
    from extractor.fields import organization
    from extractor.resources import load_toml
    from extractor.text.normalize import normalize
    view = normalize(text)
    plain = re.compile("|".join(load_toml("organization.toml")["organization"]["stop"]))
    gated = organization.org_cues().org_stop
    assert gated.pattern != plain.pattern  # else the gate is off
    assert [m.span() for m in gated.finditer(view)] == [m.span() for m in plain.finditer(view)]


def test_parent_units_found_at_their_first_characters_are_those_of_the_full_scan():
    from pathlib import Path
    from extractor.fields import organization as org_module
    from extractor.match.gates import matches_at_first_chars
    c = org_module.org_cues()
    assert c.org_parent_first is not None  # else the shortcut is off
    texts = ["住房保障中心所属各支部、下属的3个党支部和下设党总支部召开会议；所属所属各支部", "所属下属下设"]
    texts += [p.read_text(encoding="utf-8", errors="replace")
              for p in sorted((Path(__file__).parent / "corpus").glob("*.txt"))]
    for text in texts:
        assert [m.span() for m in matches_at_first_chars(text, c.org_parent, c.org_parent_first)] \
            == [m.span() for m in c.org_parent.finditer(text)]


@pytest.mark.parametrize("text, want", [
    # 党员领导干部 names who met, not a unit; the meeting's own name is no unit either
    ("集团召开2019年度党员领导干部民主生活会\n1月20日下午，集团党委召开了2019年度党员领导干部民主生活会，"
     "集团党委和领导班子全体成员参加会议。\n", "集团党委"),
    ("3月2日，公司党委在行政楼会议室召开了“大整改”专题民主生活会。会上，公司党委副书记介绍了前段时间公司党委"
     "整改工作开展情况，讨论了前段时间查摆出来的问题，会议认为召开的这次专题民主生活会很有必要。\n", "公司党委"),
    # a unit without a party suffix opening a title whose year is spaced out (PDF text)
    ("县档案馆 2024 年度民主生活会召开情况\n报告\n根据县委统一部署，县档案馆认真做好各项准备工作，于 2025 年1月8日\n"
     "召开 2024 年度民主生活会。会议开展了批评与自我批评。\n", "县档案馆"),
    # who took part is no part of the name
    ("会议由院长主持，参会人员为医院党委班子全体成员。会议开展了批评与自我批评。\n", "医院党委"),
])
def test_organization_after_words_that_are_no_part_of_it(text, want):
    assert fields(text)["organization"] == want


@pytest.mark.parametrize("text, want", [
    # text a hacked page put into the unit's name: the name after it
    ("3月9日，8866xy永利娱乐城8866cc教师第二支部召开组织生活会。", "教师第二支部"),
    ("1288澳门新葡萄娱乐场学生第一党支部召开组织生活会。", "学生第一党支部"),
    # Latin letters or digits of the name itself stay, and a code where no gambling word
    # says the text was put in
    ("教育学院硕士生2021级党支部召开组织生活会。", "教育学院硕士生2021级党支部"),
    ("中共ab12345星河党总支委员会召开专题民主生活会。", "中共ab12345星河党总支委员会"),
    ("中石化SINOPEC第三党支部召开组织生活会。", "中石化SINOPEC第三党支部"),
])
def test_text_injected_into_a_unit_s_name(text, want):
    assert extract_text(text)[0].organization == want


def test_a_unit_cited_for_its_related_documents_is_an_authority():
    text = "按照区委的通知要求，及学校党委的相关文件精神，1月22日，第五中学第三党支部举行专题组织生活会。"
    assert extract_text(text)[0].organization == "第五中学第三党支部"


def test_a_unit_after_按_is_cited_not_the_one_that_met():
    text = "按学院党委的部署和安排，7月7日英语教工第一党支部在会议室召开了专题组织生活会。"
    assert extract_text(text)[0].organization == "英语教工第一党支部"
