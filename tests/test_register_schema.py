"""The register's schema: created on first use, an older register upgraded in place,
a newer one refused, an unusable location a clear error (exit 2), never a traceback."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from register_support import ROOT, glove_bid, register_url  # noqa: F401

import scrisk
from scrisk.cli import main
from scrisk.register import RegisterError, open_register
from scrisk.register.schema import SCHEMA_VERSION

V1_SQL = ROOT / "tests" / "fixtures" / "register" / "v1.sql"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)


def _v1_register(url: str, bid: Path) -> str:
    """A register as schema version 1 wrote it, holding one awarded record of ``bid``
    (built from the checked-in SQL of that version, on SQLite or PostgreSQL)."""
    import hashlib

    from sqlalchemy import create_engine, text

    a = scrisk.assess(bid)
    doc = a.to_dict()
    body = bid.read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    rid = str(uuid.uuid4())
    postgres = url.startswith("postgresql")
    engine = create_engine(
        url.replace("postgresql://", "postgresql+psycopg://") if postgres else f"sqlite:///{url}"
    )
    sql = (V1_SQL.with_name("v1.postgresql.sql") if postgres else V1_SQL).read_text("utf-8")
    with engine.begin() as conn:
        code = "\n".join(ln for ln in sql.splitlines() if not ln.startswith("--"))
        for statement in code.split(";"):
            if statement.strip():
                conn.exec_driver_sql(statement)
        conn.execute(
            text("INSERT INTO declarations VALUES (:s, :f, :b)"),
            {"s": sha, "f": bid.name, "b": body},
        )
        conn.execute(
            text(
                "INSERT INTO records (id, solicitation, bidder, bidder_name, declaration, as_of, "
                "stage, risk_level, score, document, provenance, recorded_at) VALUES (:id, :sol, "
                "'B', :name, :sha, :as_of, 'bid', :level, :score, :doc, '{}', "
                "'2021-12-10T15:00:00Z')"
            ),
            {
                "id": rid,
                "sol": doc["solicitation"]["id"],
                "name": doc["bidder"]["name"],
                "sha": sha,
                "as_of": doc["as_of"],
                "level": doc["risk_level"],
                "score": doc["score"],
                "doc": json.dumps(doc),
            },
        )
        conn.execute(
            text("INSERT INTO awards VALUES (:r, 'C-OLD', '2021-12-15', '2021-12-16T09:00:00Z')"),
            {"r": rid},
        )
    engine.dispose()
    return rid


def test_a_version_1_register_is_upgraded_and_its_contracts_rescreened(
    register_url,  # noqa: F811
    tmp_path,
    capsys,
):
    rid = _v1_register(register_url, glove_bid(tmp_path))
    with open_register(register_url) as reg:
        assert reg.schema_version() == SCHEMA_VERSION
        (row,) = reg.history()["records"]
        assert (row["id"], row["contract"]) == (
            rid,
            {"number": "C-OLD", "awarded_on": "2021-12-15"},
        )
    capsys.readouterr()
    assert (
        main(["rescreen", "--as-of", "2024-01-15", "--json", "-", "--register", register_url, "-q"])
        == 0
    )
    (c,) = json.loads(capsys.readouterr().out)["contracts"]
    assert c["record"] == rid and c["before"]["risk_level"] == "critical"
    with open_register(register_url) as reg:
        found = reg.history()
        assert len(found["records"]) == 2 and len(found["rescreens"]) == 1
        assert found["records"][1]["rescreen_of"] == rid


def test_a_register_with_a_newer_schema_is_refused_with_exit_2(tmp_path, capsys):
    path = tmp_path / "new.sqlite"
    open_register(path).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    with pytest.raises(RegisterError, match="newer"):
        open_register(path)
    capsys.readouterr()
    assert main(["history", "--register", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"schema version {SCHEMA_VERSION + 1}" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "kind",
    [
        "missing_folder",
        "folder",
        "not_a_database",
        "scheme",
        "foreign_tables",
        "missing_file",
        "postgres_down",
    ],
)
def test_an_unusable_register_is_a_clear_error_and_nothing_is_created(kind, tmp_path, capsys):
    target: str
    if kind == "missing_folder":
        target = str(tmp_path / "nowhere" / "reg.sqlite")
    elif kind == "folder":
        target = str(tmp_path)
    elif kind == "not_a_database":
        (tmp_path / "notes.sqlite").write_text("not a database\n" * 100, encoding="utf-8")
        target = str(tmp_path / "notes.sqlite")
    elif kind == "scheme":
        target = "mysql://officer@db/scrisk"
    elif kind == "foreign_tables":
        with sqlite3.connect(tmp_path / "other.sqlite") as db:
            db.execute("CREATE TABLE invoices (x INTEGER)")
        target = str(tmp_path / "other.sqlite")
    elif kind == "missing_file":  # reading commands never create a register
        target = str(tmp_path / "typo.sqlite")
    else:
        target = "postgresql://nobody:secret@127.0.0.1:9/none"
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    assert main(["history", "--register", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scrisk: error: register:") and "Traceback" not in err
    assert "secret" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_default_register_is_created_on_first_use_in_the_user_data_folder(tmp_path, capsys):
    capsys.readouterr()
    assert main(["assess", str(glove_bid(tmp_path)), "--record", "-q"]) == 0
    default = tmp_path / "home" / "register.sqlite"
    assert default.is_file() and str(default) in capsys.readouterr().out
    with sqlite3.connect(default) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT count(*) FROM records").fetchone() == (1,)


def test_scrisk_register_names_the_register(tmp_path, monkeypatch, capsys):
    path = tmp_path / "office.sqlite"
    monkeypatch.setenv("SCRISK_REGISTER", str(path))
    assert main(["assess", str(glove_bid(tmp_path)), "--record", "-q"]) == 0
    assert path.is_file() and not (tmp_path / "home" / "register.sqlite").exists()


def test_a_newer_schema_is_refused_on_every_backend(register_url):  # noqa: F811
    from sqlalchemy import update

    from scrisk.register import schema

    with open_register(register_url) as reg:
        with reg.engine.begin() as conn:
            conn.execute(
                update(schema.meta).where(schema.meta.c.key == "schema_version").values(value="99")
            )
    with pytest.raises(RegisterError, match="schema version 99, newer"):
        open_register(register_url)


def test_reading_commands_never_create_the_default_register(tmp_path, capsys):
    home = tmp_path / "home"
    for argv in (
        ["history"],
        ["rescreen"],
        ["award", "x", "--contract", "C", "--on", "2021-01-01"],
    ):
        capsys.readouterr()
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "no register at" in err and "--record" in err
    assert not home.exists()


def test_a_sqlite_register_connection_has_room_for_a_rescreen_chunk(tmp_path):
    """Each SQLite connection's page cache holds a re-screen chunk's documents (some 100
    of 50 KB), so the rows it reads back before committing are not read from the log."""
    from scrisk.register.connect import SQLITE_CACHE_KIB

    with scrisk.open_register(str(tmp_path / "r.sqlite")) as reg:
        with reg.engine.connect() as conn:
            size = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    assert size == -SQLITE_CACHE_KIB and SQLITE_CACHE_KIB * 1024 >= 100 * 50_000


def test_a_postgresql_register_stores_its_documents_compressed_with_lz4(register_url):  # noqa: F811
    """On PostgreSQL, a record's document (some 50 KB of JSON) is compressed with lz4 where
    the server has it (less of the server's work than its default, pglz), and reads back
    as written; a server without lz4 keeps its default."""
    if not register_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL storage setting")
    import psycopg

    with scrisk.open_register(register_url) as reg:
        a = scrisk.assess(ROOT / "examples" / "apparel_bid.json")
        rid = reg.record(a)
        assert reg.record_document(rid) == json.loads(json.dumps(a.to_dict()))
    with psycopg.connect(register_url) as conn:
        has_lz4 = conn.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        ).fetchone()
        (method,) = conn.execute(
            "SELECT pg_column_compression(document) FROM records WHERE id = %s", [rid]
        ).fetchone()
        # a session of another client keeps the server's default
        (default,) = conn.execute("SHOW default_toast_compression").fetchone()
    assert default == "pglz"
    assert method == ("lz4" if has_lz4 else "pglz")


def test_a_new_sqlite_register_has_large_pages_and_an_old_one_keeps_its_own(tmp_path):
    """A new register's pages are 16 KiB (its documents are some 50 KB: a quarter of the
    file reads and writes of 4 KiB pages); a register made with other pages keeps them
    and is read and written as before."""
    from scrisk.register.connect import SQLITE_PAGE_SIZE

    new = tmp_path / "new.sqlite"
    with scrisk.open_register(str(new)) as reg:
        reg.record(scrisk.assess(ROOT / "examples" / "glove_bid.json"))
    assert SQLITE_PAGE_SIZE == 16384
    assert sqlite3.connect(new).execute("PRAGMA page_size").fetchone() == (SQLITE_PAGE_SIZE,)
    old = tmp_path / "old.sqlite"
    sqlite3.connect(old).execute("PRAGMA page_size = 4096").connection.execute(
        "VACUUM"
    ).connection.close()
    assert old.stat().st_size == 4096  # its page size written, before scrisk opens it
    with scrisk.open_register(str(old)) as reg:
        first = reg.record(scrisk.assess(ROOT / "examples" / "glove_bid.json"))
    with scrisk.open_register(str(old)) as reg:
        second = reg.record(scrisk.assess(ROOT / "examples" / "apparel_bid.json"))
        assert reg.record_document(first)["solicitation"]["id"]
        assert reg.record_document(second)["solicitation"]["id"]
    assert sqlite3.connect(old).execute("PRAGMA page_size").fetchone() == (4096,)
