"""What an assessment finds: evidence records and flags (their orders are in scrisk.vocab).

Shared by the rules (which make flags), the propagation (which scores them)
and the renderers (which only read them). Messages are not stored as text:
a flag holds a catalogue key and parameters, rendered in English or French at
output time (see :mod:`scrisk.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


__all__ = ["Evidence", "Flag"]
