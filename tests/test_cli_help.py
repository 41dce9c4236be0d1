"""What a new user reads in `mrx extract --help`, and flags that take no value."""
import re

import pytest
from typer.testing import CliRunner

from extractor.cli import Engine, OutputFormat, app

runner = CliRunner()


@pytest.fixture(scope="module")
def extract_help():
    result = runner.invoke(app, ["extract", "--help"], terminal_width=80)
    assert result.exit_code == 0
    return result.output


def option_line(help_text, option):
    """The help line that declares ``option`` (first column of the options list)."""
    return next(line for line in help_text.splitlines() if re.match(rf"\s+(-\w, )?{option}\b", line))


def test_flags_show_no_value_type(extract_help):
    assert "<bool>" not in extract_help and "BOOLEAN" not in extract_help
    for flag in ("--ner", "--resume", "--fail-fast", "--help"):
        assert "<" not in option_line(extract_help, flag).split("  ")[1], flag
    assert "--ner / --no-ner" in extract_help


def test_options_with_a_value_still_show_it(extract_help):
    assert "--format <jsonl|json|csv|xlsx>" in extract_help
    assert "--engine <local|dask>" in extract_help


def test_brackets_in_help_text_survive(extract_help):
    assert "pip install -e '.[dask]'" in re.sub(r"\s+", " ", extract_help)


def test_exit_codes_are_one_whole_line_each(extract_help):
    lines = [line.strip() for line in extract_help.splitlines()]
    at = lines.index("Exit codes:")
    assert lines[at + 1] == "0  every file gave records"
    assert lines[at + 2] == "2  some files failed (listed in the errors file), or a usage error"


def test_no_help_line_is_wider_than_the_terminal(extract_help):
    assert max(len(line) for line in extract_help.splitlines()) <= 80


@pytest.mark.parametrize("value", ["true", "false", "1", "yes"])
def test_a_value_after_a_flag_is_not_read_as_an_input_file(tmp_path, value, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", "--ner", value, "x.txt"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (f"mrx: '{value}' is not an input file: flags take no value "
                                     f"(write --ner, not --ner {value})")


def test_a_file_really_named_true_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "true").write_text("关于召开2021年度组织生活会情况的报告\n支部于2022年1月15日召开组织生活会。",
                                   encoding="utf-8")
    result = runner.invoke(app, ["extract", "--ner", "true"])
    assert result.exit_code == 0 and '"path":"true"' in result.stdout


def test_the_choices_are_the_library_s():
    from extractor.outputs.export import FORMATS
    from extractor.run.engines import ENGINES

    assert tuple(f.value for f in OutputFormat) == FORMATS
    assert tuple(e.value for e in Engine) == ENGINES
