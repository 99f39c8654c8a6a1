# ruff: noqa: F811  (pytest fixtures imported from register_support are used as arguments)
"""Register faults: credentials, malformed URLs, a server stopping, a full disk, hostile
schemas, read-only registers. Every fault is exit 2 with a message naming the register
(never its password) and no traceback; nothing is tampered with silently."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from register_support import glove_bid, postgres_server, register_url  # noqa: F401

import scrisk
from scrisk.cli import main
from scrisk.register import RegisterError, open_register, rescreen

SECRET = "hunter2"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)


def contract(url: str, tmp_path: Path) -> str:
    """A recorded and awarded glove contract (Top Glove's order came after the award)."""
    bid = glove_bid(
        tmp_path, closing="2020-06-15", maker="Top Glove Sdn. Bhd.", signed="2020-06-01"
    )
    with open_register(url) as reg:
        rid = reg.record(scrisk.assess(bid), declaration=bid.read_bytes(), filename=bid.name)
        reg.award(rid, contract="EN578-200615/001", on="2020-06-15")
    return rid


def count(url: str, table: str = "records") -> int:
    with open_register(url, create=False) as reg, reg.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], *words: str) -> str:
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("scrisk: error: register:") and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


@contextlib.contextmanager
def select_role(url: str, *more: str) -> Iterator[str]:
    """A PostgreSQL login role that may read every table of ``url``'s database (then the
    ``more`` statements, ``{role}`` standing for its quoted name); gives its URL; the role
    dropped after."""
    server = postgres_server()
    assert server is not None
    bare = f"scrisk_reader_{uuid.uuid4().hex[:8]}"
    role = f'"{bare}"'
    name = url.rsplit("/", 1)[1]
    raw(server, f"CREATE ROLE {role} LOGIN")
    raw(
        url,
        f'GRANT CONNECT ON DATABASE "{name}" TO {role}',
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
        *(sql.format(role=role) for sql in more),
    )
    reader = url.replace("//scrisk@", f"//{bare}@", 1)
    assert reader != url
    try:
        yield reader
    finally:
        raw(url, f"DROP OWNED BY {role}")
        raw(server, f"DROP ROLE {role}")


def raw(url: str, *statements: str) -> None:
    """SQL run by someone else, straight on the database (not through scrisk)."""
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql)  # type: ignore[arg-type]
        return
    with contextlib.closing(sqlite3.connect(url)) as conn:
        for sql in statements:
            conn.executescript(sql)
        conn.commit()


# -- credentials and malformed URLs --------------------------------------------------------

# The server the tests run against (``SCRISK_TEST_POSTGRES``, as ``.ci/run`` starts it on
# whichever port is free); the cases that need no server use a closed port of their own.
_HOST_PORT = (
    urlsplit(os.environ["SCRISK_TEST_POSTGRES"]).netloc.rsplit("@", 1)[-1]
    if os.environ.get("SCRISK_TEST_POSTGRES")
    else ""
)


@pytest.mark.parametrize(
    ("user", "path", "what"),
    [
        ("scrisk", f"scrisk_none?password={SECRET}", "does not exist"),
        (f"scrisk:{SECRET}", "scrisk_none", "does not exist"),
        ("scrisk:hun%40ter2", "scrisk_none", "does not exist"),
        ("scrisk", f"x?sslpassword={SECRET}&password={SECRET}", ""),
        ("scrisk:hun@ter2", "scrisk_none", "percent-encoded (%40)"),
    ],
)
def test_a_password_never_reaches_a_message_from_a_server(user, path, what, capsys):
    if what == "does not exist" or not what:
        postgres_server()  # skips (or fails under CI=true) without a server
    url = f"postgresql://{user}@{_HOST_PORT or '127.0.0.1:5432'}/{path}"
    for argv in (["history", "--register", url], ["rescreen", "--register", url]):
        err = refused(capsys, argv, what)
        assert SECRET not in err and "ter2" not in err and "hun" not in err, err
        assert "127.0.0.1" in err  # the register is named, without its credentials


@pytest.mark.parametrize(
    ("url", "what"),
    [
        (f"postgresql://scrisk:{SECRET}@127.0.0.1:54x00/scrisk_none", "port must be a whole"),
        (f"postgresql://scrisk:{SECRET}@127.0.0.1:99999/scrisk_none", "not 1-65535"),
    ],
)
def test_a_malformed_url_is_refused_without_its_password(url, what, capsys):
    for argv in (["history", "--register", url], ["rescreen", "--register", url]):
        err = refused(capsys, argv, what)
        assert SECRET not in err and "ter2" not in err and "hun" not in err, err
        assert "127.0.0.1" in err


def test_a_working_register_shows_its_url_without_the_password(register_url, tmp_path, capsys):
    if not register_url.startswith("postgresql"):
        pytest.skip("a password is a server's")
    url = f"{register_url}?password={SECRET}"
    bid = glove_bid(tmp_path)
    assert main(["assess", str(bid), "--record", "--register", url, "-q"]) == 0
    out = capsys.readouterr().out
    assert "password=***" in out and SECRET not in out
    with open_register(url) as reg:
        assert SECRET not in repr(reg) and SECRET not in reg.where


# -- a server stopping, a full disk --------------------------------------------------------


def _fault_during_rescreen(monkeypatch, fault) -> None:
    """Run ``fault()`` once the first contract's re-assessment is recorded (the run itself
    is written after it), through the progress hook the command line passes."""
    import scrisk.cli.console as console

    @contextlib.contextmanager
    def progress(total: int, label: str):
        yield lambda n: fault()

    monkeypatch.setattr(console, "progress", progress)


def test_postgresql_stopping_mid_rescreen_is_exit_2_naming_the_register(
    register_url, tmp_path, capsys, monkeypatch
):
    if not register_url.startswith("postgresql"):
        pytest.skip("a server stopping")
    contract(register_url, tmp_path)
    server = postgres_server()
    name = register_url.rsplit("/", 1)[1]
    _fault_during_rescreen(monkeypatch, lambda: raw(server, f'DROP DATABASE "{name}" WITH (FORCE)'))
    err = refused(
        capsys,
        ["rescreen", "--as-of", "2021-01-20", "--register", register_url],
        "the connection to the database was lost",
        register_url.split("@", 1)[1],
    )
    assert "this change was not written" in err


def test_connections_ended_by_the_server_are_opened_again(
    register_url, tmp_path, capsys, monkeypatch
):
    if not register_url.startswith("postgresql"):
        pytest.skip("a server ending connections")
    contract(register_url, tmp_path)
    server = postgres_server()
    name = register_url.rsplit("/", 1)[1]
    kill = (
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )
    _fault_during_rescreen(monkeypatch, lambda: raw(server, kill))
    capsys.readouterr()
    assert main(["rescreen", "--as-of", "2021-01-20", "--register", register_url, "-q"]) == 1
    assert count(register_url, "rescreens") == 1 and count(register_url) == 2


def test_a_full_disk_during_a_write_is_exit_2_and_nothing_is_half_written(tmp_path):
    from sqlalchemy import event

    path = tmp_path / "register.sqlite"
    contract(str(path), tmp_path)
    reg = open_register(path)
    reg.engine.dispose()

    @event.listens_for(reg.engine, "connect")
    def _tiny_disk(dbapi, _record) -> None:  # the file may not grow by one page
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count = {pages}")

    bid = glove_bid(tmp_path, name="other.json", maker="Some Other Gloves Sdn. Bhd.")
    with pytest.raises(RegisterError) as caught:
        reg.record(scrisk.assess(bid), declaration=bid.read_bytes() * 50)
    reg.close()
    message = str(caught.value)
    assert message.startswith(f"register: {path}: recording: the disk is full"), message
    assert "not written" in message
    assert count(str(path)) == 1 and count(str(path), "declarations") == 1


def test_a_full_filesystem_during_assess_record_is_exit_2(tmp_path, capsys):
    """A real 1 MB filesystem (tmpfs; needs root, as in the project's container): room
    for an empty register (16 KiB pages), not for a recorded assessment."""
    import os
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1024k", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("mounting a tiny filesystem needs root")
    try:
        path = mount / "register.sqlite"
        open_register(path).close()
        # room to open it (the 32 KB shared-memory file), not to record an assessment
        (mount / "filler").write_bytes(b"\0" * (1024 * 1024 - path.stat().st_size - 40 * 1024))
        bid = glove_bid(tmp_path)
        err = refused(
            capsys,
            ["assess", str(bid), "--record", "--register", str(path), "-q"],
            "the disk",
            str(path),
        )
        (mount / "filler").unlink()
        assert count(str(path)) == 0, err
    finally:
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount)], check=False)


# -- hostile schemas -------------------------------------------------------------------------

PG_FUNCTION = (
    "CREATE FUNCTION scrub() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN DELETE FROM records WHERE id = NEW.id; RETURN NULL; END $$"
)
SQLITE_SCRUB = (
    "CREATE TRIGGER scrub AFTER INSERT ON records BEGIN DELETE FROM records WHERE id = NEW.id; END"
)
SQLITE_SOFTEN = (
    "CREATE TRIGGER soften AFTER INSERT ON records "
    "BEGIN UPDATE records SET risk_level = 'low' WHERE id = NEW.id; END"
)
PG_SCRUB = (
    f"{PG_FUNCTION}; "
    "CREATE TRIGGER scrub AFTER INSERT ON records FOR EACH ROW EXECUTE FUNCTION scrub()"
)
PG_SOFTEN = (
    "CREATE RULE soften AS ON INSERT TO records DO ALSO "
    "UPDATE records SET risk_level = 'low' WHERE id = NEW.id"
)
PG_HIDE = (
    "ALTER TABLE records ENABLE ROW LEVEL SECURITY; "
    "CREATE POLICY hide ON records USING (risk_level <> 'critical')"
)
HOSTILE = {
    "sqlite": [
        (SQLITE_SCRUB, "trigger scrub on records"),
        (SQLITE_SOFTEN, "trigger soften on records"),
        ("CREATE VIEW latest AS SELECT * FROM records", "view latest"),
        ("CREATE TABLE notes (x INTEGER)", "table notes"),
    ],
    "postgresql": [
        (PG_SCRUB, "trigger scrub on records"),
        (PG_SOFTEN, "rule soften on records"),
        (PG_HIDE, "policy hide on records"),
        (PG_FUNCTION, "function public.scrub"),
        ("CREATE VIEW latest AS SELECT * FROM records", "view public.latest"),
        ("CREATE SCHEMA officer; CREATE TABLE officer.records (x int)", "table officer.records"),
    ],
}


@pytest.mark.parametrize("case", range(6))
def test_a_register_holding_objects_scrisk_did_not_create_is_refused(
    case, register_url, tmp_path, capsys
):
    backend = "postgresql" if register_url.startswith("postgresql") else "sqlite"
    if case >= len(HOSTILE[backend]):
        pytest.skip(f"{backend} has {len(HOSTILE[backend])} cases")
    sql, named = HOSTILE[backend][case]
    contract(register_url, tmp_path)
    raw(register_url, sql)
    bid = glove_bid(tmp_path, name="next.json")
    for argv in (
        ["assess", str(bid), "--record", "--register", register_url, "-q"],
        ["history", "--register", register_url],
        ["rescreen", "--no-record", "--register", register_url],
    ):
        refused(capsys, argv, "objects scrisk did not create", named)
    with contextlib.suppress(RegisterError):
        open_register(register_url)
    # nothing was written: the one record of the contract is all there is
    if backend == "sqlite":
        with contextlib.closing(sqlite3.connect(register_url)) as conn:
            assert conn.execute("SELECT count(*) FROM records").fetchone() == (1,)


def test_a_record_changed_by_the_database_as_it_is_written_is_not_recorded(register_url, tmp_path):
    """An object added after the register was opened (past the check at the door): the
    record is read back before the transaction commits, and the write is undone."""
    contract(register_url, tmp_path)
    backend = "postgresql" if register_url.startswith("postgresql") else "sqlite"
    bid = glove_bid(tmp_path, name="next.json")
    a = scrisk.assess(bid)
    with open_register(register_url) as reg:
        if backend == "sqlite":
            raw(register_url, SQLITE_SOFTEN)
        else:
            raw(register_url, PG_SCRUB)
        with pytest.raises(RegisterError, match="did not keep record"):
            reg.record(a, declaration=bid.read_bytes())
    if backend == "sqlite":
        raw(register_url, "DROP TRIGGER soften")
    else:
        raw(register_url, "DROP TRIGGER scrub ON records", "DROP FUNCTION scrub()")
    assert count(register_url) == 1


SQLITE_PAD = (
    "CREATE TRIGGER pad AFTER INSERT ON records "
    "BEGIN UPDATE records SET document = document || ' ' WHERE id = NEW.id; END"
)
PG_PAD = (
    "CREATE FUNCTION pad() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN UPDATE records SET document = document || ' ' WHERE id = NEW.id; RETURN NULL; "
    "END $$; CREATE TRIGGER pad AFTER INSERT ON records FOR EACH ROW EXECUTE FUNCTION pad()"
)


SQLITE_BLOB = (
    "CREATE TRIGGER blob AFTER INSERT ON records "
    "BEGIN UPDATE records SET document = CAST(document AS BLOB) WHERE id = NEW.id; END"
)


@pytest.mark.parametrize("change", ["document", "removed", "blob"])
def test_a_rescreen_whose_records_the_database_changes_records_nothing(
    change, register_url, tmp_path
):
    """The re-screen's records are read back before the chunk commits: a document changed
    by a byte, a record removed, or (SQLite) a document kept as a blob of the same bytes
    is found, named, and the whole chunk undone."""
    backend = "postgresql" if register_url.startswith("postgresql") else "sqlite"
    if change == "blob" and backend != "sqlite":
        pytest.skip("a PostgreSQL text column holds text only")
    contract(register_url, tmp_path)
    with open_register(register_url) as reg:
        if change == "document":
            raw(register_url, SQLITE_PAD if backend == "sqlite" else PG_PAD)
        elif change == "blob":
            raw(register_url, SQLITE_BLOB)
        else:
            raw(register_url, SQLITE_SCRUB if backend == "sqlite" else PG_SCRUB)
        with pytest.raises(RegisterError, match="did not keep record") as caught:
            rescreen(reg, as_of="2024-01-15")
    assert str(caught.value).count("-") >= 4  # the record named by its id
    name = {"document": "pad", "blob": "blob"}.get(change, "scrub")
    if backend == "sqlite":
        raw(register_url, f"DROP TRIGGER {name}")
    else:
        raw(register_url, f"DROP TRIGGER {name} ON records", f"DROP FUNCTION {name}()")
    assert count(register_url) == 1
    assert count(register_url, "rescreens") == 0


# -- registers that may only be read, and ones that do not exist yet --------------------------


def test_a_postgresql_role_with_select_only_can_read_not_write(register_url, tmp_path, capsys):
    if not register_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL role")
    contract(register_url, tmp_path)
    with select_role(register_url) as reader:
        capsys.readouterr()
        assert main(["history", "--register", reader, "--json", "-"]) == 0
        assert len(json.loads(capsys.readouterr().out)["records"]) == 1
        args = ["rescreen", "--as-of", "2021-01-20", "--register", reader, "--json", "-"]
        assert main([*args, "--no-record"]) == 1  # Top Glove's order: the level rose
        report = json.loads(capsys.readouterr().out)
        assert report["rescreen"] is None and report["contracts"][0]["after"]["risk_level"] == (
            "critical"
        )
        assert count(register_url) == 1 and count(register_url, "rescreens") == 0
        refused(capsys, args, "read-only for this user", "rescreen --no-record")
        bid = glove_bid(tmp_path, name="next.json")
        refused(capsys, ["assess", str(bid), "--record", "--register", reader, "-q"], "read-only")
        assert count(register_url) == 1


def test_a_rescreen_the_server_refuses_a_chunk_to_is_a_register_error(
    register_url, tmp_path, capsys
):
    """PostgreSQL: a chunk's documents and declarations are read by the driver itself (in
    binary); a refusal there (a role that may not read the declarations) is the register's
    error naming what was refused, exit 2, no traceback."""
    if not register_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL role")
    contract(register_url, tmp_path)
    with select_role(register_url, "REVOKE SELECT ON declarations FROM {role}") as reader:
        args = ["rescreen", "--as-of", "2021-01-20", "--register", reader, "--no-record"]
        refused(capsys, [*args, "--json", "-"], "declarations")


READ_ONLY_CHILD = """
import json, sys
from scrisk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _as_reader(argv: list[str], folder: Path) -> tuple[int, str, str]:
    """``scrisk argv`` as a user who may read the register file but not write it: as
    root (the project's container) a child process run as 'nobody'."""
    import os
    import subprocess
    import sys

    command = [sys.executable, "-c", READ_ONLY_CHILD, *argv]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {
        "PATH": "/usr/bin:/bin",
        "SCRISK_HOME": str(folder / "home"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "SCRISK_TODAY": "2026-12-01",
    }
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("folder_writable", [True, False])
def test_a_register_file_without_write_permission_can_be_read(folder_writable, tmp_path):
    import hashlib
    import os
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="scrisk-ro-"))
    try:
        path = folder / "register.sqlite"
        contract(str(path), tmp_path)
        path.chmod(0o444)
        folder.chmod(0o777 if folder_writable else 0o555)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        code, out, err = _as_reader(["history", "--register", str(path), "--json", "-"], folder)
        assert code == 0 and "Traceback" not in err, err
        assert len(json.loads(out)["records"]) == 1
        args = ["rescreen", "--as-of", "2021-01-20", "--register", str(path), "--json", "-"]
        code, out, err = _as_reader([*args, "--no-record"], folder)
        assert code == 1 and json.loads(out)["contracts"][0]["after"]["risk_level"] == "critical"
        code, out, err = _as_reader(args, folder)
        assert code == 2 and "Traceback" not in err, err
        assert err.startswith("scrisk: error: register:") and "read-only" in err, err
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert not [
            p for p in os.listdir(folder) if p.endswith("-wal") and (folder / p).stat().st_size
        ]
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def test_reading_commands_never_turn_an_empty_file_or_database_into_a_register(
    register_url, tmp_path, capsys
):
    if register_url.startswith("postgresql"):
        target = register_url  # an empty database
    else:
        Path(register_url).touch()  # an empty file
        target = register_url
    for argv in (["rescreen"], ["history"], ["rescreen", "--no-record"]):
        refused(capsys, [*argv, "--register", target], "no register at", "it is empty")
    if register_url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(register_url) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()
        assert tables == (0,)
    else:
        assert Path(register_url).stat().st_size == 0
