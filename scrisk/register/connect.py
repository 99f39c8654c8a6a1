"""Where the register is and how to reach it: SQLite file or PostgreSQL server.

``--register URL`` / ``SCRISK_REGISTER`` / the default file
``<user data folder>/register.sqlite``. SQLite runs in WAL mode with a busy
timeout and every transaction taken with ``BEGIN IMMEDIATE`` (writers queue
rather than fail half way); PostgreSQL uses ordinary transactions, and the
first creation of the tables is serialised with an advisory lock.

Credentials never reach a message: every URL shown is :func:`mask_url`-ed
(password in the user part or in ``?password=``), and every database error is
:func:`scrub`-bed of them before it is shown. Every fault of a register in use
is a :class:`RegisterError` naming the register (:func:`register_fault`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from scrisk.errors import ScriskError

if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.pool import ConnectionPoolEntry

ENV = "SCRISK_REGISTER"
DEFAULT_NAME = "register.sqlite"
BUSY_TIMEOUT_S = 60


class RegisterError(ScriskError):
    """The register cannot be opened or used (bad URL, unreadable file, newer schema ...)."""


class RegisterFault(RegisterError):
    """The register's database failed under a command (connection lost, disk full, a table
    missing): the server's fault, not the user's request. The command line shows it like
    any RegisterError (exit 2); the web page answers it as a server error (500) without
    the database's own words."""


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
        sa_url = f"postgresql+psycopg://{rest}"
        check_postgres_url(sa_url, mask_url(text))
        return sa_url, mask_url(text), explicit
    if text.startswith("sqlite:///"):
        path_text = text[len("sqlite:///") :]
        return f"sqlite:///{Path(path_text).expanduser()}", path_text, explicit
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise RegisterError(
            f"register: unsupported URL scheme {scheme!r} in {mask_url(text)!r}; "
            "give a file path, sqlite:///PATH or postgresql://user@host/db"
        )
    path = Path(text).expanduser()
    return f"sqlite:///{path}", str(path), explicit


_SECRET_KEY = re.compile(r"pass|secret|token|key", re.I)  # query keys that may hold one
_QUERY_VALUE = re.compile(r"([?&;]([^=&;#]*)=)([^&;#]*)")


def _query_secrets(url: str) -> list[str]:
    return [m.group(3) for m in _QUERY_VALUE.finditer(url) if _SECRET_KEY.search(m.group(2))]


def mask_url(url: str) -> str:
    """The URL to show people: the password (``user:PASSWORD@`` or ``?password=``, and any
    query value whose key names a secret) replaced by ``***``. A user part that is itself
    ambiguous (an unencoded ``@`` in it) is masked whole."""
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    rest = _QUERY_VALUE.sub(
        lambda m: m.group(1) + ("***" if _SECRET_KEY.search(m.group(2)) else m.group(3)), rest
    )
    if "@" in rest:
        creds, host = rest.rsplit("@", 1)
        if "@" in creds:
            creds = "***"
        elif ":" in creds:
            creds = creds.split(":", 1)[0] + ":***"
        rest = f"{creds}@{host}"
    return f"{scheme}://{rest}"


def url_secrets(url: str) -> list[str]:
    """Every text a message must not show: the password as written and decoded, the
    query's secret values, and, when the user part is ambiguous, each piece of it."""
    if "://" not in url:
        return []
    rest = url.split("://", 1)[1]
    found = _query_secrets(url)
    if "@" in rest:
        creds = rest.rsplit("@", 1)[0]
        if "@" in creds:  # which '@' ends the password is anyone's guess: every piece
            found += [creds, *re.split(r"[@:]", creds)]
        elif ":" in creds:
            found.append(creds.split(":", 1)[1])
    out = {v for f in found for v in (f, unquote(f)) if len(v) >= 2}
    return sorted(out, key=len, reverse=True)


def scrub(text: str, secrets: list[str]) -> str:
    """``text`` with every secret replaced by ``***``."""
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def check_postgres_url(sa_url: str, shown: str) -> None:
    """A clear error for a PostgreSQL URL that cannot be used, before any connection."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    netloc = sa_url.split("://", 1)[1].split("/", 1)[0]
    if netloc.count("@") > 1:
        raise RegisterError(
            f"register: malformed URL {shown}: the user name or password holds '@'; write it "
            "percent-encoded (%40)"
        )
    try:
        port = make_url(sa_url).port
    except (ValueError, ArgumentError):
        raise RegisterError(
            f"register: malformed URL {shown}: the port must be a whole number (e.g. "
            "postgresql://user@host:5432/db)"
        ) from None
    if port is not None and not 0 < port < 65536:
        raise RegisterError(f"register: malformed URL {shown}: port {port} is not 1-65535")


# what a database's message means for the officer, first match wins
_KINDS = (
    (
        ("database or disk is full", "no space left", "could not extend file", "disk full"),
        "the disk is full (or the database reached its size limit)",
    ),
    (("disk i/o error",), "the disk could not be read or written (is it full?)"),
    (
        ("readonly database", "read-only", "permission denied", "must be owner"),
        "read-only for this user: it can be read (history, rescreen --no-record), not written",
    ),
    (
        (
            "terminating connection",
            "server closed the connection",
            "connection is closed",
            "connection refused",
            "connection failed",
            "consuming input failed",
            "the connection is lost",
            "connection is bad",
            "admin_shutdown",
        ),
        "the connection to the database was lost",
    ),
    (("malformed", "not a database"), "the database file is damaged or not a register"),
)


def reason(error: BaseException, secrets: list[str]) -> str:
    """The first line of a database error's own message, without credentials."""
    orig = getattr(error, "orig", None) or error
    lines = str(orig).strip().splitlines()
    return scrub(lines[0] if lines else type(orig).__name__, secrets)


def register_fault(
    error: BaseException, *, where: str, doing: str, secrets: list[str]
) -> RegisterFault:
    """A database error while ``doing`` something with the register, as the RegisterError
    the command line shows (exit 2): the register, what went wrong in plain words, the
    database's own reason; no credentials."""
    said = reason(error, secrets)
    low = said.lower()
    kind = next((k for words, k in _KINDS if any(w in low for w in words)), "")
    plain = f"{kind} ({said})" if kind else said
    return RegisterFault(f"register: {where}: {doing}: {plain}")


def sqlite_read_only(url: str) -> bool:
    """Whether a register file can only be read here (no write permission on it)."""
    path = Path(url[len("sqlite:///") :])
    return path.exists() and not os.access(path, os.W_OK)


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


def use_wal(engine: Engine) -> None:
    """Switch a scrisk SQLite register to write-ahead logging (kept in the file; done
    once it is known to be a register, never on someone else's database)."""
    raw = engine.raw_connection()
    try:
        mode = raw.cursor().execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            raw.cursor().execute("PRAGMA journal_mode = WAL")
    finally:
        raw.close()


WRITE = "scrisk_write"  # execution option of the transactions that write
SQLITE_CACHE_KIB = 32 * 1024  # each SQLite connection's page cache, at most (filled as used)
SQLITE_PAGE_SIZE = 16 * 1024  # a new SQLite register's page size (bytes)


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """A SQLAlchemy engine with the settings the register needs on each database.

    On SQLite, transactions that write (``execution_options(scrisk_write=True)``) begin
    IMMEDIATE, so writers queue; reads begin deferred and take no lock, so a register
    file without write permission can still be read (``read_only``: opened read-only).
    """
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite"):
        if read_only:
            path = Path(url[len("sqlite:///") :]).resolve()
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
            wal = path.with_name(path.name + "-wal")
            shm = path.with_name(path.name + "-shm")
            if not shm.exists() and not os.access(path.parent, os.W_OK):
                if wal.exists() and wal.stat().st_size:
                    raise RegisterError(
                        f"register: cannot read {path}: it is read-only here and its "
                        "write-ahead log holds changes not yet in the file"
                    )
                url = f"sqlite:///file:{path}?immutable=1&uri=true"  # nobody writes it now
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _connect(dbapi: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
            dbapi.isolation_level = None  # transactions are begun below, IMMEDIATE
            cur = dbapi.cursor()
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
            # a re-screen writes and reads back some 100 documents of 50 KB in one
            # transaction: in the default 2 MB page cache they spill to the log and are
            # read again from it (a third of a re-screen's file reads and writes)
            cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            # pages of 16 KiB in a new register (an existing file keeps its own): its rows
            # are mostly 50 KB documents, read and written a page at a time, a quarter of
            # the file reads and writes (system calls) of 4 KiB pages for the same bytes
            cur.execute(f"PRAGMA page_size = {SQLITE_PAGE_SIZE}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            writes = conn.get_execution_options().get(WRITE)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

        return engine
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})

    @event.listens_for(engine, "connect")
    def _postgres(dbapi: Any, _record: ConnectionPoolEntry) -> None:
        lz4_toasted(dbapi)

    return engine


def lz4_toasted(dbapi: Any) -> None:
    """Large values this session writes (a record's document: some 50 KB of JSON) are
    compressed with lz4 where the server has it (PostgreSQL 14 and later, built with
    lz4), not with the default pglz: a third of the server's work in a re-screen, for
    smaller values; read back the same (each value says how it was compressed). A
    session setting, so any role may make it; nothing done on a server without lz4."""
    autocommit = dbapi.autocommit
    dbapi.autocommit = True  # the setting is the session's, outside any transaction
    try:
        found = dbapi.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        ).fetchone()
        if found is not None:
            dbapi.execute("SET default_toast_compression = 'lz4'")
    finally:
        dbapi.autocommit = autocommit


__all__ = [
    "ENV",
    "WRITE",
    "RegisterError",
    "check_postgres_url",
    "check_sqlite_path",
    "default_path",
    "make_engine",
    "mask_url",
    "reason",
    "register_fault",
    "RegisterFault",
    "resolve",
    "scrub",
    "sqlite_read_only",
    "url_secrets",
    "use_wal",
]
