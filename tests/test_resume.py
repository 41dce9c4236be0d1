"""Resumable runs: an interrupted extract started again with --resume does only what is missing."""
import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.run.resume import DoneFiles, ResumeError, resume_point

runner = CliRunner()


@pytest.fixture
def archive(tmp_path, samples_dir):
    d = tmp_path / "archive"
    d.mkdir()
    for src in sorted((samples_dir.parent / "tests" / "corpus").glob("*.txt"))[:8] + sorted(samples_dir.glob("*.txt")):
        shutil.copy(src, d / src.name)
    return d


def record_line(path, sha, index):
    return json.dumps({"source": {"path": path, "sha256": sha, "index": index}, "text": "…"}) + "\n"


def test_missing_output_starts_afresh(tmp_path):
    point = resume_point(tmp_path / "none.jsonl")
    assert not point.exists and len(point.files) == 0 and ("a.txt", "1") not in point.files


def test_last_file_and_a_cut_line_are_dropped(tmp_path):
    out = tmp_path / "out.jsonl"
    whole = record_line("a.txt", "1", 0) + record_line("a.txt", "1", 1) + record_line("b.txt", "2", 0)
    out.write_text(whole + record_line("c.txt", "3", 0) + '{"source": {"pa', encoding="utf-8")
    point = resume_point(out)
    assert len(point.files) == 2 and ("a.txt", "1") in point.files and ("b.txt", "2") in point.files
    assert ("c.txt", "3") not in point.files and ("a.txt", "2") not in point.files
    assert point.records == 3
    assert out.read_text(encoding="utf-8") == whole  # cut back to the last whole file


def test_the_files_done_are_held_as_digests_a_set_of_pairs_would_hold():
    files = [(f"archive/{i:05d}/报告.txt", f"{i:064x}") for i in range(0, 3000, 3)]
    done = DoneFiles(files)
    assert len(done) == 1000 and done.nbytes == 16 * 1000  # 16 bytes a file
    assert all(f in done for f in files)
    assert not any((f"archive/{i:05d}/报告.txt", f"{i:064x}") in done for i in range(1, 3000, 3))
    assert ("archive/00000/报告.txt", f"{1:064x}") not in done  # same path, other content
    odd = ("archive/\udcb1\udca8.txt", "ab")  # an undecodable name, as surrogates
    assert odd in DoneFiles([odd]) and odd not in done


def test_a_file_that_is_not_mrx_jsonl_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"name": "something else"}\n', encoding="utf-8")
    with pytest.raises(ResumeError, match="line 1 is not a record"):
        resume_point(out)
    assert out.read_text(encoding="utf-8") == '{"name": "something else"}\n'  # left alone


def test_interrupted_run_resumed_equals_an_uninterrupted_one(tmp_path, archive, extractions):
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(archive), "-o", str(full)]).exit_code == 0
    n_files = len(extractions)
    lines = full.read_bytes().splitlines(keepends=True)
    # Stopped while writing: twelve whole lines (several files) and part of the next.
    out.write_bytes(b"".join(lines[:12]) + lines[12][:40])
    kept_files = {json.loads(line)["source"]["path"] for line in lines[:12]}
    last = json.loads(lines[11])["source"]["path"]
    assert len(kept_files) >= 3

    extractions.clear()
    result = runner.invoke(app, ["extract", str(archive), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == full.read_bytes()
    # The files before the last written one are not extracted again; that one is.
    assert sorted(extractions) == sorted({os.path.basename(p) for p in
                                          {str(f) for f in archive.iterdir()} - kept_files | {last}})
    assert len(extractions) < n_files
    assert f"{len(kept_files) - 1} files skipped as already done" in result.stderr


def test_resume_of_a_finished_run_redoes_only_the_last_file(tmp_path, archive, extractions):
    out = tmp_path / "out.jsonl"
    runner.invoke(app, ["extract", str(archive), "-o", str(out)])
    before = out.read_bytes()
    extractions.clear()
    result = runner.invoke(app, ["extract", str(archive), "-o", str(out), "--resume", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == before
    assert len(extractions) <= 1  # the pool extracts in other processes: nothing counted here


def test_a_changed_file_is_extracted_again(tmp_path, archive, extractions):
    out = tmp_path / "out.jsonl"
    runner.invoke(app, ["extract", str(archive), "-o", str(out)])
    first = sorted(archive.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    extractions.clear()
    runner.invoke(app, ["extract", str(archive), "-o", str(out), "--resume"])
    assert first.name in extractions


@pytest.mark.parametrize("args", [["--format", "csv", "-o", "x.csv"], ["-o", "-"], []])
def test_resume_needs_a_jsonl_file(args):
    result = runner.invoke(app, ["extract", "samples", "--resume", *args])
    assert result.exit_code == 2
    assert "--resume continues a JSON Lines file" in result.stderr
