"""to_frames / record_rows: the one row layout behind CSV, xlsx and SQL."""
import pandas as pd
import pytest

from _records import TEXT, make_record
from extractor import extract_paths, to_frames
from extractor.outputs.tables import DTYPES, TABLES, record_rows

EXPECTED_TABLES = ["reports", "people", "problems", "problem_categories", "agenda", "measures",
                   "sections", "audit", "document_numbers"]


@pytest.fixture(scope="module")
def frames():
    return to_frames([make_record("a.txt"), make_record("b.txt", organization="第二党支部")])


def test_every_table_is_there_with_its_columns_even_when_empty():
    empty = to_frames([])
    assert list(empty) == EXPECTED_TABLES
    for name, df in empty.items():
        assert df.empty and list(df.columns) == TABLES[name].names
        assert {c: str(df[c].dtype) for c in df} == {c: DTYPES[t] for c, t in TABLES[name].columns}


def test_rows_follow_the_declared_columns():
    for name, rows in record_rows(make_record()).items():
        for row in rows:
            assert list(row) == TABLES[name].names, name


def test_reports_row_is_flat_and_typed(frames):
    rep = frames["reports"].set_index("path")
    a = rep.loc["a.txt"]
    assert a["title"] == "关于召开2022年度组织生活会情况的报告"
    assert (a["meeting_type"], a["year"], a["organization"]) == ("组织生活会", 2022, "第一党支部")
    assert (a["meeting_year"], a["meeting_month"], a["meeting_day"]) == (2023, 1, 12)
    assert (a["expected"], a["present"], a["absent"]) == (9, 8, 1)
    assert a["attendance_rate"] == pytest.approx(8 / 9)
    assert a["audit_complete"] == False  # noqa: E712  (pandas boolean)
    assert a["audit_missing"] == "study;member_review"
    assert (a["n_problems"], a["n_measures"], a["n_people"], a["n_sections"]) == (2, 2, 2, 5)
    assert a["index"] == 0 and len(a["sha256"]) == 64
    assert rep.loc["b.txt", "organization"] == "第二党支部"
    assert rep["id"].is_unique


def test_child_tables_are_keyed_by_report_id(frames):
    ids = set(frames["reports"]["id"])
    for name, table in TABLES.items():
        df = frames[name]
        if name != "reports":
            assert set(df["report_id"]) <= ids, name
        assert not df.duplicated(list(table.key)).any(), name


def test_problems_and_categories_as_rows(frames):
    rid = frames["reports"].loc[frames["reports"]["path"] == "a.txt", "id"].item()
    problems = frames["problems"][frames["problems"]["report_id"] == rid]
    assert problems["text"].tolist() == ["理论学习不够深入，存在以干代学现象。", "批评与自我批评开展不够，怕得罪人。"]
    for row in problems.itertuples():
        assert TEXT[row.start:row.end] == row.text
    cats = frames["problem_categories"][frames["problem_categories"]["report_id"] == rid]
    assert list(cats.itertuples(index=False, name=None)) == [
        (rid, 0, "理论学习"), (rid, 1, "批评与自我批评"), (rid, 1, "组织生活")]


def test_sections_carry_their_parent(frames):
    s = frames["sections"][frames["sections"]["report_id"] == frames["reports"]["id"][0]]
    assert s["heading"].tolist()[:3] == ["一、会前准备情况", "二、查摆问题", "（一）理论学习不够深入，存在以干代学现象。"]
    assert s["parent"].tolist() == [pd.NA, pd.NA, 1, 1, pd.NA]
    assert s["level"].tolist() == [1, 1, 2, 2, 1]


def test_audit_is_one_row_per_element_in_checklist_order(frames):
    a = frames["audit"][frames["audit"]["report_id"] == frames["reports"]["id"][0]]
    assert a["element"].tolist() == ["study", "heart_to_heart", "supervision", "member_review"]
    row = a.set_index("element")
    assert row.loc["heart_to_heart", "present"] and row.loc["heart_to_heart", "evidence"] == "谈心谈话"
    assert TEXT[row.loc["supervision", "evidence_start"]:row.loc["supervision", "evidence_end"]] == "到会指导"
    assert row["missing"].tolist() == [True, False, False, True]
    assert row.loc["study", "n_evidence"] == 0 and pd.isna(row.loc["study", "evidence"])


def test_people_and_document_numbers(frames):
    people = frames["people"][frames["people"]["report_id"] == frames["reports"]["id"][0]]
    assert people[["name", "role"]].values.tolist() == [["张三", "支部书记"], ["李四", "镇党委委员"]]
    d = frames["document_numbers"].iloc[0]
    assert (d["text"], d["issuer"], d["year"], d["number"]) == ("平组通〔2022〕41号", "平组通", 2022, 41)


def test_record_dicts_are_accepted_too():
    rec = make_record()
    a, b = to_frames([rec]), to_frames([rec.model_dump(mode="json")])
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_frames_of_the_samples(samples_dir):
    records = [r for res in extract_paths([str(samples_dir)]) for r in res.records]
    frames = to_frames(records)
    assert len(frames["reports"]) == len(records) == 9  # 7 text reports, 2 scans
    assert len(frames["sections"]) == sum(len(r.sections) for r in records)
    assert frames["reports"]["path"].str.endswith((".txt", ".pdf", ".png")).all()
