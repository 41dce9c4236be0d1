"""Named people and their roles (extractor/fields/people.py)."""
import pytest

from extractor import extract_text
from extractor.fields import people
from extractor.text import layout
from extractor.text.normalize import blank_out, normalize
from extractor.report import Report

from conftest import assert_grounded


def found(text):
    """{name: role} as people.extract returns them, every span checked against the text."""
    view = normalize(text)
    report = Report(text, blank_out(view, layout.chrome_spans(view)))
    got = people.extract(report)["people"]
    for p in got:
        assert text[p["start"]:p["end"]] == p["name"]
    names = [p["name"] for p in got]
    assert len(names) == len(set(names)), names
    return {p["name"]: p["role"] for p in got}


# ------------------------------------------------------------------------ positives

@pytest.mark.parametrize("text, want", [
    # 同志 after an office; the office as written, both parts of a 、 list
    ("会议由局党组书记、局长张建国同志主持。", {"张建国": "局党组书记、局长"}),
    # 主持 after an office, no 同志
    ("会议由支部书记黄晓明主持，全体党员参加。", {"黄晓明": "支部书记"}),
    # 到会指导 with and without an office
    ("镇党委副书记李四到会指导。", {"李四": "镇党委副书记"}),
    ("经过认真准备，李红梅同志到会指导并作点评讲话。", {"李红梅": "到会指导"}),
    # 以普通党员身份参加
    ("局党组成员、副局长陈国华以普通党员身份参加并讲话。", {"陈国华": "局党组成员、副局长"}),
    # 点评 / 讲话 / 强调 after punctuation
    ("最后，吴松同志对专题组织生活会进行了总结点评。", {"吴松": "点评"}),
    ("会上，王定武强调，要紧扣主题认真对照检查。", {"王定武": None}),
    ("四是陈成同志总结；五是指导组组长讲话。", {"陈成": None}),
    # an office written after the name
    ("党委吴松书记、党委林幸福副书记分别以普通党员身份出席。", {"吴松": "书记", "林幸福": "副书记"}),
    # bylines and credits are not participants: 文/ 审核/ and a bare credit in parentheses
    ("文/林小雨  审核/周建平", {}),
    ("此次组织生活会促进了团结。（高宇）", {}),
    ("参会人员：张三、李四、王五（列席）", {"张三": "参会人员", "李四": "参会人员", "王五": "参会人员"}),
    # a list closed by 等同志
    ("党组成员王小兵、刘芳、陈志强等同志参加会议。", {"王小兵": "党组成员", "刘芳": None, "陈志强": None}),
    # 主任陈成: the name starts after the office, not at 任
    ("办公室主任陈成同志通报了整改情况。", {"陈成": "办公室主任"}),
    # names joined by a middle dot: an office before, 同志 or a verb of the account after
    ("县政协党组书记阿依古丽·买买提同志主持会议。", {"阿依古丽·买买提": "县政协党组书记"}),
    ("会议由党委书记东·华尔丹主持。", {"东·华尔丹": "党委书记"}),
    # three parts; listed with 、 beside a name found otherwise
    ("班子成员艾力·吐尔逊·托合提、张红梅同志发言。", {"艾力·吐尔逊·托合提": "班子成员", "张红梅": None}),
    # what a leader does to the members (勉励, 叮嘱 …) after the name
    ("公司党委书记邱明远勉励班子成员做到五个带头。", {"邱明远": "公司党委书记"}),
    # away: the role stops at 因
    ("因支部书记柯文静临时外出，会议由副书记主持。", {"柯文静": "支部书记"}),
    # no name ends inside 重要 (兰考重|要讲话)
    ("认真学习总书记兰考重要讲话精神。", {}),
    # offices of inspectors, accountants and directors
    ("纪委办专职纪检监察员蓝娴到会指导点评。", {"蓝娴": "纪委办专职纪检监察员"}),
    ("集团总会计师韦文珊参加会议并作指导。", {"韦文珊": "集团总会计师"}),
    ("党总支副书记、董事闫天亮，副总经理、董事邬志明参加。", {"闫天亮": "党总支副书记、董事", "邬志明": "副总经理、董事"}),
    # a two-character name ending with 全, set off by an office and a comma
    ("省局党组成员、副局长蒋全，省局督导组成员参加会议。", {"蒋全": "省局党组成员、副局长"}),
    # a secretary's office, a branch secretary written short (党支书, 村支书)
    ("学院党务秘书温晨老师和支部党员参加会议，会议由党支书周君毅同志主持。",
     {"温晨": "学院党务秘书", "周君毅": "党支书"}),
    # what someone does first or aloud (率先, 高声喊道)
    ("开展批评与自我批评时，院党委书记陆乃成率先对照检查。", {"陆乃成": "院党委书记"}),
    ("“请大家入座。”村支部副书记黎中华高声喊道。", {"黎中华": "村支部副书记"}),
    # an executive deputy's office after the name (组长某某常务副局长)
    ("市局督导组组长邓奕忠常务副局长、人事科吴静科长参加会议。", {"邓奕忠": "市局督导组组长", "吴静": "科长"}),
    # given names with 品, 仲, 冀 before a verb of the account
    ("说完开场白，曾宏品介绍了村里的发展。", {"曾宏品": None}),
    ("会议开始。\n严仲冀对本次民主生活会作点评讲话。", {"严仲冀": "点评"}),
    # a chief engineer's office written short; no name ends with the adverb's 地
    ("厅党组成员、总工袁立海，机关党委副书记方季等到会指导。", {"袁立海": "厅党组成员、总工", "方季": "机关党委副书记"}),
    ("会议在全体党员洪亮地宣读入党誓词中结束。", {}),
    # 谈了 after a name
    ("参加过第一批活动的县委常委邵显庭谈了感受。", {"邵显庭": "县委常委"}),
])
def test_people(text, want):
    assert found(text) == want


@pytest.mark.parametrize("text, name", [
    ("市委第三巡回指导组组长司马光明同志到会指导。", "司马光明"),
    ("会议由支部组织委员鲜于乐娇同志主持。", "鲜于乐娇"),
    ("县纪委监委派驻纪检监察组组长欧阳明同志列席会议。", "欧阳明"),
    ("副组长诸葛亮亮同志作点评。", "诸葛亮亮"),
    ("支部书记上官婉同志主持会议。", "上官婉"),
])
def test_compound_surnames(text, name):
    assert name in found(text)


def test_traditional_names_are_kept_as_written_and_counted_once():
    text = ("會議由支部書記黃曉明主持，局黨組成員、副局長陳國華以普通黨員身份參加。"
            "會上，支部书记黄晓明代表支委会作对照检查，陈国华同志作点评。")
    got = found(text)
    assert got == {"黃曉明": "支部書記", "陳國華": "局黨組成員、副局長"}


def test_two_to_four_characters():
    got = found("支部书记王强主持会议，组织委员欧阳志远同志、宣传委员李晓明同志参加。")
    assert set(got) == {"王强", "欧阳志远", "李晓明"}


def test_a_long_list_of_offices_and_names():
    text = ("出席会议的有市委书记徐浩东和专职副书记冯兴贵，还有纪委书记沈腾、常务副市长李继国、组织部长阎芳、"
            "政法委书记兼公安局长姚启明、统战部长李明辉、武装部长常达林。")
    got = found(text)
    assert got["沈腾"] == "纪委书记"
    assert got["姚启明"] == "政法委书记兼公安局长"
    assert set(got) == {"徐浩东", "冯兴贵", "沈腾", "李继国", "阎芳", "姚启明", "李明辉", "常达林"}


def test_name_before_a_word_that_follows_it():
    assert found("听取了督导组组长赵瑛、王清关于8个基层单位专题民主生活会情况的汇报。") == \
        {"赵瑛": "督导组组长", "王清": None}


# ------------------------------------------------------------------------ negatives

@pytest.mark.parametrize("text", [
    "同志们：全体同志要团结。党员同志、支部书记同志、与会同志、各位同志都要发言。",
    "感谢党员同志们的支持，对同志负责，增进同志团结，与两位分管领导同志分别谈心，老同志带头。",
    # masked names
    "局党组副书记、副局长xx同志，局党史学习教育指导组xx同志到会指导。xx指出，要深入学习。",
    "镇党委书记×××主持会议，县委常委、宣传部部长XXX到会指导，张××同志、王某某同志、李某参加。",
    # leaders named only in slogans and titles of works
    "深入学习习近平新时代中国特色社会主义思想和《毛泽东邓小平江泽民胡锦涛关于中国共产党历史论述摘编》。",
    "认真学习贯彻xjp新时代中国特色社会主义思想，学习习近平总书记“七一”重要讲话精神和马克思主义理论。",
    # words that start with a surname character
    "会议强调，要高度重视，严肃认真，全面总结。方案要求、文件要求、高标准要求都要落实。党员干部要明确要求。",
    "支部书记带头，党员干部逐一发言，武装部长作部署，班子成员严格要求，党员管理严格，干部任用规范。",
    "对照检查材料方面，常态化学习不够，方法不多，成效不明显，纪律意识淡化，许多同志反映。",
])
def test_not_people(text):
    assert found(text) == {}


def test_people_end_to_end_grounded(samples_dir):
    from extractor import extract_file
    recs = extract_file(samples_dir / "000_30de3536cd37ff6c.txt")
    assert [[p.name for p in r.people] for r in recs] == [[], ["马天成"], ["王定武"], [], ["陈成"], []]
    assert recs[2].people[0].role == "党支部书记"
    for r in recs:
        assert_grounded(r)


def test_people_in_a_report_with_chrome_and_traditional_text():
    text = ("首页 > 党建工作 > 基层动态\n第三党支部召开2021年度組織生活會暨民主評議黨員大會\n"
            "發布時間：2022-01-20  來源：機關黨委  瀏覽次數：356\n"
            "1月18日下午，市住建局機關第三黨支部召開2021年度組織生活會。支部全體黨員23人參加會議，"
            "局黨組成員、副局長陳國華以普通黨員身份參加並講話。會議由支部書記黃曉明主持。\n"
            "文/林小雨  審核/周建平\n上一篇：機關第二黨支部開展主題黨日活動\n")
    (rec,) = extract_text(text)
    assert [(p.name, p.role) for p in rec.people] == [
        ("陳國華", "局黨組成員、副局長"), ("黃曉明", "支部書記")]
    assert_grounded(rec)


@pytest.mark.parametrize("text, want", [
    # the name ends where 因 begins
    ("应参会班子成员10人，实到9人，副院长林晓东因公出差请假。", {"林晓东": "副院长"}),
    ("党工委委员、武装部长钟明因病请假。", {"钟明": "党工委委员、武装部长"}),
    # an office at the first mention beats a cue word at a later one
    ("县委第三督导组组长、县人大常委会副主任孙伟民全程督导。孙伟民同志在督导讲话中充分肯定了会议。",
     {"孙伟民": "县委第三督导组组长、县人大常委会副主任"}),
    # given names that are also words: 建设, 天会
    ("区委主题教育第三指导组组长汪建设同志到会指导。", {"汪建设": "区委主题教育第三指导组组长"}),
    ("修武县政协主席、市委第八督导组副组长李天会同志出席会议。", {"李天会": "修武县政协主席、市委第八督导组副组长"}),
    # a meeting record: offices as labels, padded two-character names
    ("支部书记：张三\n参加人员：王  伟、李  强、赵丽华\n记录人：吴桂芳",
     {"张三": "支部书记", "王  伟": "参加人员", "李  强": "参加人员", "赵丽华": "参加人员", "吴桂芳": "记录人"}),
    # 同志 after a verb that is no cue
    ("会后，支部委员看望王明同志。", {"王明": None}),
])
def test_people_more(text, want):
    assert found(text) == want


@pytest.mark.parametrize("text", [
    "全体党员庄严宣誓，郑重承诺，党员郑重宣誓。",
    "支部书记高度重视，组长单位严格把关，党员管理规范，书记项目推进有力。",
    "县纪委监委第五派驻纪检监察组、县委组织部有关同志到会督导。",
])
def test_not_people_more(text):
    assert found(text) == {}


@pytest.mark.parametrize("text, want", [
    ("参加会议的有：蔺晓东、房俊杰、甘露、苟文斌、谌海燕。会议听取了工作报告。",
     {"蔺晓东", "房俊杰", "甘露", "苟文斌", "谌海燕"}),
    # padded with ideographic spaces, traditional characters
    ("與會同志：韓　冰、盧建華、龔曉燕、鄧　勇", {"韓　冰", "盧建華", "龔曉燕", "鄧　勇"}),
    # speakers opening a line; rows of a table of members
    ("甄立伟：我在学习上存在实用主义倾向。\n卓雅琴：对群众反映的问题回应不够及时。", {"甄立伟", "卓雅琴"}),
    ("班子成员：\n苑成林  党组书记、主任\n郜雅婷  党组成员、副主任", {"苑成林", "郜雅婷"}),
    # 等5名同志 closes a list; a word between the name and its verb
    ("符建明、鲍雪芹、娄志刚等5名同志作为入党积极分子列席了会议。", {"符建明", "鲍雪芹", "娄志刚"}),
    ("晏国栋认为，班子还存在等靠要思想。檀秀英则指出，个别同志纪律意识淡薄。", {"晏国栋", "檀秀英"}),
    # 书 in a given name; compound surnames in a list
    ("司徒嘉慧、皇甫書恆參加了會議。", {"司徒嘉慧", "皇甫書恆"}),
])
def test_people_in_lists_and_lines(text, want):
    assert set(found(text)) == want


@pytest.mark.parametrize("text", [
    "会议时间：2022年12月28日\n地点：三楼会议室\n会议议程：学习党章\n主要内容：对照检查",
    "学习内容：党的二十大报告\n高质量发展：要求明确\n方案要求：各支部抓好落实",
])
def test_not_people_in_record_lines(text):
    assert found(text) == {}


# ------------------------------------------------------------- real-text phrasing classes

@pytest.mark.parametrize("text, names", [
    # members of a guiding group named right after the group, no office of their own
    ("市委第二督导组孙立新、钱晓燕到会指导。", {"孙立新", "钱晓燕"}),
    ("派驻纪检监察组何文斌、组织部干事罗丽参加会议。", {"何文斌", "罗丽"}),
    # an office after the name, an organisation's name before it
    ("县卫健委胡建业副主任一行到会指导。", {"胡建业"}),
    ("集团政工处邓春燕副主任出席。", {"邓春燕"}),
    ("作为班子成员的程晓副总、邱国庆副总先后发言。", {"程晓", "邱国庆"}),
    # a collective role (委员) before a name closed by a delimiter
    ("公司党委委员冯孝棠、纪委书记孔亮到会。", {"冯孝棠", "孔亮"}),
    # a surname that is often a word, attested by an office before and a verb after
    ("党委书记、董事长盛更红主持会议。", {"盛更红"}),
    ("组织委员任镔同志作发言。", {"任镔"}),
    # a name closed by 等N名党员
    ("第三党支部蓝晓雨等12名党员参加。", {"蓝晓雨"}),
    # three characters kept whole though the last is often a function word
    ("镇第二督导员韩大为进行了点评。", {"韩大为"}),
    # less common surnames
    ("党总支书记诸秋萍作对照检查。", {"诸秋萍"}),
    ("第五督导组念潮生组长点评。", {"念潮生"}),
    # a speaker introduced by a role of merit
    ("派出所老党员、先进工作者龙满松如是说。", {"龙满松"}),
])
def test_real_text_phrasings(text, names):
    assert set(found(text)) == names


def test_hero_name_borne_by_a_guide_is_a_person_but_not_as_an_example():
    assert "李保国" in found("市卫健委督导组组长李保国同志莅临指导。")
    assert found("大家学习了县委书记焦裕禄同志的感人事迹。") == {}


def test_no_fragment_of_a_group_name():
    # 第五 is a compound surname, but 第五督导组 is a group
    assert found("第五督导组到会指导并点评。") == {}


def test_a_name_set_off_by_an_office_and_a_delimiter_may_hold_a_stop_character():
    # 传 is a stop character (传达), but 副主席X， leaves no doubt
    assert "季传舜" in found("党组成员、副主席季传舜，党组成员、秘书长朱明参加会议。")
    assert "张传" not in found("办公室主任张传达了会议精神。")


@pytest.mark.parametrize("text, want", [
    ("本报讯（记者申红丽）2月14日，集团召开民主生活会，党委书记、董事长盛更新主持会议。", {"盛更新"}),
    ("会议由支部书记张丽华主持。\n撰稿：朱春明 审稿：张丽华 摄影：许云飞", {"张丽华"}),
    ("（图/文：陈小琴、王鑫|初审：陈莹 复审：陈婷 终审：朱飞）", set()),
])
def test_bylines_are_not_participants_unless_named_in_the_account(text, want):
    assert set(found(text)) == want


@pytest.mark.parametrize("text, names", [
    # a list closed by 等领导干部
    ("随后，郑明生、罗海军、林卓、王培文等领导干部分别发言。", {"郑明生", "罗海军", "林卓", "王培文"}),
    # N位同志 after a pair joined by 与
    ("片区督导组伍泽华与陈林两位同志参加会议。", {"伍泽华", "陈林"}),
    # an office after the name, after a unit; a name that is also a word (高峰)
    ("区纪委派驻第三纪检组高峰组长到会。", {"高峰"}),
    ("市检察院赵文副检察长出席会议。", {"赵文"}),
    ("会议由陈加虎支部书记主持。", {"陈加虎"}),
    ("党纪检委员甘丽华教授列席。", {"甘丽华"}),
    # a stop character inside a name attested by an office before and a verb after
    ("市长张传明主持会议并讲话。", {"张传明"}),
    ("院长刘先领列席会议指导。", {"刘先领"}),
    # 领导 and 辅导员 before a name
    ("学院领导林涛书记、田文副书记到会。", {"林涛", "田文"}),
    ("辅导员汤靓及全体学生党员参加。", {"汤靓"}),
    # people named as an example (比如) and those the branch admitted (接收)
    ("大家畅所欲言，比如卢文华同志建议开展调研。", {"卢文华"}),
])
def test_more_real_text_phrasings(text, names):
    assert set(found(text)) == names


@pytest.mark.parametrize("text", [
    # a name cannot end inside a word: 向全|体
    "会上，支部书记代表支委向全体党员汇报工作。",
    # leaders whose speeches were studied did not take part
    "会上学习了省委书记周海、市委书记戴林在动员大会上的讲话精神。",
    # 拟稿 is a byline
    "（拟稿：张福来 审核：曹勇）",
    # words after an office or before a byline are no names: 常务副组长, 新闻网讯
    "市委督导组常务副组长到会指导。",
    "东城新闻网讯（记者 通讯员）近日召开了会议。",
])
def test_not_participants(text):
    assert found(text) == {}


def test_office_after_a_name_that_opens_a_sentence_with_a_verb_after_it():
    assert "钟平沂" in found("会议达到了目的。 钟平沂副调研员在点评中指出，班子准备充分。")
    assert "武装" not in found("统战部长李明辉、武装部长常达林参加。")


def test_代表_before_a_unit_is_not_an_office_before_a_name():
    assert found("随后，周兴佳同志代表高新区法院领导班子作对照检查。") == {"周兴佳": None}


@pytest.mark.parametrize("text, name", [
    # the office before the name overlaps a shorter office word (支委 in 党总支委员)
    ("会上，镇中学党总支委员钱会臣传达了上级文件。", "钱会臣"),
    # a group's leader (纪检组长, not the group 纪检组), a weak surname and a verb after
    ("会后，派驻纪检组长高展在点评中提出三点意见。", "高展"),
])
def test_a_name_after_an_office_that_overlaps_another(text, name):
    assert name in found(text)


# ------------------------------------------------- shortcuts find what the full scans find

SCAN_TEXTS = [
    "会议由支部书记黄晓明主持。会上，首先通报了有关情况，王定武强调，随后主持人随即作了讲话。",
    "张三等同志、李四等3名同志、王五等三位同志参加；同志们认真学习，赵六同志们，钱七领导同志。",
    "党总支委员王红、纪检组长刘明、支委党总支委员陈东、副局长副书记孙立出席。",
    "首先陈成讲话，同时首先强调，则也还又刘伟作了发言",
    "党委吴松书记、林幸福副书记，卫健委徐明副主任，纪检组高峰组长，。钟明副调研员在点评中指出",
]


def scan_texts():
    from pathlib import Path
    corpus = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    # (a few are in other encodings: what matters here is only that both scans read the same)
    return SCAN_TEXTS + [p.read_text(encoding="utf-8", errors="replace") for p in corpus]


def finder_of(text):
    view = normalize(text)
    return people._Finder(Report(text, blank_out(view, layout.chrome_spans(view))))


@pytest.mark.parametrize("text", scan_texts())
def test_verbs_after_a_given_name_character_are_those_of_the_full_scan(text):
    f = finder_of(text)
    c, view = f.c, f.view
    assert c.verbs_after_given is not None  # else the shortcut is off
    full = [m.start() for m in c.verbs.finditer(view) if m.start() >= 2 and view[m.start() - 1] in c.given_last]
    assert f.starts_after(c.verbs, c.verbs_after_given, c.given_last) == full
    assert f.starts_after(c.verbs, None, c.given_last) == full


@pytest.mark.parametrize("text", scan_texts())
def test_comrade_cues_after_a_name_character_are_those_of_the_full_scan(text):
    f = finder_of(text)
    c, view = f.c, f.view
    assert c.name_then_comrade is not None and c.comrade_chars is not None
    full = [m.start() for m in c.comrade.finditer(view)
            if m.start() >= 2 and "\u4e00" <= view[m.start() - 1] <= "\u9fff" and view[m.start() - 1] not in c.stop]
    assert list(f.comrades_after_name()) == full


@pytest.mark.parametrize("text", scan_texts())
def test_offices_before_a_surname_are_those_of_the_full_search(text):
    f = finder_of(text)
    c, view = f.c, f.view
    assert c.role_then_surname is not None
    firsts = c.surnames | {w[0] for w in c.compound}
    full, pos = [], 0
    while (m := c.role_any.search(view, pos)) is not None:  # every office, overlaps too
        if view[m.end():m.end() + 1] in firsts:
            full.append(m.span())
        pos = m.start() + 1
    assert f.offices_before_surnames() == full


def test_a_verb_inside_a_lead_and_verb_is_not_a_cue_of_its_own():
    # 首先|通报: the scan's match starts at the lead, so 先 does not end a name
    f = finder_of("会上，首先通报了情况，高先通报。")
    c = f.c
    assert f.starts_after(c.verbs, c.verbs_after_given, c.given_last) == [f.view.index("通报", 8)]


def test_a_comrade_cue_inside_another_is_not_a_cue_of_its_own():
    # 等同志|同志: one cue from 等, so 志 does not end a name
    f = finder_of("请王五等同志同志，李四同志")
    assert list(f.comrades_after_name()) == [f.view.index("等"), f.view.index("同志", 9)]


@pytest.mark.parametrize("text", scan_texts() + ["记者 张三  责任编辑 李四 责编 王五 编辑编辑 "])
def test_spaced_label_starts_are_every_place_a_spaced_label_starts(text):
    from extractor.match.gates import positions_of_any
    from extractor.resources import load_toml
    f = finder_of(text)
    words = load_toml("people.toml")["cues"]["spaced_labels"]
    assert f.c.spaced_label_starts is not None
    found = [m.start() for m in f.c.spaced_label_starts.finditer(f.view)]
    assert found == sorted(set(positions_of_any(f.view, words)))


@pytest.mark.parametrize("text, name", [
    # 台 is a surname too
    ("学院党委副书记台晓兰同志出席会议并讲话。", "台晓兰"),
    # a given name may end with 科, 全 or 书 when 同志 or a verb follows
    ("会上，办公室党支部书记何立科同志代表支委作检视剖析。", "何立科"),
    ("最后，党委委员周德全同志作点评。", "周德全"),
    # 包括……在内
    ("包括党委书记方刚、党委委员许静在内的9名党员参加了会议。", "许静"),
    # the person leads the study of another leader's speech: still a participant
    ("会上，组织委员马丽萍带领大家学习了习近平总书记在全国组织工作会议上的重要讲话。", "马丽萍"),
    # a stop character inside a name set off on both sides: an office before, a verb after
    ("县委副书记邓时雨出席会议并讲话。", "邓时雨"),
    ("会上，区委办公室主任孔从军表示，要抓好问题整改。", "孔从军"),
    # a word such as 一口气 or 针对 after the name
    ("村党支部书记贾连生一口气列出了班子的9个问题。", "贾连生"),
    ("最后，党总支书记郑安国针对大家的发言作了点评。", "郑安国"),
    # 等N名……成员 after the name
    ("会上，周立代表班子作对照检查；钱广义等4名支部班子成员作个人发言。", "钱广义"),
    ("会议达到了预期目的。\n潘立平充分肯定了这次会议的成效。", "潘立平"),
    ("第一次当众被批评，庞志刚却觉得这样的会开得好。", "庞志刚"),
    ("党委委员、站长助理龚建红莅临会议并指导。", "龚建红"),   # an assistant's office before the name
    ("会上，沐晓东首先介绍了会前准备情况。", "沐晓东"),       # a rarer surname
])
def test_names_in_less_common_settings(text, name):
    assert name in found(text)


def test_a_three_character_name_ending_with_科_is_not_cut_short():
    assert set(found("会议由党支部书记贺文科同志主持。")) == {"贺文科"}


def test_a_name_of_uncommon_characters_is_taken_when_it_recurs():
    # 拥 is no common given-name character: one mention with a weak cue is not enough,
    # two are
    once = "区委常委班子召开民主生活会。肖拥军首先对会前准备情况作了说明。"
    twice = once + "接着肖拥军带头作对照检查发言。"
    assert "肖拥军" not in found(once)
    assert "肖拥军" in found(twice)


def test_a_name_does_not_run_into_a_word_after_it():
    assert set(found("最后，党支部书记陈桥针对大家的发言作了总结。")) == {"陈桥"}


# --------------------------------------------- names joined by a middle dot; listed names

@pytest.mark.parametrize("text", [
    "开展“学党史·悟思想”、“办实事·开新局”主题活动。",   # slogans in quotes
    "大家交流了读《马克思·恩格斯选集》的体会。",           # inside a book title
    "本次活动以党建·业务融合为主线。",                     # no cue on either side
])
def test_no_dotted_name_without_a_cue(text):
    assert found(text) == {}


@pytest.mark.parametrize("text, names", [
    # a deputy's office after the name, after a unit (省教育厅X副厅长)
    ("省教育厅罗建新副厅长、审计室韦志达主任到会指导。", {"罗建新", "韦志达"}),
    # an office after a name that opens a sentence, then 代表 (what only a person does)
    ("讨论热烈。邹一凡书记代表支委会作检视剖析。", {"邹一凡"}),
    # a list of names closed by a count of guides (两位督导员), the first after a unit
    ("镇党委委员蔡明和镇文教办卢广志、何勇两位督导员到会。", {"蔡明", "卢广志", "何勇"}),
    ("支部大会对周子豪、钱晓雯2名同学进行了转正表决。", {"周子豪", "钱晓雯"}),
    # a listed name written after its unit
    ("院党委副书记潘立群、组织科柏英、第一党支部党员参加。", {"潘立群", "柏英"}),
    # the note-taker
    ("会议由支部书记孔卫东主持，鲁文静记录。", {"孔卫东", "鲁文静"}),
])
def test_listed_people_and_people_after_units(text, names):
    assert set(found(text)) == names


def test_a_name_does_not_run_into_a_place_name():
    # 和 then a two-character place name and its 镇: no name 石湾
    got = found("镇长吕建华和石湾镇教办全体人员参加。")
    assert "石湾" not in got and "吕建华" in got
    assert "马东" in found("会议由马东镇长主持。")   # 镇长 is an office after the name
