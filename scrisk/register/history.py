"""The Register JSON (``scrisk-history/1``): records, re-screen runs, decisions, oldest first;
since schema v3 also call-ups, evidence, actions and every event in order (``events``)."""

from __future__ import annotations

from dataclasses import replace

from scrisk.jsontypes import JsonValue
from scrisk.reference.freshness import today
from scrisk.register import schema as S
from scrisk.register.actions import RegisterActions
from scrisk.register.codec import (
    HISTORY_FORMAT,
    Contract,
    DecisionEntry,
    History,
    Record,
    RescreenRun,
)
from scrisk.register.events import events


class RegisterHistory(RegisterActions):
    """What :class:`~scrisk.register.store.Register` tells of its past (a mixin, like
    :class:`~scrisk.register.life.RegisterLife`)."""

    def history(self, solicitation: str | None = None) -> dict[str, JsonValue]:
        """The Register JSON: records (with their contract), re-screen runs, decisions."""
        return self.read_history(solicitation).to_dict()

    def read_history(self, solicitation: str | None = None) -> History:
        """The Register JSON, typed."""
        return _history(self, solicitation)


def _record(r: S.StoredRow) -> Record:
    return Record(
        id=r.id,
        solicitation=r.solicitation,
        bidder=r.bidder,
        bidder_name=r.bidder_name,
        as_of=r.as_of,
        stage=r.stage,
        risk_level=r.risk_level,
        score=r.score,
        recorded_at=r.recorded_at,
        declaration_sha256=r.declaration,
        rescreen_of=r.root if r.root != r.id else None,
        rescreen=r.rescreen,
        instrument=r.instrument,
        contract=Contract(r.contract, r.awarded_on) if r.contract is not None else None,
    )


def _decided(r: S.StoredRow) -> DecisionEntry:
    return DecisionEntry(
        name=r.name,
        country=r.country or None,
        entry_id=r.entry_id,
        decision=r.decision,
        reviewer=r.reviewer,
        date=r.date,
        comment=r.comment,
        party=r.party,
        record=r.record,
        recorded_at=r.recorded_at,
    )


def _history(register: RegisterActions, solicitation: str | None) -> History:
    from sqlalchemy import select

    with register._reading() as conn:
        q = (
            select(S.records, S.awards.c.contract, S.awards.c.awarded_on, S.awards.c.instrument)
            .outerjoin(S.awards, S.awards.c.record == S.records.c.root)
            .order_by(S.records.c.seq)
        )
        if solicitation:
            q = q.where(S.records.c.solicitation == solicitation)
        records = [_record(r) for r in conn.execute(q)]
        runs = [
            RescreenRun(r.id, r.as_of, r.contracts, r.rose, r.recorded_at)
            for r in conn.execute(
                select(S.rescreens).order_by(S.rescreens.c.recorded_at, S.rescreens.c.id)
            )
        ]
        if solicitation:
            wanted = {r.rescreen for r in records if r.rescreen}
            runs = [r for r in runs if r.id in wanted]
        decided = [
            _decided(r) for r in conn.execute(select(S.decisions).order_by(S.decisions.c.seq))
        ]
        if solicitation:
            ids = {r.id for r in records}
            decided = [d for d in decided if d.record in ids]
    return _life(register, records, runs, decided, whole=not solicitation)


def _life(
    register: RegisterActions,
    records: list[Record],
    runs: list[RescreenRun],
    decided: list[DecisionEntry],
    *,
    whole: bool,
) -> History:
    """Call-ups, evidence (whole register only: it is about suppliers, not one
    solicitation), actions and the ordered events of a history."""
    ids = {r.id for r in records}
    callups = [c for c in register.read_callups() if c.record in ids]
    evidence = [replace(e, name_key=None) for e in register.read_evidence()] if whole else []
    actions = [a for a in register.read_actions(on=today()) if a.record in ids]
    return History(
        format=HISTORY_FORMAT,
        records=tuple(records),
        rescreens=tuple(runs),
        decisions=tuple(decided),
        callups=tuple(callups),
        evidence=tuple(evidence),
        actions=tuple(actions),
        events=events(records, decided, callups=callups, evidence=evidence, actions=actions),
    )


__all__ = ["RegisterHistory"]
