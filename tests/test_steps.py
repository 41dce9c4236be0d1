"""The report reader: the pipeline's steps run without spaCy give what the Language gives."""
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.pipeline import PIPELINE, make_nlp
from extractor.run.api import extract_file, extract_text
from extractor.settings import Settings
from extractor.steps import STEPS, ReportReader, check_order, get_reader, make_step

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:12]

REPORT = ("关于召开2023年度组织生活会情况的报告\n"
          "支部于2024年1月10日召开组织生活会，应到12人，实到11人，1人因病请假。\n"
          "一、存在的问题\n一是理论学习不够深入，二是为民服务意识不强。\n"
          "二、整改措施\n（一）加强理论学习。（二）强化宗旨意识。\n")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_reader_and_the_language_write_the_same_records(path):
    by_reader = [r.model_dump_json() for r in extract_file(path)]
    by_language = [r.model_dump_json() for r in extract_file(path, nlp=make_nlp())]
    assert by_reader == by_language


def test_the_language_runs_a_component_per_step_in_the_same_order():
    nlp = make_nlp()
    assert nlp.pipe_names == list(PIPELINE)
    assert [name.removeprefix("mrx_") for name in nlp.pipe_names[1:-1]] == list(STEPS)
    reader = get_reader()
    assert [s.name for s in reader.steps] == list(STEPS)
    for step, (_, component) in zip(reader.steps, nlp.pipeline[1:-1]):
        assert (step.reads, step.fills) == (component.reads, component.fills)


def test_the_reader_fills_every_field_and_the_doc_gets_the_spans_it_names():
    report = get_reader().read(REPORT)
    assert report.fields["title"].startswith("关于召开2023年度组织生活会")
    assert report.fields["attendance"]["present"] == 11
    assert report.fields["problems"] and report.fields["measures"]
    doc = make_nlp()(REPORT)
    assert doc._.report.fields == report.fields
    assert [s.text for s in doc.spans["title"]] == [report.fields["title"]]
    assert len(doc.spans["problems"]) == len(report.fields["problems"])


def test_a_component_of_ones_own_reaches_the_records_through_the_language():
    from spacy.language import Language

    if not Language.has_factory("test_retitle"):
        @Language.component("test_retitle")
        def retitle(doc):
            doc._.report.fields["title"] = "改过的标题"
            return doc

    nlp = make_nlp()
    nlp.add_pipe("test_retitle", last=True)
    assert extract_text(REPORT, nlp=nlp)[0].title == "改过的标题"
    assert extract_text(REPORT)[0].title != "改过的标题"


def test_the_step_order_is_checked():
    steps = [make_step(name) for name in STEPS if name != "sections"]
    with pytest.raises(ValueError, match="sections"):
        check_order((s.name, s) for s in steps)
    with pytest.raises(ValueError, match="unknown step"):
        make_step("weather")


def test_settings_reach_the_steps():
    reader = ReportReader(Settings.build(profile={"name": "ours", "required": ["report_upward"]}))
    audit = reader.read(REPORT).fields["audit"]
    assert audit["profile"].startswith("ours")


def test_reading_records_does_not_import_spacy(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(REPORT, encoding="utf-8")
    code = ("import sys; from extractor.run.api import extract_file; "
            f"records = extract_file({str(path)!r}); "
            "print(len(records), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["1", "False"]


@pytest.mark.parametrize("path", FILES[:6], ids=lambda p: p.name)
def test_reading_a_report_leaves_no_reference_cycle(path):
    # what a report's reading makes (its clause reader, lists, context) is freed as soon as
    # the report is dropped: a cycle would keep it all until the cyclic garbage collector
    # ran, which cost 5 % of the CPU of a batch (bench corpus)
    import gc

    text = path.read_text(encoding="utf-8")
    extract_text(text)  # every resource loaded, nothing of it counted below
    gc.collect()
    gc.disable()
    try:
        for record in extract_text(text):
            assert record.text
        assert gc.collect() == 0
    finally:
        gc.enable()
