"""OCR part of the benchmark: pages per second (wall) and per core (CPU time) of ``mrx extract``
on a generated multi-page image PDF, start-up included, with the peak RSS (bounded: pages are
read one at a time, so it does not grow with the page count).

    python bench/run.py --reports 0 --ocr-pages 20
"""
from __future__ import annotations

import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]

# CPU seconds and peak RSS of a command's process tree, printed by a fresh parent.
MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
           "stderr=subprocess.DEVNULL); u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(u.ru_utime + u.ru_stime, u.ru_maxrss)")


def make_scan(path: pathlib.Path, pages: int) -> None:
    """A PDF of ``pages`` page images of the samples' text (repeated as needed)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_scans import render

    text = (ROOT / "samples" / "002_65e39421ef2fe7a0.txt").read_text(encoding="utf-8")
    images: list = []
    while len(images) < pages:
        images += render(text, dpi=200, degrade=True, seed=len(images))[0]
    images = images[:pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=200)


def run(tmp: pathlib.Path, pages: int) -> str:
    scan = tmp / "scan.pdf"
    make_scan(scan, pages)
    mrx = pathlib.Path(sys.executable).parent / "mrx"
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", MEASURE, str(mrx), "extract", str(scan), "-o",
                          str(tmp / "scan.jsonl")], check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    cpu, rss = out.split()
    cpu = float(cpu)
    return (f"mrx extract, OCR of a {pages}-page scan: {seconds:.1f} s, {pages / seconds:.3f} pages/s, "
            f"{pages / cpu:.3f} pages per CPU-second (per core), peak RSS {int(rss) / 1024:.0f} MiB")
