"""Memoising functions of one line of text: report lines repeat across an archive
(headings, chrome, boilerplate), so each answer is computed once."""
from __future__ import annotations

from functools import wraps
from itertools import islice
from typing import Callable, TypeVar

T = TypeVar("T")

# Most repeats are of a line within its report, so a few thousand lines keep nearly every
# hit (16 384 lines missed 2 % less on a generated archive, for 9 MiB more memory).
LINE_CACHE = 1 << 12
# When full, the oldest sixteenth goes: the cache stays near its size instead of being
# emptied and refilled, whose peaks (all the caches full at once) rose with the archive.
EVICTED = LINE_CACHE // 16
# what a memo holds for a line it has not seen (None is an answer)
_UNKNOWN = object()


def per_line(func: Callable[[str], T]) -> Callable[[str], T]:
    """Memoise a function of one line of text, for up to LINE_CACHE lines.

    A plain dict rather than functools.lru_cache: lru_cache links its entries with lists
    the garbage collector has to walk, and there are many lines. A dict keeps its keys in
    the order they came, so the oldest are the first ones.
    """
    answers: dict[str, T] = {}
    known = answers.get

    @wraps(func)
    def memoised(line: str) -> T:
        # a lookup with a default, not try/except KeyError: most lines of a new file are
        # misses, and raising and catching KeyError cost twice the call it saved
        answer = known(line, _UNKNOWN)
        if answer is _UNKNOWN:
            if len(answers) >= LINE_CACHE:
                for old in list(islice(answers, EVICTED)):
                    del answers[old]
            answer = answers[line] = func(line)
        return answer

    memoised.cache_clear = answers.clear
    memoised.cache_len = answers.__len__
    return memoised
