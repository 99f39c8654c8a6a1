"""The figures of a department's annual Supply Chains Act (S-211) report, from the register.

The financial year ending 31 March YYYY runs from 1 April YYYY-1; the report
is due 31 May YYYY. A contract belongs to the year when it was awarded in it,
or when it was called up, re-screened or had a corrective action in it (the
department followed it that year). Every figure is a count of what the
register holds — nothing is estimated; a contract whose level is not known
counts under "unknown". The result is plain JSON (sorted keys, no time of
running), the same bytes for the same register.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from scrisk.assessment.document import AssessmentDocument
from scrisk.register import schema as S
from scrisk.register.actions import DONE
from scrisk.register.codec import (
    S211_FORMAT,
    S211Actions,
    S211Callups,
    S211ChangeCount,
    S211Contract,
    S211Contracts,
    S211Decisions,
    S211Evidence,
    S211Figures,
    S211FlagCount,
    S211Flags,
    S211Period,
    read_document,
)
from scrisk.register.diff import diff_changes
from scrisk.vocab import UNKNOWN_LEVEL

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.register.store import Register


def period(year: int) -> tuple[date, date, date]:
    """(first day, last day, due date) of the financial year ending 31 March ``year``."""
    return date(year - 1, 4, 1), date(year, 3, 31), date(year, 5, 31)


def _in(day: str | None, start: str, end: str) -> bool:
    return bool(day) and start <= str(day)[:10] <= end


def _counts(values: list[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def figures(register: Register, *, year: int, department: str) -> S211Figures:
    """The report's figures (``scrisk-s211/1``) for the financial year ending 31 March ``year``."""
    from sqlalchemy import select

    first, last, due = period(year)
    start, end = first.isoformat(), last.isoformat()
    with register.engine.connect() as conn:
        awards = conn.execute(select(S.awards).order_by(S.awards.c.record)).all()
        records = conn.execute(
            select(S.records.c.root, S.records.c.as_of, S.records.c.document)
            .where(S.records.c.root.in_([a.record for a in awards]))
            .order_by(S.records.c.seq)
        ).all()
    stored: dict[str, list[str]] = {}
    for r in records:
        stored.setdefault(r.root, []).append(r.document)
    callups = [c for c in register.read_callups() if _in(c.called_on, start, end)]
    actions = register.read_actions(on=last)
    followed = {c.record for c in callups}
    followed |= {a.record for a in actions if any(_in(n.on, start, end) for n in a.notes)}
    contracts: list[S211Contract] = []
    flags: Counter[tuple[str, str]] = Counter()
    changes: Counter[tuple[str, str]] = Counter()
    for a in awards:
        texts = stored.get(a.record, [])
        history: list[AssessmentDocument] = [read_document(text) for text in texts]
        in_year = [d for d in history[1:] if _in(d.as_of, start, end)]  # re-screens
        awarded_in_year = _in(a.awarded_on, start, end)
        if not (awarded_in_year or in_year or a.record in followed):
            continue
        if a.awarded_on > end:
            continue
        latest = in_year[-1] if in_year else history[0]
        contracts.append(
            S211Contract(
                contract=a.contract,
                instrument=a.instrument,
                awarded_on=a.awarded_on,
                awarded_in_year=awarded_in_year,
                category=latest.solicitation.category or "unknown",
                countries=tuple(sorted({p.country or "unknown" for p in latest.parties})),
                risk_level=latest.risk_level or UNKNOWN_LEVEL,
                rescreens=len(in_year),
            )
        )
        for f in latest.flags:
            flags[(f.rule, f.severity)] += 1
        before = [d for d in history if str(d.as_of or "") < start] or history[:1]
        if in_year:
            for ch in diff_changes(before[-1], in_year[-1]):
                changes[(ch.change, ch.rule)] += 1
    decided = [
        d for d in register.read_history().decisions if _in(d.date or d.recorded_at, start, end)
    ]
    evidence = [e for e in register.read_evidence() if e.valid_from <= end and e.valid_to >= start]
    opened = [a for a in actions if _in(a.opened_on, start, end)]
    overdue = [
        a
        for a in actions
        if a.opened_on <= end and a.due < end and (a.status_on(end) or "open") not in DONE
    ]
    closed = [a for a in actions if _in(a.closed_on, start, end)]
    return S211Figures(
        format=S211_FORMAT,
        department=department,
        year=year,
        period=S211Period(start, end, due.isoformat()),
        contracts=S211Contracts(
            count=len(contracts),
            awarded_in_year=sum(c.awarded_in_year for c in contracts),
            by_instrument=_counts([c.instrument for c in contracts]),
            by_category=_counts([c.category for c in contracts]),
            by_country=_counts([k for c in contracts for k in c.countries]),
            by_level=_counts([c.risk_level for c in contracts]),
            listed=tuple(contracts),
        ),
        callups=S211Callups(
            count=len(callups),
            value_cad=sum(c.value or 0 for c in callups),
            by_level=_counts([c.risk_level or UNKNOWN_LEVEL for c in callups]),
        ),
        flags=S211Flags(
            found=tuple(S211FlagCount(rule, sev, n) for (rule, sev), n in sorted(flags.items())),
            rescreen_changes=tuple(
                S211ChangeCount(ch, rule, n) for (ch, rule), n in sorted(changes.items())
            ),
        ),
        decisions=S211Decisions(
            count=len(decided),
            by_decision=_counts([d.decision for d in decided]),
        ),
        evidence=S211Evidence(
            count=len(evidence),
            by_kind=_counts([e.kind for e in evidence]),
            valid_at_year_end=sum(e.status_on(end) == "valid" for e in evidence),
        ),
        actions=S211Actions(
            opened=len(opened),
            overdue_at_year_end=len(overdue),
            closed=len(closed),
            by_status_at_year_end=_counts(
                [a.status_on(end) or "open" for a in actions if a.opened_on <= end]
            ),
        ),
    )


__all__ = ["figures", "period"]
