"""The field registry: every record field is declared once and everything is derived."""
import pytest

from extractor.fields import registry
from extractor.outputs.show import kinds, record_marks
from extractor.outputs.tables import TABLES
from extractor.pipeline import PIPELINE, make_nlp
from extractor.schema import Record

BASE = {"schema_version", "id", "source", "text", "warnings"}


def test_every_record_field_has_a_declaration():
    assert set(Record.model_fields) - BASE == set(registry.BY_NAME)
    assert list(Record.model_fields)[4:-1] == [f.name for f in registry.FIELDS]


def test_every_declared_component_is_in_the_pipeline_and_fills_its_fields():
    nlp = make_nlp()
    for spec in registry.FIELDS:
        name = f"mrx_{spec.component}"
        assert name in PIPELINE, spec.name
        assert spec.name in nlp.get_pipe(name).fills, spec.name


def test_the_reports_table_and_the_viewer_come_from_the_declarations():
    columns = TABLES["reports"].names
    for spec in registry.FIELDS:
        assert all(c.name in columns for c in spec.columns)
    assert {"chair", "location"} <= set(columns)
    assert {"chair", "location", "person"} <= set(kinds())


def test_the_pipeline_order_is_checked():
    from extractor.components import check_order

    nlp = make_nlp()
    nlp.remove_pipe("mrx_dates")
    with pytest.raises(ValueError, match="meeting_date"):
        check_order(nlp)


def test_chair_and_location(tmp_path):
    from extractor import extract_text

    text = ("关于召开2023年度组织生活会的情况报告\n"
            "2024年1月9日上午，综合科党支部在机关五楼小会议室召开2023年度组织生活会，"
            "会议由支部书记周立新同志主持，全体党员参加。\n")
    r = extract_text(text)[0]
    assert r.chair.name == "周立新" and r.text[r.chair.start:r.chair.end] == "周立新"
    assert "周立新" in [p.name for p in r.people]
    assert r.location.text == "机关五楼小会议室"
    assert r.text[r.location.start:r.location.end] == r.location.text
    kinds_marked = {m.kind for m in record_marks(r)}
    assert {"chair", "location"} <= kinds_marked


def test_labelled_chair_and_place():
    from extractor import extract_text

    r = extract_text("某公司第二党支部召开组织生活会\n主持人：韩晓东\n会议地点：三号楼二层党员活动室\n")[0]
    assert r.chair.name == "韩晓东" and "韩晓东" in [p.name for p in r.people]
    assert r.location.text == "三号楼二层党员活动室"


def test_no_chair_or_place_when_not_stated_or_redacted():
    from extractor import extract_text

    r = extract_text("XX支部召开组织生活会。会议由xx同志主持，党员们进行了批评与自我批评。\n")[0]
    assert r.chair is None and r.location is None
