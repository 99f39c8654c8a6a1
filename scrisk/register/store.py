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

from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.register import schema as S
from scrisk.register.connect import (
    RegisterError,
    check_sqlite_path,
    default_path,
    make_engine,
    reason,
    resolve,
    sqlite_read_only,
    url_secrets,
    use_wal,
)
from scrisk.register.history import RegisterHistory

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Connection


class Register(RegisterHistory):
    """A register of record on SQLite or PostgreSQL (see :func:`open_register`)."""

    def __init__(self, url: str | Path | None = None, *, create: bool = True) -> None:
        import sqlite3

        from sqlalchemy.exc import SQLAlchemyError

        sa_url, self.where, explicit = resolve(url)
        self.url = sa_url
        self._secrets = url_secrets(sa_url)
        self.dialect = "sqlite" if sa_url.startswith("sqlite") else "postgresql"
        self.read_only = False
        if self.dialect == "sqlite":
            if create and not explicit:
                default_path(create=True)  # the user data folder, on first use
            check_sqlite_path(sa_url, self.where, create=create)
            self.read_only = sqlite_read_only(sa_url)
        self.engine = make_engine(sa_url, read_only=self.read_only)
        try:
            self._open(create)
        except RegisterError:
            self.engine.dispose()
            raise
        except (SQLAlchemyError, OSError, sqlite3.Error) as error:
            self.engine.dispose()
            said = reason(error, self._secrets)
            raise RegisterError(f"register: cannot open {self.where}: {said}") from None

    def _open(self, create: bool) -> None:
        """Check the schema reading only; write only to create (``create``) or upgrade it.

        A reading command (``create=False``) never turns an empty file or database into
        a register, and a register it may only read is read as it is.
        """
        version = self._read(
            lambda conn: S.found_version(conn, dialect=self.dialect, where=self.where),
            doing="opening",
        )
        if version == 0 and not create:
            raise RegisterError(
                f"register: no register at {self.where} (it is empty; record an assessment "
                "with 'scrisk assess ... --record' to create it)"
            )
        if version < S.SCHEMA_VERSION:
            if self.read_only:
                raise RegisterError(
                    f"register: {self.where} is read-only here and has schema version "
                    f"{version}: it needs an upgrade to {S.SCHEMA_VERSION} by someone who "
                    "may write it"
                )
            self._retry(self._prepare, doing="creating or upgrading its tables")
        if self.dialect == "sqlite" and create and not self.read_only:
            self._retry_plain(lambda: use_wal(self.engine))

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

    def _prepare(self, conn: Connection) -> None:
        S.ensure_schema(conn, dialect=self.dialect, where=self.where)


def open_register(url: str | Path | None = None, *, create: bool = True) -> Register:
    """Open the register at ``url`` (a file path, ``sqlite:///PATH`` or
    ``postgresql://user@host/db``), else ``SCRISK_REGISTER``, else the default
    SQLite file in the user data folder (created on first use).

    With ``create=False`` a register file that does not exist, or an empty file or
    database, is an error rather than a new, empty register (reading commands never
    create one), and nothing is written: a register this user may only read (a file
    without write permission, a PostgreSQL role with SELECT only) can be read.
    Raises :class:`RegisterError` (exit 2 on the command line) when it cannot
    be opened, holds objects scrisk did not create, or its schema is newer; every
    later fault of the database is a RegisterError too, naming the register
    without credentials.
    """
    return Register(url, create=create)


__all__ = ["Register", "open_register"]
