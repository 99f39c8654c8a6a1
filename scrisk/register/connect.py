"""Where the register is and how to reach it: SQLite file or PostgreSQL server.

``--register URL`` / ``SCRISK_REGISTER`` / the default file
``<user data folder>/register.sqlite``. SQLite runs in WAL mode with a busy
timeout and every transaction taken with ``BEGIN IMMEDIATE`` (writers queue
rather than fail half way); PostgreSQL uses ordinary transactions, and the
first creation of the tables is serialised with an advisory lock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from scrisk.errors import ScriskError

ENV = "SCRISK_REGISTER"
DEFAULT_NAME = "register.sqlite"
BUSY_TIMEOUT_S = 60


class RegisterError(ScriskError):
    """The register cannot be opened or used (bad URL, unreadable file, newer schema ...)."""


def default_path(*, create: bool = False) -> Path:
    """The default register file in the user data folder (created when asked)."""
    from scrisk.userdata import user_data_dir

    return user_data_dir(create=create) / DEFAULT_NAME


def resolve(url: str | Path | None) -> tuple[str, str, bool]:
    """(SQLAlchemy URL, what to show the user, whether the location was given explicitly)."""
    explicit = url is not None or bool(os.environ.get(ENV))
    if url is None:
        url = os.environ.get(ENV) or None
    if url is None:
        path = default_path()
        return f"sqlite:///{path}", str(path), False
    text = str(url).strip()
    if text.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        rest = text.split("://", 1)[1]
        return f"postgresql+psycopg://{rest}", _hide_password(text), explicit
    if text.startswith("sqlite:///"):
        path_text = text[len("sqlite:///") :]
        return f"sqlite:///{Path(path_text).expanduser()}", path_text, explicit
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise RegisterError(
            f"register: unsupported URL scheme {scheme!r} in {_hide_password(text)!r}; "
            "give a file path, sqlite:///PATH or postgresql://user@host/db"
        )
    path = Path(text).expanduser()
    return f"sqlite:///{path}", str(path), explicit


def _hide_password(url: str) -> str:
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    if ":" in creds:
        creds = creds.split(":", 1)[0] + ":***"
    return f"{scheme}://{creds}@{host}"


def check_sqlite_path(url: str, shown: str, *, create: bool) -> None:
    """A clear error for a file register that cannot be, or should not be, opened."""
    path = Path(url[len("sqlite:///") :])
    if path.is_dir():
        raise RegisterError(f"register: {shown} is a folder, not a register file")
    if not path.exists() and not create:
        raise RegisterError(
            f"register: no register at {shown} (record an assessment with "
            "'scrisk assess ... --record' to create it)"
        )
    if not path.parent.is_dir():
        raise RegisterError(f"register: cannot open {shown}: folder {path.parent} does not exist")
    if path.exists() and not os.access(path, os.R_OK):
        raise RegisterError(f"register: cannot read {shown}: permission denied")


def use_wal(engine: Any) -> None:
    """Switch a scrisk SQLite register to write-ahead logging (kept in the file; done
    once it is known to be a register, never on someone else's database)."""
    raw = engine.raw_connection()
    try:
        mode = raw.cursor().execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            raw.cursor().execute("PRAGMA journal_mode = WAL")
    finally:
        raw.close()


def make_engine(url: str) -> Any:
    """A SQLAlchemy engine with the settings the register needs on each database."""
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _connect(dbapi: Any, _record: Any) -> None:
            dbapi.isolation_level = None  # transactions are begun below, IMMEDIATE
            cur = dbapi.cursor()
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


__all__ = [
    "ENV",
    "RegisterError",
    "check_sqlite_path",
    "default_path",
    "make_engine",
    "resolve",
    "use_wal",
]
