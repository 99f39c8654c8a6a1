"""What an assessment finds: severities, evidence records and flags.

Shared by the rules (which make flags), the propagation (which scores them)
and the renderers (which only read them). Messages are not stored as text:
a flag holds a catalogue key and parameters, rendered in English or French at
output time (see :mod:`scrisk.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrisk.vocab import RiskLevel, Severity, values

# Most severe first (orders declared once, in scrisk.vocab). "info" never raises a bid's level.
SEVERITIES = values(Severity)
RISK_LEVELS = values(RiskLevel)


# severity -> rank, read by a dict lookup: severity_rank runs for every flag many times
# over (sorting, scoring, levels), and building the enum member costs five times more
_RANK = {str(s.value): s.rank for s in Severity}


def severity_rank(severity: str) -> int:
    """0 for critical ... 4 for info; lower is worse."""
    rank = _RANK.get(severity)
    return Severity(severity).rank if rank is None else rank  # not a severity: ValueError


def worst(severities: list[str] | tuple[str, ...], default: str = "low") -> str:
    """The most severe of ``severities`` (``default`` when empty)."""
    if not severities:
        return Severity(default).value
    return str(Severity(min(severities, key=severity_rank)).value)


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

    rule: str  # rule id from spec/rules.md, e.g. "WATCHLIST"
    severity: str  # one of SEVERITIES
    party: str | None
    good: str | None
    message_key: str  # i18n catalogue key, e.g. "rule.WATCHLIST.strong"
    params: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    path: tuple[str, ...] = ()  # party ids from the flagged party down to the bidder
    weight: float | None = None  # intrinsic risk (0-1) this flag contributes; None = policy default
    reviewed: dict[str, Any] | None = None  # reviewer decision applied, if any

    def sort_key(self) -> tuple[Any, ...]:
        return (
            severity_rank(self.severity),
            self.rule,
            self.party or "",
            self.good or "",
            self.message_key,
            tuple(e.record for e in self.evidence),
        )


__all__ = ["RISK_LEVELS", "SEVERITIES", "Evidence", "Flag", "severity_rank", "worst"]
