"""Reading the register: stored documents, declarations, decisions and awarded contracts.

The queries of :class:`~scrisk.register.store.Register`, each in a short
connection of its own; nothing here writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from scrisk.jsontypes import JsonValue
from scrisk.register import schema as S
from scrisk.register.connect import RegisterError, register_fault

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Connection, Engine

    from scrisk.decisions import Decision
    from scrisk.model import Declaration


def _decision(r: S.StoredRow) -> Decision:
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


T = TypeVar("T")


class RegisterReads:
    """The reading half of :class:`~scrisk.register.store.Register`."""

    engine: Engine
    where: str
    dialect: str
    _secrets: list[str]

    @contextmanager
    def _reading(self, doing: str = "reading") -> Iterator[Connection]:
        """A connection for reads; any database fault inside is a RegisterError naming
        the register (a server stopped, a file damaged ...), never a traceback."""
        import sqlite3

        from sqlalchemy.exc import SQLAlchemyError

        faults: tuple[type[BaseException], ...] = (SQLAlchemyError, OSError, sqlite3.Error)
        if self.dialect == "postgresql":  # the driver's own, from a query made through it
            import psycopg

            faults += (psycopg.Error,)
        try:
            with self.engine.connect() as conn:
                yield conn
        except faults as error:
            raise register_fault(
                error, where=self.where, doing=doing, secrets=self._secrets
            ) from None

    def _read(self, work: Callable[[Connection], T], *, doing: str = "reading") -> T:
        with self._reading(doing) as conn:
            return work(conn)

    def schema_version(self) -> int:
        """The schema version of the register (after any upgrade on opening)."""
        from sqlalchemy import select

        with self._reading() as conn:
            value = conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one()
        return int(value)

    def _latest_decisions(
        self, conn: Connection, name_keys: set[str]
    ) -> dict[tuple[str, str, str], S.StoredRow]:
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
        with self._reading() as conn:
            latest = self._latest_decisions(conn, keys)
        return [_decision(r) for _, r in sorted(latest.items())]

    def record_document(self, record: str) -> dict[str, JsonValue]:
        """The assessment document stored with a record."""
        from sqlalchemy import select

        with self._reading() as conn:
            doc = conn.execute(
                select(S.records.c.document).where(S.records.c.id == record)
            ).scalar_one_or_none()
        if doc is None:
            raise RegisterError(f"no record {record!r} in the register {self.where}")
        return dict(json.loads(doc))

    def declaration(self, sha256: str) -> bytes:
        """The declaration bytes as received."""
        from sqlalchemy import select

        with self._reading() as conn:
            body = conn.execute(
                select(S.declarations.c.body).where(S.declarations.c.sha256 == sha256)
            ).scalar_one()
        return bytes(body)

    def contracts(self, *, chunk: int = 200) -> Iterator[list[dict[str, Any]]]:
        """Every awarded contract with its latest record, in chunks: the record, contract,
        award date, the last record's id, document and provenance block (``provenance``,
        its JSON text), the declaration's hash and bytes.

        The list is read first, then the documents in chunks, each in its own
        short transaction: a long re-screen never holds the database while it writes.
        The document is its JSON text as UTF-8 bytes (no text decoded, then encoded again
        for the JSON reader): from SQLite its stored bytes, from PostgreSQL the text
        converted on the server and sent in binary (see :func:`_postgres_chunk`).
        """
        from sqlalchemy import LargeBinary, cast, func, select

        document = S.records.c.document
        if self.dialect == "sqlite":
            document = cast(document, LargeBinary)  # type: ignore[assignment]

        with self._reading() as conn:
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
                    S.awards.c.instrument,
                    S.records.c.seq,
                    S.records.c.id.label("last"),
                    S.records.c.declaration,
                )
                .join(last, last.c.root == S.awards.c.record)
                .join(S.records, S.records.c.seq == last.c.seq)
                .order_by(S.awards.c.contract, S.awards.c.record)
            )
            found = conn.execute(query).all()
        for start in range(0, len(found), chunk):
            part = found[start : start + chunk]
            seqs, hashes = [r.seq for r in part], sorted({r.declaration for r in part})
            with self._reading() as conn:
                if self.dialect == "postgresql":
                    docs, bodies = _postgres_chunk(conn, seqs, hashes)
                else:
                    docs = {
                        seq: (text, provenance)
                        for seq, text, provenance in conn.execute(
                            select(S.records.c.seq, document, S.records.c.provenance).where(
                                S.records.c.seq.in_(seqs)
                            )
                        )
                    }
                    bodies = dict(
                        conn.execute(
                            select(S.declarations.c.sha256, S.declarations.c.body).where(
                                S.declarations.c.sha256.in_(hashes)
                            )
                        ).all()
                    )
            yield [
                {
                    **r._mapping,
                    "document": docs[r.seq][0],
                    "provenance": docs[r.seq][1],
                    "body": bytes(bodies[r.declaration]),
                }
                for r in part
            ]

    def all_decisions(self) -> dict[str, list[Decision]]:
        """The latest answer on each (supplier, entry), by normalised supplier name."""
        from sqlalchemy import select

        with self._reading() as conn:
            rows = conn.execute(select(S.decisions).order_by(S.decisions.c.seq)).all()
        latest = {(r.name_key, r.country, r.entry_id): r for r in rows}
        out: dict[str, list[Decision]] = {}
        for (name_key, _, _), r in sorted(latest.items()):
            out.setdefault(name_key, []).append(_decision(r))
        return out

    def count_contracts(self) -> int:
        """How many awarded contracts the register holds (what a re-screen goes through)."""
        from sqlalchemy import func, select

        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(S.awards)).scalar_one())


def _postgres_chunk(
    conn: Connection, seqs: list[int], hashes: list[str]
) -> tuple[dict[int, tuple[bytes, str]], dict[str, bytes]]:
    """A chunk's documents (as UTF-8 bytes) and provenance blocks, by record sequence, and
    its declarations' bytes, by hash, read from PostgreSQL by the driver in binary: no
    text decoded here to be encoded again for the JSON reader, no bytea in hexadecimal
    (what SQLAlchemy's text results would be). In the connection's transaction."""
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - an open connection always has one
        raise RuntimeError("no database connection")
    with driver.cursor(binary=True) as cur:
        cur.execute(
            f"SELECT seq, convert_to(document, 'UTF8'), provenance FROM {S.records.name} "
            "WHERE seq = ANY(%s)",
            [seqs],
        )
        docs = {seq: (bytes(text), provenance) for seq, text, provenance in cur}
        cur.execute(
            f"SELECT sha256, body FROM {S.declarations.name} WHERE sha256 = ANY(%s)",
            [hashes],
        )
        bodies = {sha: bytes(body) for sha, body in cur}
    return docs, bodies
