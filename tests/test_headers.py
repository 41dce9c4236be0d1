"""Spreadsheets for people: Chinese headers and values, human columns first, ids last."""
import csv
import io

from openpyxl import load_workbook

from extractor import extract_text
from extractor.outputs.export import export, write_csv_table
from extractor.outputs.headers import sheet_layout
from extractor.outputs.tables import TABLES
from extractor.resources import load_toml

TEXT = ("关于召开2023年度组织生活会情况的报告\n"
        "2024年1月9日，综合科党支部在机关五楼会议室召开2023年度组织生活会，会议由支部书记周立新主持。"
        "应到党员12名，实到11名。会上开展了批评和自我批评，进行了民主评议党员。\n")


def test_every_column_has_a_chinese_header_and_every_sheet_a_name():
    data = load_toml("columns.toml")
    for name, table in TABLES.items():
        assert name in data["sheets"]
        missing = [c for c in table.names if c not in data["columns"]]
        assert missing == [], f"{name}: no Chinese header for {missing}"


def test_people_columns_first_machine_columns_last():
    layout = sheet_layout("reports", "zh")
    assert layout.columns[0] == "title" and layout.headers[0] == "标题"
    assert layout.columns.index("id") > layout.columns.index("warnings")
    assert layout.columns[-1] in load_toml("columns.toml")["technical"]
    assert sorted(layout.columns) == sorted(TABLES["reports"].names)
    assert sheet_layout("reports", "en").columns == tuple(TABLES["reports"].names)


def test_xlsx_is_chinese_by_default(tmp_path):
    records = extract_text(TEXT)
    out = tmp_path / "r.xlsx"
    export(records, str(out), "xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "报告" and "程序审核" in wb.sheetnames
    ws = wb["报告"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]]))
    assert row["主持人"] == "周立新" and row["会议地点"] == "机关五楼会议室"
    assert row["民主评议党员"] == "是" and row["应到"] == 12
    audit = wb["程序审核"]
    elements = [r[0].value for r in audit.iter_rows(min_row=2)]
    assert "批评与自我批评" in elements  # element ids shown by their Chinese names
    assert ws.column_dimensions["A"].width >= 30  # the title column is wide


def test_xlsx_in_english_when_asked(tmp_path):
    out = tmp_path / "r.xlsx"
    export(extract_text(TEXT), str(out), "xlsx", headers="en")
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "reports" and wb["reports"]["A1"].value == "id"


def test_csv_stays_english_unless_asked():
    records = extract_text(TEXT)
    out = io.StringIO()
    write_csv_table(records, out)
    assert next(csv.reader(io.StringIO(out.getvalue())))[0] == "id"
    out = io.StringIO()
    write_csv_table(records, out, headers="zh")
    header, row = list(csv.reader(io.StringIO(out.getvalue())))[:2]
    assert header[0] == "标题" and dict(zip(header, row))["程序完整"] in ("是", "否")


def test_cli_headers_option(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    src = tmp_path / "r.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "tables"
    result = CliRunner().invoke(app, ["extract", str(src), "-f", "csv", "-o", str(out), "--headers", "zh"])
    assert result.exit_code == 0, result.output
    first = (out / "reports.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("标题,")
