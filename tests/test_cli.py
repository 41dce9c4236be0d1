import json

import typer.main
from typer.testing import CliRunner

from extractor.cli import app

runner = CliRunner()


def command_names():
    return sorted(typer.main.get_command(app).commands)


def test_every_command_has_help_with_an_example():
    assert {"extract", "schema"} <= set(command_names())
    for name in command_names():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output or "example" in result.output, name


def test_help_does_not_load_the_pipeline():
    """mrx --help must answer fast: spaCy, Pydantic and pandas load only when a command runs."""
    import subprocess
    import sys

    code = ("import sys; from extractor.cli import app; "
            "print(sorted(m for m in ('spacy', 'pydantic', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_json_lines_run_loads_no_table_or_database_library(samples_dir, tmp_path):
    """Start-up: pandas, SQLAlchemy and openpyxl are for tables and databases only."""
    import subprocess
    import sys

    code = ("import sys; from extractor.cli import run; "
            f"sys.argv = ['mrx', 'extract', {str(samples_dir)!r}, '-o', {str(tmp_path / 'out.jsonl')!r}, '-j', '1']\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'pandas', 'sqlalchemy', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"  # records are read without spaCy (steps.py)
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 9  # 7 text reports, 2 scans


# Libraries a run of .txt files to JSON Lines never needs: tables and databases, the other
# input formats and OCR, spaCy's command line (extractor/spacy_library.py).
NOT_FOR_TEXT_TO_JSONL = ("pandas", "sqlalchemy", "openpyxl", "pypdfium2", "rapidocr_onnxruntime",
                         "onnxruntime", "cv2", "PIL", "lxml", "olefile", "spacy", "numpy", "weasel", "requests")


def test_a_json_lines_run_of_text_files_loads_only_what_it_needs(samples_dir, tmp_path):
    """Start-up: no table, database, format or OCR library, no spaCy or numpy (records
    are read without a Doc: steps.py), and no NER model unless --ner is given."""
    import subprocess
    import sys

    out_file = tmp_path / "out.jsonl"
    code = ("import sys; from extractor.cli import run; "
            f"sys.argv = ['mrx', 'extract', {str(samples_dir / '000_30de3536cd37ff6c.txt')!r}, "
            f"'-o', {str(out_file)!r}, '-j', '1']\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "from extractor.fields import ner\n"
            f"print(sorted(m for m in {NOT_FOR_TEXT_TO_JSONL!r} if m in sys.modules), "
            "ner.load_model.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[] 0"
    assert out_file.read_text(encoding="utf-8").count("\n") == 6


def test_the_pipeline_without_spacy_cli_leaves_spacy_whole():
    """spacy_library keeps spaCy's command line out of the import, not out of reach."""
    import subprocess
    import sys

    code = ("import sys; import extractor.spacy_library; "
            "print('spacy.cli' in sys.modules, end=' '); "
            "import spacy, spacy.cli; from spacy.cli.info import info; "
            "print(callable(spacy.cli.download), spacy.info()['spacy_version'] == spacy.__version__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True", "True"]


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("mrx ")


def test_extract_samples_to_stdout_jsonl(samples_dir):
    result = runner.invoke(app, ["extract", str(samples_dir / "000_30de3536cd37ff6c.txt")])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 6
    assert [r["source"]["index"] for r in lines] == list(range(6))


def test_extract_json_and_csv(tmp_path, samples_dir):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(samples_dir), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 9  # 7 text reports, 2 scans
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["extract", str(samples_dir), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_extract_reads_stdin():
    text = "关于召开2021年度组织生活会情况的报告\n支部于2022年1月15日召开组织生活会。"
    result = runner.invoke(app, ["extract", "-"], input=text.encode("gbk"))
    assert result.exit_code == 0
    rec = json.loads(result.stdout)
    assert rec["source"]["path"] == "-" and rec["source"]["encoding"] == "gb18030"
    assert rec["title"] == "关于召开2021年度组织生活会情况的报告"


def test_usage_error_is_one_line_and_nonzero():
    result = runner.invoke(app, ["extract", "x.txt", "--format", "yaml"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_missing_file_is_an_error_entry_not_a_crash(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert result.exit_code == 2
    errors = [json.loads(x) for x in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert errors == [{"path": str(tmp_path / "nope.txt"), "error": "no such file or directory"}]
    assert "1 files, 0 reports, 1 errors" in result.stderr


def test_schema_command_prints_the_record_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Record"


def test_every_command_is_documented_in_the_readme():
    """Each command of mrx appears in README.md as a `mrx NAME` line (sqlite-utils keeps
    the same check on its docs), so a new command cannot ship undocumented."""
    import pathlib
    import re

    readme = (pathlib.Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^mrx ([a-z][a-z-]*)", readme, flags=re.M))
    assert documented, "the README has no mrx command lines"
    missing = sorted(set(command_names()) - documented)
    assert not missing, f"commands not documented in README.md: {missing}"
