"""The Register JSON (``scrisk-history/1``): records, re-screen runs, decisions, oldest first;
since schema v3 also call-ups, evidence, actions and every event in order (``events``)."""

from __future__ import annotations

from typing import Any

from scrisk.register import schema as S
from scrisk.register.actions import RegisterActions

HISTORY_FORMAT = "scrisk-history/1"


class RegisterHistory(RegisterActions):
    """What :class:`~scrisk.register.store.Register` tells of its past (a mixin, like
    :class:`~scrisk.register.life.RegisterLife`)."""

    def history(self, solicitation: str | None = None) -> dict[str, Any]:
        """The Register JSON: records (with their contract), re-screen runs, decisions."""
        return _history(self, solicitation)


def _history(register: RegisterActions, solicitation: str | None) -> dict[str, Any]:
    from sqlalchemy import select

    with register._reading() as conn:
        q = (
            select(S.records, S.awards.c.contract, S.awards.c.awarded_on, S.awards.c.instrument)
            .outerjoin(S.awards, S.awards.c.record == S.records.c.root)
            .order_by(S.records.c.seq)
        )
        if solicitation:
            q = q.where(S.records.c.solicitation == solicitation)
        records = [
            {
                "id": r.id,
                "solicitation": r.solicitation,
                "bidder": r.bidder,
                "bidder_name": r.bidder_name,
                "as_of": r.as_of,
                "stage": r.stage,
                "risk_level": r.risk_level,
                "score": r.score,
                "recorded_at": r.recorded_at,
                "declaration_sha256": r.declaration,
                "rescreen_of": r.root if r.root != r.id else None,
                "rescreen": r.rescreen,
                "instrument": r.instrument,  # of the contract, once awarded (v3)
                "contract": (
                    {"number": r.contract, "awarded_on": r.awarded_on}
                    if r.contract is not None
                    else None
                ),
            }
            for r in conn.execute(q)
        ]
        runs = [
            dict(r._mapping)
            for r in conn.execute(
                select(S.rescreens).order_by(S.rescreens.c.recorded_at, S.rescreens.c.id)
            )
        ]
        if solicitation:
            wanted = {r["rescreen"] for r in records if r["rescreen"]}
            runs = [r for r in runs if r["id"] in wanted]
        decided = [
            {
                "name": r.name,
                "country": r.country or None,
                "entry_id": r.entry_id,
                "decision": r.decision,
                "reviewer": r.reviewer,
                "date": r.date,
                "comment": r.comment,
                "party": r.party,
                "record": r.record,
                "recorded_at": r.recorded_at,
            }
            for r in conn.execute(select(S.decisions).order_by(S.decisions.c.seq))
        ]
        if solicitation:
            ids = {r["id"] for r in records}
            decided = [d for d in decided if d["record"] in ids]
    found = {"format": HISTORY_FORMAT, "records": records, "rescreens": runs, "decisions": decided}
    return _life(register, found, whole=not solicitation)


def _life(register: RegisterActions, found: dict[str, Any], *, whole: bool) -> dict[str, Any]:
    """Call-ups, evidence (whole register only: it is about suppliers, not one
    solicitation), actions and the ordered events of a history."""
    from scrisk.reference.freshness import today
    from scrisk.register.events import events

    ids = {r["id"] for r in found["records"]}
    callups = [c for c in register.callups() if c["record"] in ids]
    evidence = (
        [{k: v for k, v in e.items() if k != "name_key"} for e in register.evidence()]
        if whole
        else []
    )
    on = today()
    actions = [a for a in register.actions(on=on) if a["record"] in ids]
    found.update(
        callups=callups,
        evidence=evidence,
        actions=actions,
        events=events(found, callups=callups, evidence=evidence, actions=actions),
    )
    return found


__all__ = ["HISTORY_FORMAT", "RegisterHistory"]
