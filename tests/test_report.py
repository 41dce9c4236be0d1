from extractor.report import Report, positions


def test_positions_of_a_character():
    assert positions("a,b,,c,", ",") == [1, 3, 4, 6]
    assert positions(",", ",") == [0]
    assert positions("abc", ",") == []
    assert positions("", ",") == []


def test_positions_of_a_string_include_overlaps():
    assert positions("哈哈哈", "哈哈") == [0, 1]
    assert positions("民主生活会和组织生活会", "生活会") == [2, 8]


def test_stops_merge_the_characters_asked_for_and_share_the_list():
    view = "一，二。\n三!四?"
    report = Report(view, view)
    assert report.stops("。\n!?") == [3, 4, 6, 8]
    assert report.stops("!") == [6]
    assert report.stops("。\n!?") is report.stops("。\n!?")  # listed once for every reader
    assert report.stops("，。") == [1, 3]


def test_stops_of_sets_that_differ_only_in_absent_characters_are_one_list():
    view = "甲,乙。丙!\n"
    report = Report(view, view)
    folded = report.stops("。!?\n")
    assert folded == [3, 5, 6]
    assert report.stops("。！？!?\n") is folded  # the full-width forms are not in a folded view
    assert report.stops("?？") == []


def test_stops_equal_a_scan_of_the_view_on_random_texts():
    import random

    rng = random.Random(7)
    alphabet = ",;:。!?\n，；：！？甲乙 "
    sets = [",;:。!?\n", "。!?\n", "。！？!?\n", "，,；;。！？!?\n", "。!?;\n", "\n", "：", ""]
    for _ in range(300):
        view = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        report = Report(view, view)
        for chars in rng.sample(sets, len(sets)):
            assert report.stops(chars) == [i for i, ch in enumerate(view) if ch in chars]
