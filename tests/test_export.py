"""CSV (with BOM, one file per table) and xlsx (one sheet per table), read back."""
import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from _records import TEXT, make_record
from extractor.cli import app
from extractor.outputs.export import export, iter_records, record_json, write_csv_dir, write_xlsx
from extractor.outputs.tables import TABLES, to_frames

runner = CliRunner()
BOM = b"\xef\xbb\xbf"


def read_csv(path, table):
    """A CSV table read back with the declared dtypes."""
    dtypes = {c: {"str": "string", "int": "Int64", "bool": "boolean", "float": "Float64"}[t]
              for c, t in TABLES[table].columns}
    return pd.read_csv(path, encoding="utf-8-sig", dtype=dtypes, keep_default_na=False,
                       na_values=[""])


@pytest.fixture
def records():
    return [make_record("a.txt"), make_record("b.txt", organization="第二党支部")]


def test_csv_directory_has_one_file_per_table_with_bom(tmp_path, records):
    assert write_csv_dir(records, tmp_path / "t") == 2
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    frames = to_frames(records)
    for name in TABLES:
        path = tmp_path / "t" / f"{name}.csv"
        assert path.read_bytes().startswith(BOM), name
        back = read_csv(path, name)
        pd.testing.assert_frame_equal(back, frames[name], check_exact=False, obj=name)


def test_csv_values_and_keys_read_back(tmp_path, records):
    write_csv_dir(records, tmp_path)
    reports = read_csv(tmp_path / "reports.csv", "reports")
    cats = read_csv(tmp_path / "problem_categories.csv", "problem_categories")
    assert reports["organization"].tolist() == ["第一党支部", "第二党支部"]
    assert set(cats["report_id"]) == set(reports["id"])
    joined = cats.merge(reports, left_on="report_id", right_on="id")
    assert joined.groupby("path")["category"].apply(sorted).to_dict()["a.txt"] == sorted(["理论学习", "批评与自我批评", "组织生活"])
    problems = read_csv(tmp_path / "problems.csv", "problems")
    for row in problems.itertuples():
        assert TEXT[row.start:row.end] == row.text


def test_csv_file_name_gets_the_reports_table_only(tmp_path, records):
    out = tmp_path / "reports.csv"
    export(records, str(out), "csv")
    assert out.read_bytes().startswith(BOM)
    back = read_csv(out, "reports")
    assert back["path"].tolist() == ["a.txt", "b.txt"] and list(back.columns) == TABLES["reports"].names
    assert not (tmp_path / "people.csv").exists()


def test_csv_to_stdout_is_the_reports_table_with_bom(records):
    buf = io.StringIO()
    export(records, "-", "csv", stdout=buf)
    text = buf.getvalue()
    assert text.startswith("\ufeffid,path,index,")
    assert len(text.strip().splitlines()) == 3


def test_xlsx_has_one_sheet_per_table_read_back(tmp_path, records):
    out = tmp_path / "r.xlsx"
    assert write_xlsx(records, out, "en") == 2
    frames = to_frames(records)
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == list(TABLES)
    for name, df in sheets.items():
        assert list(df.columns) == TABLES[name].names, name
        assert len(df) == len(frames[name]), name
    rep = sheets["reports"]
    assert rep["title"].tolist() == ["关于召开2022年度组织生活会情况的报告"] * 2
    assert rep["expected"].tolist() == [9, 9] and rep["attendance_rate"].tolist() == pytest.approx([8 / 9] * 2)
    assert set(sheets["people"]["report_id"]) == set(rep["id"])
    assert sheets["problem_categories"]["category"].tolist()[:3] == ["理论学习", "批评与自我批评", "组织生活"]


def test_xlsx_keeps_formula_like_text_as_text_and_drops_control_chars(tmp_path):
    rec = make_record()
    rec.problems[0].text = '=HYPERLINK("http://x")\x01学习不够深入'
    out = tmp_path / "r.xlsx"
    write_xlsx([rec], out, "en")
    ws = load_workbook(out)["problems"]
    cell = ws["C2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert "\x01" not in cell.value and "\ufffd" in cell.value


def test_cli_csv_directory_xlsx_and_stdout(tmp_path, samples_dir):
    result = runner.invoke(app, ["extract", str(samples_dir), "-f", "csv", "-o", str(tmp_path / "tables")])
    assert result.exit_code == 0, result.output
    reports = read_csv(tmp_path / "tables" / "reports.csv", "reports")
    assert len(reports) == 9 and reports["id"].is_unique  # 7 text reports, 2 scans
    sections = read_csv(tmp_path / "tables" / "sections.csv", "sections")
    assert set(sections["report_id"]) <= set(reports["id"])

    result = runner.invoke(app, ["extract", str(samples_dir), "-f", "xlsx", "-o", str(tmp_path / "r.xlsx"), "--headers", "en"])
    assert result.exit_code == 0
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == list(TABLES)



class PipedStdout(io.TextIOWrapper):
    def __init__(self):
        super().__init__(io.BytesIO(), encoding="utf-8")

    def isatty(self):
        return False


class TerminalStdout(PipedStdout):
    def isatty(self):
        return True


def test_xlsx_to_stdout_only_when_piped(records):
    out = PipedStdout()
    export(records, "-", "xlsx", stdout=out, headers="en")
    data = out.buffer.getvalue()
    assert data.startswith(b"PK")
    assert load_workbook(io.BytesIO(data)).sheetnames == list(TABLES)
    with pytest.raises(ValueError, match="binary"):
        export(records, "-", "xlsx", stdout=TerminalStdout())


def test_cli_csv_directory_that_is_a_file_is_a_usage_error(tmp_path, samples_dir):
    (tmp_path / "taken").write_text("x")
    result = runner.invoke(app, ["extract", str(samples_dir), "-f", "csv", "-o", str(tmp_path / "taken")])
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_jsonl_round_trip(tmp_path, records):
    out = tmp_path / "r.jsonl"
    export(records, str(out), "jsonl")
    assert list(iter_records(out)) == records
    export(records, str(tmp_path / "r.json"), "json")
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))) == 2
    assert list(iter_records(tmp_path / "r.json")) == records


def test_record_json_is_the_compact_json_of_the_model_dump():
    """Pydantic's serialiser writes what json.dumps of the JSON-mode dump writes, so that
    outputs stay byte-identical; a lone surrogate, which it refuses, takes the json path."""
    plain = make_record("a.txt", organization="第二党支部")
    odd = make_record("b.txt", organization="支部\ud800\x00\u2028\"\\/")
    for rec in (plain, odd):
        expected = json.dumps(rec.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
        assert record_json(rec) == expected


def test_json_outputs_take_records_already_serialised(tmp_path, records):
    """Workers hand JSON text to the writer: the file is the one Records would give."""
    for fmt in ("jsonl", "json"):
        export(records, str(tmp_path / f"r.{fmt}"), fmt)
        export([record_json(records[0]), records[1]], str(tmp_path / f"s.{fmt}"), fmt)
        assert (tmp_path / f"s.{fmt}").read_bytes() == (tmp_path / f"r.{fmt}").read_bytes()
