"""The clause matrix: what an evaluation panel reads first.

For each clause (A3006T, POW, PN150, CT9897, CODE) a status (``pass``,
``fail``, ``review`` or ``not_applicable``), the flags behind it
(``RULE:party:good``) and a note key. Whether a clause applies comes from its
effective date in the policy, evaluated on the as-of date.

* A3006T: fail on any non-info EP_CERT flag (the bid is non-responsive).
* POW: fail on any POW flag.
* CT9897: fail when a good's chain carries named-entity or region evidence
  (critical CT9897); review when the evidence is a good x country listing
  only, or when part of the chain cannot be checked (CHAIN_GAP, DATA_GAP,
  a possible or undated name match).
* PN150 (the contractor must not deliver goods made wholly or partly by
  forced labour): fail and review as CT9897, plus review on a failed audit.
* CODE (all tiers, ILO fundamental conventions): fail on critical labour
  evidence or a failed audit; review on any other labour-risk flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scrisk.assessment.context import Context
from scrisk.findings import Flag

CLAUSES = ("A3006T", "POW", "PN150", "CT9897", "CODE")
LABOUR_RULES = ("WATCHLIST", "REGION", "GOODS", "CT9897", "AUDIT", "COUNTRY")


@dataclass(frozen=True)
class ClauseStatus:
    clause: str
    status: str  # pass | fail | review | not_applicable
    flags: tuple[str, ...] = ()
    note_key: str = ""
    note_params: dict[str, Any] = field(default_factory=dict)


def flag_ref(f: Flag) -> str:
    """How the clause matrix refers to a flag: ``RULE:party:good``."""
    return f"{f.rule}:{f.party or ''}:{f.good or ''}"


def _refs(flags: Iterable[Flag]) -> tuple[str, ...]:
    return tuple(sorted({flag_ref(f) for f in flags}))


def _status(
    clause: str, fail: list[Flag], review: list[Flag], note: str = "", **params: Any
) -> ClauseStatus:
    if fail:
        return ClauseStatus(
            clause, "fail", _refs(fail + review), f"clause_note.{clause}.fail", params
        )
    if review:
        return ClauseStatus(clause, "review", _refs(review), f"clause_note.{clause}.review", params)
    return ClauseStatus(clause, "pass", (), note or f"clause_note.{clause}.pass", params)


def evaluate(ctx: Context, flags: list[Flag]) -> list[ClauseStatus]:
    """Status of every clause on the as-of date, in the fixed clause order."""
    by_rule: dict[str, list[Flag]] = {}
    for f in flags:
        by_rule.setdefault(f.rule, []).append(f)

    def rule(r: str, *severities: str) -> list[Flag]:
        return [f for f in by_rule.get(r, ()) if not severities or f.severity in severities]

    unchecked = (
        rule("CHAIN_GAP") + rule("DATA_GAP") + rule("WATCHLIST", "medium") + rule("CT9897", "high")
    )
    out: list[ClauseStatus] = []
    for clause in CLAUSES:
        since = ctx.clause_since(clause)
        if not ctx.clause_in_force(clause):
            key = "clause_note.not_in_force" if since else "clause_note.not_for_category"
            out.append(
                ClauseStatus(
                    clause,
                    "not_applicable",
                    (),
                    key,
                    {
                        "since": since.isoformat() if since else "",
                        "as_of": ctx.as_of.isoformat(),
                        "category": ctx.category,
                    },
                )
            )
            continue
        if clause == "A3006T":
            undated = rule("EP_CERT", "info")
            note = "clause_note.A3006T.undated" if undated else ""
            out.append(
                _status(
                    clause,
                    rule("EP_CERT", "high"),
                    [],
                    note,
                    parties=", ".join(sorted({f.party or "" for f in undated})),
                )
            )
        elif clause == "POW":
            out.append(_status(clause, rule("POW"), []))
        elif clause == "CT9897":
            out.append(_status(clause, rule("CT9897", "critical"), unchecked))
        elif clause == "PN150":
            out.append(_status(clause, rule("CT9897", "critical"), unchecked + rule("AUDIT")))
        else:  # CODE
            labour = [f for r in LABOUR_RULES for f in rule(r) if f.severity != "info"]
            fail = [f for f in labour if f.severity == "critical"] + rule("AUDIT")
            review = [f for f in labour if f not in fail]
            out.append(_status(clause, fail, review))
    return out


__all__ = ["CLAUSES", "ClauseStatus", "evaluate", "flag_ref"]
