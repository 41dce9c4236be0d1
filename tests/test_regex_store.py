"""The store of compiled regular expressions: patterns built from it are the ones re.compile
makes, and a store that is missing, damaged or foreign changes nothing but the time."""
import json
import marshal
import os
import pathlib
import re
import subprocess
import sys

import pytest

from extractor import regex_store
from extractor.regex_store import RegexStore
from extractor.run.api import extract_text

@pytest.fixture(autouse=True)
def writes_bytecode(monkeypatch):
    """As Python does unless told not to (whatever this machine's environment says)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


SAMPLES = pathlib.Path(__file__).parent.parent / "samples"
PATTERNS = [
    (r"(?P<year>\d{4})年(?P<month>\d{1,2})月", 0),
    (r"^[一二三四五六七八九十]{1,2}、", re.M),
    (r"(?:召开|举行)(?:了)?.{0,12}?(民主|组织)生活会", 0),
    (r"abc", re.I),
]


def test_a_pattern_read_back_from_the_store_is_the_one_re_compiles(tmp_path):
    path = tmp_path / "store.bin"
    first = RegexStore(path)
    for pattern, flags in PATTERNS:
        assert first.compile(pattern, flags) == re.compile(pattern, flags)
    first.save()
    assert path.exists()

    second = RegexStore(path)
    for pattern, flags in PATTERNS:
        made = second.compile(pattern, flags)
        # re's patterns are equal when their source, flags and compiled program are
        assert made == re.compile(pattern, flags)
        assert made.groupindex == re.compile(pattern, flags).groupindex
    assert second.added == 0  # every one came from the store
    assert second.compile(*PATTERNS[0]).match("2022年1月").group("month") == "1"


def test_every_pattern_of_a_reading_comes_back_the_same(tmp_path):
    for path in sorted(SAMPLES.glob("*.txt"))[:3]:
        extract_text(path.read_text(encoding="utf-8"))
    # the package's own patterns, whenever they were compiled (at import for most)
    package_patterns = dict(regex_store.PACKAGE_STORE.made)
    assert len(package_patterns) > 100
    for (pattern, flags), compiled in package_patterns.items():
        assert compiled == re.compile(pattern, flags)
    store = RegexStore(tmp_path / "store.bin")
    for pattern, flags in package_patterns:
        store.compile(pattern, flags)
    store.save()
    again = RegexStore(tmp_path / "store.bin")
    for (pattern, flags), compiled in package_patterns.items():
        assert again.compile(pattern, flags) == compiled
    assert again.added == 0


@pytest.mark.parametrize("content", [b"", b"not a store", None])
def test_a_damaged_or_foreign_store_is_ignored(tmp_path, content):
    path = tmp_path / "store.bin"
    if content is None:  # written by another Python: another program format
        path.write_bytes(marshal.dumps((("other", "0.0", 0, 4), {(PATTERNS[0][0], 0): (0, b"\0\0\0\0", 0, {}, ())})))
    else:
        path.write_bytes(content)
    store = RegexStore(path)
    assert store.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert store.added == 1
    store.save()
    assert RegexStore(path).compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    store = RegexStore(tmp_path / "store.bin")
    store.compile(*PATTERNS[0])
    store.save()
    assert not (tmp_path / "store.bin").exists()


@pytest.mark.parametrize("writes_bytecode", [True, False])
def test_a_new_pattern_is_parsed_once(tmp_path, monkeypatch, writes_bytecode):
    """Kept for the next process or not, a pattern the store does not hold is parsed once
    (re's parse is most of the cost of compiling)."""
    from re import _parser
    monkeypatch.setattr(sys, "dont_write_bytecode", not writes_bytecode)
    parses = []
    real_parse = _parser.parse
    monkeypatch.setattr(_parser, "parse", lambda *a, **k: parses.append(a[0]) or real_parse(*a, **k))
    pattern = f"(?P<n>[0-9]+)号{os.getpid()}{writes_bytecode}"  # not in re's own cache
    store = RegexStore(tmp_path / "store.bin")
    assert store.compile(pattern).match(f"12号{os.getpid()}{writes_bytecode}").group("n") == "12"
    assert parses == [pattern]
    assert store.added == (1 if writes_bytecode else 0)


def test_what_a_process_keeps_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_store, "MOST_KEPT", 5)
    store = RegexStore(tmp_path / "store.bin")
    for n in range(20):
        assert store.compile(f"x{n}y").match(f"x{n}y")
    assert len(store.made) == 5 and store.added == 5 and len(store.programs) == 5


def test_an_unwritable_place_changes_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = RegexStore(blocker / "store.bin")  # a folder that cannot be made
    assert store.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])
    store.save()  # no error


RUN = ("import json, sys; from extractor import regex_store; from extractor.run.api import extract_text; "
       "r = extract_text(sys.argv[1])[0]; "
       "print(json.dumps([regex_store.PACKAGE_STORE.added, str(regex_store.default_path()), r.model_dump_json()]))")


def test_a_second_process_compiles_nothing(tmp_path):
    """The package's store lives beside its bytecode (here under a pycache prefix): a run
    writes it, the next one builds every pattern from it and reads the same record."""
    text = "关于召开2021年度组织生活会情况的报告\n支部于2022年1月15日召开组织生活会，应到12人，实到11人。\n"
    cmd = [sys.executable, "-X", f"pycache_prefix={tmp_path}", "-c", RUN, text]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    added, where, record = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout)
    assert added > 100 and where.startswith(str(tmp_path))
    added_again, _, record_again = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True,
                                                             env=env).stdout)
    assert added_again == 0
    assert record_again == record
