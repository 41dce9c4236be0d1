"""``mrx eval``: compare extracted records with a gold file, field by field.

The gold format is the devset's (docs/EVAL.md): ``{"files": {file name: [report gold, …]}}``,
reports in file order. Scalar fields get accuracy; list fields (document numbers, people,
categories, top sections) get precision / recall / F1, micro-averaged over reports.
Every field is scored two ways, as GROBID's end-to-end evaluation does: *strict* (equal
after normalisation: NFKC, simplified characters, no white space) and *lenient* (text
that overlaps enough: one contains the other with ≥ 60 % of its length, or a similarity
ratio ≥ 0.8).
"""
from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from extractor.fields.registry import FIELDS
from extractor.regex_store import compile_regex
from extractor.text.normalize import to_simplified

LENIENT_RATIO = 0.8
CONTAIN_SHARE = 0.6
_HEADING_NUMBER = compile_regex(r"^(第?[一二三四五六七八九十]+[、.．）)]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．])")


def norm(value) -> str | None:
    if value is None:
        return None
    s = to_simplified(unicodedata.normalize("NFKC", str(value)))
    return re.sub(r"\s+", "", s)


def heading_key(heading) -> str:
    s = _HEADING_NUMBER.sub("", norm(heading) or "")
    return s.rstrip("。:;,：；，")


def alternatives(gold) -> list[str | None]:
    """Gold values may list alternatives as ``a|b``; ``null`` stands for None."""
    if gold is None or gold == "":
        return [None]
    return [None if x == "null" else norm(x) for x in str(gold).split("|")]


def lenient_equal(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b or (not a and not b)
    if a in b or b in a:
        return min(len(a), len(b)) >= CONTAIN_SHARE * max(len(a), len(b))
    return difflib.SequenceMatcher(None, a, b).ratio() >= LENIENT_RATIO


@dataclass
class Tally:
    """Counts for one field: accuracy (ok/n) or, for lists, tp/fp/fn."""

    ok: float = 0.0
    n: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    is_list: bool = False

    def figures(self) -> dict:
        if not self.is_list:
            return {"accuracy": self.ok / self.n if self.n else None, "n": self.n}
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Evaluation:
    strict: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    lenient: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)
    grounded: list[int] = field(default_factory=lambda: [0, 0])

    def as_dict(self) -> dict:
        return {
            "strict": {k: v.figures() for k, v in sorted(self.strict.items())},
            "lenient": {k: v.figures() for k, v in sorted(self.lenient.items())},
            "grounded": {"ok": self.grounded[0], "n": self.grounded[1],
                         "share": self.grounded[0] / self.grounded[1] if self.grounded[1] else None},
            "misses": self.misses,
        }


def grounded_spans(obj):
    """Every (value, start, end) in a record dict that must satisfy text[start:end] == value."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            value = obj.get("text", obj.get("name"))
            if isinstance(value, str):
                yield value, obj["start"], obj["end"]
        for k, v in obj.items():
            if k not in ("source", "text"):
                yield from grounded_spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from grounded_spans(v)


def _match_lists(got: list[str], want: list[list[str | None]], lenient: bool) -> tuple[int, int, int]:
    """tp, fp, fn of predicted strings against gold items (each a list of alternatives)."""
    unmatched = list(got)
    tp = 0
    for alts in want:
        for g in unmatched:
            if g in alts or (lenient and any(lenient_equal(g, a) for a in alts if a)):
                unmatched.remove(g)
                tp += 1
                break
    return tp, len(unmatched), len(want) - tp


def evaluate(records: list[dict], gold: dict) -> Evaluation:
    """Score records (dicts as written by ``mrx extract``) against a gold file's content."""
    ev = Evaluation()
    by_file: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_file[os.path.basename(str((r.get("source") or {}).get("path", "")))].append(r)
    for recs in by_file.values():
        recs.sort(key=lambda r: (r.get("source") or {}).get("index", 0))

    for fname, golds in gold["files"].items():
        preds = by_file.get(fname, [])
        for mode in (ev.strict, ev.lenient):
            mode["report_count"].n += 1
            mode["report_count"].ok += len(preds) == len(golds)
        if len(preds) != len(golds):
            ev.misses.append(f"{fname}: {len(preds)} reports, want {len(golds)}")
        for i, g in enumerate(golds):
            p = preds[i] if i < len(preds) else {}
            _score_report(ev, f"{fname}#{i}", p, g)
    return ev


def _score_report(ev: Evaluation, tag: str, p: dict, g: dict) -> None:
    text = p.get("text") if isinstance(p.get("text"), str) else None
    for value, s, e in grounded_spans({k: v for k, v in p.items() if k != "text"}):
        ev.grounded[1] += 1
        ev.grounded[0] += text is not None and text[s:e] == value

    def scalar(name: str, ok: bool, got, want, lenient_ok: bool | None = None):
        for mode, good in ((ev.strict, ok), (ev.lenient, ok if lenient_ok is None else lenient_ok)):
            mode[name].n += 1
            mode[name].ok += good
        if not ok:
            ev.misses.append(f"{tag} {name}: got {got!r} want {want!r}")

    def listed(name: str, got: list[str], want: list[list[str | None]]):
        for mode, lenient in ((ev.strict, False), (ev.lenient, True)):
            tally = mode[name]
            tally.is_list = True
            tp, fp, fn = _match_lists(got, want, lenient)
            tally.tp += tp
            tally.fp += fp
            tally.fn += fn
            if not lenient and (fp or fn):
                ev.misses.append(f"{tag} {name}: got {sorted(x or '' for x in got)} want {[w[0] for w in want]}")

    got_title, alts = norm(p.get("title")) or None, alternatives(g.get("title"))
    scalar("title", got_title in alts, p.get("title"), g.get("title"),
           any(lenient_equal(got_title, a) for a in alts))
    for key in ("meeting_type", "year"):
        if key in g:
            scalar(key, p.get(key) == g[key], p.get(key), g[key])
    if g.get("member_review") is not None:
        got = bool(p.get("member_review"))
        scalar("member_review", got == g["member_review"], got, g["member_review"])
    for spec in FIELDS:  # the text and name fields, as the registry declares them
        if spec.score in ("text", "name") and spec.name in g:
            value = p.get(spec.name)
            if isinstance(value, dict):
                value = value.get("text", value.get("name"))
            got, alts = norm(value) or None, alternatives(g[spec.name])
            scalar(spec.name, got in alts, value, g[spec.name], any(lenient_equal(got, a) for a in alts))
    if "meeting_date" in g:
        pd, gd = p.get("meeting_date") or {}, g["meeting_date"]
        for k in ("year", "month", "day"):
            want = gd.get(k)
            options = [None if a is None else int(a) for a in alternatives(want)] if isinstance(want, str) else [want]
            scalar(f"date.{k}", pd.get(k) in options, pd.get(k), want)
        got = bool(pd.get("redacted"))
        scalar("date.redacted", got == bool(gd.get("redacted")), got, gd.get("redacted"))
    if "document_numbers" in g:
        listed("document_numbers", [norm(d.get("text")) for d in p.get("document_numbers") or []],
               [[norm(x)] for x in g["document_numbers"]])
    if "attendance" in g:
        pa = p.get("attendance") or {}
        for k in ("expected", "present", "absent"):
            want = g["attendance"].get(k)
            scalar(f"attendance.{k}", pa.get(k) == want, pa.get(k), want)
    for name, key in (("agenda_count", "agenda"), ("measures_count", "measures")):
        if name in g:
            got = len(p.get(key) or [])
            scalar(name, got in {int(x) for x in str(g[name]).split("|")}, got, g[name])
    if "categories" in g:
        got = sorted({c for prob in p.get("problems") or [] for c in prob.get("categories") or []})
        required, allowed = g["categories"]["required"], g["categories"]["allowed"]
        listed("categories", [c for c in got if c not in allowed or c in required], [[c] for c in required])
    if "people" in g:
        names = sorted({norm(x.get("name", x.get("text"))) for x in p.get("people") or []} - {None})
        allowed = {a for x in g["people"]["allowed"] for a in alternatives(x)}
        required = [alternatives(x) for x in g["people"]["required"]]
        listed("people", [n for n in names if n not in allowed or any(n in r for r in required)], required)
    if "top_sections" in g:
        tops = [heading_key(s.get("heading")) for s in p.get("sections") or [] if s.get("level", 1) == 1]
        want = [[heading_key(a) if a else a for a in alternatives(x)] for x in g["top_sections"]]
        same_count = len(tops) == len(want)
        ok = same_count and all(t in w for t, w in zip(tops, want))
        lenient_ok = same_count and all(
            any(lenient_equal(t, a) or (a and t.startswith(a)) for a in w) for t, w in zip(tops, want))
        scalar("top_sections", ok, tops, g["top_sections"], lenient_ok)
    elements = (p.get("audit") or {}).get("elements") or {}
    for k, want in (g.get("audit") or {}).items():
        if want is not None:
            e = elements.get(k)
            got = bool(e.get("present")) if isinstance(e, dict) else False
            scalar(f"audit.{k}", got == want, got, want)


def format_table(ev: Evaluation, misses: bool = False) -> str:
    """A plain-text table: one line per field, strict and lenient side by side."""
    lines = [f"{'field':34s} {'strict':>22s} {'lenient':>22s}"]
    for name in sorted(ev.strict):
        lines.append(f"{name:34s} {_cell(ev.strict[name]):>22s} {_cell(ev.lenient[name]):>22s}")
    g = ev.grounded
    share = 100 * g[0] / g[1] if g[1] else 100.0
    lines.append(f"{'grounded spans':34s} {f'{g[0]}/{g[1]} {share:5.1f}%':>22s}")
    if misses:
        lines.extend(f"MISS {m}" for m in ev.misses)
    return "\n".join(lines)


def _cell(t: Tally) -> str:
    f = t.figures()
    if not t.is_list:
        return f"{t.ok:.0f}/{t.n} {100 * f['accuracy']:5.1f}%" if t.n else "-"
    def pct(x):
        return "  -  " if x is None else f"{100 * x:5.1f}"
    return f"P{pct(f['precision'])} R{pct(f['recall'])} F{pct(f['f1'])}"


def load_records(paths: list[str]) -> list[dict]:
    """Records to score: read from .jsonl / .json outputs, or extracted from inputs."""
    import json

    records: list[dict] = []
    to_extract = []
    for path in paths:
        if path.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                records.extend(json.loads(line) for line in f if line.strip())
        elif path.endswith(".json") and not os.path.isdir(path):
            with open(path, encoding="utf-8") as f:
                records.extend(json.load(f))
        else:
            to_extract.append(path)
    if to_extract:
        from extractor.run.api import extract_paths

        for result in extract_paths(to_extract):
            records.extend(r.model_dump(mode="json") for r in result.records)
    return records
