"""``mrx audit``: tables, JSON, --only-incomplete, --profile and exit codes."""
import json

from typer.testing import CliRunner

from extractor.cli import app

runner = CliRunner()

COMPLETE = ("召开专题组织生活会情况报告\n会前，支部组织党员集中学习，广泛征求意见建议，开展了谈心谈话，撰写了检视剖析材料。"
            "会上开展了批评和自我批评，查摆出问题5条，制定了整改措施。\n")
INCOMPLETE = "召开专题组织生活会情况报告\n会上开展了批评和自我批评，查摆出问题5条。\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_exit_0_when_every_report_is_complete(tmp_path):
    result = runner.invoke(app, ["audit", write(tmp_path, "a.txt", COMPLETE)])
    assert result.exit_code == 0, result.output
    assert "complete" in result.output and "1 report, 1 complete, 0 incomplete" in result.output
    assert "criticism" in result.output and "批评和自我批评" in result.output


def test_exit_1_when_a_report_misses_a_required_element(tmp_path):
    a, b = write(tmp_path, "a.txt", COMPLETE), write(tmp_path, "b.txt", INCOMPLETE)
    result = runner.invoke(app, ["audit", a, b])
    assert result.exit_code == 1
    assert "2 reports, 1 complete, 1 incomplete" in result.output
    assert "most often missing: heart_to_heart (1)" in result.output
    assert "INCOMPLETE, missing: study, solicit_opinions, heart_to_heart" in result.output


def test_only_incomplete(tmp_path):
    a, b = write(tmp_path, "a.txt", COMPLETE), write(tmp_path, "b.txt", INCOMPLETE)
    result = runner.invoke(app, ["audit", "--only-incomplete", a, b])
    assert result.exit_code == 1
    assert "b.txt #0" in result.output and "a.txt #0" not in result.output
    assert "2 reports, 1 complete" in result.output


def test_json_format(tmp_path):
    a, b = write(tmp_path, "a.txt", COMPLETE), write(tmp_path, "b.txt", INCOMPLETE)
    result = runner.invoke(app, ["audit", "--format", "json", "--only-incomplete", a, b])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["reports"] == 2 and data["summary"]["complete"] == 1
    assert [r["path"] for r in data["reports"]] == [b]
    row = data["reports"][0]
    assert row["profile"] and not row["complete"] and "study" in row["missing"]
    assert row["elements"]["criticism"]["present"] and row["elements"]["criticism"]["evidence"]
    assert data["summary"]["most_often_missing"][0]["reports"] == 1


def test_custom_profile(tmp_path):
    b = write(tmp_path, "b.txt", INCOMPLETE)
    profile = write(tmp_path, "p.toml", 'name = "只查批评"\nrequired = ["criticism", "oath"]\n'
                                        '[elements.oath]\nlabel = "重温入党誓词"\ncues = ["重温入党誓词"]\n')
    result = runner.invoke(app, ["audit", "--profile", profile, "--format", "json", b])
    assert result.exit_code == 1
    row = json.loads(result.stdout)["reports"][0]
    assert row["profile"] == "只查批评" and row["missing"] == ["oath"]
    c = write(tmp_path, "c.txt", INCOMPLETE + "会后全体党员重温入党誓词。\n")
    result = runner.invoke(app, ["audit", "--profile", profile, c])
    assert result.exit_code == 0, result.output
    assert "oath 重温入党誓词" in result.output


def test_exit_2_on_usage_errors_and_failed_files(tmp_path):
    a = write(tmp_path, "a.txt", COMPLETE)
    assert runner.invoke(app, ["audit", "--format", "xml", a]).exit_code == 2
    bad = write(tmp_path, "bad.toml", 'required = ["no_such_step"]\n')
    result = runner.invoke(app, ["audit", "--profile", bad, a])
    assert result.exit_code == 2 and "unknown element" in result.output
    assert runner.invoke(app, ["audit", "--profile", str(tmp_path / "none.toml"), a]).exit_code == 2
    result = runner.invoke(app, ["audit", a, str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "missing.txt" in result.output


def test_samples(samples_dir):
    result = runner.invoke(app, ["audit", str(samples_dir), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["summary"]["reports"] == 9  # 7 text reports, 2 scans
    assert result.exit_code == (1 if data["summary"]["incomplete"] else 0)


def test_extract_applies_a_custom_profile_too(tmp_path):
    b = write(tmp_path, "b.txt", INCOMPLETE)
    profile = write(tmp_path, "p.toml", 'name = "只查批评"\nrequired = ["criticism", "oath"]\n'
                                        '[elements.oath]\nlabel = "重温入党誓词"\ncues = ["重温入党誓词"]\n')
    result = runner.invoke(app, ["extract", "--profile", profile, b])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["audit"]["profile"] == "只查批评" and record["audit"]["missing"] == ["oath"]
    bad = write(tmp_path, "bad.toml", 'required = ["no_such_step"]\n')
    assert runner.invoke(app, ["extract", "--profile", bad, b]).exit_code == 2


def test_python_api_takes_a_profile(tmp_path):
    from extractor import extract_text

    profile = {"name": "只查批评", "required": ["criticism"]}
    record = extract_text(INCOMPLETE, profile=profile)[0]
    assert record.audit.profile == "只查批评" and record.audit.complete
