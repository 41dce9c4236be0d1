"""The report database: same tables as to_frames, keys and indexes, skip / replace on rerun."""
import os
import shutil
import sqlite3

import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from _records import make_record
from extractor.cli import app
from extractor.outputs.db import LAYOUT_VERSION, ReportStore, StoreError, database_url, sha256_file
from extractor.outputs.tables import TABLES, to_frames

runner = CliRunner()


def sort(df, table):
    return df.sort_values(list(TABLES[table].key)).reset_index(drop=True)


def test_store_round_trip_equals_to_frames(tmp_path):
    records = [make_record("a.txt"), make_record("b.txt", organization="第二党支部")]
    with ReportStore(f"sqlite:///{tmp_path / 'r.db'}") as store:
        store.add([records[0]])
        store.add([records[1]])
    with ReportStore(str(tmp_path / "r.db")) as store:  # a bare path is a SQLite file
        back = store.frames()
    want = to_frames(records)
    for name in TABLES:
        pd.testing.assert_frame_equal(sort(back[name], name), sort(want[name], name), obj=name)
    assert back["files"]["path"].tolist() == ["a.txt", "b.txt"]
    assert back["files"]["n_reports"].tolist() == [1, 1]


def test_keys_foreign_keys_and_indexes_are_declared(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    ReportStore(url).close()
    insp = sa.inspect(sa.create_engine(url))
    assert set(TABLES) | {"files", "mrx_meta"} <= set(insp.get_table_names())
    for name, table in TABLES.items():
        assert insp.get_pk_constraint(name)["constrained_columns"] == list(table.key), name
        if name != "reports":
            fks = insp.get_foreign_keys(name)
            assert fks and fks[0]["referred_table"] == "reports", name
    indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes("reports")}
    assert {("sha256",), ("path",), ("organization",), ("year",)} <= indexed
    assert ("category",) in {tuple(ix["column_names"]) for ix in insp.get_indexes("problem_categories")}


def test_has_is_asked_before_extraction_and_counts_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    rec = make_record(str(path), sha256=sha256_file(path))
    with ReportStore(str(tmp_path / "r.db"), batch_files=1) as store:
        assert not store.has_file(path) and not store.has(rec.source.sha256)
        assert store.add([rec]) is True
        assert store.has_file(path) and store.has(rec.source.sha256)
        assert store.add([rec]) is False
        assert store.stats == {"files_added": 1, "reports_added": 1, "files_skipped": 1, "files_replaced": 0}
        assert not store.has_file(tmp_path / "missing.txt")


def test_a_changed_file_replaces_its_rows(tmp_path):
    url = str(tmp_path / "r.db")
    old = make_record("a.txt", sha256="1" * 64)
    other = make_record("b.txt", sha256="2" * 64)
    with ReportStore(url) as store:
        store.add([old])
        store.add([other])
    new = make_record("a.txt", sha256="3" * 64, expected=10, present=10)
    with ReportStore(url) as store:
        assert store.add([new])
    assert store.stats["files_replaced"] == 1
    with ReportStore(url) as store:
        frames = store.frames()
    assert sorted(frames["reports"]["id"]) == sorted([new.id, other.id])
    assert frames["reports"].set_index("path").loc["a.txt", "expected"] == 10
    for name in TABLES:
        if name != "reports":
            assert old.id not in set(frames[name]["report_id"]), name
    assert sorted(frames["files"]["sha256"]) == ["2" * 64, "3" * 64]
    # nothing is left behind that the foreign keys would refuse
    con = sqlite3.connect(tmp_path / "r.db")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_remove_and_layout_version(tmp_path):
    url = str(tmp_path / "r.db")
    with ReportStore(url) as store:
        store.add([make_record("a.txt")])
        assert store.remove("a.txt") == 1
        assert store.count("reports") == 0 and store.count("people") == 0
    con = sqlite3.connect(tmp_path / "r.db")
    con.execute("UPDATE mrx_meta SET value = '0' WHERE key = 'layout_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=f"layout 0.*{LAYOUT_VERSION}"):
        ReportStore(url)


def test_bad_url_is_a_store_error():
    with pytest.raises(StoreError):
        ReportStore("nosuchdialect://x/y")
    assert database_url("r.db") == "sqlite:///r.db"


@pytest.fixture
def archive(tmp_path, samples_dir):
    d = tmp_path / "archive"
    d.mkdir()
    shutil.copy(samples_dir / "000_30de3536cd37ff6c.txt", d)
    return d


def test_cli_rerun_adds_only_new_files_and_skips_before_extracting(tmp_path, archive, samples_dir, extractions):
    db = f"sqlite:///{tmp_path / 'out' / 'reports.db'}"
    result = runner.invoke(app, ["extract", str(archive), "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # with --db and no -o nothing goes to stdout
    assert "6 reports from 1 files added" in result.stderr
    assert extractions == ["000_30de3536cd37ff6c.txt"]

    result = runner.invoke(app, ["extract", str(archive), "--db", db])
    assert result.exit_code == 0
    assert "0 reports from 0 files added, 1 files already stored" in result.stderr
    assert extractions == ["000_30de3536cd37ff6c.txt"]  # not extracted again

    shutil.copy(samples_dir / "002_65e39421ef2fe7a0.txt", archive)  # the archive grows
    result = runner.invoke(app, ["extract", str(archive), "--db", db, "-o", str(tmp_path / "new.jsonl")])
    assert result.exit_code == 0
    assert "1 reports from 1 files added, 1 files already stored" in result.stderr
    assert extractions[-1] == "002_65e39421ef2fe7a0.txt" and len(extractions) == 2
    assert len((tmp_path / "new.jsonl").read_text(encoding="utf-8").splitlines()) == 1

    engine = sa.create_engine(db)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM reports")).scalar() == 7
        assert conn.execute(sa.text("SELECT count(*) FROM files")).scalar() == 2
        n_sections = conn.execute(sa.text("SELECT count(*) FROM sections")).scalar()
    assert n_sections > 0


def test_cli_changed_file_replaces_its_rows(tmp_path, archive):
    db = str(tmp_path / "reports.db")
    assert runner.invoke(app, ["extract", str(archive), "--db", db]).exit_code == 0
    f = archive / "000_30de3536cd37ff6c.txt"
    text = f.read_text(encoding="utf-8")
    cut = text.index("召开2021年专题组织生活会情况报告（办公室党支部）")
    f.write_text(text[:cut], encoding="utf-8")  # the file now holds its first report only
    result = runner.invoke(app, ["extract", str(archive), "--db", db])
    assert result.exit_code == 0
    assert "1 reports from 1 files added, 0 files already stored, 1 replaced" in result.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), min(sha256) FROM reports").fetchone() == (1, sha256_file(f))
    assert con.execute("SELECT count(*) FROM sections WHERE report_id NOT IN (SELECT id FROM reports)").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM files").fetchone() == (1,)


def test_cli_bad_database_is_a_usage_error(tmp_path, archive):
    result = runner.invoke(app, ["extract", str(archive), "--db", "nosuchdialect://x"])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.skipif(not os.environ.get("MRX_TEST_POSTGRES_URL"),
                    reason="set MRX_TEST_POSTGRES_URL=postgresql+psycopg://… to test PostgreSQL")
def test_postgresql_round_trip_and_replace():
    url = os.environ["MRX_TEST_POSTGRES_URL"]
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for name in [*reversed(list(TABLES)), "files", "mrx_meta"]:
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    records = [make_record("a.txt", sha256="1" * 64), make_record("b.txt", sha256="2" * 64)]
    with ReportStore(url) as store:
        store.add_all(records)
    with ReportStore(url) as store:
        store.add_all(records)
        assert store.stats["files_skipped"] == 2 and store.stats["reports_added"] == 0
        store.add([make_record("a.txt", sha256="3" * 64)])
        frames = store.frames()
    assert store.stats["files_replaced"] == 1
    assert sorted(frames["files"]["sha256"]) == ["2" * 64, "3" * 64]
    want = to_frames([records[1], make_record("a.txt", sha256="3" * 64)])
    for name in TABLES:
        pd.testing.assert_frame_equal(sort(frames[name], name), sort(want[name], name), obj=name)


def test_a_write_that_fails_is_a_store_error_and_counts_nothing(tmp_path):
    store = ReportStore(str(tmp_path / "r.db"))
    con = sqlite3.connect(tmp_path / "r.db")
    con.execute("DROP TABLE people")  # broken under the open store
    con.commit()
    con.close()
    store.add([make_record("b.txt")])
    with pytest.raises(StoreError, match="cannot write"):
        store.flush()
    assert store.stats["files_added"] == 0
    assert not store.has(make_record("b.txt").source.sha256)


def test_failed_files_are_recorded_and_leave_once_they_succeed(tmp_path, archive):
    db = tmp_path / "r.db"
    bad = archive / "broken.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(archive), "--db", str(db)])
    assert result.exit_code == 2
    with ReportStore(str(db)) as store:
        failed = store.frames()["failed_files"]
        assert failed["path"].tolist() == [str(bad)]
        assert failed["error"].tolist() == ["empty file"]
        assert store.count("files") == 1  # counts reconcile: 1 stored + 1 failed = 2 inputs

    bad.write_text((archive / "000_30de3536cd37ff6c.txt").read_text(encoding="utf-8")[:600], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(archive), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with ReportStore(str(db)) as store:
        assert store.frames()["failed_files"].empty
        assert store.count("files") == 2
