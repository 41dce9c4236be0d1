"""Where the meeting was held (RECORD.md ``location``), in phrasings of real reports (our words)."""
import pytest

from extractor import extract_text
from extractor.report import Report


def place_of(text):
    r = extract_text(text)[0]
    if r.location is not None:
        assert r.text[r.location.start:r.location.end] == r.location.text
    return r.location.text if r.location else None


@pytest.mark.parametrize("text, place", [
    ("2024年1月9日上午，综合科党支部在机关五楼小会议室召开2023年度组织生活会。", "机关五楼小会议室"),
    ("某公司第二党支部召开组织生活会\n会议地点：三号楼二层党员活动室\n", "三号楼二层党员活动室"),
    ("3月10日，学院第二学生党支部于实验楼C305召开2022年度组织生活会。", "实验楼C305"),
    ("3月10日，研究生党支部在明理楼412召开组织生活会暨民主评议党员大会。", "明理楼412"),
    ("11月5日下午，教工党支部在图书馆报告厅召开了专题组织生活会。", "图书馆报告厅"),
    ("3月2日，医院党委在学术交流中心召开领导班子民主生活会。", "学术交流中心"),
    ("2022年3月8日上午，机关第四党支部在综合楼东侧会议室308召开组织生活会。", "综合楼东侧会议室308"),
    ("2017年3月10日，在2015-2016室由支部副书记组织召开专题组织生活会。", "2015-2016室"),
    ("3月7日下午，第四黨支部在校值班室召開了組織生活會。", "校值班室"),
    # a building named without a room
    ("12月10日晚，研究生第三党支部在五号实验楼召开了组织生活会。", "五号实验楼"),
    # 组织开展 as the verb
    ("2月10日下午，康复科党支部在二号楼一楼小团体室组织开展年度组织生活会。", "二号楼一楼小团体室"),
])
def test_the_place_is_found(text, place):
    assert place_of(text) == place


@pytest.mark.parametrize("text", [
    "3月10日，研究生党支部召开组织生活会，全体党员参加。",
    # a date after 于, no place
    "党支部于2023年3月4日召开组织生活会。",
    # a place that is not where the meeting was held
    "会上，大家认为要在服务群众中心工作上多下功夫。",
])
def test_no_place_when_not_stated(text):
    assert place_of(text) is None


@pytest.mark.parametrize("text, place", [
    # a building's name and a room number, no room word
    ("3月4日晚，第五党支部于博雅2-305召开了组织生活会。", "博雅2-305"),
    ("支部于求是B1208召开专题组织生活会。", "求是B1208"),
])
def test_a_numbered_room_without_a_room_word(text, place):
    assert place_of(text) == place


@pytest.mark.parametrize("text", [
    "支部于2023年3月4日召开组织生活会。",
    "支部于3月4日召开组织生活会。",
    "支部于今日15:30召开组织生活会。",
])
def test_a_date_or_time_is_not_a_numbered_room(text):
    assert place_of(text) is None


def test_never_taken_names_the_characters_no_match_holds():
    from extractor.match.regex_facts import never_taken
    # a look ahead reads past the match but holds nothing of it
    assert never_taken("在[^,。\n]{0,9}?召开(?=,)", ",。\n;") == ",。\n"
    assert never_taken("在[^,;]*(?:由[^。,]*)?召开", ",。;") == ","  # the 由 part may hold ;, the rest 。
    assert never_taken("在.*召开", ",。\n") == "\n"
    assert never_taken("(?s)在.*召开", ",。\n") == ""
    assert never_taken("在[\\s,]召开", ",;\n") == ""  # a category: taken to hold them all
    assert never_taken("(?i)a[^,]b", ",") == ""  # folded case: not read


def _random_views(alphabet, count, seed):
    import random
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(count)]


# pieces of held places, with the stops and the near misses around them
_PIECES = ["在", "于", "召开", "组织召开", "举行", "召", "开", "由", "张三", "内", "三楼", "会议室", "室",
           "楼", "2-305", "1208", "B", "2023年", "3月", "，", ",", "。", "\n", "；", "、", "的", "会"]


def test_the_held_place_found_within_runs_is_the_one_the_plain_search_finds():
    from extractor.fields import location
    held = location.location_cues()[-1]
    assert held.runs is not None  # else every 在 / 于 is tried
    views = _random_views(_PIECES, 20000, 19) + [
        "在三楼,会议室召开", "于东楼2-305召开", "在A楼\n会议室召开", "在在会议室召开", "于会议室由张三主持召开",
        "在会上说，在三楼会议室由支部书记在会上召开", "在召开在三楼会议室召开"]
    found = 0
    for view in views:
        plain = held.pattern.search(view)
        gated = location.first_match(view, held)
        assert (gated and gated.span()) == (plain and plain.span()), view
        found += plain is not None
    assert found > 500  # the random views hold places often enough to tell


def test_search_within_runs_is_the_plain_search_of_any_such_pattern():
    from extractor.match.gates import runs_of, search_within_runs
    from extractor.regex_store import compile_regex
    pattern = compile_regex("(?:a|b)[^,;]{0,4}?(?:c|dc)(?<!bdc)")
    runs = runs_of("ab", "c|dc", ",;")
    for view in _random_views("aabbcd,;x", 20000, 7):
        plain = pattern.search(view)
        gated = search_within_runs(view, pattern, runs)
        assert (gated and gated.span()) == (plain and plain.span()), view


def test_the_held_place_is_found_in_linear_time():
    import time
    from extractor.fields import location
    held = location.location_cues()[-1]
    # long runs without a stop, openings everywhere, verbs only at the end or nowhere
    for view in ["在" * 200_000 + "召开", "在会议" * 70_000, "于楼2" * 70_000 + "召开", "在三楼、" * 50_000,
                 "在三楼召开" * 40_000, "在" + "会议室" * 70_000 + "召开", "在三楼，" * 50_000 + "召开"]:
        start = time.process_time()
        location.first_match(view, held)
        assert time.process_time() - start < 1.0


@pytest.mark.parametrize("text, place", [
    # a comma between the place and the meeting verb
    ("学院党委于9月6日下午在西校区明德楼三楼会议室，召开专题民主生活会。", "西校区明德楼三楼会议室"),
    ("2月25日晚，第一党支部全体同志于学院二楼会议室，开展2021年度组织生活会。", "学院二楼会议室"),
    # a comma after something that is no venue: no place
    ("在上级党委的指导下，召开了专题组织生活会。", None),
])
def test_a_place_before_a_comma_and_the_verb(text, place):
    assert place_of(text) == place


def test_a_place_before_a_comma_is_found_in_linear_time():
    import time
    from extractor.fields import location
    for view in ["在会议室，召开" * 30_000, "在" + "会" * 200_000 + "，召开", "，召开" * 60_000]:
        start = time.process_time()
        location.extract(Report(view, view))
        assert time.process_time() - start < 1.0
