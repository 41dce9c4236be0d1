#!/usr/bin/env python3
"""Show that this version writes the same records as another one, byte for byte.

    python scripts/same_records.py BASELINE_DIR [--reports 2000] [--formats jsonl json]

BASELINE_DIR holds the other version's ``extractor/`` package (e.g. from
``git archive main extractor | tar -x -C DIR``). Both versions run ``mrx extract`` on the
samples, ``tests/corpus`` and a generated corpus of ``--reports`` reports
(bench/generate.py), this version also with ``--jobs 2``; the outputs are compared byte
for byte, and on a difference ``compare_records.py`` shows the first ones. Exit 1 when
any output differs.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

MRX = pathlib.Path(sys.executable).parent / "mrx"


def extract(inputs: list[pathlib.Path], out: pathlib.Path, fmt: str, jobs: int, env: dict) -> None:
    subprocess.run([str(MRX), "extract", *map(str, inputs), "-o", str(out), "--format", fmt,
                    "--jobs", str(jobs)], check=True, env=env, cwd=tempfile.gettempdir(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("baseline", type=pathlib.Path)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--formats", nargs="*", default=["jsonl", "json"])
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    this = dict(os.environ)
    base = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
    failed = False
    with tempfile.TemporaryDirectory(prefix="mrx-same-") as tmp:
        tmp = pathlib.Path(tmp)
        generated = tmp / "generated"
        generate(generated, args.reports, args.seed)
        corpora = {"samples": [ROOT / "samples"], "tests/corpus": [ROOT / "tests" / "corpus"],
                   f"generated ({args.reports} reports)": [generated]}
        for name, inputs in corpora.items():
            for fmt in args.formats:
                before, after, after2 = (tmp / f"{v}.{fmt}" for v in ("before", "after", "after-j2"))
                extract(inputs, before, fmt, 1, base)
                extract(inputs, after, fmt, 1, this)
                extract(inputs, after2, fmt, 2, this)
                lines = before.read_bytes().count(b"\n")
                for label, out in (("--jobs 1", after), ("--jobs 2", after2)):
                    same = before.read_bytes() == out.read_bytes()
                    print(f"{name}, {fmt}, {label}: {'identical' if same else 'DIFFERENT'} "
                          f"({lines} lines, {before.stat().st_size:,} bytes)", flush=True)
                    if not same:
                        failed = True
                        if fmt == "jsonl":
                            subprocess.run([sys.executable, str(ROOT / "scripts" / "compare_records.py"),
                                            str(before), str(out)])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
