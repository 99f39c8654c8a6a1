"""Frozen dataclass objects made at the cost of plain attribute stores.

A frozen dataclass with slots sets each field through ``object.__setattr__`` (its
``__init__``), looked up anew for each: a 20-party bid's flags, evidence, parties and
document parts spend more on those calls than on anything they hold. A twin class
with the same slots and object's own ``__setattr__`` takes plain stores (the
interpreter's slot store); an object made as a twin and then given the frozen class
(Python allows it between classes of the same layout, and checks it at each
assignment) is the very object the class makes. :func:`slot_maker` writes the
function that does so, for the readers (``readers.makers``), the findings
(``findings.made_straight``) and the document's parts (``document_part.maker``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any


def twin(cls: type) -> type | None:
    """A class with the slots (so the layout) of ``cls`` and object's own ``__setattr__``
    and ``__delattr__``, whose objects may be given ``cls`` as their class; None where
    ``cls`` has no slots of its own or Python refuses it."""
    own = cls.__dict__.get("__slots__")
    if not isinstance(own, tuple):
        return None
    made = type(
        f"_{cls.__name__}Twin",
        cls.__bases__,
        {"__slots__": own, "__setattr__": object.__setattr__, "__delattr__": object.__delattr__},
    )
    try:
        probe: object = object.__new__(made)
        probe.__class__ = cls
    except TypeError:
        return None
    return made


def slot_maker(
    cls: type,
    params: Sequence[str],
    *,
    before: Sequence[str] = (),
    scope: Mapping[str, object] | None = None,
    names: Sequence[str] | None = None,
) -> Callable[..., Any] | None:
    """``def make(<params>)``: runs the lines ``before`` (a default made from a factory,
    say), stores each field of ``names`` (default: the slots of ``cls``'s own) from the
    argument of its name into a :func:`twin`, gives it ``cls`` and returns it;
    ``scope``: names the parameters' defaults and the lines read. None where ``cls`` has
    no twin. The code is made from field names and the caller's lines only, never from
    data."""
    made = twin(cls)
    if made is None:
        return None
    if names is None:
        names = cls.__dict__["__slots__"]
    if not all(n.isidentifier() for n in names):
        return None
    space: dict[str, object] = {"_NEW": object.__new__, "_TWIN": made, "_CLS": cls}
    space.update(scope or {})
    body = [*before, "_obj = _NEW(_TWIN)", *(f"_obj.{n} = {n}" for n in names)]
    body += ["_obj.__class__ = _CLS", "return _obj"]
    source = f"def make({', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body)
    exec(source, space)  # noqa: S102 - code made from slot names and the caller's lines
    make: Callable[..., Any] = space["make"]  # type: ignore[assignment]
    make.__qualname__ = f"slot_maker({cls.__name__})"
    return make


__all__ = ["slot_maker", "twin"]
