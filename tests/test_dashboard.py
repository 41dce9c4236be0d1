"""mrx report: the archive dashboard's facts, counts, deadline check, page and command.

The page itself (its script, filters and font) is checked in a real browser in
test_browser_pages.py; here the counting it mirrors is pinned down.
"""
import json
import re
import sqlite3

import pytest
from typer.testing import CliRunner

from _records import archive, make_record
from extractor.cli import app
from extractor.outputs.dashboard import (UNKNOWN_UNIT, UNKNOWN_YEAR, DashboardError, dashboard_html,
                                         deadline_check, facts_from_frames, facts_from_records,
                                         load_facts, percent, select, summarize)
from extractor.outputs.db import ReportStore
from extractor.outputs.export import export

runner = CliRunner()


@pytest.fixture
def facts():
    return facts_from_records(archive())


def test_facts_keep_what_the_page_needs(facts):
    f = facts[0]
    assert (f["unit"], f["year"], f["type"], f["date"]) == ("第一党支部", "2022", "组织生活会", "2023-01-12")
    assert f["categories"] == ["理论学习", "批评与自我批评", "组织生活"]
    assert (f["expected"], f["present"], f["complete"]) == (9, 8, False)
    assert f["required"] == ["study", "heart_to_heart", "member_review"]
    assert f["documented"] == ["heart_to_heart"] and f["missing"] == ["study", "member_review"]
    assert ["heart_to_heart", True, True, "谈心谈话"] in f["evidence"]
    assert "evidence" not in facts[2]  # complete: no evidence view, a smaller page
    assert (facts[4]["unit"], facts[4]["year"], facts[4]["date"]) == (UNKNOWN_UNIT, UNKNOWN_YEAR, None)


def test_reports_per_unit_and_year(facts):
    s = summarize(facts)
    assert s["n_reports"] == 5 and s["n_units"] == 4
    assert s["years"] == ["2021", "2022", UNKNOWN_YEAR]
    assert s["reports_by_unit_year"] == {"第一党支部": {"2022": 1, "2021": 1}, "第二党支部": {"2022": 1},
                                         "第三党支部": {"2021": 1}, UNKNOWN_UNIT: {UNKNOWN_YEAR: 1}}


def test_problems_by_category_year_and_unit(facts):
    s = summarize(facts)
    assert s["problems_by_category"] == {"理论学习": 5, "批评与自我批评": 4, "组织生活": 4}
    assert s["problems_by_category_year"]["理论学习"] == {"2022": 2, "2021": 2, UNKNOWN_YEAR: 1}
    assert s["problems_by_category_unit"]["组织生活"] == {"第一党支部": 2, "第二党支部": 1, UNKNOWN_UNIT: 1}


def test_recurring_problems_need_two_known_years_in_one_unit(facts):
    assert summarize(facts)["recurring"] == [
        ["第一党支部", "批评与自我批评", ["2021", "2022"]],
        ["第一党支部", "理论学习", ["2021", "2022"]],
        ["第一党支部", "组织生活", ["2021", "2022"]],
    ]
    assert summarize(select(facts, year="2022"))["recurring"] == []


def test_audit_completeness_by_element_and_unit(facts):
    s = summarize(facts)
    assert s["audit_by_element"] == {"study": [1, 5], "heart_to_heart": [5, 5], "member_review": [1, 5]}
    assert s["audit_by_unit"]["第一党支部"] == [0, 2] and s["audit_by_unit"]["第二党支部"] == [1, 1]
    assert s["incomplete"] == [0, 1, 3, 4]
    assert percent(s["audit_by_element"]["study"]) == "20%" and percent([0, 0]) == "—"


def test_attendance_sums_present_over_expected(facts):
    s = summarize(facts)
    assert s["attendance_by_unit"] == {"第一党支部": [18, 19, 2], "第二党支部": [9, 12, 1], "第三党支部": [8, 9, 1]}
    assert s["attendance"] == [35, 40, 4]  # the report without 应到 is left out, not counted as 0


def test_timing_keeps_the_earliest_date_of_a_unit_and_year(facts):
    extra = dict(facts[0], i=9, date="2023-01-03")
    s = summarize(facts + [extra])
    assert s["timing"]["第一党支部"] == {"2022": "2023-01-03", "2021": "2022-01-20"}
    assert s["timing"][UNKNOWN_UNIT] == {UNKNOWN_YEAR: None}


def test_deadline_lists_late_missing_and_undated_units(facts):
    d = deadline_check(facts, "2023-02-28")
    assert d["year"] == "2022"  # the latest year by default
    assert d["on_time"] == [["第一党支部", "组织生活会", "2023-01-12"]]
    assert d["late"] == [["第二党支部", "组织生活会", "2023-03-05"]]
    assert d["missing"] == [["第三党支部", "组织生活会"], [UNKNOWN_UNIT, "组织生活会"]]
    assert d["undated"] == []
    d2021 = deadline_check(facts, "2022-01-31", "2021")
    assert d2021["late"] == [["第三党支部", "组织生活会", "2022-02-01"]]
    assert d2021["on_time"] == [["第一党支部", "组织生活会", "2022-01-20"]]
    undated = dict(facts[2], date=None)
    assert deadline_check([facts[0], undated], "2023-02-28")["undated"] == [["第二党支部", "组织生活会"]]


def test_filters_select_year_unit_and_type(facts):
    assert [f["i"] for f in select(facts, year="2022")] == [0, 2]
    assert [f["i"] for f in select(facts, unit="第一党支部")] == [0, 1]
    assert select(facts, meeting_type="民主生活会") == []
    assert [f["i"] for f in select(facts, "2021", "第一党支部", "组织生活会")] == [1]


def test_database_gives_the_same_facts_as_json_lines(tmp_path):
    records = archive()
    with ReportStore(f"sqlite:///{tmp_path / 'r.db'}") as store:
        for r in records:
            store.add([r])
        from_db = facts_from_frames(store.frames())
    by_id = {f["id"]: {k: v for k, v in f.items() if k != "i"} for f in facts_from_records(records)}
    assert {f["id"]: {k: v for k, v in f.items() if k != "i"} for f in from_db} == by_id
    assert load_facts(db=str(tmp_path / "r.db"))[0] == from_db


def page_data(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="mrx-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw)


def test_page_is_one_offline_file_with_the_facts_and_its_font(facts):
    page = dashboard_html(facts, deadline="2023-02-28", title="党委 <档案> & 统计", source="x.jsonl")
    data = page_data(page)
    assert data["facts"] == facts and data["deadline"] == "2023-02-28" and data["deadline_year"] == "2022"
    assert data["elements"]["study"] == "会前学习"
    assert "<title>党委 &lt;档案&gt; &amp; 统计</title>" in page
    assert "@font-face{font-family:'mrx-sc'" in page and "font-src data:" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched from outside
    assert "__MRX_" not in page


def test_report_text_in_the_data_cannot_close_the_script(facts):
    hostile = dict(facts[0], title="</script><script>alert(1)</script>", unit="<!--", path="__MRX_DATA__")
    page = dashboard_html([hostile], embed_font=False)
    assert page.count("<script") == 2 and "alert(1)</script>" not in page
    assert page_data(page)["facts"][0]["title"] == "</script><script>alert(1)</script>"
    assert page_data(page)["facts"][0]["path"] == "__MRX_DATA__"


def test_bad_deadline_is_refused(facts):
    with pytest.raises(DashboardError, match="2024-03-31"):
        dashboard_html(facts, deadline="31.3.2024")


def test_cli_report_from_json_lines_and_database(tmp_path):
    records = archive()
    export(records, str(tmp_path / "r.jsonl"), "jsonl")
    out = tmp_path / "site" / "dash.html"
    result = runner.invoke(app, ["report", str(tmp_path / "r.jsonl"), "-o", str(out), "--deadline", "2023-02-28"])
    assert result.exit_code == 0, result.output
    assert f"dashboard of 5 reports written to {out}" in result.stderr
    assert len(page_data(out.read_text(encoding="utf-8"))["facts"]) == 5
    runner.invoke(app, ["extract", "-", "--db", str(tmp_path / "r.db")], input="关于召开2021年度组织生活会情况的报告\n"
                  "第一党支部于2022年1月15日召开组织生活会。\n")
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "r.db"), "-o", str(tmp_path / "db.html"),
                                 "--deadline", "2022-01-31", "--year", "2021"])
    assert result.exit_code == 0, result.output
    data = page_data((tmp_path / "db.html").read_text(encoding="utf-8"))
    assert [f["date"] for f in data["facts"]] == ["2022-01-15"] and data["deadline_year"] == "2021"


def test_cli_report_skips_lines_that_are_not_records(tmp_path):
    good = make_record()
    export([good], str(tmp_path / "r.jsonl"), "jsonl")
    with open(tmp_path / "r.jsonl", "a", encoding="utf-8") as f:
        f.write('{"not": "a record"}\n')
    result = runner.invoke(app, ["report", str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "d.html")])
    assert result.exit_code == 0, result.output
    assert "1 lines of" in result.stderr and "dashboard of 1 reports" in result.stderr


def test_json_array_and_broken_lines_are_read_too(tmp_path):
    records = archive()[:2]
    export(records, str(tmp_path / "r.json"), "json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    (tmp_path / "r.json").write_text(json.dumps(data + [7, {"id": "x"}], ensure_ascii=False), encoding="utf-8")
    facts, bad = load_facts(str(tmp_path / "r.json"))
    assert [f["unit"] for f in facts] == ["第一党支部", "第一党支部"] and bad == 2
    export(records, str(tmp_path / "r.jsonl"), "jsonl")
    with open(tmp_path / "r.jsonl", "a", encoding="utf-8") as f:
        f.write('{"id": "cut off in the mid\n\n')
    assert [len(x) if isinstance(x, list) else x for x in load_facts(str(tmp_path / "r.jsonl"))] == [2, 1]


@pytest.mark.parametrize("args, message", [
    (["report", "nope.jsonl"], "no such file: nope.jsonl"),
    (["report"], "give either"),
    (["report", "--db", "missing.db"], "no database at missing.db"),
    (["report", "{tmp}/r.jsonl", "--deadline", "soon"], "is not a date"),
    (["report", "{tmp}/bin.jsonl"], "not UTF-8"),
    (["report", "{tmp}/obj.json"], "is not a JSON array of records"),
    (["report", "--db", "{tmp}/other.db"], "holds no tables of mrx extract --db"),
    (["report", "--db", "{tmp}/bin.jsonl"], "cannot read sqlite:///"),
    (["report", "{tmp}/broken.json"], "is not JSON"),
])
def test_cli_report_errors_are_one_line(args, message, tmp_path):
    export([make_record()], str(tmp_path / "r.jsonl"), "jsonl")
    (tmp_path / "bin.jsonl").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "obj.json").write_text('{"id": 1}', encoding="utf-8")
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE notes (x)").connection.close()
    (tmp_path / "broken.json").write_text('[{"id": ', encoding="utf-8")
    result = runner.invoke(app, [a.format(tmp=tmp_path) for a in args] + ["-o", str(tmp_path / "d.html")])
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    with sqlite3.connect(tmp_path / "other.db") as conn:  # a database of another program is left alone
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
