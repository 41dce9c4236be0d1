"""OCR accuracy on tests/corpus rendered to scans (issue 18): CER, and fields against the text.

    python scripts/ocr_eval.py --out /tmp/ocr_eval            # clean and degraded, all files
    python scripts/ocr_eval.py --out /tmp/ocr_eval --limit 5 --variants clean

Every corpus report file is rendered with scripts/make_scans.py twice:

- clean: a PDF of page images at 200 dpi;
- degraded: a slight turn, blur, speckle, JPEG artefacts and a red stamp on the last page, as
  a multi-page TIFF or PDF; every third file with a running head (第N页 共M页), every fourth
  in two columns, two files turned a quarter and a half.

It then reads each scan (OCR), prints the character error rate (edit distance over the
reference length, white space ignored) per file and per variant, pages per second, and the
``mrx eval`` field table of each variant next to the same reports read as text.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one row at a time (insertions by a running minimum)."""
    import numpy as np

    if not a or not b:
        return len(a) or len(b)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    ar = np.arange(len(b) + 1)
    row = ar.copy()
    for ch in a:
        sub = row[:-1] + (bb != ord(ch))
        new = np.empty_like(row)
        new[0] = row[0] + 1
        new[1:] = np.minimum(sub, row[1:] + 1)
        row = np.minimum.accumulate(new - ar) + ar
    return int(row[-1])


def cer(reference: str, hypothesis: str) -> float:
    ref = "".join(reference.split())
    hyp = "".join(hypothesis.split())
    return edit_distance(ref, hyp) / max(1, len(ref))


def variants(files: list[Path], out: Path, which: list[str]) -> list[tuple[str, Path, Path]]:
    """(variant, source text, scan) for every file and variant, rendered when missing."""
    from make_scans import make

    plan = []
    for i, src in enumerate(files):
        if "clean" in which:
            plan.append(("clean", src, dict(fmt="pdf")))
        if "degraded" in which:
            opts = dict(fmt="tif" if i % 2 else "pdf", degrade=True, header=i % 3 == 0,
                        columns=2 if i % 4 == 1 else 1)
            if i in (5, 17):
                opts["turn"] = 90 if i == 5 else 180
            plan.append(("degraded", src, opts))
    done = []
    for variant, src, opts in plan:
        path = out / variant / f"{src.stem}.{opts['fmt']}"
        if not path.exists():
            make(src, out / variant, **opts)
        done.append((variant, src, path))
    return done


def read_cached(scan: Path, read_file, InputError, only: str) -> dict | None:
    """The OCR'd text of a scan, from ``NAME.ocr.json`` when an earlier run left it there (runs
    may share the work: ``--only i/n`` reads every n-th scan and stops before the tables)."""
    cache = scan.with_name(scan.name + ".ocr.json")
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    if only == "done":
        return None
    if only:
        i, n = map(int, only.split("/"))
        if zlib_crc(scan.name) % n != i:
            return None
    t = time.process_time()
    try:
        decoded = read_file(scan)
    except InputError as e:
        read = {"error": str(e)}
    else:
        read = {"text": decoded.text, "pages": len(decoded.layout.pages), "sha256": decoded.sha256,
                "seconds": time.process_time() - t}
    cache.write_text(json.dumps(read, ensure_ascii=False), encoding="utf-8")
    return read


def zlib_crc(name: str) -> int:
    import zlib

    return zlib.crc32(name.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--variants", default="clean,degraded")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--misses", action="store_true",
                    help="also list each field value the scans miss that the text gets right")
    ap.add_argument("--only", default="", help="i/n: OCR only every n-th scan (parallel runs), no tables; "
                                               "done: the tables of the scans read so far")
    args = ap.parse_args(argv)

    from extractor.evaluate import evaluate
    from extractor.io.formats import read_file
    from extractor.io.formats.ocr_correct import correct, correct_ordinals
    from extractor.io.reader import InputError
    from extractor.run.api import extract_file, extract_text

    gold = json.loads((args.corpus / "gold.json").read_text(encoding="utf-8"))
    files = sorted(args.corpus.glob("*.txt"))
    files = [f for f in files if f.name in gold["files"]]
    if args.limit:
        files = files[:args.limit]
    gold = {**gold, "files": {f.name: gold["files"][f.name] for f in files}}
    which = args.variants.split(",")
    scans = variants(files, args.out, which)

    results: dict[str, dict] = {v: {"records": [], "cer": [], "pages": 0, "seconds": 0.0, "files": set()}
                                for v in which}
    for variant, src, scan in scans:
        reference = Path(str(scan) + ".gt").read_text(encoding="utf-8")
        read = read_cached(scan, read_file, InputError, args.only)
        if read is None:
            continue
        if "error" in read:
            print(f"{variant:9s} {scan.name:60s} ERROR {read['error']}", flush=True)
            results[variant]["cer"].append((scan.name, 1.0))
            continue
        pages, seconds = read["pages"], read["seconds"]
        read["text"] = correct_ordinals(correct(read["text"]))  # idempotent: also on texts cached before them
        rate = cer(reference, read["text"])
        res = results[variant]
        res["cer"].append((scan.name, rate))
        res["pages"] += pages
        res["seconds"] += seconds
        res["files"].add(src.name)
        # records named as the text file, so that the gold applies
        for r in extract_text(read["text"], src.name, encoding=None, source_format="ocr",
                              sha256=read["sha256"]):
            res["records"].append(r.model_dump(mode="json"))
        print(f"{variant:9s} {scan.name:60s} pages {pages:2d}  CER {100 * rate:5.2f}%  "
              f"{seconds / pages:5.1f} CPU s/page", flush=True)

    if args.only and args.only != "done":
        return 0
    print()
    text_records = [r.model_dump(mode="json") for f in files for r in extract_file(f)]
    for variant in which:
        res = results[variant]
        if not res["cer"]:
            continue
        rates = [r for _, r in res["cer"]]
        print(f"== {variant}: {len(rates)} files, {res['pages']} pages, mean CER {100 * sum(rates) / len(rates):.2f}%, "
              f"max {100 * max(rates):.2f}%, {res['pages'] / max(res['seconds'], 1e-9):.3f} pages per CPU-second")
        # the same files read as text, against the same gold
        done = res["files"]
        gold_done = {**gold, "files": {k: v for k, v in gold["files"].items() if k in done}}
        text_eval = evaluate([r for r in text_records if os.path.basename(r["source"]["path"]) in done], gold_done)
        ocr_eval = evaluate(res["records"], gold_done)
        print(side_by_side(text_eval, ocr_eval))
        if args.misses:
            known = set(text_eval.misses)
            for miss in ocr_eval.misses:
                if miss not in known:
                    print(f"MISS {variant} {miss}")
    print(f"machine: {os.cpu_count()} cores")
    return 0


def side_by_side(text_eval, ocr_eval) -> str:
    """Strict figure per field: text, OCR, difference in points."""
    def figure(t) -> float | None:
        f = t.figures()
        return f.get("accuracy") if not t.is_list else f.get("f1")

    lines = [f"{'field':34s} {'text':>7s} {'ocr':>7s} {'diff':>7s}"]
    for name in sorted(text_eval.strict):
        a, b = figure(text_eval.strict[name]), figure(ocr_eval.strict[name])
        if a is None and b is None:
            continue
        diff = "" if a is None or b is None else f"{100 * (b - a):+7.1f}"
        lines.append(f"{name:34s} {'-' if a is None else f'{100 * a:6.1f}%':>7s} "
                     f"{'-' if b is None else f'{100 * b:6.1f}%':>7s} {diff:>7s}")
    g = ocr_eval.grounded
    lines.append(f"grounded spans (ocr): {g[0]}/{g[1]}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
