"""The output format follows -o's extension; --format only has to agree with it."""
import json
import zipfile

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.outputs.export import ExportError, output_format
from extractor.run.archive import ArchiveError, run_archive

runner = CliRunner()


@pytest.mark.parametrize("output, fmt, expected", [
    ("reports.xlsx", None, "xlsx"),
    ("REPORTS.XLSX", None, "xlsx"),
    ("out/reports.csv", None, "csv"),
    ("records.json", None, "json"),
    ("records.jsonl", None, "jsonl"),
    ("records.ndjson", None, "jsonl"),
    ("records", None, "jsonl"),          # no extension, no --format
    ("-", None, "jsonl"),
    ("out/tables/", "csv", "csv"),       # a CSV directory goes with --format csv
    ("out/tables", "csv", "csv"),
    ("-", "xlsx", "xlsx"),
    ("records.txt", "json", "json"),     # an ending that names no format
    ("records.json", "json", "json"),
])
def test_format_from_extension_or_option(output, fmt, expected):
    assert output_format(output, fmt) == expected


@pytest.mark.parametrize("output, fmt", [("reports.xlsx", "jsonl"), ("out.csv", "json"),
                                         ("out.json", "jsonl"), ("out.jsonl", "csv")])
def test_a_conflict_is_a_one_line_error(output, fmt):
    with pytest.raises(ExportError) as caught:
        output_format(output, fmt)
    assert "\n" not in str(caught.value) and fmt in str(caught.value) and output in str(caught.value)


def test_unknown_format_is_refused():
    with pytest.raises(ExportError, match="unknown --format 'yaml'"):
        output_format("out.jsonl", "yaml")


def test_run_archive_writes_what_the_extension_says(tmp_path, samples_dir):
    sample = samples_dir / "002_65e39421ef2fe7a0.txt"
    summary = run_archive([sample], str(tmp_path / "r.xlsx"))
    assert summary.fmt == "xlsx" and zipfile.is_zipfile(tmp_path / "r.xlsx")
    with pytest.raises(ArchiveError, match="does not match"):
        run_archive([sample], str(tmp_path / "r.json"), fmt="csv")
    assert not (tmp_path / "r.json").exists()


def test_cli_infers_each_format_from_o(tmp_path, samples_dir):
    sample = str(samples_dir / "000_30de3536cd37ff6c.txt")
    for name in ("r.xlsx", "r.csv", "r.json", "r.jsonl", "r"):
        result = runner.invoke(app, ["extract", sample, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(tmp_path / "r.xlsx")
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))) == 6
    for name in ("r.jsonl", "r"):
        assert len([json.loads(x) for x in (tmp_path / name).read_text(encoding="utf-8").splitlines()]) == 6


def test_cli_conflict_is_one_line_and_exit_2(tmp_path, samples_dir):
    out = tmp_path / "reports.xlsx"
    result = runner.invoke(app, ["extract", str(samples_dir), "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and "--format jsonl does not match" in result.stderr
