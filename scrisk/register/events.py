"""The register's events in order: assessed, re-screened, awarded, called up, decided,
evidence, action — what ``scrisk history`` shows and the history JSON's ``events``.

Each event carries its date in the contract's life (the as-of date of an
assessment, the award and call-up dates, a decision's date, the day an action
opened or moved; evidence: the day it was kept), then the time it was
recorded and the kind, so the order is the same on every database.
Names, not ids: the bidder's and supplier's names as declared.
"""

from __future__ import annotations

from typing import Any

KINDS = ("assessed", "rescreened", "awarded", "called_up", "decided", "evidence", "action")


def _event(kind: str, on: str | None, at: str, /, **fields: Any) -> dict[str, Any]:
    return {"event": kind, "date": on or at[:10], "recorded_at": at, **fields}


def events(
    found: dict[str, Any],
    *,
    callups: list[dict[str, Any]],
    evidence: list[dict[str, Any]],
    actions: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every event of a history (``found``: the Register JSON's records and decisions)."""
    names = {r["id"]: (r["bidder_name"] or r["bidder"] or "") for r in found["records"]}
    sols = {r["id"]: r["solicitation"] for r in found["records"]}
    out: list[dict[str, Any]] = []
    for r in found["records"]:
        common = {
            "record": r["id"],
            "solicitation": r["solicitation"],
            "bidder": names[r["id"]],
            "risk_level": r["risk_level"],
            "score": r["score"],
            "stage": r["stage"],
        }
        if r["rescreen_of"]:
            contract = (r["contract"] or {}).get("number")
            out.append(
                _event("rescreened", r["as_of"], r["recorded_at"], contract=contract, **common)
            )
            continue
        out.append(_event("assessed", r["as_of"], r["recorded_at"], **common))
        if r["contract"]:
            c = r["contract"]
            out.append(
                _event(
                    "awarded",
                    c["awarded_on"],
                    r["recorded_at"],
                    record=r["id"],
                    solicitation=r["solicitation"],
                    bidder=names[r["id"]],
                    contract=c["number"],
                    instrument=r.get("instrument") or "contract",
                )
            )
    for c in callups:
        if c["record"] in names:
            out.append(
                _event(
                    "called_up",
                    c["called_on"],
                    c["recorded_at"],
                    record=c["record"],
                    solicitation=sols[c["record"]],
                    contract=c["contract"],
                    number=c["number"],
                    value=c["value"],
                    risk_level=c["risk_level"],
                    score=c["score"],
                )
            )
    for d in found["decisions"]:
        out.append(_event("decided", d["date"], d["recorded_at"], **d))
    for e in evidence:
        out.append(
            _event(
                "evidence",
                None,
                e["recorded_at"],
                **{k: v for k, v in e.items() if k not in ("recorded_at", "name_key")},
            )
        )
    for a in actions:
        if a["record"] not in names:
            continue
        for i, n in enumerate(a["notes"]):
            out.append(
                _event(
                    "action",
                    n["on"],
                    "",
                    id=a["id"],
                    record=a["record"],
                    solicitation=sols[a["record"]],
                    contract=a["contract"],
                    flag=a["flag"],
                    owner=a["owner"],
                    due=a["due"],
                    status=n["status"],
                    note=n["note"],
                    opened=i == 0,
                    overdue=a["overdue"] and i == len(a["notes"]) - 1,
                )
            )
    out.sort(key=lambda e: (e["date"], KINDS.index(e["event"]), e["recorded_at"]))
    return out


__all__ = ["KINDS", "events"]
