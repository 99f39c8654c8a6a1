"""The contract's life in the register: call-ups and due-diligence evidence.

Evidence is keyed by supplier the way reviewer decisions are (normalised name
and resolved country, :func:`scrisk.decisions.supplier_key`), never by a party
id, so an SA8000 certificate kept once counts for the same factory in every
bid. A file given with evidence is stored with its sha256, bounded in size by
the policy (``[register] evidence_file_max_bytes``), and only ever handed back
as bytes: nothing here opens, runs or renders it. Each write is one transaction.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.jsontypes import JsonValue
from scrisk.register import schema as S
from scrisk.register.codec import Award, CallUp, Evidence
from scrisk.register.connect import RegisterError
from scrisk.register.ids import as_date, contract_record
from scrisk.register.rows import now_utc
from scrisk.register.writes import RegisterWrites
from scrisk.vocab import EvidenceKind, Instrument, values

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Connection

CALLED_UP = (Instrument.STANDING_OFFER, Instrument.SUPPLY_ARRANGEMENT)


def _evidence(r: S.StoredRow) -> Evidence:
    return Evidence(
        id=r.id,
        supplier=r.supplier,
        country=r.country or None,
        kind=r.kind,
        issuer=r.issuer,
        scheme=r.scheme,
        material=r.material,
        valid_from=r.valid_from,
        valid_to=r.valid_to,
        file=r.filename,
        file_sha256=r.file_sha256,
        recorded_at=r.recorded_at,
        name_key=r.name_key,
    )


class RegisterLife(RegisterWrites):
    """Call-ups and evidence (the writing and reading halves, each one transaction)."""

    def read_award(self, contract: str) -> Award:
        """The award of ``contract`` (its number, or its record id or a prefix), typed."""
        with self.engine.connect() as conn:
            r = contract_record(conn, contract, where=self.where)
        return Award(r.record, r.contract, r.awarded_on, r.instrument, r.recorded_at)

    def add_callup(
        self,
        contract: str,
        *,
        number: str,
        on: date | str,
        value: float | None = None,
        screened: Callable[[Award, date], tuple[str, float, str]] | None = None,
    ) -> CallUp:
        """Record call-up ``number`` against a standing offer or supply arrangement.

        ``screened(award_row, on) -> (level, score, document_json)``: the standing
        offer assessed as of the call-up date (see :func:`scrisk.register.callups.callup`),
        run before the write so a refused call-up writes nothing.
        """
        when = as_date(on, "callup --on")
        number = str(number).strip()
        if not number:
            raise RegisterError("callup: --number needs a call-up number")
        if value is not None and not value >= 0:
            raise RegisterError(f"callup: --value must be an amount in CAD, 0 or more: {value!r}")
        award = self.read_award(contract)
        self._check_callup(award, number, when)
        level: str | None = None
        score: float | None = None
        document: str | None = None
        if screened is not None:
            level, score, document = screened(award, when)

        def work(conn: Connection) -> CallUp:
            self._check_callup(award, number, when, conn)
            cid, called_on, at = str(uuid.uuid4()), when.isoformat(), now_utc()
            row = {
                "id": cid,
                "record": award.record,
                "number": number,
                "called_on": called_on,
                "value": value,
                "level": level,
                "score": score,
                "document": document,
                "recorded_at": at,
            }
            conn.execute(S.callups.insert(), [row])
            return CallUp(
                id=cid,
                contract=award.contract,
                record=award.record,
                number=number,
                called_on=called_on,
                value=value,
                risk_level=level,
                score=score,
                recorded_at=at,
            )

        return self._retry(work)

    def _check_callup(
        self, award: Award, number: str, when: date, conn: Connection | None = None
    ) -> None:
        from sqlalchemy import select

        if award.instrument not in CALLED_UP:
            raise RegisterError(
                f"callup: contract {award.contract!r} is a plain contract "
                f"({award.instrument}): call-ups are made against a standing offer "
                "or a supply arrangement ('scrisk award ... --instrument standing_offer')"
            )
        if when.isoformat() < award.awarded_on:
            raise RegisterError(
                f"callup: --on {when.isoformat()} is before contract {award.contract!r} "
                f"was awarded ({award.awarded_on})"
            )
        if conn is None:
            return
        same = conn.execute(
            select(S.callups.c.called_on).where(
                S.callups.c.record == award.record, S.callups.c.number == number
            )
        ).first()
        if same is not None:
            raise RegisterError(
                f"callup: call-up {number!r} against contract {award.contract!r} is "
                f"already recorded (on {same.called_on})"
            )

    def callups(self, record: str | None = None) -> list[dict[str, Any]]:
        """Every call-up (of one awarded record), in the order recorded."""
        return [c.to_dict() for c in self.read_callups(record)]

    def read_callups(self, record: str | None = None) -> list[CallUp]:
        """Every call-up (of one awarded record), in the order recorded, typed."""
        from sqlalchemy import select

        q = (
            select(S.callups, S.awards.c.contract)
            .join(S.awards, S.awards.c.record == S.callups.c.record)
            .order_by(S.callups.c.seq)
        )
        if record is not None:
            q = q.where(S.callups.c.record == record)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return [
            CallUp(
                id=r.id,
                contract=r.contract,
                record=r.record,
                number=r.number,
                called_on=r.called_on,
                value=r.value,
                risk_level=r.level,
                score=r.score,
                recorded_at=r.recorded_at,
            )
            for r in rows
        ]

    # -- evidence ------------------------------------------------------------------------
    def add_evidence(
        self,
        *,
        supplier: str,
        country: str,
        kind: str,
        issuer: str,
        valid_from: date | str,
        valid_to: date | str,
        scheme: str | None = None,
        material: str | None = None,
        file: str | Path | None = None,
        max_bytes: int | None = None,
    ) -> Evidence:
        """Keep one piece of evidence about a supplier; returns it (with its new id)."""
        from scrisk.countries import resolve_country
        from scrisk.decisions import supplier_key

        faults = []
        name = str(supplier).strip()
        if not name:
            faults.append("--supplier: a supplier name is needed")
        code = resolve_country(str(country)) if str(country).strip() else None
        if code is None:
            faults.append(f"--country: {country!r} is not a country (ISO code or name)")
        if kind not in values(EvidenceKind):
            faults.append(f"--kind: {kind!r} is not one of {', '.join(values(EvidenceKind))}")
        if not str(issuer).strip():
            faults.append("--issuer: who issued the evidence is needed")
        start = as_date(valid_from, "evidence --from")
        end = as_date(valid_to, "evidence --to")
        if end < start:
            faults.append(f"--to {end.isoformat()} is before --from {start.isoformat()}")
        body: bytes | None = None
        filename: str | None = None
        if file is not None:
            body, filename = _read_bounded(Path(file), max_bytes, faults)
        if faults:
            raise RegisterError("evidence add: " + "; ".join(faults))
        name_key, country_key, _ = supplier_key(name, code, "")
        kept = Evidence(
            id=str(uuid.uuid4()),
            supplier=name,
            country=country_key,
            kind=kind,
            issuer=str(issuer).strip(),
            scheme=(scheme or "").strip() or None,
            material=(material or "").strip() or None,
            valid_from=start.isoformat(),
            valid_to=end.isoformat(),
            file=filename,
            file_sha256=hashlib.sha256(body).hexdigest() if body is not None else None,
            recorded_at=now_utc(),
        )
        row = {k: v for k, v in kept.to_dict().items() if k != "file"}
        row.update(name_key=name_key, filename=kept.file, file_body=body)
        self._retry(lambda conn: conn.execute(S.evidence.insert(), [row]))
        return kept

    def evidence(self, supplier: str | None = None) -> list[dict[str, JsonValue]]:
        """Every piece of evidence (about suppliers of this name), in the order recorded."""
        return [e.to_dict() for e in self.read_evidence(supplier)]

    def read_evidence(self, supplier: str | None = None) -> list[Evidence]:
        """Every piece of evidence (about suppliers of this name), in the order recorded,
        typed, each with the normalised supplier name it is matched by."""
        from sqlalchemy import select

        from scrisk.decisions import supplier_key

        q = select(S.evidence).order_by(S.evidence.c.seq)
        if supplier:
            q = q.where(S.evidence.c.name_key == supplier_key(supplier, None, "")[0])
        with self.engine.connect() as conn:
            return [_evidence(r) for r in conn.execute(q)]

    def evidence_file(self, evidence_id: str) -> bytes | None:
        """The bytes of the file kept with a piece of evidence, as received."""
        from sqlalchemy import select

        with self.engine.connect() as conn:
            body = conn.execute(
                select(S.evidence.c.file_body).where(S.evidence.c.id == evidence_id)
            ).scalar_one_or_none()
        return bytes(body) if body is not None else None


def _read_bounded(
    path: Path, max_bytes: int | None, faults: list[str]
) -> tuple[bytes | None, str | None]:
    """A file's bytes, refused when missing, not a regular file or past the limit."""
    if max_bytes is None:
        from scrisk.policy import load_policy

        max_bytes = load_policy().register.evidence_file_max_bytes
    if not path.is_file():
        faults.append(f"--file: {path} is not a readable file")
        return None, None
    size = path.stat().st_size
    if size > max_bytes:
        faults.append(
            f"--file: {path} is {size} bytes, more than the limit of {max_bytes} "
            "(policy [register] evidence_file_max_bytes)"
        )
        return None, None
    with path.open("rb") as handle:
        body = handle.read(max_bytes + 1)
    if len(body) > max_bytes:  # grew while read
        faults.append(f"--file: {path} is larger than the limit of {max_bytes} bytes")
        return None, None
    return body, path.name


__all__ = ["CALLED_UP", "RegisterLife"]
