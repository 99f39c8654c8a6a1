"""What an assessment finds: evidence records and flags (their orders are in scrisk.vocab).

Shared by the rules (which make flags), the propagation (which scores them)
and the renderers (which only read them). Messages are not stored as text:
a flag holds a catalogue key and parameters, rendered in English or French at
output time (see :mod:`scrisk.i18n`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from types import FunctionType, MemberDescriptorType
from typing import Any, TypeVar

from scrisk.slotmake import slot_maker
from scrisk.vocab import Rule, Severity, severity_rank

T = TypeVar("T")
_FACTORY = object()  # an argument left out whose default is made by a factory


def _set_straight(cls: type[T]) -> type[T]:
    """``cls`` (a frozen dataclass with slots) given an ``__init__`` of the same signature
    that sets each slot straight: the one dataclasses writes sets each field through
    ``object.__setattr__``, looked up anew for each, half the cost of a flag (a 20-party
    bid makes some 30 flags and evidence records, a 100,000-party one some 120,000)."""
    params: list[str] = []
    body: list[str] = []
    scope: dict[str, object] = {"_FACTORY": _FACTORY}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        slot = cls.__dict__.get(f.name)
        if not isinstance(slot, MemberDescriptorType) or not f.init or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: not a plain slot")  # pragma: no cover
        scope[f"_set_{f.name}"] = slot.__set__
        value = f.name
        if f.default is not dataclasses.MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            value = f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}"
        else:
            params.append(f.name)
        body.append(f"    _set_{f.name}(self, {value})")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body)
    exec(source, scope)  # noqa: S102 - code made here from field names only
    init = scope["__init__"]
    if not isinstance(init, FunctionType) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: no __init__ was made")  # pragma: no cover
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 - mypy refuses an assignment to a method
    _MAKERS[cls] = _maker(cls, params)
    return cls


_MAKERS: dict[type, Any] = {}  # each class _set_straight made: its maker (below)


def made_straight(cls: type[T]) -> Callable[..., T]:
    """``cls`` (a frozen dataclass with slots) given a straight ``__init__`` (as Flag and
    Evidence are), and the fast maker of its objects, with the same arguments."""
    maker: Callable[..., T] = _MAKERS.get(cls) or _MAKERS[_set_straight(cls)]
    return maker


def _maker(cls: type, params: list[str]) -> Any:
    """A function of the same signature as ``cls.__init__`` that returns a new object of
    ``cls`` made by plain slot stores (:func:`scrisk.slotmake.slot_maker`); the class
    itself where that cannot be."""
    scope: dict[str, object] = {"_FACTORY": _FACTORY}
    before = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            scope[f"_default_{f.name}"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            before.append(f"if {f.name} is _FACTORY: {f.name} = _factory_{f.name}()")
    return slot_maker(cls, params, before=before, scope=scope) or cls


@_set_straight
@dataclass(frozen=True, slots=True)
class Evidence:
    """One record of one reference dataset that backs a flag.

    ``source`` and ``edition`` name the dataset as in the data manifest;
    ``record`` identifies the row (an entry id, or "Malaysia / Rubber Gloves");
    ``score`` is the name-match score where a name was matched.
    """

    source: str
    edition: str
    record: str
    score: float | None = None
    url: str | None = None
    detail: dict[str, Any] = field(default_factory=dict, compare=False)
    # Whose measure or data this is: "US", "CA" or "intl" (None = not said).
    jurisdiction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "edition": self.edition,
            "record": self.record,
            "score": self.score,
        }
        if self.url:
            out["url"] = self.url
        if self.jurisdiction:
            out["jurisdiction"] = self.jurisdiction
        if self.detail:
            out["detail"] = self.detail
        return out


@_set_straight
@dataclass(frozen=True, slots=True)
class Flag:
    """One finding: a rule that fired, about a party and/or a good."""

    rule: Rule  # rule id from spec/rules.md, e.g. Rule.WATCHLIST (== "WATCHLIST")
    severity: Severity  # == its string, e.g. "high"
    party: str | None
    good: str | None
    message_key: str  # i18n catalogue key, e.g. "rule.WATCHLIST.strong"
    params: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    path: tuple[str, ...] = ()  # party ids from the flagged party down to the bidder
    weight: float | None = None  # intrinsic risk (0-1) this flag contributes; None = policy default
    reviewed: dict[str, Any] | None = None  # reviewer decision applied, if any

    def sort_key(self) -> tuple[Any, ...]:
        rank = _RANK.get(self.severity)  # a dict lookup: every flag is sorted twice
        evidence = self.evidence
        return (
            severity_rank(self.severity) if rank is None else rank,
            self.rule,
            self.party or "",
            self.good or "",
            self.message_key,
            # most flags cite one record
            (evidence[0].record,)
            if len(evidence) == 1
            else tuple(map(_RECORD, evidence))
            if evidence
            else (),
        )


# Flag(...) and Evidence(...), made faster (the same arguments; a rule makes thousands)
new_flag: Callable[..., Flag] = _MAKERS[Flag]
new_evidence: Callable[..., Evidence] = _MAKERS[Evidence]
_RANK = {str(s): severity_rank(s) for s in Severity}  # severity -> its rank
_RECORD = attrgetter("record")


__all__ = ["Evidence", "Flag"]
