"""Writing the register: records, declarations as received, decisions and awards.

Each write is one transaction, retried while another officer's write holds the
database (see :meth:`RegisterWrites._retry`).
"""

from __future__ import annotations

import hashlib
import random
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from scrisk.register import schema as S
from scrisk.register.codec import Award
from scrisk.register.connect import WRITE, RegisterError, register_fault
from scrisk.register.reads import RegisterReads
from scrisk.register.rows import (
    RecordRow,
    StoredDeclaration,
    declaration_bytes,
    document_row,
    now_utc,
)

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Connection
    from sqlalchemy.sql.expression import Executable

    from scrisk.assessment import Assessment
    from scrisk.decisions import Decision

T = TypeVar("T")
RETRIES = 8


class RegisterWrites(RegisterReads):
    """The writing half of :class:`~scrisk.register.store.Register`."""

    dialect: str

    def _retry(self, work: Callable[[Connection], T], *, doing: str = "recording") -> T:
        """Run ``work(connection)`` in one transaction that writes, retrying while the
        database is busy; any other fault (disk full, read-only, connection lost) rolls
        the transaction back and is a RegisterError naming the register."""
        import sqlite3

        from sqlalchemy.exc import OperationalError, SQLAlchemyError

        writer = self.engine.execution_options(**{WRITE: True})
        for attempt in range(RETRIES):
            try:
                with writer.begin() as conn:
                    return work(conn)
            except OperationalError as error:
                busy = any(
                    w in str(error).lower()
                    for w in ("locked", "busy", "deadlock", "could not serialize")
                )
                if not busy or attempt == RETRIES - 1:
                    raise self._fault(error, doing) from None
                time.sleep(min(2.0, 0.05 * 2**attempt) * (1 + random.random()))
            except (SQLAlchemyError, OSError, sqlite3.Error) as error:
                raise self._fault(error, doing) from None
        raise AssertionError("unreachable")

    def _fault(self, error: BaseException, doing: str) -> RegisterError:
        fault = register_fault(error, where=self.where, doing=doing, secrets=self._secrets)
        return RegisterError(f"{fault}; this change was not written")

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
        rid = str(uuid.uuid4())
        row, stored = self._record_row(assessment, declaration, filename, root, rescreen, rid)
        decided = list(decisions)

        def work(conn: Connection) -> str:
            self._insert_declarations(conn, [stored])
            conn.execute(S.records.insert(), [row])
            self._insert_decisions(conn, decided, rid)
            self._read_back(conn, [row])
            return rid

        return self._retry(work)

    def _record_row(
        self,
        assessment: Assessment,
        declaration: bytes | None,
        filename: str | None,
        root: str | None,
        rescreen: str | None,
        rid: str,
    ) -> tuple[RecordRow, StoredDeclaration]:
        body = declaration if declaration is not None else declaration_bytes(assessment.declaration)
        sha = hashlib.sha256(body).hexdigest()
        row = document_row(
            assessment.to_dict("en"),
            declaration=sha,
            root=root,
            rescreen=rescreen,
            typed=assessment.document("en"),
            rid=rid,
        )
        return row, StoredDeclaration(sha, filename, body)

    def _insert_declarations(self, conn: Connection, stored: list[StoredDeclaration]) -> None:
        from sqlalchemy import select

        wanted = {s.sha256: s.row() for s in stored}
        have = set(
            conn.execute(
                select(S.declarations.c.sha256).where(S.declarations.c.sha256.in_(list(wanted)))
            ).scalars()
        )
        new = [r for sha, r in wanted.items() if sha not in have]
        if not new:
            return
        # another officer may store the same declaration at the same moment
        statement: Executable
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            statement = postgresql_insert(S.declarations).on_conflict_do_nothing()
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            statement = sqlite_insert(S.declarations).on_conflict_do_nothing()
        conn.execute(statement, new)

    def _insert_decisions(
        self, conn: Connection, decided: list[Decision], record: str | None
    ) -> None:
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

    def award(
        self,
        record: str,
        *,
        contract: str,
        on: date | str,
        instrument: str = "contract",
    ) -> Award:
        """Mark a recorded bid (its id or an unambiguous prefix) as the awarded contract
        ``contract``, signed on ``on`` (the contract date of every later re-screen), as a
        ``contract``, ``standing_offer`` or ``supply_arrangement``."""
        from sqlalchemy import select

        from scrisk.register.ids import as_date, by_prefix
        from scrisk.vocab import Instrument, values

        when = as_date(on, "award --on")
        contract = str(contract).strip()
        if not contract:
            raise RegisterError("award: --contract needs a contract number")
        if instrument not in values(Instrument):
            raise RegisterError(
                f"award: --instrument {instrument!r} is not one of {', '.join(values(Instrument))}"
            )

        def work(conn: Connection) -> Award:
            rid = by_prefix(conn, S.records.c.id, record, what="record", where=self.where)
            found = conn.execute(
                select(S.records.c.id, S.records.c.root).where(S.records.c.id == rid)
            ).one()
            if found.root != found.id:
                raise RegisterError(
                    f"award: record {rid!r} is a re-screen of record {found.root!r}; "
                    "award the bid's own record"
                )
            prior = conn.execute(select(S.awards).where(S.awards.c.record == rid)).first()
            if prior is not None:
                raise RegisterError(
                    f"award: record {rid!r} is already contract {prior.contract!r}, "
                    f"awarded on {prior.awarded_on}"
                )
            done = Award(rid, contract, when.isoformat(), instrument, now_utc())
            conn.execute(S.awards.insert(), [done.to_dict()])
            return done

        return self._retry(work)

    def record_many(self, rows: list[RecordRow], run: Mapping[str, object] | None = None) -> None:
        """Store record rows (:func:`~scrisk.register.rows.document_row`, of declarations
        already stored) and a re-screen run in one transaction."""

        def work(conn: Connection) -> None:
            if run is not None:
                conn.execute(S.rescreens.insert(), [run])
            if rows:
                self._insert_records(conn, rows)
                self._read_back(conn, rows)

        self._retry(work)

    def _insert_records(self, conn: Connection, rows: list[RecordRow]) -> None:
        """Insert record rows; a document given as UTF-8 bytes (:data:`RecordRow`) is stored
        as the same text, from the bytes themselves: by SQLite (CAST AS TEXT, in the
        database's UTF-8), by PostgreSQL (``convert_from``: the bytes sent as they are, in
        binary, not decoded here for the driver to encode them again)."""
        if self.dialect in ("sqlite", "postgresql") and all(
            type(r["document"]) is bytes for r in rows
        ):
            from sqlalchemy import LargeBinary, Text, bindparam, cast, func

            sent = bindparam(_UTF8, type_=LargeBinary)
            document = (
                cast(sent, Text) if self.dialect == "sqlite" else func.convert_from(sent, "UTF8")
            )
            conn.execute(S.records.insert().values(document=document), [_utf8_row(r) for r in rows])
            return
        conn.execute(S.records.insert(), [_text_row(r) for r in rows])

    def _read_back(self, conn: Connection, rows: list[RecordRow]) -> None:
        """Before the transaction commits: each record as written, or a RegisterError (and
        the transaction rolled back) when the database changed or dropped it on the way."""
        from sqlalchemy import LargeBinary, case, cast, func, select

        document = S.records.c.document
        wanted: dict[str, tuple[object, object]]
        if self.dialect == "sqlite":  # compared as bytes: the text read back is not decoded
            wanted = {str(r["id"]): (r["risk_level"], _utf8(r["document"])) for r in rows}
            # text only: a document turned into a blob of the same bytes is not as written
            document = case(  # type: ignore[assignment]
                (func.typeof(document) == "text", cast(document, LargeBinary))
            )
        else:
            wanted = {str(r["id"]): (r["risk_level"], _text(r["document"])) for r in rows}
        stored = {
            r.id: (r.risk_level, r.document)
            for r in conn.execute(
                select(S.records.c.id, S.records.c.risk_level, document.label("document")).where(
                    S.records.c.id.in_(list(wanted))
                )
            )
        }
        changed = sorted(k for k, v in wanted.items() if stored.get(k) != v)
        if changed:
            raise RegisterError(
                f"register: {self.where}: the database did not keep record(s) "
                f"{', '.join(changed[:3])} as written (an object scrisk did not create "
                "changed or removed them); nothing was recorded"
            )


_UTF8 = "document_utf8"  # the bound bytes of a document stored by SQLite as text


def _utf8(document: object) -> bytes:
    return document if type(document) is bytes else str(document).encode()


def _text(document: object) -> str:
    return document.decode() if type(document) is bytes else str(document)


def _utf8_row(row: RecordRow) -> dict[str, object]:
    out: dict[str, object] = {k: v for k, v in row.items() if k != "document"}
    out[_UTF8] = row["document"]
    return out


def _text_row(row: RecordRow) -> RecordRow:
    document = row["document"]
    return {**row, "document": document.decode()} if type(document) is bytes else row
