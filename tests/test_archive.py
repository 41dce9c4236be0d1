"""run_archive: the batch policy of mrx extract, called from Python (no CLI in between)."""
import io
import json
import shutil

import pytest

from extractor.run.archive import ArchiveError, ArchiveSummary, run_archive
from extractor.settings import Settings

FIRST, SECOND = "000_30de3536cd37ff6c.txt", "002_65e39421ef2fe7a0.txt"


@pytest.fixture
def archive(tmp_path, samples_dir):
    """Two sample files (6 + 1 reports) and one file with nothing in it."""
    d = tmp_path / "archive"
    d.mkdir()
    shutil.copy(samples_dir / FIRST, d)
    shutil.copy(samples_dir / SECOND, d)
    (d / "blank.txt").write_text("\n\n", encoding="utf-8")
    return d


def lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_counts_records_and_the_errors_file(tmp_path, archive):
    out = tmp_path / "out.jsonl"
    summary = run_archive([archive], str(out), Settings())
    assert (summary.files, summary.reports, summary.errors, summary.skipped) == (3, 7, 1, 0)
    assert summary.line() == "3 files, 7 reports, 1 errors" and not summary.ok
    assert len(lines(out)) == 7 and summary.fmt == "jsonl"
    assert summary.errors_file == str(out) + ".errors.jsonl"
    errors = lines(tmp_path / "out.jsonl.errors.jsonl")
    assert [e["path"] for e in errors] == [str(archive / "blank.txt")]
    assert [f.path for f in summary.failed] == [str(archive / "blank.txt")]


def test_a_stale_default_errors_file_goes_and_a_named_one_is_always_written(tmp_path, archive):
    out = tmp_path / "out.jsonl"
    run_archive([archive], str(out))
    assert (tmp_path / "out.jsonl.errors.jsonl").exists()
    (archive / "blank.txt").unlink()
    summary = run_archive([archive], str(out))
    assert summary.ok and summary.errors_file is None
    assert not (tmp_path / "out.jsonl.errors.jsonl").exists()
    named = tmp_path / "logs" / "failed.jsonl"
    summary = run_archive([archive], str(out), errors=str(named))
    assert summary.errors_file == str(named) and named.read_text(encoding="utf-8") == ""


def test_failures_of_a_stdout_run_are_returned_not_written(tmp_path, archive, capsys):
    summary = run_archive([archive / "blank.txt"], "-")
    assert summary.errors_file is None and [f.path for f in summary.failed] == [str(archive / "blank.txt")]
    assert capsys.readouterr().out == ""


def test_resume_skips_the_files_already_written(tmp_path, archive, extractions):
    out = tmp_path / "out.jsonl"
    run_archive([archive], str(out))
    whole = out.read_bytes()
    first_file = whole.splitlines(keepends=True)[:6]  # the six reports of FIRST
    out.write_bytes(b"".join(first_file) + whole.splitlines(keepends=True)[6][:30])
    extractions.clear()
    summary = run_archive([archive], str(out), resume=True)
    # FIRST was the last whole file in the output, so it is redone; nothing is skipped.
    assert summary.skipped == 0 and out.read_bytes() == whole
    extractions.clear()
    summary = run_archive([archive], str(out), resume=True)
    assert out.read_bytes() == whole
    assert summary.skipped == 1 and FIRST not in extractions  # SECOND, the last one, is redone
    assert SECOND in extractions


def test_resume_needs_a_jsonl_file(tmp_path, archive):
    with pytest.raises(ArchiveError, match="--resume continues a JSON Lines file"):
        run_archive([archive], "-", resume=True)
    with pytest.raises(ArchiveError, match="--resume continues a JSON Lines file"):
        run_archive([archive], str(tmp_path / "t.csv"), fmt="csv", resume=True)


def test_database_skips_stored_files_before_extracting(tmp_path, archive, extractions):
    db = f"sqlite:///{tmp_path / 'reports.db'}"
    summary = run_archive([archive], None, db=db)
    assert summary.reports == 7 and summary.fmt is None
    assert summary.database["files_added"] == 2 and summary.database["reports_added"] == 7
    assert sorted(extractions) == sorted([FIRST, SECOND, "blank.txt"])
    extractions.clear()
    summary = run_archive([archive], None, db=db)
    assert summary.skipped == 2 and summary.reports == 0 and summary.errors == 1
    assert summary.database["files_skipped"] == 2
    assert extractions == ["blank.txt"]  # the failed file is tried again, the stored ones not


def test_fail_fast_stops_at_the_first_failure(tmp_path, archive):
    bad = tmp_path / "a_bad.txt"
    bad.write_text("", encoding="utf-8")
    summary = run_archive([bad, archive], str(tmp_path / "out.jsonl"), fail_fast=True)
    assert (summary.files, summary.reports, summary.errors) == (1, 0, 1)


def test_stdin_and_settings_are_passed_explicitly(tmp_path):
    text = "关于召开2021年度组织生活会情况的报告\n支部于2022年1月15日召开组织生活会。"
    out = tmp_path / "out.jsonl"
    summary = run_archive(["-"], str(out), Settings(max_bytes=10), stdin=io.BytesIO(text.encode("gbk")))
    assert summary.errors == 1 and "above the limit of 10 bytes" in summary.failed[0].error
    summary = run_archive(["-"], str(out), stdin=io.BytesIO(text.encode("gbk")))
    assert summary.reports == 1 and lines(out)[0]["source"]["encoding"] == "gb18030"


def test_progress_sees_every_result_and_the_total(tmp_path, archive):
    seen = []

    def progress(results, total):
        for r in results:
            seen.append((r.path, total))
            yield r

    run_archive([archive], str(tmp_path / "out.jsonl"), progress=progress)
    assert [t for _, t in seen] == [3, 3, 3] and len({p for p, _ in seen}) == 3


@pytest.mark.parametrize("options, message", [
    ({"engine": "spark"}, "unknown --engine"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "--engine dask"),
    ({"fmt": "yaml"}, "unknown --format"),
    ({"db": "nosuchdialect://x"}, "cannot open nosuchdialect"),
])
def test_usage_errors_are_one_line_archive_errors(tmp_path, archive, options, message):
    with pytest.raises(ArchiveError, match=message) as caught:
        run_archive([archive], str(tmp_path / "out.jsonl"), **options)
    assert "\n" not in str(caught.value)


def test_an_output_that_cannot_be_written_is_an_archive_error(tmp_path, archive):
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(ArchiveError, match="cannot write"):
        run_archive([archive], str(tmp_path / "file" / "out.jsonl"))


def test_summary_line_mentions_skipped_files_only_when_there_are_some():
    assert ArchiveSummary(files=2, reports=3, errors=0).line() == "2 files, 3 reports, 0 errors"
    assert ArchiveSummary(files=2, skipped=2).line().endswith(", 2 files skipped as already done")


def test_paths_may_be_path_objects_or_one_path(tmp_path, archive):
    out = tmp_path / "out.csv"  # a Path, and the format from its extension
    summary = run_archive(archive / FIRST, out)
    assert (summary.files, summary.reports, summary.fmt) == (1, 6, "csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
