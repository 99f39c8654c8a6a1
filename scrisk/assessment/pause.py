"""The garbage collector held off while one assessment runs.

An assessment allocates many small objects (flags, evidence, paths, the
graph) that all live until it ends, and few reference cycles. With the
collector on, every few hundred allocations set off a collection that walks
the young objects, and the growing number of survivors sets off full
collections that walk the whole heap, reference data and every earlier
result included: 30–35 % of the CPU of a 20,000-party bid. Held off for the
duration, the garbage of one assessment is collected once, afterwards.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run with the cyclic garbage collector off (back as it was after).

    Nested calls leave it off until the outermost ends; a collector already off
    (the caller's choice) stays off.
    """

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


__all__ = ["collector_paused"]
