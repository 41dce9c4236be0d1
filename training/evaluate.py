"""Figures for docs/NER.md: people found by the rules, the model and both, on the
hand-written evaluation set (training/eval/eval.txt), and what the model costs in time.

    .venv/bin/python training/evaluate.py [--model DIR] [--speed-rounds 3] [--misses]

"Rules only" is whatever ``extractor.extract_text`` puts in ``people`` when this runs (the
rule-based extractor, people.py). "NER only" is the model's PERSON spans as they come;
"NER + policy" the ones ``ner.merge`` would accept with no rule names; "combined" is
``ner.merge(rules, model)``. Names are scored per passage as sets (white space removed,
simplified), the gold's ``allowed`` names neither count for nor against. Speed is measured
on one core (BLAS threads pinned to 1) over the seed samples.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from extractor import extract_text  # noqa: E402
from extractor.fields import ner  # noqa: E402
from extractor.text.normalize import normalize  # noqa: E402
from extractor.report import Report  # noqa: E402
from training.evalset import load_eval, name_key  # noqa: E402


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.misses: list[str] = []

    def add(self, item_id: str, predicted: set[str], gold, allowed: set[str]):
        """``gold``: names, or alternatives (sets of names: any one of them counts)."""
        alternatives = [g if isinstance(g, (set, frozenset)) else {g} for g in gold]
        predicted = predicted - allowed
        matched = set()
        for alt in alternatives:
            if alt & predicted:
                self.tp += 1
                matched |= alt & predicted
            else:
                self.fn += 1
                self.misses.append(f"{item_id} FN {'|'.join(sorted(alt))}")
        for n in sorted(predicted - matched - set().union(*alternatives)):
            self.fp += 1
            self.misses.append(f"{item_id} FP {n}")

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def rule_people(text: str) -> list[tuple[Report, list[dict]]]:
    """Each report of ``text`` with the people the pipeline (the rules) found in it."""
    out = []
    for rec in extract_text(text):
        report = Report(rec.text, normalize(rec.text))
        out.append((report, [p.model_dump() for p in rec.people]))
    return out


def evaluate(model=None) -> dict[str, Score]:
    """Scores of the four systems (people) and of the model on organisations."""
    model = model or ner.load_model()
    scores = {k: Score() for k in ("rules only", "NER only", "NER + policy", "combined", "ORG (NER)")}
    for item in load_eval():
        gold = {name_key(n) for n in item.people}
        allowed = {name_key(n) for n in item.allowed}
        rules, raw, policy, combined = set(), set(), set(), set()
        orgs = set()
        for report, found in rule_people(item.text):
            spans = ner.find(report, nlp=model)
            model_people = [{"name": e["text"], "start": e["start"], "end": e["end"], "role": None}
                            for e in spans if e["label"] == "PERSON"]
            orgs |= {name_key(e["text"]) for e in spans if e["label"] == "ORG"}
            rules |= {name_key(p["name"]) for p in found}
            raw |= {name_key(p["name"]) for p in model_people}
            policy |= {name_key(p["name"]) for p in ner.merge([], model_people, report.view)}
            combined |= {name_key(p["name"]) for p in ner.merge(found, model_people, report.view)}
        for key, pred in (("rules only", rules), ("NER only", raw), ("NER + policy", policy),
                          ("combined", combined)):
            scores[key].add(item.id, pred, gold, allowed)
        scores["ORG (NER)"].add(item.id, orgs, {name_key(o) for o in item.orgs}, set())
    return scores


def evaluate_corpus(model=None, corpus: pathlib.Path = ROOT / "tests" / "corpus") -> dict[str, Score]:
    """Rules and combined on whole reports: tests/corpus (hand-written reports with gold
    people, devset format; ``a|b`` alternatives), when it is there."""
    import json

    from extractor import extract_file

    model = model or ner.load_model()
    scores = {k: Score() for k in ("rules only", "combined")}
    gold_path = corpus / "gold.json"
    if not gold_path.exists():
        return {}
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["files"]
    for name, golds in sorted(gold.items()):
        records = extract_file(corpus / name)
        for index, g in enumerate(golds):
            people = g.get("people")
            if people is None:
                continue
            required = [{name_key(a) for a in n.split("|")} for n in people.get("required", [])]
            allowed = {name_key(a) for n in people.get("allowed", []) for a in n.split("|")}
            rules, combined = set(), set()
            if index < len(records):
                rec = records[index]
                report = Report(rec.text, normalize(rec.text))
                found = [p.model_dump() for p in rec.people]
                rules = {name_key(p["name"]) for p in found}
                combined = {name_key(p["name"])
                            for p in ner.merge(found, ner.find_people(report, model), report.view)}
            scores["rules only"].add(f"{name}#{index}", rules, required, allowed)
            scores["combined"].add(f"{name}#{index}", combined, required, allowed)
    return scores


def speed(model=None, rounds: int = 3) -> dict[str, float]:
    """Reports per second on one core: the pipeline alone, and with the model merged in."""
    model = model or ner.load_model()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    extract_text(texts[0])  # warm up (pipeline, data files)
    n_reports = n_chars = 0
    t0 = time.perf_counter()
    records = []
    for _ in range(rounds):
        for text in texts:
            recs = extract_text(text)
            records.extend(recs)
            n_reports += len(recs)
            n_chars += sum(len(r.text) for r in recs)
    t_rules = time.perf_counter() - t0
    t0 = time.perf_counter()
    for rec in records:
        report = Report(rec.text, normalize(rec.text))
        ner.merge([p.model_dump() for p in rec.people], ner.find_people(report, model), report.view)
    t_ner = time.perf_counter() - t0
    return {"reports": n_reports, "chars_per_report": n_chars / n_reports,
            "rules_rps": n_reports / t_rules, "combined_rps": n_reports / (t_rules + t_ner),
            "ner_chars_per_s": n_chars / t_ner}


def table(scores: dict[str, Score], sp: dict | None) -> str:
    lines = ["| system | precision | recall | F1 | TP | FP | FN |",
             "|---|---|---|---|---|---|---|"]
    for name, s in scores.items():
        lines.append(f"| {name} | {s.p:.3f} | {s.r:.3f} | {s.f:.3f} | {s.tp} | {s.fp} | {s.fn} |")
    if sp:
        lines += ["", f"Speed, one core, seed samples ({sp['reports']} reports, "
                  f"{sp['chars_per_report']:.0f} characters each on average):", "",
                  "| pipeline | reports/s |", "|---|---|",
                  f"| rules only (extract_text) | {sp['rules_rps']:.0f} |",
                  f"| rules + NER merged | {sp['combined_rps']:.1f} |",
                  f"| the model alone | {sp['ner_chars_per_s']:.0f} characters/s |"]
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model directory (default: the shipped one)")
    ap.add_argument("--speed-rounds", type=int, default=3, help="0: no speed figures")
    ap.add_argument("--misses", action="store_true", help="list false positives / negatives")
    args = ap.parse_args(argv)
    model = ner.load_model(args.model)
    items = load_eval()
    print(f"evaluation set: {len(items)} passages, {sum(len(i.people) for i in items)} people, "
          f"{sum(len(i.orgs) for i in items)} organisations")
    scores = evaluate(model)
    sp = speed(model, args.speed_rounds) if args.speed_rounds else None
    print(table(scores, sp))
    corpus = evaluate_corpus(model)
    if corpus:
        print("\nWhole reports, tests/corpus (gold people of 50 hand-written reports):\n")
        print(table(corpus, None))
    if args.misses:
        for title, group in (("", scores), ("tests/corpus: ", corpus)):
            for name, s in group.items():
                print(f"\n## {title}{name}")
                print("\n".join(s.misses) or "(none)")


if __name__ == "__main__":
    main()
