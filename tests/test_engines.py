"""Engines: a pool of processes and a Dask cluster write what one process writes."""
import json
import shutil

import pytest
from typer.testing import CliRunner

from extractor.run import engines
from extractor.run.api import extract_paths
from extractor.cli import app
from extractor.outputs.export import record_json

runner = CliRunner()
CORPUS = "tests/corpus"


@pytest.fixture(scope="module")
def archive(tmp_path_factory, samples_dir):
    """The samples and the corpus, plus files that fail, spread between good ones."""
    d = tmp_path_factory.mktemp("archive")
    for src in sorted((samples_dir.parent / CORPUS).glob("*.txt")) + sorted(samples_dir.glob("*.txt")):
        shutil.copy(src, d / src.name)
    (d / "a_empty.txt").write_bytes(b"")
    (d / "m_binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "z_chrome.html").write_text("<html><body><nav>首页 | 返回</nav></body></html>", encoding="utf-8")
    return d


def lines(results):
    """What the CLI would write: record JSON, and errors in their place."""
    out = []
    for r in results:
        out.extend([record_json(rec) for rec in r.records] if not r.error else [f"ERROR {r.path}: {r.error}"])
    return out


@pytest.fixture(scope="module")
def one_process(archive):
    return lines(extract_paths([str(archive)]))


def test_archive_has_records_and_errors(one_process):
    assert sum(line.startswith("ERROR") for line in one_process) == 3
    assert len(one_process) > 50


def test_process_pool_gives_the_same_results_in_the_same_order(archive, one_process, monkeypatch):
    monkeypatch.setattr(engines, "BATCH_FILES", 3)  # many batches, several in flight
    assert lines(extract_paths([str(archive)], jobs=2)) == one_process


def test_cli_jobs_writes_the_same_file(archive, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    runner.invoke(app, ["extract", str(archive), "-o", str(one)])
    result = runner.invoke(app, ["extract", str(archive), "-o", str(two), "--jobs", "2"])
    assert result.exit_code == 2  # the three bad files
    assert two.read_bytes() == one.read_bytes()
    assert (tmp_path / "two.jsonl.errors.jsonl").read_text(encoding="utf-8") == \
        (tmp_path / "one.jsonl.errors.jsonl").read_text(encoding="utf-8")


def test_window_bounds_files_in_flight(monkeypatch):
    """Results are taken as soon as the window is full, not after everything is submitted."""
    submitted, taken = [], []

    class Done:
        def __init__(self, batch):
            self.batch = batch

        def result(self):
            taken.append(len(submitted))
            return [engines.FileResult(p.path) for p in self.batch]

    def submit(batch):
        submitted.append(batch)
        return Done(batch)

    monkeypatch.setattr(engines, "BATCH_FILES", 2)
    payloads = [engines.Payload(f"{i}.txt", b"x") for i in range(20)]
    got = [r.path for r in engines._in_order(submit, payloads, window=3)]
    assert got == [p.path for p in payloads]
    assert max(n - t for t, n in zip(range(len(taken)), taken)) <= 3
    assert taken[0] == 3


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        list(extract_paths(["x.txt"], engine="spark"))
    result = runner.invoke(app, ["extract", "x.txt", "--engine", "spark"])
    assert result.exit_code == 2 and "'spark' is not one of 'local', 'dask'" in result.stderr


def test_scheduler_needs_the_dask_engine():
    result = runner.invoke(app, ["extract", "x.txt", "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--engine dask" in result.stderr


# -- Dask ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_dask_api_gives_the_same_results(archive, one_process, cluster):
    from distributed import Client

    with Client(cluster) as client:
        assert lines(extract_paths([str(archive)], engine="dask", scheduler=client)) == one_process


def test_cli_dask_engine_writes_the_same_file(archive, tmp_path, cluster):
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    runner.invoke(app, ["extract", str(archive), "-o", str(one)])
    result = runner.invoke(app, ["extract", str(archive), "-o", str(dask), "--engine", "dask",
                                 "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 2, result.output
    assert "3 errors" in result.stderr
    assert dask.read_bytes() == one.read_bytes()


def test_dask_workers_use_the_callers_checklist(archive, tmp_path, cluster):
    profile = tmp_path / "mine.toml"
    profile.write_text('name = "mine"\nrequired = ["study", "criticism"]\n', encoding="utf-8")
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    r1 = runner.invoke(app, ["extract", str(archive), "-o", str(one), "--profile", str(profile)])
    r2 = runner.invoke(app, ["extract", str(archive), "-o", str(dask), "--profile", str(profile),
                             "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert r1.exit_code == r2.exit_code == 2, r1.output + r2.output
    audits = [json.loads(line)["audit"] for line in dask.read_text(encoding="utf-8").splitlines()]
    assert {a["profile"] for a in audits} == {"mine"}
    assert dask.read_bytes() == one.read_bytes()


@pytest.mark.parametrize("jobs", [1, 2])
def test_as_json_results_carry_the_records_json(archive, one_process, jobs):
    """Records serialised where they are extracted are the JSON the writer would make."""
    results = list(extract_paths([str(archive)], jobs=jobs, as_json=True))
    assert all(not r.records for r in results)
    out = []
    for r in results:
        out.extend(r.json_lines if not r.error else [f"ERROR {r.path}: {r.error}"])
    assert out == one_process
    assert sum(r.count for r in results) == sum(not line.startswith("ERROR") for line in one_process)


def test_cli_jobs_writes_the_same_json_array(archive, tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    runner.invoke(app, ["extract", str(archive), "-o", str(one)])
    runner.invoke(app, ["extract", str(archive), "-o", str(two), "--jobs", "2"])
    assert two.read_bytes() == one.read_bytes() and one.stat().st_size > 1000


def test_a_pool_shares_the_cores_among_its_workers_ocr_threads(monkeypatch):
    from extractor.settings import Settings
    import extractor.run.engines as engines

    monkeypatch.setattr(engines.os, "cpu_count", lambda: 8)
    assert engines.pool_settings(Settings(), 4).ocr_threads == 2
    assert engines.pool_settings(Settings(), 16).ocr_threads == 1  # never none
    assert engines.pool_settings(Settings(), 1).ocr_threads == 0  # one process: ONNX Runtime's default
    assert engines.pool_settings(Settings(ocr_threads=3), 4).ocr_threads == 3  # the caller's choice


def test_the_ocr_thread_count_reaches_the_scan_reader(monkeypatch):
    from extractor.settings import Settings
    import extractor.io.formats.scanned as scanned
    from extractor.io.reader import InputError
    from extractor.run.engines import Payload, extract_payload

    seen = []

    def reader(data, kind, threads=0):
        seen.append(threads)
        raise InputError("stop here")

    monkeypatch.setattr(scanned, "read_scanned", reader)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    result = extract_payload(Payload("scan.png", png), Settings(ocr_threads=2))
    assert result.error == "stop here" and seen == [2]
