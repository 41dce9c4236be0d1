"""match/intervals.py: smallest_holders answers alike asking every item (few) or with its tree (many)."""
import random

from extractor.match import intervals


def _both(items, queries, monkeypatch):
    monkeypatch.setattr(intervals, "_FEW_PAIRS", 10**9)
    direct = intervals.smallest_holders(items, queries)
    monkeypatch.setattr(intervals, "_FEW_PAIRS", -1)
    return direct, intervals.smallest_holders(items, queries)


def test_smallest_holders_same_either_way(monkeypatch):
    rnd = random.Random(19)
    for _ in range(500):
        items = []
        for m in range(rnd.randint(0, 25)):
            s = rnd.randint(0, 40)
            items.append((s, s + rnd.randint(0, 15), (m // 3, m % 3)))
        queries = [(s, e) for s, e, _ in items[:4]]
        queries += [(q, q + rnd.randint(0, 12)) for q in (rnd.randint(0, 40) for _ in range(rnd.randint(0, 8)))]
        direct, tree = _both(items, queries, monkeypatch)
        assert direct == tree


def test_smallest_holders_leaves_out_the_query_span(monkeypatch):
    items = [(0, 10, (0, 0)), (2, 5, (1, 0)), (2, 5, (1, 1)), (0, 20, (2, 0))]
    for got in _both(items, [(2, 5), (0, 10), (3, 4)], monkeypatch):
        assert got == [(10, (0, 0)), (20, (2, 0)), (3, (1, 0))]
