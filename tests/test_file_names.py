"""File names that are not valid UTF-8 (GBK names from a zip made on Windows): the file is
read, its path kept losslessly, and every output stays valid UTF-8."""
import json
import os
import sqlite3
import zipfile

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io.paths import display_path, internal_path, path_bytes

runner = CliRunner()

REPORT = ("关于召开2021年度组织生活会情况的报告\n"
          "支部于2022年1月15日召开组织生活会，应到党员9人，实到8人。\n"
          "一、存在问题\n（一）理论学习不够深入。\n")
GBK_NAME = "会议报告".encode("gbk") + b".txt"   # not UTF-8
BAD_NAME = b"\xff\xfe\xfd.txt"


@pytest.fixture
def archive(tmp_path):
    if os.fsencode("x") != b"x" or os.name != "posix":
        pytest.skip("needs a POSIX file system that takes any bytes in a name")
    root = tmp_path / "archive"
    root.mkdir()
    try:
        with open(os.path.join(os.fsencode(root), GBK_NAME), "w", encoding="utf-8") as f:
            f.write(REPORT)
        with open(os.path.join(os.fsencode(root), BAD_NAME), "wb") as f:
            f.write(b"")  # no text: an error entry under a name that is not UTF-8
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (root / "good.txt").write_text(REPORT.replace("9人", "7人"), encoding="utf-8")
    # sorts after the surrogate-escaped names: the last file, which --resume redoes
    (root / "ｚ.txt").write_text(REPORT.replace("9人", "5人"), encoding="utf-8")
    return root


def gbk_path(root):
    return os.fsdecode(os.path.join(os.fsencode(root), GBK_NAME))


def test_display_path_and_bytes_round_trip():
    name = os.fsdecode(b"/a/" + GBK_NAME)
    shown = display_path(name)
    shown.encode("utf-8")  # valid UTF-8
    assert "\\x" in shown and shown.endswith(".txt")
    assert bytes.fromhex(path_bytes(name)) == b"/a/" + GBK_NAME
    assert internal_path(shown, path_bytes(name)) == name
    assert display_path("/a/报告.txt") == "/a/报告.txt" and path_bytes("/a/报告.txt") is None


def read_utf8(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")  # raises on invalid UTF-8


def test_jsonl_keeps_the_batch_and_the_exact_name(archive, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(archive), "-o", str(out)])
    assert result.exit_code == 2, result.output  # the empty file is an error, not an abort
    records = [json.loads(line) for line in read_utf8(out).splitlines()]
    sources = {r["source"]["path"]: r["source"] for r in records}
    assert len(sources) == 3
    gbk = [s for s in sources.values() if s["path_bytes"]]
    assert len(gbk) == 1 and bytes.fromhex(gbk[0]["path_bytes"]).endswith(GBK_NAME)
    assert internal_path(gbk[0]["path"], gbk[0]["path_bytes"]) == gbk_path(archive)
    errors = [json.loads(line) for line in read_utf8(str(out) + ".errors.jsonl").splitlines()]
    assert len(errors) == 1 and bytes.fromhex(errors[0]["path_bytes"]).endswith(BAD_NAME)
    assert "\\xff\\xfe\\xfd" in errors[0]["path"]


def test_json_csv_and_xlsx_are_valid_utf8(archive, tmp_path):
    runner.invoke(app, ["extract", str(archive), "-f", "json", "-o", str(tmp_path / "o.json")])
    data = json.loads(read_utf8(tmp_path / "o.json"))
    assert sum(1 for r in data if r["source"]["path_bytes"]) == 1
    runner.invoke(app, ["extract", str(archive), "-f", "csv", "-o", str(tmp_path / "tables")])
    reports = read_utf8(tmp_path / "tables" / "reports.csv")
    assert GBK_NAME.hex() in reports and "path_bytes" in reports.splitlines()[0]
    result = runner.invoke(app, ["extract", str(archive), "-f", "xlsx", "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and (tmp_path / "o.xlsx").exists()
    with zipfile.ZipFile(tmp_path / "o.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert GBK_NAME.hex() in xml


def test_database_stores_the_file_and_the_failure(archive, tmp_path):
    db = tmp_path / "r.db"
    result = runner.invoke(app, ["extract", str(archive), "--db", str(db)])
    assert result.exit_code == 2, result.output
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM files").fetchone()[0] == 3
    (stored,) = con.execute("SELECT path_bytes FROM reports WHERE path_bytes IS NOT NULL").fetchone()
    assert bytes.fromhex(stored).endswith(GBK_NAME)
    (failed,) = con.execute("SELECT path_bytes FROM failed_files").fetchone()
    assert bytes.fromhex(failed).endswith(BAD_NAME)


def test_show_html_and_terminal(archive, tmp_path):
    page = tmp_path / "p.html"
    result = runner.invoke(app, ["show", gbk_path(archive), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "\\x" in read_utf8(page)
    result = runner.invoke(app, ["show", gbk_path(archive)])
    assert result.exit_code == 0, result.output


def test_resume_recognises_a_file_with_such_a_name(archive, tmp_path, extractions):
    out = tmp_path / "out.jsonl"
    runner.invoke(app, ["extract", str(archive), "-o", str(out)])
    first = read_utf8(out)
    extractions.clear()
    # a resumed run redoes the last file written (ｚ.txt) and skips the GBK-named one
    result = runner.invoke(app, ["extract", str(archive), "-o", str(out), "--resume"])
    assert result.exit_code == 2
    assert read_utf8(out) == first
    assert "ｚ.txt" in extractions and os.fsdecode(GBK_NAME) not in extractions
