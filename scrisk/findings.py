"""What an assessment finds: evidence records and flags (their orders are in scrisk.vocab).

Shared by the rules (which make flags), the propagation (which scores them)
and the renderers (which only read them). Messages are not stored as text:
a flag holds a catalogue key and parameters, rendered in English or French at
output time (see :mod:`scrisk.i18n`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import MemberDescriptorType
from typing import Any

from scrisk.vocab import Rule, Severity, severity_rank


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
            tuple([e.record for e in evidence]) if evidence else (),
        )


_RANK = {str(s): severity_rank(s) for s in Severity}  # severity -> its rank


# Flag's slots, set straight (a frozen dataclass's __init__ sets each field through
# object.__setattr__, looked up anew for each: half the cost of a flag)
_NEW = object.__new__


def _setter(name: str) -> Callable[[Flag, object], None]:
    """The setter of one of Flag's slots."""
    slot = getattr(Flag, name)
    if not isinstance(slot, MemberDescriptorType):  # pragma: no cover - Flag has slots
        raise TypeError(f"Flag.{name} is not a slot")
    setter: Callable[[Flag, object], None] = slot.__set__
    return setter


_SET_RULE = _setter("rule")
_SET_SEVERITY = _setter("severity")
_SET_PARTY = _setter("party")
_SET_GOOD = _setter("good")
_SET_MESSAGE_KEY = _setter("message_key")
_SET_PARAMS = _setter("params")
_SET_EVIDENCE = _setter("evidence")
_SET_PATH = _setter("path")
_SET_WEIGHT = _setter("weight")
_SET_REVIEWED = _setter("reviewed")


def new_flag(
    rule: Rule,
    severity: Severity,
    party: str | None,
    good: str | None,
    message_key: str,
    params: dict[str, Any],
    evidence: tuple[Evidence, ...],
    path: tuple[str, ...],
    reviewed: dict[str, Any] | None,
) -> Flag:
    """``Flag(...)`` of these fields (``weight`` None), the same flag made twice as fast:
    the rules make one for every finding (a 20-party bid some 30, a 100,000-party one
    some 120,000). The values are taken as given (the caller's own copies)."""
    f: Flag = _NEW(Flag)
    _SET_RULE(f, rule)
    _SET_SEVERITY(f, severity)
    _SET_PARTY(f, party)
    _SET_GOOD(f, good)
    _SET_MESSAGE_KEY(f, message_key)
    _SET_PARAMS(f, params)
    _SET_EVIDENCE(f, evidence)
    _SET_PATH(f, path)
    _SET_WEIGHT(f, None)
    _SET_REVIEWED(f, reviewed)
    return f


__all__ = ["Evidence", "Flag", "new_flag"]
