import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def grounded_spans(obj, text):
    """Every (value, start, end) in a record dict that must satisfy text[start:end] == value."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            value = obj.get("text", obj.get("name"))
            if isinstance(value, str):
                yield value, obj["start"], obj["end"]
        for key, v in obj.items():
            if key not in ("source", "text"):
                yield from grounded_spans(v, text)
    elif isinstance(obj, list):
        for v in obj:
            yield from grounded_spans(v, text)


def assert_grounded(record):
    data = record.model_dump() if hasattr(record, "model_dump") else record
    for value, start, end in grounded_spans(data, data["text"]):
        assert data["text"][start:end] == value, (value, start, end)


@pytest.fixture(scope="session")
def samples_dir():
    return SAMPLES
