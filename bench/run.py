"""Benchmark: generate a varied corpus, run ``mrx extract`` on it, print the figures.

    python bench/run.py --reports 10000 [--jobs 1 2] [--keep DIR]

Prints reports/s, characters/s and peak RSS of ``mrx extract`` (a separate process, as
users run it, start-up included), and the floor on the same files — read + decode + width
folding + one regular-expression pass, in this process — with the ratio mrx / floor.
"""
from __future__ import annotations

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

MRX = pathlib.Path(sys.executable).parent / "mrx"
WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
ONE_PASS = re.compile(r"(\d{4}|[〇一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月")


def floor(paths: list[pathlib.Path]) -> tuple[float, int]:
    """Seconds to read, decode, width-fold and scan every file once; total characters."""
    start = time.perf_counter()
    chars = 0
    for p in paths:
        data = p.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        folded = text.translate(WIDTH)
        chars += len(folded)
        sum(1 for _ in ONE_PASS.finditer(folded))
    return time.perf_counter() - start, chars


# Runs a command and prints the peak RSS of the largest process in its tree: a fresh
# parent per run, because RUSAGE_CHILDREN keeps the maximum over every child ever waited for.
MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
           "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_mrx(corpus: pathlib.Path, out: pathlib.Path, jobs: int) -> tuple[float, int, int]:
    """Seconds, records written and peak RSS (KiB, largest process) of one ``mrx extract`` run."""
    cmd = [str(MRX), "extract", str(corpus), "-o", str(out)]
    if jobs > 1:
        cmd += ["--jobs", str(jobs)]
    start = time.perf_counter()
    rss = int(subprocess.run([sys.executable, "-c", MEASURE, *cmd], check=True,
                             capture_output=True, text=True).stdout)
    seconds = time.perf_counter() - start
    with open(out, encoding="utf-8") as f:
        records = sum(1 for _ in f)
    return seconds, records, rss


def help_seconds(runs: int = 5) -> float:
    """The best of a few ``mrx --help`` runs (start-up without the pipeline)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(MRX), "--help"], check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=pathlib.Path, help="generate the corpus here and keep it")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.keep or pathlib.Path(tmp) / "corpus"
        generate(corpus, args.reports, args.seed)
        paths = sorted(corpus.rglob("*.txt"))
        floor_s, chars = floor(paths)
        print(f"corpus: {args.reports} reports, {len(paths)} files, {chars / 1e6:.1f} M characters")
        print(f"floor (read+decode+fold+1 regex): {floor_s:.2f} s, {args.reports / floor_s:,.0f} reports/s")
        for jobs in args.jobs:
            seconds, records, rss = run_mrx(corpus, pathlib.Path(tmp) / f"out{jobs}.jsonl", jobs)
            print(f"mrx extract --jobs {jobs}: {seconds:.2f} s, {records} records, "
                  f"{records / seconds:,.0f} reports/s, {chars / seconds / 1e6:.2f} M chars/s, "
                  f"peak RSS {rss / 1024:.0f} MiB (largest process), mrx/floor {seconds / floor_s:.0f}x")
    print(f"mrx --help: {help_seconds():.2f} s")


if __name__ == "__main__":
    main()
