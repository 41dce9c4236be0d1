"""The hand-written evaluation set (eval/eval.txt) and how names are compared."""
from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass, field

EVAL_PATH = pathlib.Path(__file__).parent / "eval" / "eval.txt"


@dataclass
class EvalItem:
    id: str
    text: str
    people: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split("、") if v.strip()]


def load_eval(path: pathlib.Path = EVAL_PATH) -> list[EvalItem]:
    items: list[EvalItem] = []
    item = None
    in_text = False
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("=== "):
            item = EvalItem(id=line[4:].strip(), text="")
            items.append(item)
            in_text = False
            lines: list[str] = []
            continue
        if item is None:
            continue
        if in_text:
            item.text = (item.text + "\n" + line) if item.text or lines else line
            lines.append(line)
            continue
        key, _, value = line.partition(":")
        if key in ("people", "allowed", "orgs"):
            setattr(item, key, _names(value))
        elif key == "text":
            in_text = True
    for it in items:
        it.text = it.text.strip("\n")
    return items


def name_key(name: str) -> str:
    """How names are compared: white space removed, simplified characters."""
    from extractor.text.normalize import to_simplified

    return to_simplified(re.sub(r"\s", "", name))
