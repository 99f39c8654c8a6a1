"""A large batch of names screened on several processes.

``Screener.match(..., workers=N)`` splits the names into N runs screened by
forked processes: the screener (lists, index, caches) is shared with them by
the fork, not copied or rebuilt; each sends back plain tuples, made into
``Match`` objects over the caller's own entries. Results are those of one
process, name for name (a name's matches do not depend on the other names of
its block; tested). Where fork is not the safe way to start processes (not
Linux) or the caller is itself a daemon worker, or the batch is small, the
names are screened in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any, Protocol

from scrisk.screening.match import Match

# fewer names than this a worker: not worth a process
MIN_PER_WORKER = 5_000


class Screens(Protocol):
    """What the workers read of a screener (``matcher.Screener``): its entries, and
    its matching of one run of names in this process."""

    entries: tuple[Any, ...]

    def match(
        self, names: Sequence[str], countries: Sequence[str | None], as_of: date
    ) -> list[list[Match]]: ...


_SCREENER: Screens | None = None  # set in the parent just before the fork
Row = tuple[int, str, float, dict[str, float], str, bool | None]


def worker_count(workers: int, n_names: int) -> int:
    """Processes to use for ``n_names`` names (``workers`` -1: every available core)."""
    if workers == 0 or workers < -1:
        raise ValueError(f"workers must be -1 or at least 1, not {workers}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wanted = (cores or 1) if workers == -1 else workers
    if (
        wanted <= 1
        or sys.platform != "linux"
        or multiprocessing.current_process().daemon
        or n_names < 2 * MIN_PER_WORKER
    ):
        return 1
    return min(wanted, n_names // MIN_PER_WORKER)


def _screen(args: tuple[Sequence[str], Sequence[str | None], date]) -> list[list[Row]]:
    screener = _SCREENER
    assert screener is not None  # set before the fork
    names, countries, as_of = args
    index = {id(e): i for i, e in enumerate(screener.entries)}
    return [
        [(index[id(m.entry)], m.matched_name, m.score, m.features, m.cls, m.active) for m in ms]
        for ms in screener.match(names, countries, as_of)
    ]


def match_parallel(
    screener: Screens,
    names: Sequence[str],
    countries: Sequence[str | None],
    as_of: date,
    workers: int,
) -> list[list[Row]]:
    """``screener.match`` of ``names`` on ``workers`` forked processes, as rows
    (entry index, matched name, score, features, class, active) for ``Match``."""
    global _SCREENER
    bounds = [len(names) * k // workers for k in range(workers + 1)]
    jobs = [
        (list(names[a:b]), list(countries[a:b]), as_of)
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]
    _SCREENER = screener
    try:
        context: Any = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            parts = list(pool.map(_screen, jobs))
    finally:
        _SCREENER = None
    return [row for part in parts for row in part]


__all__ = ["MIN_PER_WORKER", "Row", "Screens", "match_parallel", "worker_count"]
