"""Concurrent --db writers (issue 16): two runs on one database, overlapping inputs, a
fresh database (racing schema creation) and duplicates: every file ends stored once, no
run fails, and a file that cannot be stored is an error entry."""
import multiprocessing
import os
import shutil

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from _records import make_record
from extractor.cli import app
from extractor.outputs.db import ReportStore
from extractor.outputs.tables import TABLES

runner = CliRunner()
PG_URL = os.environ.get("MRX_TEST_POSTGRES_URL")


def sha(n: int) -> str:
    return f"{n:064x}"


def write_files(url: str, numbers: list[int], queue) -> None:
    try:
        with ReportStore(url, batch_files=4) as store:
            for n in numbers:
                store.add([make_record(f"archive/{n}.txt", sha256=sha(n))])
        queue.put(("ok", store.stats))
    except BaseException as e:  # noqa: BLE001 - reported to the test
        queue.put(("error", f"{type(e).__name__}: {e}"))


def drop_all(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for name in [*reversed(list(TABLES)), "files", "failed_files", "mrx_meta"]:
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'r.db'}"
    if not PG_URL:
        pytest.skip("set MRX_TEST_POSTGRES_URL=postgresql+psycopg://… to test PostgreSQL (.ci/run does)")
    drop_all(PG_URL)
    return PG_URL


@pytest.mark.parametrize("trial", range(3))
def test_two_writers_on_a_fresh_database_store_every_file_once(url, trial):
    if trial and not url.startswith("sqlite"):
        drop_all(url)
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    queue = ctx.Queue()
    whole, half = list(range(40)), list(range(20, 40)) + list(range(40, 50))
    procs = [ctx.Process(target=write_files, args=(url, numbers, queue)) for numbers in (whole, half)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert all(kind == "ok" for kind, _ in results), results
    stats = [s for _, s in results]
    assert sum(s["files_added"] for s in stats) == 50
    assert sum(s["files_skipped"] for s in stats) == 20
    with ReportStore(url) as store:
        assert store.count("files") == 50 and store.count("reports") == 50


def test_identical_files_are_duplicates_not_errors(tmp_path, samples_dir):
    archive = tmp_path / "archive"
    archive.mkdir()
    sample = samples_dir / "002_65e39421ef2fe7a0.txt"
    for name in ("a.txt", "b.txt"):
        shutil.copy(sample, archive / name)
    db = tmp_path / "r.db"
    result = runner.invoke(app, ["extract", str(archive), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 files" in result.stderr and "0 errors" in result.stderr
    with ReportStore(str(db)) as store:
        assert store.count("files") == 1


def test_identical_files_in_one_stream_are_two_files(tmp_path):
    """Records of two identical files in a row (same sha256, two paths) are not one file."""
    one, two = make_record("a.txt", sha256=sha(7)), make_record("b.txt", sha256=sha(7))
    with ReportStore(str(tmp_path / "r.db")) as store:
        store.add_all([one, two])
    assert store.stats["files_added"] == 1 and store.stats["files_skipped"] == 1
    assert store.count("reports") == 1


def test_a_file_that_cannot_be_stored_is_an_error_entry(tmp_path):
    store = ReportStore(str(tmp_path / "r.db"), batch_files=10)
    bad = make_record("c.txt", sha256=sha(3))
    clash = make_record("d.txt", sha256=sha(4)).model_copy(update={"id": bad.id})  # same report id
    store.add([bad])
    store.add([clash])
    store.add([make_record("e.txt", sha256=sha(5))])
    store.close()
    assert store.stats["files_added"] == 2
    assert [path for path, _ in store.unstored] == ["d.txt"]
    assert "cannot be stored" in store.unstored[0][1]
