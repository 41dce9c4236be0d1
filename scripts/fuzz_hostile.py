"""Fuzzing the hostile-input classes of issue 16 (run through ``scripts/fuzz.py hostile``).

Three classes, each run through ``mrx extract`` as a user would:

- names: archives of files whose names are random bytes (not UTF-8), written to every
  output (jsonl, json, csv, xlsx, --db): no crash, every file accounted for, all valid UTF-8;
- repetition: known adversarial patterns and random ones made of report phrases, repeated
  to 100-200 K characters: CPU seconds per 100 K characters;
- inflation: .docx files whose XML inflates to tens or hundreds of MB and text files of
  dense heading lines: peak memory of the extracting process.

    .venv/bin/python scripts/fuzz.py hostile 3      # 3 rounds (a few minutes)

A crash is a traceback, an exit code other than 0 or 2, an output that is not valid
UTF-8 or a file missing from both records and errors.
"""
from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MRX = Path(sys.executable).parent / "mrx"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

MEASURE = """
import resource, sys, time
from extractor.run.api import extract_file
from extractor.io.reader import InputError
start = time.process_time()
try:
    n = len(extract_file(sys.argv[1]))
    outcome = f"{n} reports"
except InputError as e:
    outcome = f"error: {e}"
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time() - start, outcome)
"""


class Tally:
    def __init__(self):
        self.inputs = 0
        self.crashes: list[str] = []
        self.slowest = (0.0, "")  # CPU seconds per 100 K characters, input
        self.peak = (0, "")  # KiB, input

    def crash(self, what: str) -> None:
        self.crashes.append(what)
        print("CRASH", what, flush=True)


def random_name(rng: random.Random) -> bytes:
    body = bytes(rng.choice([b for b in range(0x80, 0x100)] + list(b"abc012_-")) for _ in range(rng.randint(1, 12)))
    return body + b".txt"


def fuzz_names(rng: random.Random, tally: Tally, samples: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "archive"
        root.mkdir()
        names = set()
        while len(names) < 12:
            names.add(random_name(rng))
        for name in names:
            src = rng.choice(samples + [None])
            with open(os.path.join(os.fsencode(root), name), "wb") as f:
                f.write(src.read_bytes() if src else bytes(rng.randrange(256) for _ in range(rng.randint(0, 50))))
        tally.inputs += len(names)
        for fmt in ("jsonl", "json", "csv", "xlsx", "db"):
            out = Path(tmp) / f"out.{fmt}"
            args = ["--db", str(out)] if fmt == "db" else ["-f", fmt, "-o", str(out) + ("/" if fmt == "csv" else "")]
            run = subprocess.run([str(MRX), "extract", str(root), *args], capture_output=True)
            if run.returncode not in (0, 2) or b"Traceback" in run.stderr:
                tally.crash(f"names/{fmt}: exit {run.returncode}: {run.stderr.decode(errors='replace')[-300:]}")
                continue
            try:
                check_output(out, fmt, len(names))
            except Exception as e:  # noqa: BLE001 - reported as a crash of this input
                tally.crash(f"names/{fmt}: {type(e).__name__}: {e}")


def check_output(out: Path, fmt: str, n_files: int) -> None:
    errors_file = Path(str(out) + ".errors.jsonl")
    errors = [json.loads(x) for x in errors_file.read_bytes().decode("utf-8").splitlines()] if errors_file.exists() else []
    if fmt == "jsonl":
        records = [json.loads(x) for x in out.read_bytes().decode("utf-8").splitlines()]
    elif fmt == "json":
        records = json.loads(out.read_bytes().decode("utf-8"))
    elif fmt == "csv":
        for f in Path(str(out)).glob("*.csv"):
            f.read_bytes().decode("utf-8")
        return
    elif fmt == "xlsx":
        with zipfile.ZipFile(out) as z:
            for name in z.namelist():
                z.read(name).decode("utf-8") if name.endswith(".xml") else None
        return
    else:
        con = sqlite3.connect(out)
        stored = con.execute("SELECT count(*) FROM files").fetchone()[0]
        failed = con.execute("SELECT count(*) FROM failed_files").fetchone()[0]
        if stored + failed > n_files or failed > n_files:
            raise AssertionError(f"{stored} stored + {failed} failed of {n_files}")
        return
    files = {(r["source"]["path"], r["source"]["path_bytes"]) for r in records}
    if len(files) + len(errors) != n_files:
        raise AssertionError(f"{len(files)} files with records + {len(errors)} errors != {n_files}")


def fuzz_repetition(rng: random.Random, tally: Tally, patterns: dict[str, str]) -> None:
    from adversarial_patterns import repeat
    from extractor.io.reader import InputError
    from extractor.run.api import extract_text

    for name, pattern in patterns.items():
        chars = rng.choice([100_000, 200_000])
        text = repeat(pattern, chars)
        start = time.process_time()
        try:
            extract_text(text)
        except InputError:
            pass
        except Exception as e:  # noqa: BLE001
            tally.crash(f"repetition {pattern!r}: {type(e).__name__}: {e}")
        per_100k = (time.process_time() - start) / len(text) * 100_000
        tally.inputs += 1
        if per_100k > tally.slowest[0]:
            tally.slowest = (per_100k, f"{name} {pattern!r} × {len(text)} chars")


def docx_file(path: Path, paragraphs: int, unit: str) -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>'.encode())
            chunk = (unit * 1000).encode()
            for _ in range(paragraphs // 1000):
                f.write(chunk)
            f.write(b"</w:body></w:document>")


def fuzz_inflation(rng: random.Random, tally: Tally, heavy: bool) -> None:
    units = ["<w:p/>", "<w:p><w:r><w:t>一、存在问题</w:t></w:r></w:p>",
             "<w:p>" + "<w:r><w:t>会</w:t></w:r>" * 20 + "</w:p>",
             "<w:p><w:r><w:t>应到9</w:t></w:r></w:p>"]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for k, unit in enumerate(units):
            # up to ~190 MB of XML (the default limit is 200 MB) in the heavy round, ~20 MB
            # otherwise; at most 2 M paragraphs (the walk costs ~17 µs a paragraph)
            target = (rng.randint(100, 190) if heavy else rng.randint(5, 20)) * 1024 * 1024
            path = Path(tmp) / f"inflate{k}.docx"
            docx_file(path, min(2_000_000, max(1000, target // len(unit.encode()))), unit)
            inputs.append(path)
        for k, line in enumerate(["一、存在问题\n", "（一）理论学习\n", "应到9"]):
            path = Path(tmp) / f"lines{k}.txt"
            size = rng.randint(2, 6 if heavy else 3) * 1024 * 1024
            path.write_text(line * (size // len(line.encode())), encoding="utf-8")
            inputs.append(path)
        for path in inputs:
            run = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True)
            tally.inputs += 1
            if run.returncode != 0 or "Traceback" in run.stderr:
                tally.crash(f"inflation {path.name}: exit {run.returncode}: {run.stderr[-300:]}")
                continue
            kib, seconds, outcome = run.stdout.split(" ", 2)
            print(f"  {path.name} ({path.stat().st_size} bytes): {int(kib) // 1024} MiB, {float(seconds):.1f} s CPU, "
                  f"{outcome.strip()}", flush=True)
            if int(kib) > tally.peak[0]:
                tally.peak = (int(kib), f"{path.name}: {outcome.strip()}")


def main(argv: list[str]) -> int:
    from adversarial_patterns import PATTERNS
    from adversarial import random_patterns

    rounds = int(argv[0]) if argv and argv[0].isdigit() else 2
    rng = random.Random(int(time.time()))
    tally = Tally()
    samples = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:5]
    for n in range(rounds):
        print(f"round {n + 1}/{rounds}: names", flush=True)
        fuzz_names(rng, tally, samples)
        print(f"round {n + 1}/{rounds}: repetition", flush=True)
        fuzz_repetition(rng, tally, {**(PATTERNS if n == 0 else {}), **random_patterns(15, rng.randrange(10**9))})
        print(f"round {n + 1}/{rounds}: inflation", flush=True)
        fuzz_inflation(rng, tally, heavy=n == 0)
    print(f"inputs tried: {tally.inputs}", flush=True)
    print(f"crashes: {len(tally.crashes)}")
    print(f"slowest per 100 K characters: {tally.slowest[0]:.2f} s CPU ({tally.slowest[1]})")
    print(f"largest peak memory: {tally.peak[0] // 1024} MiB ({tally.peak[1]})", flush=True)
    return 1 if tally.crashes else 0
