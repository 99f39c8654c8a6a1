"""Registers for the tests: a SQLite file, and a fresh database on a real PostgreSQL server.

PostgreSQL comes from ``SCRISK_TEST_POSTGRES`` (``.ci/run`` starts a throwaway
server and sets it). Without it the PostgreSQL cases skip with a reason, except
under ``CI=true``, where a missing server is a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOVE = ROOT / "examples" / "glove_bid.json"
BACKENDS = ("sqlite", "postgresql")


def postgres_server() -> str | None:
    url = os.environ.get("SCRISK_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                "CI=true but SCRISK_TEST_POSTGRES is not set: the PostgreSQL "
                "register tests must run in CI (.ci/run starts a server)"
            )
        pytest.skip("no PostgreSQL server (set SCRISK_TEST_POSTGRES, as .ci/run does)")
    return url


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(params=BACKENDS)
def register_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a new, empty register on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "register.sqlite")
        return
    server = postgres_server()
    assert server is not None
    name = f"scrisk_t_{uuid.uuid4().hex[:12]}"
    _admin(server, f'CREATE DATABASE "{name}"')
    base = server.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def scrisk_cli(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process (own user data folder)."""
    full = {**os.environ, "SCRISK_HOME": str(home), **(env or {})}
    full.pop("SCRISK_REGISTER", None) if "SCRISK_REGISTER" not in (env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "scrisk", *args],
        capture_output=True,
        text=True,
        env=full,
        cwd=ROOT,
        timeout=300,
    )


def glove_bid(
    tmp_path: Path,
    *,
    closing: str | None = None,
    maker: str | None = None,
    signed: str | None = None,
    name: str = "bid.json",
) -> Path:
    """The bundled glove bid, optionally with another closing date, maker name, signing date."""
    doc = json.loads(GLOVE.read_text(encoding="utf-8"))
    if closing:
        doc["solicitation"]["closing_date"] = closing
    if maker:
        next(p for p in doc["parties"] if p["id"] == "M1")["name"] = maker
    if signed:
        for c in doc["certifications"]:
            c["signed_on"] = signed
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path
