"""OCR part of the benchmark: pages per second (wall) and per core (CPU time) of ``mrx extract``
on a generated multi-page image PDF, start-up included, with the peak RSS (bounded: pages are
read one at a time, so it does not grow with the page count).

    python bench/run.py --reports 0 --ocr-pages 20

The OCR reader's peak RSS at several page counts in one pass (the reader alone, no pipeline):

    python bench/ocr_pages.py --pages 100 --at 1,10,30,100 [SCAN.pdf]
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


def _status_mib(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024
    return 0


def reader_peaks(scan: pathlib.Path, pages: int, checkpoints: list[int], threads: int = 0) -> list[str]:
    """The OCR reader alone, in this process, on the first ``pages`` pages of the PDF ``scan``:
    the running peak RSS (VmHWM, Linux) and CPU seconds per page at each checkpoint. One pass
    gives every page count's peak (cheaper than a run per count); the pipeline after the OCR
    is not included (``run`` measures the whole command)."""
    from extractor.io.formats import ocr

    source = ocr.pdf_pages(scan.read_bytes(), [], threads=threads)
    lines = [f"OCR reader on {scan.name}: after loading, RSS {_status_mib('VmRSS')} MiB"]
    start = time.process_time()
    for number, page in zip(range(1, pages + 1), source):
        if number == 1:
            first = time.process_time()
        if number in checkpoints or number == pages:
            cpu = time.process_time() - start
            lines.append(f"{number:4d} pages: peak RSS {_status_mib('VmHWM')} MiB, RSS after the page "
                         f"{_status_mib('VmRSS')} MiB, {cpu / number:.1f} CPU s a page "
                         f"(first page {first - start:.1f})")
            print(lines[-1], flush=True)
    return lines


if __name__ == "__main__":
    import argparse

    sys.path.insert(0, str(ROOT))
    ap = argparse.ArgumentParser(description="Peak RSS of the OCR reader over the pages of a scan.")
    ap.add_argument("scan", type=pathlib.Path, nargs="?", help="a scanned PDF (default: one made "
                    "here of --pages pages, see make_scan)")
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--at", default="1,10,30,100", help="page counts to report (comma-separated)")
    ap.add_argument("--threads", type=int, default=0, help="ONNX Runtime threads per model (0: one per core)")
    args = ap.parse_args()
    scan = args.scan
    if scan is None:
        import tempfile

        scan = pathlib.Path(tempfile.mkdtemp()) / "scan.pdf"
        make_scan(scan, args.pages)
    reader_peaks(scan, args.pages, [int(n) for n in args.at.split(",")], args.threads)
