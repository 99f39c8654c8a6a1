"""`scrisk screen` keeps, of a streamed screen, only the counts and the matches its table
shows (memory flat however many names match): the same table and counts as sorting them all.
"""

from __future__ import annotations

import random

from scrisk.cli.screen import _Seen
from scrisk.screening.results import ScreenRow


def _rows(n: int, seed: int = 3) -> list[ScreenRow]:
    rng = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        cls = rng.choice(("strong", "possible", "none", "none"))
        score = None if cls == "none" else float(rng.choice((82, 88.5, 91, 95, 100)))
        active = None if cls == "none" else rng.choice((True, False, None))
        out.append(ScreenRow(i, f"Name {i}", None, cls, active, score=score))
    return out


def test_the_table_holds_the_best_matches_in_order_and_the_counts_are_whole() -> None:
    rows = _rows(5_000)
    seen = _Seen(keep_all=False, limit=200)
    assert list(seen.each(rows)) == rows  # every row goes on to the JSON writer
    hits = [r for r in rows if r.class_ != "none"]
    expected = sorted(
        hits, key=lambda r: ({"strong": 0, "possible": 1}[r.class_], -(r.score or 0), r.row)
    )
    assert seen.best() == expected[:200]
    assert seen.total == 5_000
    assert seen.matched == len(hits) > 200
    assert seen.counts == {
        "strong": sum(r.class_ == "strong" for r in rows),
        "possible": sum(r.class_ == "possible" for r in rows),
    }
    assert seen.in_force == sum(r.active is True for r in hits)
    assert seen.rows == []  # no workbook asked for: no row kept


def test_every_row_is_kept_for_a_workbook_and_fewer_matches_than_the_limit_all_show() -> None:
    rows = _rows(300, seed=5)
    seen = _Seen(keep_all=True, limit=1_000)
    for _ in seen.each(rows):
        pass
    assert seen.rows == rows
    assert len(seen.best()) == seen.matched
