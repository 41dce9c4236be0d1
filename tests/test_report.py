from extractor.report import Report, positions


def test_positions_of_a_character():
    assert positions("a,b,,c,", ",") == [1, 3, 4, 6]
    assert positions(",", ",") == [0]
    assert positions("abc", ",") == []
    assert positions("", ",") == []


def test_stops_merge_the_characters_asked_for_and_share_the_list():
    view = "一，二。\n三!四?"
    report = Report(view, view)
    assert report.stops("。\n!?") == [3, 4, 6, 8]
    assert report.stops("!") == [6]
    assert report.stops("。\n!?") is report.stops("。\n!?")  # listed once for every reader
    assert report.stops("，。") == [1, 3]
