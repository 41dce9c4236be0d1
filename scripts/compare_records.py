#!/usr/bin/env python3
"""Compare two JSON Lines outputs of ``mrx extract`` record by record.

    python scripts/compare_records.py BEFORE.jsonl AFTER.jsonl [--ignore FIELD ...]

``--ignore`` names fields left out of the comparison (dotted for nested ones, ``*`` for
every item of a list: ``sections.*.style``). Prints how many records are identical once
those are left out, and the first differences. Exit 1 when any record differs.
"""
from __future__ import annotations

import argparse
import json
import sys


def drop(obj, path: list[str]):
    if not path:
        return
    head, rest = path[0], path[1:]
    if head == "*" and isinstance(obj, list):
        for item in obj:
            drop(item, rest)
    elif isinstance(obj, dict) and head in obj:
        if rest:
            drop(obj[head], rest)
        else:
            del obj[head]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--ignore", nargs="*", default=[])
    args = ap.parse_args(argv)
    with open(args.before, encoding="utf-8") as b, open(args.after, encoding="utf-8") as a:
        before, after = b.read().splitlines(), a.read().splitlines()
    same, diffs = 0, []
    for n, (x, y) in enumerate(zip(before, after)):
        x, y = json.loads(x), json.loads(y)
        for field in args.ignore:
            drop(x, field.split("."))
            drop(y, field.split("."))
        if json.dumps(x, ensure_ascii=False) == json.dumps(y, ensure_ascii=False):
            same += 1
        else:
            diffs.append(n)
    print(f"{same}/{max(len(before), len(after))} records identical"
          + (f" (ignoring {', '.join(args.ignore)})" if args.ignore else ""))
    if len(before) != len(after):
        print(f"record counts differ: {len(before)} before, {len(after)} after")
    for n in diffs[:5]:
        print(f"differs: record {n}")
    return 0 if same == len(before) == len(after) else 1


if __name__ == "__main__":
    sys.exit(main())
