"""The errors file of a batch run: written as failures come, bounded in memory."""
import json

import pytest

from extractor.run import errors as errors_module
from extractor.run.archive import ArchiveError, run_archive
from extractor.run.errors import ErrorLog, errors_destination
from extractor.schema import FileError


def entries(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def failure(i):
    return FileError(path=f"scans/{i:03d}.pdf", error="no text layer")


def test_each_failure_is_on_disk_before_the_run_ends(tmp_path):
    path = tmp_path / "out.jsonl.errors.jsonl"
    log = ErrorLog(str(path))
    assert not path.exists()  # the default file appears with the first failure only
    log.add(failure(1))
    assert entries(path) == [{"path": "scans/001.pdf", "error": "no text layer"}]
    log.add(failure(2))
    assert log.close() == str(path) and len(entries(path)) == 2


def test_only_the_first_failures_stay_in_memory_when_a_file_holds_them_all(tmp_path):
    path = tmp_path / "errors.jsonl"
    log = ErrorLog(str(path), explicit=True, keep=2)
    for i in range(5):
        log.add(failure(i))
    log.close()
    assert log.count == 5 and [f.path for f in log.failed] == ["scans/000.pdf", "scans/001.pdf"]
    assert [e["path"] for e in entries(path)] == [f"scans/{i:03d}.pdf" for i in range(5)]


def test_without_a_file_every_failure_is_kept():
    log = ErrorLog(None, keep=2)
    for i in range(5):
        log.add(failure(i))
    assert log.close() is None and len(log.failed) == 5


def test_where_failures_go():
    assert errors_destination(None, "out.jsonl") == ("out.jsonl.errors.jsonl", False)
    assert errors_destination(None, "-") == (None, False)
    assert errors_destination("-", "out.jsonl") == (None, True)
    assert errors_destination("e.jsonl", "-") == ("e.jsonl", True)


def test_a_run_with_many_failures_lists_them_all_in_the_file_and_counts_them(tmp_path, monkeypatch):
    monkeypatch.setattr(errors_module, "KEPT_FAILURES", 3)
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(7):
        (archive / f"blank_{i}.txt").write_text("\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_archive([archive], str(out))
    assert (summary.files, summary.errors) == (7, 7) and not summary.ok
    assert len(summary.failed) == 3
    assert sorted(e["path"] for e in entries(tmp_path / "out.jsonl.errors.jsonl")) == \
        sorted(str(archive / f"blank_{i}.txt") for i in range(7))


def test_an_errors_file_that_cannot_be_written_stops_the_run_before_it_starts(tmp_path):
    (tmp_path / "report.txt").write_text("关于召开2021年度组织生活会情况的报告\n", encoding="utf-8")
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ArchiveError, match="cannot write the errors file"):
        run_archive([tmp_path / "report.txt"], str(tmp_path / "out.jsonl"), errors=str(blocker / "errors.jsonl"))
    assert not (tmp_path / "out.jsonl").exists()
