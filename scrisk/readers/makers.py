"""Frozen model records made at the cost of plain attribute stores.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
(about 0.15 us a field): a 20-party declaration spends more making its Party
records than reading them. :func:`maker` gives a function of every field, in
declaration order, that fills an instance of a twin class (the same slots, no
frozen ``__setattr__``) by plain stores, then gives it the frozen class
(:func:`scrisk.slotmake.slot_maker`): the same object ``cls(*values)`` makes,
about ten times faster. A class the trick
does not fit (a ``__post_init__``, no slots, a base with fields of its own) is
called as is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from scrisk.slotmake import slot_maker

T = TypeVar("T")


def maker(cls: type[T]) -> Callable[..., T]:
    """A function taking what ``cls(...)`` takes (every field, positional or by name, the
    same defaults) and returning the same object."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = tuple(f.name for f in fields)
    fits = (
        cls.__bases__ == (object,)
        and getattr(cls, "__slots__", None) == names
        and not hasattr(cls, "__post_init__")
        and all(f.init and f.default_factory is dataclasses.MISSING for f in fields)
        and all(n.isidentifier() and not n.startswith("_") for n in names)
    )
    if not fits:
        return cls
    space: dict[str, Any] = {}
    args = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            space[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
    make: Callable[..., T] | None = slot_maker(cls, args, scope=space)
    if make is None:  # pragma: no cover - a class of plain slots always has a twin
        return cls
    make.__qualname__ = f"maker({cls.__name__})"
    return make


__all__ = ["maker"]
