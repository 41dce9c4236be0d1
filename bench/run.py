"""Benchmark ``mrx extract`` as users run it: characters/s steady, start-up, floor, scaling.

    python bench/run.py [--reports 2000] [--rounds 3] [--jobs 2] [--keep DIR] [--seed 1]

The corpus (bench/generate.py: long formal reports and short news items, sentences
composed afresh so lines seldom repeat) is made twice as large as ``--reports``: half A
(N reports) and the whole B (2N). ``mrx extract`` runs as a separate process on A and on
B; the difference B − A is the steady state (start-up cancels out), and what A costs
beyond its share of that is the start-up. The floor — read + decode + width folding +
one regular-expression pass over B, in this process — is measured in every round
between the runs (A B A B), so each round gives its own ratio and the medians survive a
noisy machine. Times are CPU seconds (user + system, the mrx process and its workers)
for rates per core, wall seconds for ``--jobs`` scaling.

Prints figures only; nothing here passes or fails.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

MRX = pathlib.Path(sys.executable).parent / "mrx"
WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
ONE_PASS = re.compile(r"(\d{4}|[〇一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月")

# Runs a command in a fresh parent and prints the CPU seconds (user + system) and peak RSS
# of its process tree: RUSAGE_CHILDREN sums every descendant waited for and keeps the
# largest RSS, so a fresh parent per run keeps the runs apart.
MEASURE = ("import json, resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
           "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(json.dumps([u.ru_utime + u.ru_stime, u.ru_maxrss]))")


def floor(paths: list[pathlib.Path]) -> float:
    """CPU seconds to read, decode, width-fold and scan every file once."""
    start = time.process_time()
    for p in paths:
        data = p.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        for _ in ONE_PASS.finditer(text.translate(WIDTH)):
            pass
    return time.process_time() - start


def characters(paths: list[pathlib.Path]) -> int:
    total = 0
    for p in paths:
        data = p.read_bytes()
        try:
            total += len(data.decode("utf-8"))
        except UnicodeDecodeError:
            total += len(data.decode("gb18030", errors="replace"))
    return total


def run_mrx(inputs: list[pathlib.Path], out: pathlib.Path, jobs: int = 1) -> dict:
    """Wall seconds, CPU seconds, peak RSS (MiB) and records of one ``mrx extract`` run."""
    cmd = [str(MRX), "extract", *map(str, inputs), "-o", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    cpu, rss = json.loads(subprocess.run([sys.executable, "-c", MEASURE, *cmd], check=True,
                                         capture_output=True, text=True).stdout)
    wall = time.perf_counter() - start
    with open(out, encoding="utf-8") as f:
        records = sum(1 for _ in f)
    return {"wall": wall, "cpu": cpu, "rss": rss / 1024, "records": records}


def help_seconds(runs: int = 5) -> float:
    """The median wall time of ``mrx --help`` (start-up without the pipeline)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(MRX), "--help"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median(values) -> float:
    return statistics.median(values)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000, help="reports in half A (B has twice as many)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="*", default=[2], help="pool sizes compared with --jobs 1")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=pathlib.Path, help="generate the corpus here and keep it")
    args = ap.parse_args()

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="mrx-bench-"))
    try:
        corpus = args.keep or tmp / "corpus"
        half_a, half_b = corpus / "a", corpus / "b"
        if not half_a.exists():
            generate(half_a, args.reports, args.seed)
            generate(half_b, args.reports, args.seed + 1)
        a_paths = sorted(half_a.rglob("*.txt"))
        b_paths = a_paths + sorted(half_b.rglob("*.txt"))
        chars_a, chars_b = characters(a_paths), characters(b_paths)
        reports_a, reports_b = args.reports, 2 * args.reports
        tiny = tmp / "tiny.txt"
        tiny.write_text("关于召开2021年度组织生活会情况的报告\n支部于2022年1月15日召开组织生活会。\n", encoding="utf-8")
        print(f"corpus A: {reports_a} reports, {len(a_paths)} files, {chars_a / 1e6:.2f} M characters; "
              f"B = A + as much again: {reports_b} reports, {chars_b / 1e6:.2f} M characters "
              f"(average {chars_b / reports_b:.0f} characters a report)")

        rounds = []
        for i in range(args.rounds):
            r = {"floor": floor(b_paths)}
            r["tiny"] = run_mrx([tiny], tmp / "tiny.jsonl")
            for jobs in [1, *args.jobs]:
                r[jobs, "A"] = run_mrx([half_a], tmp / f"a{jobs}.jsonl", jobs)
                r[jobs, "B"] = run_mrx([half_a, half_b], tmp / f"b{jobs}.jsonl", jobs)
            r["floor"] = (r["floor"] + floor(b_paths)) / 2  # before and after the runs
            one_a, one_b = r[1, "A"], r[1, "B"]
            steady = (one_b["cpu"] - one_a["cpu"]) / (chars_b - chars_a)  # CPU s per character
            r["rate"] = 1 / steady
            r["startup"] = one_a["cpu"] - steady * chars_a
            r["ratio"] = steady * chars_b / r["floor"]
            for jobs in args.jobs:
                r["scaling", jobs] = ((one_b["wall"] - one_a["wall"])
                                      / (r[jobs, "B"]["wall"] - r[jobs, "A"]["wall"]))
                r["raw scaling", jobs] = one_b["wall"] / r[jobs, "B"]["wall"]
            rounds.append(r)
            print(f"round {i + 1}: steady {r['rate'] / 1e6:.2f} M chars/s per core, start-up "
                  f"{r['startup']:.2f} s CPU, floor {r['floor']:.3f} s, mrx/floor {r['ratio']:.0f}x"
                  + "".join(f", -j {j}: {r['scaling', j]:.2f}x steady ({r['raw scaling', j]:.2f}x on B)"
                            for j in args.jobs))
        assert all(r[1, "B"]["records"] == reports_b for r in rounds), "mrx wrote fewer records than reports"

        rate = median(r["rate"] for r in rounds)
        print(f"\nmedians of {args.rounds} rounds (--jobs 1 unless said):")
        print(f"  steady state: {rate / 1e6:.2f} M characters/s per core, "
              f"{rate / (chars_b / reports_b):,.0f} reports/s per core (at {chars_b / reports_b:.0f} characters a report)")
        print(f"  start-up: {median(r['startup'] for r in rounds):.2f} s CPU (from A and B); a one-report run: "
              f"{median(r['tiny']['cpu'] for r in rounds):.2f} s CPU, {median(r['tiny']['wall'] for r in rounds):.2f} s wall")
        print(f"  floor (read + decode + fold + 1 regex) on B: {median(r['floor'] for r in rounds):.3f} s, "
              f"{chars_b / median(r['floor'] for r in rounds) / 1e6:.1f} M characters/s; "
              f"mrx steady / floor: {median(r['ratio'] for r in rounds):.0f}x (median of the rounds' ratios)")
        print(f"  run on B: {median(r[1, 'B']['wall'] for r in rounds):.1f} s wall, "
              f"{median(r[1, 'B']['cpu'] for r in rounds):.1f} s CPU, peak RSS {median(r[1, 'B']['rss'] for r in rounds):.0f} MiB")
        for jobs in args.jobs:
            print(f"  --jobs {jobs}: {median(r['scaling', jobs] for r in rounds):.2f}x --jobs 1 steady, "
                  f"{median(r['raw scaling', jobs] for r in rounds):.2f}x on B with start-up; "
                  f"B in {median(r[jobs, 'B']['wall'] for r in rounds):.1f} s wall, "
                  f"peak RSS {median(r[jobs, 'B']['rss'] for r in rounds):.0f} MiB (largest process)")
        print(f"  mrx --help: {help_seconds():.2f} s wall")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
