"""The register's events in order: assessed, re-screened, awarded, called up, decided,
evidence, action — what ``scrisk history`` shows and the history JSON's ``events``.

Each event carries its date in the contract's life (the as-of date of an
assessment, the award and call-up dates, a decision's date, the day an action
opened or moved; evidence: the day it was kept), then the time it was
recorded and the kind, so the order is the same on every database.
Names, not ids: the bidder's and supplier's names as declared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from scrisk.register.codec import (
    Action,
    CallUp,
    DecisionEntry,
    Event,
    Evidence,
    Record,
)


def _records(records: Sequence[Record]) -> list[Event]:
    out: list[Event] = []
    for r in records:
        common = Event(
            event="assessed",
            date=r.as_of or r.recorded_at[:10],
            recorded_at=r.recorded_at,
            record=r.id,
            solicitation=r.solicitation,
            bidder=r.bidder_shown,
            risk_level=r.risk_level,
            score=r.score,
            stage=r.stage,
        )
        if r.rescreen_of:
            number = r.contract.number if r.contract else None
            out.append(replace(common, event="rescreened", contract=number))
            continue
        out.append(common)
        if r.contract:
            out.append(
                Event(
                    event="awarded",
                    date=r.contract.awarded_on or r.recorded_at[:10],
                    recorded_at=r.recorded_at,
                    record=r.id,
                    solicitation=r.solicitation,
                    bidder=r.bidder_shown,
                    contract=r.contract.number,
                    instrument=r.instrument or "contract",
                )
            )
    return out


def _callup(c: CallUp, solicitation: str | None) -> Event:
    return Event(
        event="called_up",
        date=c.called_on or c.recorded_at[:10],
        recorded_at=c.recorded_at,
        record=c.record,
        solicitation=solicitation,
        contract=c.contract,
        number=c.number,
        value=c.value,
        risk_level=c.risk_level,
        score=c.score,
    )


def _decided(d: DecisionEntry) -> Event:
    return Event(
        event="decided",
        date=d.date,  # as given (the time of recording is not the decision's date)
        recorded_at=d.recorded_at,
        name=d.name,
        country=d.country,
        entry_id=d.entry_id,
        decision=d.decision,
        reviewer=d.reviewer,
        comment=d.comment,
        party=d.party,
        record=d.record,
    )


def _evidence(e: Evidence) -> Event:
    return Event(
        event="evidence",
        date=e.recorded_at[:10],
        recorded_at=e.recorded_at,
        id=e.id,
        supplier=e.supplier,
        country=e.country,
        kind=e.kind,
        issuer=e.issuer,
        scheme=e.scheme,
        material=e.material,
        valid_from=e.valid_from,
        valid_to=e.valid_to,
        file=e.file,
        file_sha256=e.file_sha256,
    )


def _action(a: Action, solicitation: str | None) -> list[Event]:
    last = len(a.notes) - 1
    return [
        Event(
            event="action",
            date=n.on or "",
            recorded_at="",
            id=a.id,
            record=a.record,
            solicitation=solicitation,
            contract=a.contract,
            flag=a.flag,
            owner=a.owner,
            due=a.due,
            status=n.status,
            note=n.note,
            opened=i == 0,
            overdue=a.overdue and i == last,
        )
        for i, n in enumerate(a.notes)
    ]


def events(
    records: Sequence[Record],
    decisions: Sequence[DecisionEntry],
    *,
    callups: Sequence[CallUp],
    evidence: Sequence[Evidence],
    actions: Sequence[Action],
) -> tuple[Event, ...]:
    """Every event of a history: its records, decisions, call-ups, evidence and actions."""
    sols = {r.id: r.solicitation for r in records}
    out = _records(records)
    out += [_callup(c, sols[c.record]) for c in callups if c.record in sols]
    out += [_decided(d) for d in decisions]
    out += [_evidence(e) for e in evidence]
    for a in actions:
        if a.record in sols:
            out += _action(a, sols[a.record])
    out.sort(key=Event.sort_key)
    return tuple(out)


__all__ = ["events"]
