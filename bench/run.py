"""Benchmark ``mrx extract`` as users run it: characters/s steady, start-up, floor, scaling.

    python bench/run.py [--reports 2000] [--rounds 3] [--jobs 2] [--keep DIR] [--seed 1]
                        [--baseline DIR] [--rss 10000 100000]

The corpus (bench/generate.py: long formal reports and short news items, sentences
composed afresh so lines seldom repeat) is made twice as large as ``--reports``: half A
(N reports) and the whole B (2N). ``mrx extract`` runs as a separate process on A and on
B; the difference B − A is the steady state (start-up cancels out), and what A costs
beyond its share of that is the start-up. The floor — read + decode + width folding +
one regular-expression pass over B, in this process — is measured in every round
between the runs (A B A B), so each round gives its own ratio and the medians survive a
noisy machine. Times are CPU seconds (user + system, the mrx process and its workers)
for rates per core. ``--jobs`` scaling is given three ways: wall seconds (true on an idle
machine, flattering on a busy one, where a pool gets more time slices than one process),
CPU seconds (what idle cores would give: one process's steady CPU against the pool's
spread over its cores), and the parent's share of the pool's CPU (a parent near 1/jobs
of the work would hold the pool back). ``--rss`` adds the peak RSS of one run on corpora of
the sizes given (flat when nothing grows with the number of reports). The measured
processes may write and read bytecode, as an installed package does.

Prints figures only; nothing here passes or fails.
"""
from __future__ import annotations

import argparse
import json
import os
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
# Where the measured processes run: not a clone, whose extractor/ would shadow --baseline's
# (``python -c`` puts the working directory first on the path).
NEUTRAL = tempfile.gettempdir()
WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
ONE_PASS = re.compile(r"(\d{4}|[〇一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月")

# Runs a command in a fresh parent and prints the CPU seconds (user + system) and peak RSS
# of its process tree: RUSAGE_CHILDREN sums every descendant waited for and keeps the
# largest RSS, so a fresh parent per run keeps the runs apart.
MEASURE = ("import json, resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
           "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(json.dumps([u.ru_utime + u.ru_stime, u.ru_maxrss]))")


# A pool run through the library (what ``mrx extract --jobs N`` runs), printing the CPU
# seconds of this (parent) process and of its workers apart, and the peak RSS: the
# parent's share shows whether it would hold a pool back.
# The parent's own start-up (imports, the Language the workers inherit, made and run once
# before the fork, or only made in versions without ready_to_fork) is counted apart.
POOL_RUN = ("import json, resource, sys; from extractor.run.archive import run_archive\n"
            "try:\n    from extractor.run.engines import ready_to_fork\n"
            "except ImportError:\n    from extractor.pipeline import get_nlp as ready_to_fork\n"
            "ready_to_fork(); "
            "u = resource.getrusage(resource.RUSAGE_SELF); start = u.ru_utime + u.ru_stime; "
            "run_archive(sys.argv[3:], sys.argv[1], jobs=int(sys.argv[2])); "
            "s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(json.dumps([start, s.ru_utime + s.ru_stime - start, c.ru_utime + c.ru_stime, "
            "max(s.ru_maxrss, c.ru_maxrss)]))")


def run_pool(inputs: list[pathlib.Path], out: pathlib.Path, jobs: int, env: dict | None = None) -> dict:
    """Wall seconds, CPU seconds (all, and the parent's), peak RSS and records of a pool run."""
    start = time.perf_counter()
    start_up, parent, workers, rss = json.loads(subprocess.run(
        [sys.executable, "-c", POOL_RUN, str(out), str(jobs), *map(str, inputs)],
        check=True, capture_output=True, text=True, env=env, cwd=NEUTRAL).stdout)
    wall = time.perf_counter() - start
    with open(out, encoding="utf-8") as f:
        records = sum(1 for _ in f)
    return {"wall": wall, "cpu": start_up + parent + workers, "parent": parent, "workers": workers,
            "rss": rss / 1024, "records": records}


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


def run_mrx(inputs: list[pathlib.Path], out: pathlib.Path, jobs: int = 1, env: dict | None = None) -> dict:
    """Wall seconds, CPU seconds, peak RSS (MiB) and records of one ``mrx extract`` run."""
    cmd = [str(MRX), "extract", *map(str, inputs), "-o", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    cpu, rss = json.loads(subprocess.run([sys.executable, "-c", MEASURE, *cmd], check=True,
                                         capture_output=True, text=True, env=env, cwd=NEUTRAL).stdout)
    wall = time.perf_counter() - start
    with open(out, encoding="utf-8") as f:
        records = sum(1 for _ in f)
    return {"wall": wall, "cpu": cpu, "rss": rss / 1024, "records": records}


def measured_env(env: dict | None) -> dict:
    """The environment of a measured process: Python may write and read bytecode, as it does
    for an installed package (a PYTHONDONTWRITEBYTECODE environment would otherwise make every
    process compile the package's source again, a third of a one-report run's CPU)."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def tree_peak_kib(root: int) -> int:
    """The largest VmHWM (KiB) among ``root`` and its descendants (Linux /proc; 0 elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    peak, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
    return peak


def run_mrx_sampled(inputs: list[pathlib.Path], out: pathlib.Path, jobs: int, env: dict,
                    every: float = 2.0) -> tuple[dict, list[int]]:
    """``run_mrx``, and the peak RSS (MiB, largest process so far) when each tenth of the
    output had been written: a peak still rising at the end grows with the archive."""
    cmd = [str(MRX), "extract", *map(str, inputs), "-o", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", MEASURE, *cmd], stdout=subprocess.PIPE,
                            text=True, env=env, cwd=NEUTRAL)
    samples = []  # (bytes written, peak KiB so far)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_peak_kib(proc.pid))
        samples.append((out.stat().st_size if out.exists() else 0, peak))
        time.sleep(every)
    cpu, rss = json.loads(proc.stdout.read())
    proc.stdout.close()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    wall = time.perf_counter() - start
    size = out.stat().st_size
    tenths = [max([kib for written, kib in samples if written <= size * t / 10] or [0]) / 1024
              for t in range(1, 11)]
    with open(out, encoding="utf-8") as f:
        records = sum(1 for _ in f)
    return {"wall": wall, "cpu": cpu, "rss": rss / 1024, "records": records}, tenths


def rss_runs(sizes: list[int], corpus_root: pathlib.Path, tmp: pathlib.Path, jobs_list: list[int], seed: int) -> None:
    """Peak RSS (largest process) of one ``mrx extract`` run per corpus size and pool size:
    flat when nothing held grows with the number of reports; with the peak reached by
    each tenth of the run (sampled every 2 s on Linux)."""
    for size in sizes:
        corpus = corpus_root / f"rss-{size}"
        if not corpus.exists():
            generate(corpus, size, seed + 7)
        chars = characters(sorted(corpus.rglob("*.txt")))
        for jobs in [1, *jobs_list]:
            r, tenths = run_mrx_sampled([corpus], tmp / "rss.jsonl", jobs, measured_env(None))
            print(f"  {size:,} reports ({chars / 1e6:.1f} M characters), --jobs {jobs}: peak RSS {r['rss']:.0f} MiB, "
                  f"{r['cpu']:.0f} s CPU, {r['wall']:.0f} s wall, {r['records']:,} records; "
                  f"peak by each tenth of the output: {' '.join(f'{t:.0f}' for t in tenths)} MiB", flush=True)
        (tmp / "rss.jsonl").unlink()


def help_seconds(runs: int = 5) -> float:
    """The median wall time of ``mrx --help`` (start-up without the pipeline)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(MRX), "--help"], check=True, stdout=subprocess.DEVNULL, env=measured_env(None))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median(values) -> float:
    return statistics.median(values)


def measure(paths: dict, tmp: pathlib.Path, jobs_list: list[int], env: dict | None) -> dict:
    """One round of one version: the floor, a one-report run, A and B with each pool size."""
    a_paths, b_paths, chars_a, chars_b = paths["a"], paths["b"], paths["chars a"], paths["chars b"]
    half_a, half_b = paths["dirs"]
    r = {"floor": floor(b_paths)}
    r["tiny"] = run_mrx([paths["tiny"]], tmp / "tiny.jsonl", env=env)
    r[1, "A"] = run_mrx([half_a], tmp / "a1.jsonl", 1, env)
    r[1, "B"] = run_mrx([half_a, half_b], tmp / "b1.jsonl", 1, env)
    for jobs in jobs_list:
        r[jobs, "A"] = run_pool([half_a], tmp / f"a{jobs}.jsonl", jobs, env)
        r[jobs, "B"] = run_pool([half_a, half_b], tmp / f"b{jobs}.jsonl", jobs, env)
    r["floor"] = (r["floor"] + floor(b_paths)) / 2  # before and after the runs
    one_a, one_b = r[1, "A"], r[1, "B"]
    steady = (one_b["cpu"] - one_a["cpu"]) / (chars_b - chars_a)  # CPU s per character
    r["rate"] = 1 / steady
    r["startup"] = one_a["cpu"] - steady * chars_a
    r["ratio"] = steady * chars_b / r["floor"]
    r["rate B"] = chars_b / (one_b["cpu"] - r["tiny"]["cpu"])  # B less a one-report run
    for jobs in jobs_list:
        r["scaling", jobs] = ((one_b["wall"] - one_a["wall"])
                              / (r[jobs, "B"]["wall"] - r[jobs, "A"]["wall"]))
        r["raw scaling", jobs] = one_b["wall"] / r[jobs, "B"]["wall"]
        # What idle cores would give: one process's CPU on B against the pool's spread over
        # ``jobs`` cores (its overhead included), the start-up (a one-report run) taken off
        # both; single runs rather than differences, which a busy machine swamps.
        pool_work = r[jobs, "B"]["cpu"] - r["tiny"]["cpu"]
        r["cpu scaling", jobs] = min(jobs, jobs * (one_b["cpu"] - r["tiny"]["cpu"]) / pool_work)
        # the parent's share of the pool's work on B, start-up left out
        r["parent share", jobs] = r[jobs, "B"]["parent"] / (r[jobs, "B"]["parent"] + r[jobs, "B"]["workers"])
    return r


def round_line(r: dict, jobs_list: list[int]) -> str:
    return (f"steady {r['rate'] / 1e6:.2f} M chars/s per core, start-up {r['startup']:.2f} s CPU, "
            f"floor {r['floor']:.3f} s, mrx/floor {r['ratio']:.0f}x"
            + "".join(f", -j {j}: {r['scaling', j]:.2f}x steady wall ({r['raw scaling', j]:.2f}x on B, "
                      f"{r['cpu scaling', j]:.2f}x by CPU, parent {r['parent share', j]:.1%} of the CPU on B)"
                      for j in jobs_list))


def summary(rounds: list[dict], paths: dict, jobs_list: list[int]) -> None:
    chars_b, reports_b = paths["chars b"], paths["reports b"]
    rate = median(r["rate"] for r in rounds)
    print(f"  steady state: {rate / 1e6:.2f} M characters/s per core, "
          f"{rate / (chars_b / reports_b):,.0f} reports/s per core (at {chars_b / reports_b:.0f} characters a report); "
          f"from B less a one-report run: {median(r['rate B'] for r in rounds) / 1e6:.2f} M characters/s")
    print(f"  start-up: {median(r['startup'] for r in rounds):.2f} s CPU (from A and B); a one-report run: "
          f"{median(r['tiny']['cpu'] for r in rounds):.2f} s CPU, {median(r['tiny']['wall'] for r in rounds):.2f} s wall")
    print(f"  floor (read + decode + fold + 1 regex) on B: {median(r['floor'] for r in rounds):.3f} s CPU, "
          f"{chars_b / median(r['floor'] for r in rounds) / 1e6:.1f} M characters/s; "
          f"mrx steady / floor: {median(r['ratio'] for r in rounds):.0f}x (median of the rounds' ratios)")
    print(f"  --jobs 1 on B: {median(r[1, 'B']['wall'] for r in rounds):.1f} s wall, "
          f"{median(r[1, 'B']['cpu'] for r in rounds):.1f} s CPU, peak RSS {median(r[1, 'B']['rss'] for r in rounds):.0f} MiB")
    for jobs in jobs_list:
        print(f"  --jobs {jobs}: {median(r['cpu scaling', jobs] for r in rounds):.2f}x --jobs 1 on {jobs} idle cores "
              f"by CPU seconds (start-up off); the parent process takes {median(r['parent share', jobs] for r in rounds):.1%} "
              f"of the pool's CPU on B (start-up left out); by wall time {median(r['scaling', jobs] for r in rounds):.2f}x steady, "
              f"{median(r['raw scaling', jobs] for r in rounds):.2f}x on B with start-up; B in "
              f"{median(r[jobs, 'B']['wall'] for r in rounds):.1f} s wall, "
              f"peak RSS {median(r[jobs, 'B']['rss'] for r in rounds):.0f} MiB (largest process)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000, help="reports in half A (B has twice as many)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="*", default=[2], help="pool sizes compared with --jobs 1")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=pathlib.Path, help="generate the corpus here and keep it")
    ap.add_argument("--baseline", type=pathlib.Path,
                    help="a folder holding another version's extractor/ package (e.g. from "
                         "'git archive main extractor | tar -x -C DIR'): measured in every round "
                         "beside this one, in alternating order, and compared round by round")
    ap.add_argument("--rss", type=int, nargs="*", default=[], metavar="REPORTS",
                    help="also the peak RSS of one run on a corpus of each of these sizes (e.g. 10000 100000), "
                         "with --jobs 1 and each --jobs; kept under --keep when given")
    ap.add_argument("--ocr-pages", type=int, default=0, help="also time OCR on a scan of this many pages "
                                                              "(needs mrx-reports[ocr]; bench/ocr_pages.py)")
    args = ap.parse_args()
    if args.ocr_pages:
        from ocr_pages import run as run_ocr

        with tempfile.TemporaryDirectory() as tmp:
            print(run_ocr(pathlib.Path(tmp), args.ocr_pages))
        if not args.reports and not args.rss:
            return

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="mrx-bench-"))
    try:
        if args.rss:
            print("peak RSS by corpus size (one run each):")
            rss_runs(args.rss, args.keep or tmp, tmp, args.jobs, args.seed)
            if not args.reports:
                return
        corpus = args.keep or tmp / "corpus"
        half_a, half_b = corpus / "a", corpus / "b"
        if not half_a.exists():
            generate(half_a, args.reports, args.seed)
            generate(half_b, args.reports, args.seed + 1)
        a_paths = sorted(half_a.rglob("*.txt"))
        b_paths = a_paths + sorted(half_b.rglob("*.txt"))
        tiny = tmp / "tiny.txt"
        tiny.write_text("关于召开2021年度组织生活会情况的报告\n支部于2022年1月15日召开组织生活会。\n", encoding="utf-8")
        paths = {"a": a_paths, "b": b_paths, "dirs": (half_a, half_b), "tiny": tiny,
                 "chars a": characters(a_paths), "chars b": characters(b_paths),
                 "reports b": 2 * args.reports}
        print(f"corpus A: {args.reports} reports, {len(a_paths)} files, {paths['chars a'] / 1e6:.2f} M characters; "
              f"B = A + as much again: {2 * args.reports} reports, {paths['chars b'] / 1e6:.2f} M characters "
              f"(average {paths['chars b'] / (2 * args.reports):.0f} characters a report)")

        versions = {"this version": measured_env(None)}
        if args.baseline:
            versions["baseline"] = measured_env({**os.environ, "PYTHONPATH": str(args.baseline.resolve())})
        for env in versions.values():  # bytecode written, files in the page cache
            run_mrx([tiny], tmp / "tiny.jsonl", env=env)
        results: dict[str, list[dict]] = {name: [] for name in versions}
        for i in range(args.rounds):
            order = list(versions) if i % 2 == 0 else list(versions)[::-1]
            for name in order:
                r = measure(paths, tmp, args.jobs, versions[name])
                if r[1, "B"]["records"] != paths["reports b"]:
                    print(f"  note: {name} wrote {r[1, 'B']['records']} records for {paths['reports b']} reports")
                results[name].append(r)
                print(f"round {i + 1}, {name}: {round_line(r, args.jobs)}", flush=True)
        for name, rounds in results.items():
            print(f"\n{name}, medians of {args.rounds} rounds (--jobs 1 unless said):")
            summary(rounds, paths, args.jobs)
        if args.baseline:
            mine, base = results["this version"], results["baseline"]
            speed = [m["rate"] / b["rate"] for m, b in zip(mine, base)]
            start = [m["tiny"]["cpu"] / b["tiny"]["cpu"] for m, b in zip(mine, base)]
            print(f"\nthis version / baseline, median of the rounds' ratios: steady speed {median(speed):.2f}x, "
                  f"one-report run CPU {median(start):.2f}x"
                  + "".join(f", parent share with -j {j}: {median(m['parent share', j] for m in mine):.1%} against "
                            f"{median(b['parent share', j] for b in base):.1%}" for j in args.jobs))
        print(f"\nmrx --help: {help_seconds():.2f} s wall")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
