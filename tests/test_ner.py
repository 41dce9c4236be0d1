"""The shipped PERSON / ORG model (extractor/fields/ner.py, extractor/data/ner_model): it loads
with no network, finds names that have no cue nearby (lists, traditional characters,
compound surnames), and merged with the rules it does not lower their precision."""
from __future__ import annotations

import pathlib
import socket
import sys

import pytest

from extractor.fields import ner
from extractor.text.normalize import normalize
from extractor.report import Report

ROOT = pathlib.Path(__file__).resolve().parent.parent


def report(text: str) -> Report:
    return Report(text, normalize(text))


@pytest.fixture(scope="module")
def model():
    return ner.load_model()


def person_names(model, text: str) -> list[str]:
    """The names the model adds to no rule names (model + merge policy)."""
    r = report(text)
    found = ner.merge([], ner.find_people(r, model), r.view)
    for p in found:  # grounded in the text, as written
        assert r.text[p["start"]:p["end"]] == p["name"]
    return [p["name"] for p in found]


def test_model_loads_with_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access in a test")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert ner.available()
    nlp = ner.load_model.__wrapped__()  # a fresh load, not the cached one
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG"}
    doc = nlp(normalize("出席会议的还有覃振宇、欧阳明辉。"))
    assert {e.label_ for e in doc.ents} == {"PERSON"}


def test_model_is_small_and_packaged():
    files = [p for p in ner.MODEL_DIR.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= 10 * 1024 * 1024
    # pyproject's package-data globs (data/*, data/**/*) pick up every model file
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/**/*"' in pyproject
    assert not [p for p in files if "__pycache__" in p.parts]


# Sentences with names and no cue word next to them (lists, running text, traditional
# characters, compound and rare surnames); not in the evaluation set, not generator templates.
NO_CUE = [
    ("参加今天组织生活会的有：覃振宇、欧阳明辉、翟秋菊、包立群。", ["覃振宇", "欧阳明辉", "翟秋菊", "包立群"]),
    ("听完汇报，邝永健补充了两点意见，谌佩玲表示赞同。", ["邝永健", "谌佩玲"]),
    ("與會黨員：鍾偉強、譚詠芝。", ["鍾偉強", "譚詠芝"]),
    ("随后，上官浩然结合工作经历谈了体会。", ["上官浩然"]),
    ("会上，钱秀云、易卫东先后检视了自身差距。", ["钱秀云", "易卫东"]),
    ("针对梁志宏提出的意见，支委会作了研究。", ["梁志宏"]),
]


def test_finds_names_without_cues(model):
    found = expected = hits = 0
    for text, names in NO_CUE:
        got = person_names(model, text)
        assert set(got) <= set(names), (text, got)  # nothing that is not a name
        found += len(got)
        expected += len(names)
        hits += len(set(got) & set(names))
    assert hits / expected >= 0.8, f"{hits}/{expected}"


def test_traditional_names_are_grounded_as_written(model):
    assert person_names(model, "與會黨員：鍾偉強、譚詠芝。") == ["鍾偉強", "譚詠芝"]


def test_no_names_in_masks_and_slogans(model):
    text = ("会议深入学习xjp新时代中国特色社会主义思想。xx同志主持会议，×××、王××作了发言。"
            "会前学习了《毛泽东邓小平江泽民胡锦涛关于中国共产党历史论述摘编》。")
    r = report(text)
    assert ner.merge([], ner.find_people(r, model), r.view) == []


ORGS = [
    ("2023年1月，县市场监督管理局党组召开民主生活会，县委第二督导组到会指导。",
     ["县市场监督管理局党组", "县委第二督导组"]),
    ("1月12日，县财政局党组召开民主生活会。", ["县财政局党组"]),
    ("会后，平安街道党工委将会议情况报送区委组织部。", ["平安街道党工委", "区委组织部"]),
]


def test_organisations(model):
    hits = expected = 0
    for text, orgs in ORGS:
        r = report(text)
        found = ner.find(r, ("ORG",), model)
        assert all(r.text[e["start"]:e["end"]] == e["text"] for e in found)
        hits += len({e["text"] for e in found} & set(orgs))
        expected += len(orgs)
    assert hits / expected >= 0.75, f"{hits}/{expected}"


RULE = {"name": "马天成", "start": 3, "end": 6, "role": "党支部书记"}


def entry(view: str, name: str) -> dict:
    s = view.index(name)
    return {"name": name, "start": s, "end": s + len(name), "role": None}


def test_merge_keeps_rules_and_adds_policy_names():
    text = "会议由马天成主持。参会人员：马天成、覃振宇、王××、欧阳明、孙。学习《邓颖超文集》、习近平新时代思想。"
    view = normalize(text)
    ner_people = [entry(view, n) for n in ("马天成", "覃振宇", "王××", "欧阳明", "邓颖超", "习近平")]
    ner_people.append({"name": "孙", "start": view.index("孙"), "end": view.index("孙") + 1, "role": None})
    merged = ner.merge([RULE], ner_people, view)
    assert merged[0] == RULE  # the rules' entries come first, unchanged
    # 马天成 is already there, 王×× is masked, 孙 is too short, 邓颖超 is inside a title,
    # 习近平 is a leader in a slogan
    assert [p["name"] for p in merged] == ["马天成", "覃振宇", "欧阳明"]
    assert all(p["role"] is None for p in merged[1:])
    assert all(set(p) == {"name", "start", "end", "role"} for p in merged)


def test_merge_rejects_unknown_surnames_and_long_names():
    assert ner.rejection("覃振宇") is None
    assert ner.rejection("欧阳明辉") is None
    assert ner.rejection("鍾偉強") is None  # traditional: compared simplified
    assert ner.rejection("柯　敏") is None  # padded two-character name
    assert ner.rejection("乡村振兴") == "unknown surname"
    assert ner.rejection("王家坝村党支部") == "length"
    assert ner.rejection("欧阳") == "length"
    assert ner.rejection("xx") == "masked"


def test_model_people_merged_with_the_rules(model):
    r = report("参加今天组织生活会的有：覃振宇、欧阳明辉。")
    assert [p["name"] for p in ner.people(r, [], model)] == ["覃振宇", "欧阳明辉"]


def test_combined_precision_not_below_rules_on_eval_set(model):
    sys.path.insert(0, str(ROOT))
    from training.evaluate import evaluate

    scores = evaluate(model)
    rules, combined = scores["rules only"], scores["combined"]
    assert combined.p >= rules.p
    assert combined.r >= rules.r
    assert combined.f > rules.f


def test_pipeline_merges_model_people_when_switched_on(monkeypatch):
    from extractor import extract_text
    from extractor.settings import Settings

    text = "支部召开组织生活会。今年以来，覃振宇在乡村振兴工作中表现突出，荣获优秀共产党员称号。"
    monkeypatch.setenv("MRX_NER", "1")  # the library never reads it
    assert "覃振宇" not in [p.name for p in extract_text(text)[0].people]
    record = extract_text(text, settings=Settings(ner=True))[0]
    assert "覃振宇" in [p.name for p in extract_text(text, ner=True)[0].people]
    assert "覃振宇" in [p.name for p in record.people]
    assert all(record.text[p.start:p.end] == p.name for p in record.people)


def test_cli_switch(monkeypatch, tmp_path):
    import json

    from typer.testing import CliRunner

    from extractor.cli import app

    monkeypatch.delenv("MRX_NER", raising=False)
    path = tmp_path / "r.txt"
    path.write_text("支部召开组织生活会。今年以来，覃振宇在乡村振兴工作中表现突出。", encoding="utf-8")
    names = lambda out: [p["name"] for p in json.loads(out.splitlines()[0])["people"]]  # noqa: E731
    assert names(CliRunner().invoke(app, ["extract", str(path)]).stdout) == []
    assert names(CliRunner().invoke(app, ["extract", str(path), "--ner"]).stdout) == ["覃振宇"]
    # the CLI reads MRX_NER once, at its edge
    monkeypatch.setenv("MRX_NER", "1")
    assert names(CliRunner().invoke(app, ["extract", str(path)]).stdout) == ["覃振宇"]
