"""Reading the generator's word lists (training/lexicons/*.txt and the shipped surnames)."""
from __future__ import annotations

import pathlib
from functools import lru_cache

HERE = pathlib.Path(__file__).parent
LEXICONS = HERE / "lexicons"
SURNAMES = HERE.parent / "extractor" / "data" / "surnames.txt"


def read_list(path: pathlib.Path) -> list[str]:
    """Non-comment entries of a word list; several may share a line, space-separated."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.extend(line.split())
    return out


@lru_cache(maxsize=None)
def lexicon(name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(read_list(LEXICONS / f"{name}.txt")))


@lru_cache(maxsize=1)
def surnames() -> tuple[str, ...]:
    return tuple(dict.fromkeys(read_list(SURNAMES)))
