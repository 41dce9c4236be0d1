#!/usr/bin/env python3
"""Extract the recreated real reports and score them against eval/real/gold.json.

    python eval/real/score.py [--texts DIR] [--gold GOLD] [--out FILE] [--misses]

See eval/real/README.md for how the texts are recreated (they are never committed).
"""
from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED_SCORER = ROOT.parent / "shared" / "devset" / "score.py"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=pathlib.Path, default=pathlib.Path.home() / ".cache" / "mrx-real")
    ap.add_argument("--gold", type=pathlib.Path, default=HERE / "gold.json")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "out" / "real.jsonl")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    if not args.texts.is_dir():
        print(f"no texts at {args.texts}: recreate them first (eval/real/README.md)", file=sys.stderr)
        return 2

    from extractor.run.archive import run_archive
    from extractor.settings import Settings

    args.out.parent.mkdir(parents=True, exist_ok=True)
    summary = run_archive([str(args.texts)], str(args.out), Settings(), fmt="jsonl")
    print(summary.line(), file=sys.stderr)
    if SHARED_SCORER.exists():
        cmd = [sys.executable, str(SHARED_SCORER), str(args.out), "--gold", str(args.gold)]
        return subprocess.call(cmd + (["--misses"] if args.misses else []))
    import json

    from extractor.evaluate import evaluate, format_table, load_records

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    print(format_table(evaluate(load_records([str(args.out)]), gold), misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
