"""Corrective action plans tied to flags of awarded contracts.

An action names a contract, the flag it answers (``RULE:PARTY``), an owner, a
plan and a due date. Its status moves forward only, open -> in_progress ->
verified -> closed (a step may be skipped, never undone); each update may carry
a note, kept in ``action_notes``. An action not yet verified or closed after
its due date is **overdue**: rescreen, history and the S-211 report show it.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from scrisk.register import schema as S
from scrisk.register.codec import Action, ActionMoved, ActionNote, read_document
from scrisk.register.connect import RegisterError
from scrisk.register.ids import as_date, by_prefix, contract_record
from scrisk.register.life import RegisterLife
from scrisk.register.rows import now_utc
from scrisk.vocab import ActionStatus, values

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Connection

STATUSES = values(ActionStatus)
DONE = (ActionStatus.VERIFIED.value, ActionStatus.CLOSED.value)  # no longer overdue


def is_overdue(status: str, due: str, on: date) -> bool:
    """Not yet verified or closed, and due (ISO text) before ``on``."""
    return status not in DONE and due < on.isoformat()


def _today() -> date:
    from scrisk.reference.freshness import today

    return today()


def _flags_of(conn: Connection, record: str) -> set[str]:
    """``RULE:PARTY`` of every flag in the last recorded assessment of a contract
    (``RULE:-`` for a flag on no party, e.g. CT9897 on the whole bid)."""
    from sqlalchemy import select

    doc = conn.execute(
        select(S.records.c.document)
        .where(S.records.c.root == record)
        .order_by(S.records.c.seq.desc())
        .limit(1)
    ).scalar_one()
    return {f"{f.rule}:{f.party or '-'}" for f in read_document(doc).flags}


class RegisterActions(RegisterLife):
    """Opening, updating and listing corrective actions."""

    def open_action(
        self,
        contract: str,
        *,
        flag: str,
        due: date | str,
        owner: str,
        plan: str,
        on: date | str | None = None,
    ) -> Action:
        """Open an action on ``flag`` ("RULE:PARTY") of an awarded contract; returns it."""
        from scrisk.vocab import Rule

        opened = as_date(on, "action --on") if on is not None else _today()
        due_on = as_date(due, "action --due")
        faults = []
        rule, sep, party = str(flag).partition(":")
        rule, party = rule.strip().upper(), party.strip()
        if not sep or not party:
            faults.append(f"--flag {flag!r}: expected RULE:PARTY (e.g. WATCHLIST:M1)")
        elif rule not in values(Rule):
            faults.append(f"--flag {flag!r}: {rule!r} is not a rule ({', '.join(values(Rule))})")
        if due_on < opened:
            faults.append(
                f"--due {due_on.isoformat()} is before the action opens ({opened.isoformat()})"
            )
        if not str(owner).strip():
            faults.append("--owner: who carries the action out is needed")
        if not str(plan).strip():
            faults.append("--plan: what will be done is needed")
        if faults:
            raise RegisterError("action open: " + "; ".join(faults))

        def work(conn: Connection) -> Action:
            award = contract_record(conn, contract, where=self.where)
            raised = _flags_of(conn, award.record)
            if f"{rule}:{party}" not in raised:
                shown = ", ".join(sorted(raised)) or "none"
                raise RegisterError(
                    f"action open: contract {award.contract!r} has no flag {rule}:{party} in "
                    f"its last assessment (its flags: {shown})"
                )
            aid, status, at = str(uuid.uuid4()), ActionStatus.OPEN.value, now_utc()
            row = {
                "id": aid,
                "record": award.record,
                "rule": rule,
                "party": party,
                "owner": str(owner).strip(),
                "plan": str(plan).strip(),
                "opened_on": opened.isoformat(),
                "due": due_on.isoformat(),
                "status": status,
                "closed_on": None,
                "recorded_at": at,
            }
            conn.execute(S.actions.insert(), [row])
            note = {
                "action": aid,
                "status": status,
                "note": None,
                "noted_on": opened.isoformat(),
                "recorded_at": at,
            }
            conn.execute(S.action_notes.insert(), [note])
            return Action(
                id=aid,
                contract=award.contract,
                record=award.record,
                flag=f"{rule}:{party}",
                rule=rule,
                party=party,
                owner=str(owner).strip(),
                plan=str(plan).strip(),
                opened_on=opened.isoformat(),
                due=due_on.isoformat(),
                status=status,
                closed_on=None,
                notes=(ActionNote(status, None, opened.isoformat()),),
                overdue=False,
            )

        return self._retry(work)

    def update_action(
        self,
        action: str,
        *,
        status: str,
        note: str | None = None,
        on: date | str | None = None,
    ) -> ActionMoved:
        """Move an action (id or unambiguous prefix) forward to ``status``, with a note."""
        from sqlalchemy import select

        when = as_date(on, "action --on") if on is not None else _today()
        if status not in STATUSES:
            raise RegisterError(
                f"action update: --status {status!r} is not one of {', '.join(STATUSES)}"
            )

        def work(conn: Connection) -> ActionMoved:
            aid = by_prefix(conn, S.actions.c.id, action, what="action", where=self.where)
            row = conn.execute(select(S.actions).where(S.actions.c.id == aid)).one()
            now, then = STATUSES.index(row.status), STATUSES.index(status)
            if then < now or (then == now and not note):
                allowed = ", ".join(STATUSES[now + 1 :]) or "none (it is closed)"
                raise RegisterError(
                    f"action update: action {aid[:8]} is {row.status}; a status moves "
                    f"forward only (open -> in_progress -> verified -> closed): from "
                    f"{row.status} it may go to {allowed}"
                    + ("" if then < now else ", or stay with a --note")
                )
            if when.isoformat() < row.opened_on:
                raise RegisterError(
                    f"action update: --on {when.isoformat()} is before the action "
                    f"opened ({row.opened_on})"
                )
            closed = when.isoformat() if status == ActionStatus.CLOSED.value else row.closed_on
            conn.execute(
                S.actions.update()
                .where(S.actions.c.id == aid)
                .values(status=status, closed_on=closed)
            )
            conn.execute(
                S.action_notes.insert(),
                [
                    {
                        "action": aid,
                        "status": status,
                        "note": (note or "").strip() or None,
                        "noted_on": when.isoformat(),
                        "recorded_at": now_utc(),
                    }
                ],
            )
            return ActionMoved(aid, status, row.status, when.isoformat())

        return self._retry(work)

    def actions(
        self,
        *,
        only_open: bool = False,
        overdue: bool = False,
        on: date | None = None,
        record: str | None = None,
    ) -> list[dict[str, Any]]:
        """Actions in the order opened, each with its contract, notes and ``overdue`` on ``on``."""
        found = self.read_actions(only_open=only_open, overdue=overdue, on=on, record=record)
        return [a.to_dict() for a in found]

    def read_actions(
        self,
        *,
        only_open: bool = False,
        overdue: bool = False,
        on: date | None = None,
        record: str | None = None,
    ) -> list[Action]:
        """Actions in the order opened, typed (see :meth:`actions`)."""
        from sqlalchemy import select

        when = on or _today()
        q = (
            select(S.actions, S.awards.c.contract)
            .join(S.awards, S.awards.c.record == S.actions.c.record)
            .order_by(S.actions.c.seq)
        )
        if record is not None:
            q = q.where(S.actions.c.record == record)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            notes: dict[str, list[ActionNote]] = {}
            for n in conn.execute(select(S.action_notes).order_by(S.action_notes.c.seq)):
                notes.setdefault(n.action, []).append(ActionNote(n.status, n.note, n.noted_on))
        out = []
        for r in rows:
            late = is_overdue(r.status, r.due, when)
            if (only_open and r.status in DONE) or (overdue and not late):
                continue
            out.append(
                Action(
                    id=r.id,
                    contract=r.contract,
                    record=r.record,
                    flag=f"{r.rule}:{r.party}",
                    rule=r.rule,
                    party=r.party,
                    owner=r.owner,
                    plan=r.plan,
                    opened_on=r.opened_on,
                    due=r.due,
                    status=r.status,
                    closed_on=r.closed_on,
                    notes=tuple(notes.get(r.id, ())),
                    overdue=late,
                )
            )
        return out


__all__ = ["DONE", "STATUSES", "RegisterActions", "is_overdue"]
