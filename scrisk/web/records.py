"""The register as the pages read it: records, live assessments, decisions, contracts.

A record's page shows the *stored declaration assessed again* with the
record's as-of date, stage and policy and the register's current decisions on
its suppliers: an answer given on the page applies at once, and in every later
bid naming the same supplier (the register keys decisions by supplier). The
recorded document stays in the register as it was; downloads are made from
the same stored declaration, so the page and the files agree.

Assessments are cached by (record, decisions in force): re-reading a page is
cheap, and a new answer makes a new entry.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from scrisk.register import Register, RegisterError

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment import Assessment
    from scrisk.decisions import Decision
    from scrisk.model import Declaration
    from scrisk.register.codec import Action, CallUp, Contract, Evidence, Record

RECORD_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CACHED = 32  # assessments kept in memory


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One record as ``Register.read_history()`` lists it, blanks as empty text."""

    id: str
    solicitation: str
    bidder: str
    bidder_name: str
    as_of: str
    stage: str
    risk_level: str
    score: float | None
    recorded_at: str
    declaration: str  # sha256
    rescreen_of: str | None
    contract: Contract | None

    @classmethod
    def of(cls, r: Record) -> RecordRow:
        return cls(
            id=r.id,
            solicitation=r.solicitation or "",
            bidder=r.bidder or "",
            bidder_name=r.bidder_name or "",
            as_of=r.as_of or "",
            stage=r.stage or "bid",
            risk_level=r.risk_level or "",
            score=r.score,
            recorded_at=r.recorded_at,
            declaration=r.declaration_sha256,
            rescreen_of=r.rescreen_of,
            contract=r.contract,
        )


@dataclass(frozen=True, slots=True)
class Life:
    """A contract's life as its page shows it: call-ups, its suppliers' evidence (each
    piece once) and corrective actions, with the evidence past its end date today."""

    callups: list[CallUp]
    evidence: list[Evidence]
    actions: list[Action]
    expired: frozenset[str]  # ids of the evidence that has expired


class Records:
    """The register behind the pages (one per application; thread-safe reads)."""

    def __init__(self, register: Register) -> None:
        self.register = register
        # assessments by (record, decisions in force); declarations by sha256
        self._assessments: OrderedDict[tuple[str, tuple[Decision, ...]], Assessment] = OrderedDict()
        self._declarations: OrderedDict[str, Declaration] = OrderedDict()
        self._lock = threading.Lock()

    # -- lists -------------------------------------------------------------------------------
    def all(self) -> list[RecordRow]:
        """Every record, oldest first."""
        return [RecordRow.of(r) for r in self.register.read_history().records]

    def recent(self, limit: int = 20) -> list[RecordRow]:
        """The latest records, newest first."""
        return list(reversed(self.all()))[:limit]

    def get(self, record_id: str) -> RecordRow | None:
        if not RECORD_ID.fullmatch(record_id):
            return None
        return next((r for r in self.all() if r.id == record_id), None)

    def bids_of(self, solicitation: str) -> list[RecordRow]:
        """The bid records of a solicitation (not re-screens), the latest per bidder
        (party ids repeat across bids, so a bidder is its id and name)."""
        latest: dict[tuple[str, str], RecordRow] = {}
        for r in self.all():
            if r.solicitation == solicitation and r.rescreen_of is None:
                latest[(r.bidder_name, r.bidder)] = r
        return [latest[k] for k in sorted(latest)]

    def chain(self, record_id: str) -> list[RecordRow]:
        """A contract's record and its re-screens, oldest first."""
        return [r for r in self.all() if r.id == record_id or r.rescreen_of == record_id]

    def document(self, record_id: str) -> dict[str, Any]:
        """The document stored with a record (English, as recorded)."""
        return self.register.record_document(record_id)

    # -- assessments ---------------------------------------------------------------------------
    def assessment(self, row: RecordRow) -> Assessment:
        """The stored declaration assessed again with the decisions in force now."""
        from scrisk.assessment import assess
        from scrisk.register.codec import read_document
        from scrisk.register.rescreen import recorded_policy

        declaration = self._declaration(row.declaration)
        decisions = tuple(self.register.decisions_for(declaration))
        key = (row.id, decisions)
        with self._lock:
            found = self._assessments.get(key)
            if found is not None:
                self._assessments.move_to_end(key)
                return found
        provenance = read_document(self.document(row.id)).provenance
        overrides = provenance.policy_overrides if provenance is not None else {}
        found = assess(
            declaration,
            as_of=row.as_of or None,
            policy=recorded_policy(overrides),
            decisions=list(decisions),
            stage=row.stage if row.stage in ("bid", "contract") else "bid",
        )
        with self._lock:
            self._assessments[key] = found
            while len(self._assessments) > CACHED:
                self._assessments.popitem(last=False)
        return found

    def _declaration(self, sha256: str) -> Declaration:
        from scrisk.register.rescreen import load_stored

        with self._lock:
            found = self._declarations.get(sha256)
        if found is None:
            found = load_stored(self.register.declaration(sha256), sha256=sha256)
            with self._lock:
                self._declarations[sha256] = found
                while len(self._declarations) > CACHED:
                    self._declarations.popitem(last=False)
        return found

    def life(self, row: RecordRow) -> Life:
        """The contract's call-ups, its suppliers' evidence (kept by supplier, like
        decisions; evidence past its end date is marked expired) and its corrective
        actions."""
        declaration = self._declaration(row.declaration)
        names = sorted({p.name for p in declaration.parties if p.name})
        evidence: dict[str, Evidence] = {}
        for name in names:
            for item in self.register.read_evidence(supplier=name):
                evidence.setdefault(item.id, item)
        today = date.today().isoformat()  # the page is read today: expired evidence says so
        return Life(
            callups=self.register.read_callups(record=row.id),
            evidence=list(evidence.values()),
            actions=self.register.read_actions(record=row.id),
            expired=frozenset(e.id for e in evidence.values() if e.valid_to and e.valid_to < today),
        )

    # -- writes ---------------------------------------------------------------------------------
    def record(self, assessment: Assessment, *, body: bytes, filename: str) -> str:
        return self.register.record(assessment, declaration=body, filename=filename)

    def decide(
        self,
        row: RecordRow,
        *,
        party: str,
        entry_id: str,
        decision: str,
        reviewer: str,
        comment: str | None,
        on: date,
    ) -> None:
        """Keep a reviewer's answer on one name match of this record's bid, by supplier."""
        from scrisk.decisions import Decision, entry_state
        from scrisk.reference import get_reference

        declaration = self._declaration(row.declaration)
        found = next((p for p in declaration.parties if p.id == party), None)
        if found is None:
            raise RegisterError(f"no party {party!r} in this bid")
        self.register.add_decisions(
            [
                Decision(
                    party,
                    entry_id,
                    decision,
                    reviewer,
                    on.isoformat(),
                    comment or None,
                    name=found.name,
                    country=found.country_code,
                    entry_state=entry_state(get_reference().list_entry(entry_id)),
                )
            ],
            record=row.id,
        )

    def award(self, row: RecordRow, *, contract: str, on: str, instrument: str) -> None:
        self.register.award(row.id, contract=contract, on=on, instrument=instrument)

    def rescreen(self, *, as_of: date) -> dict[str, Any]:
        from scrisk.register.rescreen import rescreen

        result = rescreen(self.register, as_of=as_of, workers=1)
        with self._lock:
            self._assessments.clear()
            self._declarations.clear()
        return result


__all__ = ["CACHED", "RECORD_ID", "Life", "RecordRow", "Records"]
