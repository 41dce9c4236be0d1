"""Interval questions asked once per match, answered without scanning earlier matches.

A field that asks "does this span overlap one already taken?" or "is it inside one of
these spans?" by looping over a list is quadratic on a text that repeats a pattern
(a denial of service by one crafted file). These answer in O(span length) or O(log n).
"""
from __future__ import annotations

import bisect
from typing import Iterable


class TakenSpans:
    """Spans of a text of ``size`` characters marked as taken; ``overlaps`` costs the
    length of the span asked about, whatever the number of spans taken."""

    def __init__(self, size: int):
        self._mask = bytearray(size + 1)

    def overlaps(self, start: int, end: int) -> bool:
        return start < end and self._mask.find(1, start, end) >= 0

    def take(self, start: int, end: int) -> None:
        if start < end:
            self._mask[start:end] = b"\x01" * (end - start)


class Containers:
    """A fixed set of spans; ``contains(a, b)``: is [a, b) inside one of them? O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans starting up to here
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self._reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end



_FEW_PAIRS = 400  # items times queries up to which every item is asked for every query


def smallest_holders(items: list[tuple[int, int, tuple]], queries: list[tuple[int, int]]) -> list[tuple | None]:
    """For each query span [qs, qe), the shortest item ``(start, end, key)`` with
    ``start <= qs``, ``qe <= end`` and a span other than the query's own, as
    ``(end - start, key)`` (ties: the smallest key), or None.

    Offline, in O((items + queries) log): items are added in order of start to a Fenwick
    tree of minima over ends (largest first) while the queries are answered in order of
    start. Asking every item for every query is quadratic in a text with many lists, but
    for a few (most reports) it is what costs least."""
    if len(items) * len(queries) <= _FEW_PAIRS:
        return [min(((e - s, key) for s, e, key in items if s <= qs and qe <= e and (s != qs or e != qe)), default=None)
                for qs, qe in queries]
    ends = sorted({e for _, e, _ in items})
    size = len(ends)

    def rank(end: int) -> int:  # 1-based position among the ends, largest first
        return size - bisect.bisect_left(ends, end)

    tree: list[tuple | None] = [None] * (size + 1)

    def add(end: int, value: tuple) -> None:
        i = rank(end)
        while i <= size:
            if tree[i] is None or value < tree[i]:
                tree[i] = value
            i += i & -i

    def best(end: int) -> tuple | None:  # over the items ending at or after ``end``
        i = size - bisect.bisect_left(ends, end)
        out = None
        while i > 0:
            if tree[i] is not None and (out is None or tree[i] < out):
                out = tree[i]
            i -= i & -i
        return out

    # the query's own span is left out: start < qs with end >= qe, or start <= qs with end > qe
    asks = []
    for n, (qs, qe) in enumerate(queries):
        asks.append((qs - 1, qe, n))
        asks.append((qs, qe + 1, n))
    asks.sort(key=lambda a: a[0])
    ordered = sorted(items, key=lambda it: it[0])
    answers: list[tuple | None] = [None] * len(queries)
    k = 0
    for bound, end, n in asks:
        while k < len(ordered) and ordered[k][0] <= bound:
            s, e, key = ordered[k]
            add(e, (e - s, key))
            k += 1
        got = best(end)
        if got is not None and (answers[n] is None or got < answers[n]):
            answers[n] = got
    return answers

