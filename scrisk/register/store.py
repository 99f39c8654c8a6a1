"""The register of record: declarations as received, assessments, decisions, awards.

    reg = open_register()                         # default SQLite file, created on first use
    reg = open_register("postgresql://scrisk@db.example/scrisk")
    rid = reg.record(assessment, declaration=raw_bytes)
    reg.award(rid, contract="EN578-211087/001/ZF", on="2021-12-15")
    reg.history()                                 # the Register JSON (scrisk-history/1)

The register knows nothing of rules: it stores what it is given and hands it
back. ``recorded_at`` and record ids live here, never in the assessment
document, so a document stays the same bytes for the same inputs.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from scrisk.register import schema as S
from scrisk.register.connect import (
    RegisterError,
    check_sqlite_path,
    default_path,
    make_engine,
    resolve,
    use_wal,
)
from scrisk.register.history import HISTORY_FORMAT

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment import Assessment
    from scrisk.decisions import Decision
    from scrisk.model import Declaration

T = TypeVar("T")
RETRIES = 8


def now_utc() -> str:
    """The time of recording, UTC, to the second (register only, never in a document)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def declaration_bytes(decl: Declaration) -> bytes:
    """A declaration given as an object, stored as its JSON form (sorted keys)."""
    return (
        json.dumps(decl.to_dict(), sort_keys=True, ensure_ascii=False, indent=2, default=str) + "\n"
    ).encode("utf-8")


def _decision(r: Any) -> Decision:
    """A stored decision row as the :class:`~scrisk.decisions.Decision` rules apply."""
    from scrisk.decisions import Decision

    return Decision(
        r.party or "",
        r.entry_id,
        r.decision,
        r.reviewer,
        r.date,
        r.comment,
        name=r.name,
        country=r.country or None,
        entry_state=r.entry_state or None,
    )


class Register:
    """A register of record on SQLite or PostgreSQL (see :func:`open_register`)."""

    def __init__(self, url: str | Path | None = None, *, create: bool = True) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        sa_url, self.where, explicit = resolve(url)
        self.url = sa_url
        self.dialect = "sqlite" if sa_url.startswith("sqlite") else "postgresql"
        if self.dialect == "sqlite":
            if create and not explicit:
                default_path(create=True)  # the user data folder, on first use
            check_sqlite_path(sa_url, self.where, create=create)
        self.engine = make_engine(sa_url)
        try:
            self._retry(self._prepare)
            if self.dialect == "sqlite":
                self._retry_plain(lambda: use_wal(self.engine))
        except RegisterError:
            self.engine.dispose()
            raise
        except (SQLAlchemyError, OSError) as error:
            self.engine.dispose()
            raise RegisterError(f"register: cannot open {self.where}: {_reason(error)}") from None

    # -- plumbing ---------------------------------------------------------------------------
    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Register {self.where}>"

    def _retry(self, work: Callable[[Any], T]) -> T:
        """Run ``work(connection)`` in one transaction, retrying when the database is busy."""
        from sqlalchemy.exc import OperationalError

        for attempt in range(RETRIES):
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except OperationalError as error:
                busy = any(
                    w in str(error).lower()
                    for w in ("locked", "busy", "deadlock", "could not serialize")
                )
                if not busy or attempt == RETRIES - 1:
                    raise
                time.sleep(min(2.0, 0.05 * 2**attempt) * (1 + random.random()))
        raise AssertionError("unreachable")

    def _retry_plain(self, work: Callable[[], None]) -> None:
        """``work()`` outside a transaction, retried while another process holds a lock."""
        import sqlite3

        for attempt in range(RETRIES):
            try:
                work()
                return
            except sqlite3.OperationalError:
                if attempt == RETRIES - 1:
                    raise
                time.sleep(min(2.0, 0.05 * 2**attempt) * (1 + random.random()))

    def _prepare(self, conn: Any) -> None:
        S.ensure_schema(conn, dialect=self.dialect, where=self.where)

    def schema_version(self) -> int:
        """The schema version of the register (after any upgrade on opening)."""
        from sqlalchemy import select

        with self.engine.connect() as conn:
            value = conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one()
        return int(value)

    # -- writing ----------------------------------------------------------------------------
    def record(
        self,
        assessment: Assessment,
        *,
        declaration: bytes | None = None,
        filename: str | None = None,
        root: str | None = None,
        rescreen: str | None = None,
        decisions: Iterable[Decision] = (),
    ) -> str:
        """Store an assessment, the declaration as received and its provenance.

        ``declaration`` is the file's bytes (default: the declaration's JSON
        form); ``decisions`` are reviewer answers to keep (e.g. from
        ``--decisions FILE``). Returns the new record's id.
        """
        row = self._record_row(assessment, declaration, filename, root, rescreen)
        decided = list(decisions)

        def work(conn: Any) -> str:
            self._insert_declarations(conn, [row.pop("_declaration")])
            conn.execute(S.records.insert(), [row])
            self._insert_decisions(conn, decided, row["id"])
            return str(row["id"])

        return self._retry(work)

    def _record_row(
        self,
        assessment: Assessment,
        declaration: bytes | None,
        filename: str | None,
        root: str | None,
        rescreen: str | None,
    ) -> dict[str, Any]:
        body = declaration if declaration is not None else declaration_bytes(assessment.declaration)
        sha = hashlib.sha256(body).hexdigest()
        row = document_row(assessment.to_dict("en"), declaration=sha, root=root, rescreen=rescreen)
        row["_declaration"] = {"sha256": sha, "filename": filename, "body": body}
        return row

    def _insert_declarations(self, conn: Any, rows: list[dict[str, Any]]) -> None:
        from sqlalchemy import select

        wanted = {r["sha256"]: r for r in rows}
        have = set(
            conn.execute(
                select(S.declarations.c.sha256).where(S.declarations.c.sha256.in_(list(wanted)))
            ).scalars()
        )
        new = [r for sha, r in wanted.items() if sha not in have]
        if not new:
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects import postgresql as dialect
        else:
            from sqlalchemy.dialects import sqlite as dialect  # type: ignore[no-redef]
        # another officer may store the same declaration at the same moment
        conn.execute(dialect.insert(S.declarations).on_conflict_do_nothing(), new)

    def _insert_decisions(self, conn: Any, decided: list[Decision], record: str | None) -> None:
        from scrisk.decisions import supplier_key

        if not decided:
            return
        latest = self._latest_decisions(
            conn, {supplier_key(d.name or "", None, "")[0] for d in decided if d.name}
        )
        at = now_utc()
        rows = []
        for d in decided:
            if not d.name:
                continue
            name_key, country, entry_id = supplier_key(d.name, d.country, d.entry_id)
            same = latest.get((name_key, country, entry_id))
            if same is not None and (
                same.decision,
                same.reviewer,
                same.date,
                same.comment,
                same.entry_state,
            ) == (d.decision, d.reviewer, d.date, d.comment, d.entry_state or ""):
                continue  # already known: the register keeps each answer once
            rows.append(
                {
                    "name_key": name_key,
                    "country": country,
                    "entry_id": entry_id,
                    "entry_state": d.entry_state or "",
                    "name": d.name,
                    "party": d.party,
                    "record": record,
                    "decision": d.decision,
                    "reviewer": d.reviewer,
                    "date": d.date,
                    "comment": d.comment,
                    "recorded_at": at,
                }
            )
        if rows:
            conn.execute(S.decisions.insert(), rows)

    def add_decisions(self, decided: Iterable[Decision], *, record: str | None = None) -> None:
        """Keep reviewer answers (each with supplier name, country and entry state)."""
        items = list(decided)
        self._retry(lambda conn: self._insert_decisions(conn, items, record))

    def award(self, record: str, *, contract: str, on: date | str) -> dict[str, Any]:
        """Mark a recorded bid as the awarded contract ``contract`` (on date ``on``)."""
        from sqlalchemy import select

        when = on if isinstance(on, date) else _date(on, "on")
        contract = str(contract).strip()
        if not contract:
            raise RegisterError("award: --contract needs a contract number")

        def work(conn: Any) -> dict[str, Any]:
            found = conn.execute(
                select(S.records.c.id, S.records.c.root).where(S.records.c.id == record)
            ).first()
            if found is None:
                raise RegisterError(f"award: no record {record!r} in the register {self.where}")
            if found.root != found.id:
                raise RegisterError(
                    f"award: record {record!r} is a re-screen of record {found.root!r}; "
                    "award the bid's own record"
                )
            prior = conn.execute(select(S.awards).where(S.awards.c.record == record)).first()
            if prior is not None:
                raise RegisterError(
                    f"award: record {record!r} is already contract {prior.contract!r}, "
                    f"awarded on {prior.awarded_on}"
                )
            row = {
                "record": record,
                "contract": contract,
                "awarded_on": when.isoformat(),
                "recorded_at": now_utc(),
            }
            conn.execute(S.awards.insert(), [row])
            return {"record": record, "contract": contract, "awarded_on": when.isoformat()}

        return self._retry(work)

    # -- reading ----------------------------------------------------------------------------
    def _latest_decisions(self, conn: Any, name_keys: set[str]) -> dict[tuple[str, str, str], Any]:
        from sqlalchemy import select

        if not name_keys:
            return {}
        rows = conn.execute(
            select(S.decisions)
            .where(S.decisions.c.name_key.in_(sorted(name_keys)))
            .order_by(S.decisions.c.seq)
        ).all()
        return {(r.name_key, r.country, r.entry_id): r for r in rows}  # the latest wins

    def decisions_for(self, declaration: Declaration) -> list[Decision]:
        """The latest answer on each (supplier, entry) for the suppliers a bid names."""
        from scrisk.decisions import supplier_key

        keys = {supplier_key(p.name or "", None, "")[0] for p in declaration.parties if p.name}
        with self.engine.connect() as conn:
            latest = self._latest_decisions(conn, keys)
        return [_decision(r) for _, r in sorted(latest.items())]

    def record_document(self, record: str) -> dict[str, Any]:
        """The assessment document stored with a record."""
        from sqlalchemy import select

        with self.engine.connect() as conn:
            doc = conn.execute(
                select(S.records.c.document).where(S.records.c.id == record)
            ).scalar_one_or_none()
        if doc is None:
            raise RegisterError(f"no record {record!r} in the register {self.where}")
        return dict(json.loads(doc))

    def declaration(self, sha256: str) -> bytes:
        """The declaration bytes as received."""
        from sqlalchemy import select

        with self.engine.connect() as conn:
            body = conn.execute(
                select(S.declarations.c.body).where(S.declarations.c.sha256 == sha256)
            ).scalar_one()
        return bytes(body)

    def contracts(self, *, chunk: int = 200) -> Iterator[list[dict[str, Any]]]:
        """Every awarded contract with its latest record, in chunks: the record, contract,
        award date, the last record's id and document, the declaration's hash and bytes.

        The list is read first, then the documents in chunks, each in its own
        short transaction: a long re-screen never holds the database while it writes.
        """
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            last = (
                select(S.records.c.root, func.max(S.records.c.seq).label("seq"))
                .group_by(S.records.c.root)
                .subquery()
            )
            query = (
                select(
                    S.awards.c.record,
                    S.awards.c.contract,
                    S.awards.c.awarded_on,
                    S.records.c.seq,
                    S.records.c.id.label("last"),
                    S.records.c.declaration,
                )
                .join(last, last.c.root == S.awards.c.record)
                .join(S.records, S.records.c.seq == last.c.seq)
                .order_by(S.awards.c.contract, S.awards.c.record)
            )
            found = [dict(r._mapping) for r in conn.execute(query)]
        for start in range(0, len(found), chunk):
            part = found[start : start + chunk]
            with self.engine.connect() as conn:
                docs = dict(
                    conn.execute(
                        select(S.records.c.seq, S.records.c.document).where(
                            S.records.c.seq.in_([r["seq"] for r in part])
                        )
                    ).all()
                )
                bodies = dict(
                    conn.execute(
                        select(S.declarations.c.sha256, S.declarations.c.body).where(
                            S.declarations.c.sha256.in_({r["declaration"] for r in part})
                        )
                    ).all()
                )
            yield [
                {**r, "document": docs[r["seq"]], "body": bytes(bodies[r["declaration"]])}
                for r in part
            ]

    def all_decisions(self) -> dict[str, list[Decision]]:
        """The latest answer on each (supplier, entry), by normalised supplier name."""
        from sqlalchemy import select

        with self.engine.connect() as conn:
            rows = conn.execute(select(S.decisions).order_by(S.decisions.c.seq)).all()
        latest = {(r.name_key, r.country, r.entry_id): r for r in rows}
        out: dict[str, list[Decision]] = {}
        for (name_key, _, _), r in sorted(latest.items()):
            out.setdefault(name_key, []).append(_decision(r))
        return out

    def count_contracts(self) -> int:
        """How many awarded contracts the register holds (what a re-screen goes through)."""
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(S.awards)).scalar_one())

    def record_many(self, rows: list[dict[str, Any]], run: dict[str, Any] | None = None) -> None:
        """Store record rows (see :meth:`document_row`) and a re-screen run in one transaction."""
        decls = [r.pop("_declaration") for r in rows if "_declaration" in r]

        def work(conn: Any) -> None:
            if run is not None:
                conn.execute(S.rescreens.insert(), [run])
            if decls:
                self._insert_declarations(conn, decls)
            if rows:
                conn.execute(S.records.insert(), rows)

        self._retry(work)

    def document_row(
        self, doc: dict[str, Any], *, declaration: str, root: str, rescreen: str | None
    ) -> dict[str, Any]:
        """A record row for an assessment document of a stored declaration (a re-screen)."""
        return document_row(doc, declaration=declaration, root=root, rescreen=rescreen)

    def history(self, solicitation: str | None = None) -> dict[str, Any]:
        """The Register JSON: records (with their contract), re-screen runs, decisions."""
        from scrisk.register.history import history

        return history(self, solicitation)


def document_row(
    doc: dict[str, Any], *, declaration: str, root: str | None, rescreen: str | None
) -> dict[str, Any]:
    """The ``records`` row of an assessment document (a new record id, recorded now)."""
    rid = str(uuid.uuid4())
    return {
        "id": rid,
        "root": root or rid,
        "rescreen": rescreen,
        "solicitation": doc["solicitation"]["id"],
        "bidder": doc["bidder"]["id"],
        "bidder_name": doc["bidder"]["name"],
        "declaration": declaration,
        "as_of": doc["as_of"],
        "stage": doc.get("stage", "bid"),
        "risk_level": doc["risk_level"],
        "score": doc["score"],
        "document": _json(doc),
        "provenance": _json(doc.get("provenance") or {}),
        "recorded_at": now_utc(),
    }


def _date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RegisterError(f"{what}: not a date (YYYY-MM-DD): {value!r}") from None


def _reason(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def open_register(url: str | Path | None = None, *, create: bool = True) -> Register:
    """Open the register at ``url`` (a file path, ``sqlite:///PATH`` or
    ``postgresql://user@host/db``), else ``SCRISK_REGISTER``, else the default
    SQLite file in the user data folder (created on first use).

    With ``create=False`` a register file that does not exist is an error
    rather than a new, empty register (reading commands never create one).
    Raises :class:`RegisterError` (exit 2 on the command line) when it cannot
    be opened or its schema is newer.
    """
    return Register(url, create=create)


__all__ = ["HISTORY_FORMAT", "Register", "RegisterError", "document_row", "open_register"]
