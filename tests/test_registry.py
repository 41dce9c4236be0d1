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
    from extractor.steps import check_order

    nlp = make_nlp()
    nlp.remove_pipe("mrx_dates")
    with pytest.raises(ValueError, match="meeting_date"):
        check_order(nlp.pipeline)
