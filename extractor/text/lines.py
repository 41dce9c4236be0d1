"""Memoising functions of one line of text: report lines repeat across an archive
(headings, chrome, boilerplate), so each answer is computed once."""
from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

T = TypeVar("T")

LINE_CACHE = 1 << 14


def per_line(func: Callable[[str], T]) -> Callable[[str], T]:
    """Memoise a function of one line of text, for up to LINE_CACHE lines.

    A plain dict rather than functools.lru_cache: lru_cache links its entries with lists
    the garbage collector has to walk, and there are many lines. Emptied when full.
    """
    answers: dict[str, T] = {}

    @wraps(func)
    def memoised(line: str) -> T:
        try:
            return answers[line]
        except KeyError:
            if len(answers) >= LINE_CACHE:
                answers.clear()
            answer = answers[line] = func(line)
            return answer

    memoised.cache_clear = answers.clear
    return memoised
