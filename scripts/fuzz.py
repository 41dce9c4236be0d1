"""A longer fuzz run of the property tests (tests/test_properties.py).

The test suite runs about 11,000 generated inputs; this runs SCALE times as many, with
fresh random examples each time (no derandomisation), and reports any failing input.

    .venv/bin/python scripts/fuzz.py            # SCALE 20: about 220,000 inputs, ~30 min on 2 cores
    .venv/bin/python scripts/fuzz.py 100 -k extract_text   # only the extract_text properties

Failures print the smallest failing input (hypothesis shrinks it); paste it into a test.

    .venv/bin/python scripts/fuzz.py hostile [ROUNDS]   # the hostile-input classes of issue 16

The ``hostile`` mode (scripts/fuzz_hostile.py) generates file names that are not UTF-8,
adversarial repetition and inflating documents, runs ``mrx extract`` on them and reports
inputs tried, crashes, the slowest input per 100 K characters and the largest peak memory.
"""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv: list[str]) -> int:
    if argv and argv[0] == "hostile":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from fuzz_hostile import main as hostile

        return hostile(argv[1:])
    scale = argv[0] if argv and argv[0].replace(".", "", 1).isdigit() else "20"
    rest = argv[1:] if argv and argv[0] == scale else argv
    env = {**os.environ, "MRX_FUZZ_SCALE": scale}
    env.pop("CI", None)  # the CI profile derandomises; a fuzz run wants new examples
    cmd = [sys.executable, "-m", "pytest", os.path.join(ROOT, "tests", "test_properties.py"),
           "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics", *rest]
    print(f"MRX_FUZZ_SCALE={scale}", " ".join(cmd), flush=True)
    return subprocess.call(cmd, env=env, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
