import os
import pathlib

import pytest

from extractor.evaluate import grounded_spans

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def assert_grounded(record):
    data = record.model_dump() if hasattr(record, "model_dump") else record
    for value, start, end in grounded_spans(data):
        assert data["text"][start:end] == value, (value, start, end)


@pytest.fixture(scope="session")
def samples_dir():
    return SAMPLES


@pytest.fixture(scope="session")
def nlp():
    """A pipeline that stops after the sections: field modules are then run by hand."""
    import spacy

    from extractor import components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("zh")
    for name in ("mrx_view", "mrx_title", "mrx_sections"):
        nlp.add_pipe(name)
    return nlp


@pytest.fixture
def extractions(monkeypatch):
    """The base names of the files extracted in this process (to see which were skipped)."""
    import extractor.run.engines

    calls = []
    real = extractor.run.engines.extract_bytes

    def spy(data, path, **kw):
        calls.append(os.path.basename(path))
        return real(data, path, **kw)

    monkeypatch.setattr(extractor.run.engines, "extract_bytes", spy)
    return calls
