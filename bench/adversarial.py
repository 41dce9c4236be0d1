"""Timed property check: every extractor is linear in the report length (issue 16).

For each adversarial pattern (tests/adversarial_patterns.py) and a few random ones, the
CPU time of ``extract_text`` is measured at SMALL and 4×SMALL characters. Linear code
takes about 4× as long; the check fails when the growth is above ``--max-growth``
(default 6, leaving room for noise) or when 100 K characters take more than
``--max-seconds`` (default 2).

    .venv/bin/python bench/adversarial.py                 # 50 K and 200 K characters
    .venv/bin/python bench/adversarial.py --small 100000 --random 20
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from adversarial_patterns import PATTERNS, repeat  # noqa: E402

# Pieces of report text that fields match: random patterns are made of them.
PIECES = ["应到", "实到", "党员", "9", "人", "参会人员：", "张三", "、", "同志", "，", "。", "\n",
          "一、", "（一）", "1.", "一是", "二是", "；", "2022年", "1月", "15日", "召开", "组织生活会",
          "〔2021〕", "号", "关于", "的报告", "书记", "会议议程：", "《", "》", "××", "问题", "整改"]


def random_patterns(count: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    return {f"random{n}": "".join(rng.choice(PIECES) for _ in range(rng.randint(2, 8)))
            for n in range(count)}


def cpu_seconds(text: str) -> float:
    from extractor.run.api import extract_text

    start = time.process_time()
    extract_text(text)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=50_000, help="characters of the smaller text")
    ap.add_argument("--random", type=int, default=10, help="random patterns besides the known ones")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--max-growth", type=float, default=6.0)
    ap.add_argument("--max-seconds", type=float, default=2.0, help="per 100 K characters")
    args = ap.parse_args(argv)
    from extractor.run.api import extract_text

    extract_text("关于召开2021年度组织生活会情况的报告\n应到9人，实到8人。一、存在问题\n")  # compile patterns
    patterns = {**PATTERNS, **random_patterns(args.random, args.seed)}
    failed = 0
    print(f"{'pattern':<20} {'s/' + str(args.small):>10} {'s/' + str(4 * args.small):>11} {'growth':>7} {'s/100K':>7}")
    for name, pattern in patterns.items():
        small = cpu_seconds(repeat(pattern, args.small))
        large = cpu_seconds(repeat(pattern, 4 * args.small))
        growth = large / max(small, 0.01)
        per_100k = large / (4 * args.small) * 100_000
        bad = growth > args.max_growth and large > 0.2 or per_100k > args.max_seconds
        failed += bad
        print(f"{name:<20} {small:>10.2f} {large:>11.2f} {growth:>7.1f} {per_100k:>7.2f}{'  FAIL' if bad else ''}"
              + ("" if name in PATTERNS else f"  {pattern!r}"), flush=True)
    print(f"{len(patterns)} patterns, {failed} above the limits")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
