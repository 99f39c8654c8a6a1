"""The register's tables (SQLAlchemy Core), its schema version and the upgrades.

Version 1 held records, declarations, awards and decisions. Version 2 adds the
re-screen runs (``rescreens``), ties each record to the contract it re-screens
(``records.root``, ``records.rescreen``) and keeps the list-entry state a
decision was made against (``decisions.entry_state``). Version 3 follows the
contract's life: the instrument of an award (``awards.instrument``), call-ups
against standing offers and supply arrangements (``callups``), due-diligence
evidence about suppliers (``evidence``, keyed by supplier like decisions, with
any file's bytes and sha256) and corrective action plans with their notes
(``actions``, ``action_notes``). A register of an older
version is upgraded in place, in one transaction, when it is opened; one of a
newer version is refused (this scrisk does not know its tables).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.engine import Connection, Row

# A row read from the register's tables: its columns by attribute (``row.id``), each of
# the column's own type (text, number, bytes or None).
StoredRow: TypeAlias = Row[*tuple[object, ...]]

SCHEMA_VERSION = 3

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

declarations = Table(
    "declarations",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("filename", Text),
    Column("body", LargeBinary, nullable=False),  # the bytes as received
)

records = Table(
    "records",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # order of recording
    Column("id", String(36), nullable=False, unique=True),
    Column("root", String(36), nullable=False),  # the record a contract was awarded on
    Column("rescreen", String(36)),  # the re-screen run, for re-assessments
    Column("solicitation", Text),
    Column("bidder", Text),
    Column("bidder_name", Text),
    Column("declaration", String(64), ForeignKey("declarations.sha256"), nullable=False),
    Column("as_of", String(10)),
    Column("stage", String(16)),
    Column("risk_level", String(16)),
    Column("score", Float),
    Column("document", Text, nullable=False),  # the assessment document (JSON)
    Column("provenance", Text, nullable=False),  # its provenance block (JSON)
    Column("recorded_at", String(32), nullable=False),
    Index("ix_records_root", "root"),
    Index("ix_records_solicitation", "solicitation"),
)

awards = Table(
    "awards",
    metadata,
    Column("record", String(36), ForeignKey("records.id"), primary_key=True),
    Column("contract", Text, nullable=False),
    Column("awarded_on", String(10), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("instrument", String(24), nullable=False, server_default="contract"),  # v3
)

decisions = Table(
    "decisions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("name_key", Text, nullable=False),  # normalised supplier name
    Column("country", String(8), nullable=False),  # resolved ISO-2, "" when unknown
    Column("entry_id", Text, nullable=False),
    Column("entry_state", Text, nullable=False),
    Column("name", Text),  # as declared
    Column("party", Text),  # its party id in the bid decided on
    Column("record", String(36)),  # the record it came with, if any
    Column("decision", String(16), nullable=False),
    Column("reviewer", Text),
    Column("date", String(10)),
    Column("comment", Text),
    Column("recorded_at", String(32), nullable=False),
    Index("ix_decisions_key", "name_key", "country", "entry_id"),
)

rescreens = Table(
    "rescreens",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("as_of", String(10), nullable=False),
    Column("contracts", Integer, nullable=False),
    Column("rose", Integer, nullable=False),
    Column("recorded_at", String(32), nullable=False),
)

# -- version 3: the contract's life -----------------------------------------------------------

callups = Table(
    "callups",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("record", String(36), ForeignKey("awards.record"), nullable=False),
    Column("number", Text, nullable=False),
    Column("called_on", String(10), nullable=False),
    Column("value", Float),  # CAD, when given
    Column("level", String(16)),  # the standing offer screened as of the call-up date
    Column("score", Float),
    Column("document", Text),  # that assessment document (JSON)
    Column("recorded_at", String(32), nullable=False),
    Index("ix_callups_record", "record"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("name_key", Text, nullable=False),  # normalised supplier name (as decisions)
    Column("country", String(8), nullable=False),  # resolved ISO-2
    Column("supplier", Text, nullable=False),  # the name as given
    Column("kind", String(16), nullable=False),
    Column("issuer", Text, nullable=False),
    Column("scheme", Text),
    Column("material", Text),
    Column("valid_from", String(10), nullable=False),
    Column("valid_to", String(10), nullable=False),
    Column("filename", Text),
    Column("file_sha256", String(64)),
    Column("file_body", LargeBinary),  # kept as received; never executed or rendered
    Column("recorded_at", String(32), nullable=False),
    Index("ix_evidence_key", "name_key", "country"),
)

actions = Table(
    "actions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("record", String(36), ForeignKey("awards.record"), nullable=False),
    Column("rule", String(32), nullable=False),
    Column("party", Text, nullable=False),
    Column("owner", Text, nullable=False),
    Column("plan", Text, nullable=False),
    Column("opened_on", String(10), nullable=False),
    Column("due", String(10), nullable=False),
    Column("status", String(16), nullable=False),
    Column("closed_on", String(10)),
    Column("recorded_at", String(32), nullable=False),
    Index("ix_actions_record", "record"),
)

action_notes = Table(
    "action_notes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("action", String(36), ForeignKey("actions.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("note", Text),
    Column("noted_on", String(10), nullable=False),
    Column("recorded_at", String(32), nullable=False),
)


def _upgrade_1_to_2(conn: Connection) -> None:
    """v1 -> v2: re-screen runs, record roots, decisions' entry state."""
    rescreens.create(conn)
    conn.execute(text("ALTER TABLE records ADD COLUMN root VARCHAR(36)"))
    conn.execute(text("ALTER TABLE records ADD COLUMN rescreen VARCHAR(36)"))
    conn.execute(text("UPDATE records SET root = id"))
    conn.execute(text("CREATE INDEX ix_records_root ON records (root)"))
    conn.execute(text("ALTER TABLE decisions ADD COLUMN entry_state TEXT NOT NULL DEFAULT ''"))


def _upgrade_2_to_3(conn: Connection) -> None:
    """v2 -> v3: the instrument of each award (every earlier award a plain contract),
    call-ups, evidence and corrective actions (new, empty tables)."""
    conn.execute(
        text("ALTER TABLE awards ADD COLUMN instrument VARCHAR(24) NOT NULL DEFAULT 'contract'")
    )
    for table in (callups, evidence, actions, action_notes):
        table.create(conn)


# version n -> n + 1
UPGRADES: dict[int, Callable[[Connection], None]] = {1: _upgrade_1_to_2, 2: _upgrade_2_to_3}


def found_version(conn: Connection, *, dialect: str, where: str) -> int:
    """The schema version of the register, 0 for an empty database (a new register).

    Refuses (RegisterError) a database holding other tables but no scrisk schema, one
    holding objects scrisk did not create (:mod:`scrisk.register.foreign`) and a newer
    schema. Reads only: a read-only register is checked like any other.
    """
    from sqlalchemy import inspect, select

    from scrisk.register.connect import RegisterError
    from scrisk.register.foreign import refuse_foreign

    tables = set(inspect(conn).get_table_names())
    if "meta" not in tables and tables:  # someone else's database: never write into it
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise RegisterError(
            f"register: {where} holds other tables ({shown}) but no scrisk "
            "schema version: not a scrisk register (use a new file or an empty database)"
        )
    refuse_foreign(conn, dialect=dialect, where=where, tables=set(metadata.tables))
    if "meta" not in tables:
        return 0
    found = conn.execute(
        select(meta.c.value).where(meta.c.key == "schema_version")
    ).scalar_one_or_none()
    try:
        version = int(found) if found is not None else 0
    except ValueError:
        version = 0
    if version < 1:
        raise RegisterError(f"register: {where} has no readable schema version")
    if version > SCHEMA_VERSION:
        raise RegisterError(
            f"register: {where} has schema version {version}, newer than this "
            f"scrisk knows ({SCHEMA_VERSION}); upgrade scrisk to use it"
        )
    return version


def ensure_schema(conn: Connection, *, dialect: str, where: str) -> None:
    """Create the tables on first use, upgrade an older schema, refuse a newer one
    (in a transaction that writes)."""
    if dialect == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(5743829)")  # one creator
    version = found_version(conn, dialect=dialect, where=where)
    if version == 0:
        metadata.create_all(conn)
        conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        return
    while version < SCHEMA_VERSION:
        UPGRADES[version](conn)
        version += 1
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(version)))


__all__ = [
    "SCHEMA_VERSION",
    "StoredRow",
    "UPGRADES",
    "action_notes",
    "actions",
    "callups",
    "ensure_schema",
    "evidence",
    "found_version",
    "metadata",
]
