# ruff: noqa: F811  (pytest fixtures imported from register_support are used as arguments)
"""The register v3 on SQLite and PostgreSQL: today's v2 registers upgraded without loss,
ids by unambiguous prefix, bad input refused (exit 2, nothing written), history at 80
columns in both languages, and a reviewer's "not a match" explained as a decision."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest
from register_support import ROOT, glove_bid, register_url  # noqa: F401

import scrisk
from scrisk.cli import main
from scrisk.decisions import Decision
from scrisk.register.schema import SCHEMA_VERSION

V2_SQL = ROOT / "tests" / "fixtures" / "register" / "v2.sql"
SUPERMAX_WRO = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)
    monkeypatch.setenv("SCRISK_TODAY", "2026-09-15")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def as_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json", "-")
    assert code in (0, 1), err
    return json.loads(out)


def counts(url: str) -> dict[str, int]:
    """Rows in every table of the register (what 'nothing written' compares)."""
    from sqlalchemy import func, select

    from scrisk.register import schema as S

    reg = scrisk.open_register(url)
    try:
        with reg.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in S.metadata.sorted_tables
            }
    finally:
        reg.close()


def _engine(url: str):
    from sqlalchemy import create_engine

    if url.startswith("postgresql"):
        return create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    return create_engine(f"sqlite:///{url}")


def v2_register(url: str, bid: Path) -> str:
    """A register as schema version 2 wrote it, holding one awarded record and a decision."""
    from sqlalchemy import text

    doc = scrisk.assess(bid).to_dict()
    body = bid.read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    rid = str(uuid.uuid4())
    postgres = url.startswith("postgresql")
    sql = (V2_SQL.with_name("v2.postgresql.sql") if postgres else V2_SQL).read_text("utf-8")
    engine = _engine(url)
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
                "INSERT INTO records (id, root, solicitation, bidder, bidder_name, declaration, "
                "as_of, stage, risk_level, score, document, provenance, recorded_at) VALUES "
                "(:id, :id, :sol, 'B', :name, :sha, :as_of, 'bid', :level, :score, :doc, '{}', "
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
        conn.execute(
            text(
                "INSERT INTO decisions (name_key, country, entry_id, entry_state, name, party, "
                "record, decision, reviewer, date, comment, recorded_at) VALUES ('supermax', "
                "'MY', 'E1', '', 'Supermax', 'M1', :r, 'unsure', 'A. Roy', '2021-12-11', NULL, "
                "'2021-12-11T09:00:00Z')"
            ),
            {"r": rid},
        )
    engine.dispose()
    return rid


def test_a_version_2_register_is_upgraded_in_place_and_read_without_loss(
    register_url, tmp_path, capsys
):
    url = register_url
    rid = v2_register(url, glove_bid(tmp_path))
    history = as_json(capsys, "history", "--register", url)  # opening upgrades it
    reg = scrisk.open_register(url)
    try:
        assert reg.schema_version() == SCHEMA_VERSION == 3
        assert reg.read_award("C-OLD").instrument == "contract"
    finally:
        reg.close()
    (rec,) = history["records"]
    assert rec["id"] == rid and rec["contract"] == {"number": "C-OLD", "awarded_on": "2021-12-15"}
    assert rec["instrument"] == "contract" and rec["bidder_name"]
    assert [d["reviewer"] for d in history["decisions"]] == ["A. Roy"]
    assert history["callups"] == history["actions"] == history["evidence"] == []
    # the upgraded contract lives on: re-screened, refused a call-up (a plain contract)
    report = as_json(capsys, "rescreen", "--as-of", "2024-01-15", "--register", url)
    assert [c["contract"] for c in report["contracts"]] == ["C-OLD"]
    before = counts(url)
    code, _, err = run(
        capsys, "callup", "C-OLD", "--number", "1", "--on", "2024-01-01", "--register", url
    )
    assert code == 2 and "plain contract" in err and counts(url) == before


def test_ids_by_unambiguous_prefix_and_bad_input_write_nothing(register_url, tmp_path, capsys):
    from sqlalchemy import text

    url = register_url
    ids = []
    for name in ("a.json", "b.json"):
        code, out, err = run(
            capsys,
            "assess",
            str(glove_bid(tmp_path, name=name)),
            "--record",
            "--register",
            url,
            "-q",
        )
        assert code == 0, err
        ids.append(as_json(capsys, "history", "--register", url)["records"][-1]["id"])
    # give the two records ids that share their first characters
    engine = _engine(url)
    with engine.begin() as conn:
        shared = ("abcd0001-0000-4000-8000-000000000001", "abcd0002-0000-4000-8000-000000000002")
        for old, new in zip(ids, shared, strict=True):
            conn.execute(
                text("UPDATE records SET id = :n, root = :n WHERE id = :o"), {"n": new, "o": old}
            )
    engine.dispose()
    before = counts(url)
    code, _, err = run(
        capsys, "award", "abcd", "--contract", "C-1", "--on", "2021-12-15", "--register", url
    )
    assert code == 2 and "abcd0001" in err and "abcd0002" in err and "Traceback" not in err
    code, _, err = run(
        capsys, "award", "ffff", "--contract", "C-1", "--on", "2021-12-15", "--register", url
    )
    assert code == 2 and "no record 'ffff'" in err
    code, _, err = run(
        capsys, "callup", "NO-SUCH", "--number", "1", "--on", "2026-01-01", "--register", url
    )
    assert code == 2 and "no awarded contract 'NO-SUCH'" in err
    code, _, err = run(capsys, "action", "update", "0000", "--status", "closed", "--register", url)
    assert code == 2 and "no action '0000'" in err
    big = tmp_path / "big.pdf"
    big.write_bytes(b"0" * (5 * 1024 * 1024 + 1))
    code, _, err = run(
        capsys, "evidence", "add", "--supplier", "X", "--country", "CA", "--kind", "audit",
        "--issuer", "Y", "--from", "2026-01-01", "--to", "2026-12-31", "--file", str(big),
        "--register", url,
    )  # fmt: skip
    assert code == 2 and "evidence_file_max_bytes" in err
    assert counts(url) == before
    # a prefix naming one record is enough
    code, out, err = run(
        capsys, "award", "abcd0002", "--contract", "C-1", "--on", "2021-12-15", "--register", url
    )
    assert code == 0, err
    assert "abcd0002-0000-4000-8000-000000000002" in out
    code, _, err = run(
        capsys, "action", "open", "C-1", "--flag", "NOPE:M1", "--due", "2026-01-01", "--owner", "o",
        "--plan", "p", "--register", url,
    )  # fmt: skip
    assert code == 2 and "'NOPE' is not a rule" in err
    code, _, err = run(
        capsys, "action", "open", "C-1", "--flag", "REGION:M1", "--due", "2026-01-01", "--on",
        "2025-12-01", "--owner", "o", "--plan", "p", "--register", url,
    )  # fmt: skip
    assert code == 2 and "has no flag REGION:M1" in err and "WATCHLIST:M1" in err
    assert counts(url)["actions"] == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_history_at_80_columns_names_every_event_in_one_to_three_lines(
    tmp_path, capsys, monkeypatch, lang
):
    monkeypatch.setenv("COLUMNS", "80")  # whatever terminal runs the tests
    url = str(tmp_path / "r.sqlite")
    code, out, err = run(
        capsys, "assess", str(glove_bid(tmp_path)), "--record", "--register", url, "-q"
    )
    rid = as_json(capsys, "history", "--register", url)["records"][-1]["id"]
    reg = scrisk.open_register(url)
    reg.add_decisions(
        [Decision("M1", SUPERMAX_WRO, "not_a_match", "J. Tremblay", "2024-01-10", "other firm",
                  name="Supermax Glove Manufacturing Sdn. Bhd.", country="MY")]
    )  # fmt: skip
    reg.close()
    assert (
        main(
            [
                "award",
                rid[:8],
                "--contract",
                "EN578-211087/001/ZF",
                "--on",
                "2021-12-15",
                "--register",
                url,
            ]
        )
        == 0
    )
    code, out, err = run(capsys, "history", "--register", url, "--lang", lang)
    assert code == 0, err
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    events = [ln for ln in lines[1:] if ln[:4].isdigit()]
    assert len(events) == 3  # assessed, awarded, decided
    assert len(lines) - 1 <= 3 * len(events)
    text = " ".join(out.split())
    assert "Northern Shield Medical Supply Inc." in text and "EN578-211087/001/ZF" in text
    assert "J. Tremblay" in text and "Supermax Glove Manufacturing Sdn. Bhd." in text
    assert (" B " not in text) and rid[:8] in text
    assert ("not a match" if lang == "en" else "pas une correspondance") in text


def test_a_flag_removed_by_not_a_match_is_explained_as_the_reviewers_decision(tmp_path, capsys):
    url = str(tmp_path / "r.sqlite")
    code, out, err = run(
        capsys, "assess", str(glove_bid(tmp_path)), "--record", "--register", url, "-q"
    )
    rid = as_json(capsys, "history", "--register", url)["records"][-1]["id"]
    assert main(["award", rid, "--contract", "C-1", "--on", "2021-12-15", "--register", url]) == 0
    reg = scrisk.open_register(url)
    reg.add_decisions(
        [Decision("M1", SUPERMAX_WRO, "not_a_match", "J. Tremblay", "2024-01-10", "other firm",
                  name="Supermax Glove Manufacturing Sdn. Bhd.", country="MY")]
    )  # fmt: skip
    reg.close()
    for lang, says in (("en", "reviewer's decision"), ("fr", "décision de l'examinateur")):
        report = as_json(
            capsys, "rescreen", "--as-of", "2024-01-15", "--lang", lang, "--register", url
        )
        (watch,) = [c for c in report["contracts"][0]["changes"] if c["rule"] == "WATCHLIST"] or [
            None
        ]
        if lang == "en":
            assert watch["change"] == "removed"
            assert says in watch["because"] and "J. Tremblay" in watch["because"]
            assert "modified on" not in watch["because"]
            # the entry by its label, as the workbook names it; its key stays in records
            assert "CBP WRO/Findings: Supermax Corporation Bhd." in watch["because"]
            assert SUPERMAX_WRO not in watch["because"] and watch["records"] == [SUPERMAX_WRO]
        else:  # the second re-screen compares with the first: nothing changed since
            assert watch is None
    fr = scrisk.register.diff_documents  # the French wording, checked on the same pair
    reg = scrisk.open_register(url)
    try:
        records = reg.history()["records"]
        before = reg.record_document(records[0]["id"])
        after = reg.record_document(records[1]["id"])
    finally:
        reg.close()
    (watch,) = [c for c in fr(before, after, lang="fr") if c["rule"] == "WATCHLIST"]
    assert "décision de l'examinateur" in watch["because"]
