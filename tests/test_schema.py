import json

import pytest
from pydantic import ValidationError

from extractor import extract_text
from extractor.schema import Record, record_json_schema

from conftest import ROOT, assert_grounded


def test_schema_file_in_sync_with_models():
    on_disk = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    assert on_disk == record_json_schema(), "run: mrx schema -o schemas/record.schema.json"


def test_every_field_of_the_contract_is_present():
    fields = set(Record.model_fields)
    assert {"schema_version", "id", "source", "text", "title", "meeting_type", "theme", "year",
            "organization", "meeting_date", "document_numbers", "attendance", "chair", "location", "people", "agenda",
            "problems", "measures", "member_review", "sections", "audit", "warnings"} == fields


def test_records_validate_and_are_grounded(samples_dir):
    for path in sorted(samples_dir.glob("*.txt")):
        for rec in extract_text(path.read_text(encoding="utf-8"), str(path)):
            Record.model_validate(rec.model_dump())
            assert_grounded(rec)


def test_unknown_meeting_type_is_rejected():
    rec = extract_text("支部召开组织生活会。")[0].model_dump()
    rec["meeting_type"] = "座谈会"
    with pytest.raises(ValidationError):
        Record.model_validate(rec)


def test_ids_are_stable_and_distinct():
    text = "一支部召开组织生活会情况报告\n" + "会议认真开展批评和自我批评。" * 8 + "\n二支部召开组织生活会情况报告\n" + "会议认真开展批评。" * 8
    a, b = extract_text(text)
    assert a.id != b.id
    assert [r.id for r in extract_text(text)] == [a.id, b.id]
