"""Objects in a register's database that scrisk did not create, refused at the door.

A trigger can delete a record after "Recorded as ...", or rewrite a verdict as it
is stored; a view, a rule or a row-security policy can hide or change what a
query returns; a function can be called by any of them. A register is a database
of record only if what is written is what is read back, so a database holding
any object scrisk did not create is refused (exit 2), with each object named.

What scrisk creates is given by the caller from :data:`scrisk.register.schema.metadata`
(its tables), so a table added there is known here without a list to keep.
Indexes are not checked: they cannot change data, and the functions an index
expression could call are refused as functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrisk.register.connect import RegisterError

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Connection

SHOWN = 12  # objects named in the message


def _sqlite(conn: Connection, ours: set[str]) -> list[str]:
    found = []
    for kind, name, table in conn.exec_driver_sql(
        "SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name"
    ):
        if kind == "table" and name not in ours and not name.startswith("sqlite_"):
            found.append(f"table {name}")
        elif kind in ("view", "trigger"):
            found.append(f"{kind} {name}" + (f" on {table}" if kind == "trigger" else ""))
    return found


_SYSTEM = "('pg_catalog', 'information_schema')"
_USER_SCHEMA = (
    f"n.nspname NOT IN {_SYSTEM} AND left(n.nspname, 8) <> 'pg_toast' "
    "AND left(n.nspname, 7) <> 'pg_temp'"
)
_KIND = {"r": "table", "p": "table", "v": "view", "m": "materialized view", "f": "foreign table"}


def _postgresql(conn: Connection, ours: set[str]) -> list[str]:
    here = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    found = []
    for schema, name, kind, secured in conn.exec_driver_sql(
        "SELECT n.nspname, c.relname, c.relkind, c.relrowsecurity FROM pg_class c "
        f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_SCHEMA} "
        "AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1, 2"
    ):
        if kind not in ("r", "p") or schema != here or name not in ours:
            found.append(f"{_KIND[kind]} {schema}.{name}")
        elif secured:
            found.append(f"row security on table {name}")
    triggers = (
        "SELECT tgname || ' on ' || tgrelid::regclass FROM pg_trigger "
        "WHERE NOT tgisinternal ORDER BY 1"
    )
    rules = (
        "SELECT rulename || ' on ' || tablename FROM pg_rules n "
        f"WHERE n.schemaname NOT IN {_SYSTEM} ORDER BY 1"
    )
    policies = "SELECT polname || ' on ' || polrelid::regclass FROM pg_policy ORDER BY 1"
    functions = (
        "SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n "
        f"ON n.oid = p.pronamespace WHERE {_USER_SCHEMA} ORDER BY 1"
    )
    events = "SELECT evtname FROM pg_event_trigger ORDER BY 1"
    queries = (
        ("trigger", triggers),
        ("rule", rules),
        ("policy", policies),
        ("function", functions),
        ("event trigger", events),
    )
    for kind, sql in queries:
        found += [f"{kind} {name}" for (name,) in conn.exec_driver_sql(sql)]
    return found


def foreign_objects(conn: Connection, *, dialect: str, tables: set[str]) -> list[str]:
    """Every object in the database that scrisk did not create ("trigger x on records");
    ``tables``: the tables scrisk creates (the names in its MetaData)."""
    return _postgresql(conn, tables) if dialect == "postgresql" else _sqlite(conn, tables)


def refuse_foreign(conn: Connection, *, dialect: str, where: str, tables: set[str]) -> None:
    """RegisterError naming the objects scrisk did not create, if there are any."""
    found = foreign_objects(conn, dialect=dialect, tables=tables)
    if not found:
        return
    shown = ", ".join(found[:SHOWN]) + (
        f", and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    )
    raise RegisterError(
        f"register: {where} holds objects scrisk did not create ({shown}); they could "
        "change or hide what is recorded, so the register is refused: remove them, or "
        "use a new file or an empty database"
    )


__all__ = ["foreign_objects", "refuse_foreign"]
