"""mrx eval, and the regression floors on the samples and on the annotated corpus."""
import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluate import evaluate, lenient_equal

from conftest import ROOT

runner = CliRunner()

# Floors set from the figures of 2026-11-23 (docs/EVAL.md), a little below them so that
# only a real regression fails. Accuracy for scalars, F1 for list fields.
CORPUS_FLOORS = {
    "report_count": 0.97, "title": 0.96, "top_sections": 0.96, "meeting_type": 0.96, "year": 0.96,
    "organization": 0.90, "member_review": 0.96, "date.year": 0.96, "date.month": 0.96,
    "date.day": 0.96, "date.redacted": 0.96, "document_numbers": 0.96, "attendance.expected": 0.94,
    "attendance.present": 0.96, "attendance.absent": 0.94, "agenda_count": 0.94, "measures_count": 0.94,
    "categories": 0.90, "people": 0.96,
}
AUDIT_FLOOR = 0.92


def figure(figures: dict) -> float:
    return figures["accuracy"] if "accuracy" in figures else figures["f1"]


def run_eval(gold, *paths):
    result = runner.invoke(app, ["eval", str(gold), *map(str, paths), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def corpus_figures():
    return run_eval(ROOT / "tests" / "corpus" / "gold.json", ROOT / "tests" / "corpus")


@pytest.mark.parametrize("field", sorted(CORPUS_FLOORS))
def test_corpus_floor(corpus_figures, field):
    got = figure(corpus_figures["strict"][field])
    assert got >= CORPUS_FLOORS[field], f"{field} fell to {got:.3f}"


def test_corpus_audit_floor_and_grounding(corpus_figures):
    for field, figures in corpus_figures["strict"].items():
        if field.startswith("audit."):
            assert figure(figures) >= AUDIT_FLOOR, field
    assert corpus_figures["grounded"]["share"] == 1.0


def test_samples_are_all_right():
    figures = run_eval(ROOT / "tests" / "golden" / "samples_gold.json", ROOT / "samples")
    wrong = {k: v for k, v in figures["strict"].items() if figure(v) not in (None, 1.0)}
    assert not wrong, figures["misses"]
    assert figures["grounded"]["share"] == 1.0


GOLD = {"files": {"a.txt": [{
    "title": "关于召开组织生活会的报告|组织生活会报告", "meeting_type": "组织生活会", "year": 2021,
    "organization": "青山县审计局党组", "meeting_date": {"year": "2022|null", "month": 1, "day": 5, "redacted": False},
    "document_numbers": ["平组通〔2022〕41号"], "people": {"required": ["张三"], "allowed": ["习近平"]},
    "categories": {"required": ["形式主义"], "allowed": ["官僚主义"]},
    "audit": {"study": True, "supervision": None}}]}}


def record(**fields):
    base = {"source": {"path": "dir/a.txt", "index": 0}, "text": "", "title": "组织生活会报告",
            "meeting_type": "组织生活会", "year": 2021, "organization": "审计局党组",
            "meeting_date": {"year": None, "month": 1, "day": 5, "redacted": False},
            "document_numbers": [{"text": "平组通〔2022〕41号"}], "people": [{"name": "张三"}, {"name": "习近平"}],
            "problems": [{"categories": ["形式主义", "官僚主义"]}],
            "audit": {"elements": {"study": {"present": True}, "supervision": {"present": True}}}}
    base.update(fields)
    return base


def test_evaluate_alternatives_allowed_and_null_are_not_misses():
    ev = evaluate([record()], GOLD).as_dict()
    strict = ev["strict"]
    assert strict["title"]["accuracy"] == 1 and strict["date.year"]["accuracy"] == 1
    assert strict["people"]["precision"] == 1 and strict["categories"]["precision"] == 1
    assert "audit.supervision" not in strict and strict["audit.study"]["accuracy"] == 1


def test_strict_and_lenient_differ_on_text_fields():
    ev = evaluate([record(organization="青山县审计局党组班子")], GOLD).as_dict()
    assert ev["strict"]["organization"]["accuracy"] == 0
    assert ev["lenient"]["organization"]["accuracy"] == 1
    assert any("organization" in m for m in ev["misses"])
    assert lenient_equal("审计局党组", "青山县审计局党组") and not lenient_equal("党组", "青山县审计局党组")


def test_list_fields_get_precision_and_recall():
    ev = evaluate([record(people=[{"name": "李四"}], document_numbers=[])], GOLD).as_dict()
    assert ev["strict"]["people"]["precision"] == 0 and ev["strict"]["people"]["recall"] == 0
    assert ev["strict"]["document_numbers"]["recall"] == 0
    assert ev["strict"]["report_count"]["accuracy"] == 1


def test_eval_reads_jsonl_outputs_and_lists_misses(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(record(title="别的标题"), ensure_ascii=False) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(out), "--misses"])
    assert result.exit_code == 0
    assert "MISS a.txt#0 title" in result.output
    assert runner.invoke(app, ["eval", str(tmp_path / "none.json"), str(out)]).exit_code == 2
