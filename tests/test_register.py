# ruff: noqa: F811  (pytest fixtures imported from register_support are used as arguments)
"""The register of record, on SQLite and on a real PostgreSQL server: record, award,
re-screen when the lists change, history, shared decisions, concurrent officers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from register_support import ROOT, glove_bid, register_url, scrisk_cli  # noqa: F401

import scrisk
from scrisk.cli import main

TOP_GLOVE_WRO = "CBP-top-glove-sdn-bhd-tg-medical-sdn-bhd-wro"
SUPERMAX_WRO = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)


def _json_out(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def _record(capsys, url: str, bid: Path, *extra: str) -> str:
    capsys.readouterr()
    assert main(["assess", str(bid), "--record", "--register", url, "-q", *extra]) == 0
    out = capsys.readouterr().out
    code, history = _json_out(capsys, "history", "--json", "-", "--register", url)
    rid = history["records"][-1]["id"]
    assert rid in out  # --record prints the new record's id
    return rid


def test_top_glove_order_after_award_is_an_added_critical_flag_and_exits_1(
    register_url, tmp_path, capsys
):
    # A glove contract closing and awarded in June 2020, made by Top Glove Sdn. Bhd.:
    # CBP's Withhold Release Order against it was issued on 2020-07-15 (in force on
    # 2021-01-20). (Supermax's order came on 2021-10-21, too late for this scenario.)
    bid = glove_bid(
        tmp_path, closing="2020-06-15", maker="Top Glove Sdn. Bhd.", signed="2020-06-01"
    )
    rid = _record(capsys, register_url, bid)
    assert (
        main(
            [
                "award",
                rid,
                "--contract",
                "EN578-200615/001",
                "--on",
                "2020-06-15",
                "--register",
                register_url,
            ]
        )
        == 0
    )
    code, report = _json_out(
        capsys, "rescreen", "--as-of", "2021-01-20", "--json", "-", "--register", register_url
    )
    assert code == 1
    assert report["format"] == "scrisk-rescreen/1" and report["as_of"] == "2021-01-20"
    (c,) = report["contracts"]
    assert (c["record"], c["contract"]) == (rid, "EN578-200615/001")
    assert c["before"]["risk_level"] != "critical" and c["after"]["risk_level"] == "critical"
    assert c["before"]["as_of"] == "2020-06-15" and c["after"]["as_of"] == "2021-01-20"
    watch = [ch for ch in c["changes"] if ch["rule"] == "WATCHLIST"]
    assert watch == [
        {
            "change": "added",
            "rule": "WATCHLIST",
            "party": "M1",
            "good": None,
            "records": [TOP_GLOVE_WRO],
            "severity_before": None,
            "severity_after": "critical",
            "because": watch[0]["because"],
        }
    ]
    # the entry named by its label (its key is in "records"), and the day it was issued
    assert TOP_GLOVE_WRO not in watch[0]["because"]
    assert watch[0]["because"].startswith("CBP WRO/Findings: Top Glove")
    assert watch[0]["because"].endswith("issued 2020-07-15 (a new entry)")
    # the re-assessment is recorded: the next re-screen compares with it, and nothing rose
    code, again = _json_out(
        capsys, "rescreen", "--as-of", "2021-01-20", "--json", "-", "--register", register_url
    )
    assert code == 0 and again["contracts"][0]["changes"] == []


def test_supermax_order_modified_in_2023_is_a_changed_flag_level_down_exit_0(
    register_url, tmp_path, capsys
):
    rid = _record(capsys, register_url, glove_bid(tmp_path))  # closes 2021-12-10: critical
    assert (
        main(
            [
                "award",
                rid,
                "--contract",
                "EN578-211087/001/ZF",
                "--on",
                "2021-12-15",
                "--register",
                register_url,
            ]
        )
        == 0
    )
    code, report = _json_out(
        capsys, "rescreen", "--as-of", "2024-01-15", "--json", "-", "--register", register_url
    )
    assert code == 0
    (c,) = report["contracts"]
    assert c["before"]["risk_level"] == "critical"
    assert c["after"]["risk_level"] in ("high", "medium", "low")
    assert c["after"]["score"] < c["before"]["score"]
    (watch,) = [ch for ch in c["changes"] if ch["rule"] == "WATCHLIST"]
    assert (watch["change"], watch["party"], watch["severity_before"], watch["severity_after"]) == (
        "changed",
        "M1",
        "critical",
        "info",
    )
    assert SUPERMAX_WRO not in watch["because"] and watch["records"] == [SUPERMAX_WRO]
    assert watch["because"].startswith("CBP WRO/Findings: Supermax Corporation Bhd.")
    assert watch["because"].endswith(", modified on 2023-09-18")


def test_history_lists_records_awards_rescreens_and_filters_by_solicitation(
    register_url, tmp_path, capsys
):
    glove = _record(capsys, register_url, glove_bid(tmp_path))
    clean = _record(capsys, register_url, ROOT / "examples" / "clean_bid.json")
    assert (
        main(
            ["award", glove, "--contract", "C-1", "--on", "2021-12-15", "--register", register_url]
        )
        == 0
    )
    assert main(["rescreen", "--as-of", "2022-06-01", "--register", register_url, "-q"]) == 0
    code, h = _json_out(capsys, "history", "--json", "-", "--register", register_url)
    assert code == 0 and h["format"] == "scrisk-history/1"
    ids = [r["id"] for r in h["records"]]
    assert ids[:2] == [glove, clean] and len(ids) == 3
    first, second, third = h["records"]
    assert first["contract"] == {"number": "C-1", "awarded_on": "2021-12-15"}
    assert second["contract"] is None
    assert third["rescreen_of"] == glove and third["stage"] == "contract"
    assert third["as_of"] == "2022-06-01" and third["contract"]["number"] == "C-1"
    assert [r["id"] for r in h["rescreens"]] == [third["rescreen"]]
    for r in h["records"]:
        assert r["recorded_at"].endswith("Z") and r["risk_level"] and r["solicitation"]
    code, only = _json_out(
        capsys, "history", "EN578-211087/A", "--json", "-", "--register", register_url
    )
    assert [r["id"] for r in only["records"]] == [glove, third["id"]]


def test_the_stored_document_is_the_assessment_and_declaration_kept_as_received(
    register_url, tmp_path
):
    bid = glove_bid(tmp_path)
    a = scrisk.assess(bid)
    with scrisk.open_register(register_url) as reg:
        rid = reg.record(a, declaration=bid.read_bytes(), filename=str(bid))
        assert reg.record_document(rid) == a.to_dict()
        (row,) = reg.history()["records"]
        assert reg.declaration(row["declaration_sha256"]) == bid.read_bytes()
    doc = a.to_dict()
    assert rid not in json.dumps(doc) and "recorded_at" not in json.dumps(doc)


def test_four_concurrent_record_runs_leave_four_records(register_url, tmp_path):
    bid = glove_bid(tmp_path)
    home = tmp_path / "home"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scrisk",
                "assess",
                str(bid),
                "--record",
                "--register",
                register_url,
                "-q",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**__import__("os").environ, "SCRISK_HOME": str(home)},
        )
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [e for _, e in outs]
    done = scrisk_cli("history", "--json", "-", "--register", register_url, home=home)
    records = json.loads(done.stdout)["records"]
    assert len(records) == 4 and len({r["id"] for r in records}) == 4
    assert {r["id"] for r in records} == {o.split(" as ")[1].split()[0] for o, _ in outs}


def test_a_decision_applies_to_the_same_supplier_in_another_bid_not_to_the_same_party_id(
    register_url, tmp_path, capsys
):
    review = tmp_path / "review.csv"
    review.write_text(
        "party,entry_id,decision,reviewer,date,comment\n"
        f"M1,{SUPERMAX_WRO},not a match,R. Roy,2021-12-01,another Supermax\n",
        encoding="utf-8",
    )
    _record(capsys, register_url, glove_bid(tmp_path), "--decisions", str(review))
    # another bid naming the same supplier under another party id
    doc = json.loads(glove_bid(tmp_path).read_text(encoding="utf-8"))
    doc["parties"][1]["id"] = "MX"
    doc["parties"][0]["supplies_to"] = []
    for p in doc["parties"]:
        p["supplies_to"] = ["MX" if s == "M1" else s for s in p.get("supplies_to", [])]
    for c in doc["certifications"]:
        c["party"] = "MX" if c["party"] == "M1" else c["party"]
    other = tmp_path / "other.json"
    other.write_text(json.dumps(doc), encoding="utf-8")
    code, later = _json_out(
        capsys, "assess", str(other), "--json", "-", "--register", register_url, "-q"
    )
    assert not [f for f in later["flags"] if f["rule"] == "WATCHLIST"]
    (applied,) = later["decisions"]
    assert (applied["party"], applied["entry_id"], applied["decision"], applied["reviewer"]) == (
        "MX",
        SUPERMAX_WRO,
        "not_a_match",
        "R. Roy",
    )
    # a different supplier that happens to be party M1: the answer is not for it
    plain = json.loads(glove_bid(tmp_path).read_text(encoding="utf-8"))
    plain["parties"][1]["name"] = "Supermax Glove Manufacturing Sdn. Bhd."
    plain["parties"][1]["country"] = "Thailand"
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(plain), encoding="utf-8")
    code, third = _json_out(
        capsys, "assess", str(moved), "--json", "-", "--register", register_url, "-q"
    )
    assert third["decisions"] == []
    assert [f["party"] for f in third["flags"] if f["rule"] == "WATCHLIST"] == ["M1"]


def test_a_list_change_to_the_entry_reopens_the_question(register_url, tmp_path):
    from scrisk.decisions import Decision

    bid = glove_bid(tmp_path)
    with scrisk.open_register(register_url) as reg:
        # decided while the order was in force, before its 2023 modification
        reg.add_decisions(
            [
                Decision(
                    "M1",
                    SUPERMAX_WRO,
                    "not_a_match",
                    "R. Roy",
                    "2022-01-10",
                    name="Supermax Glove Manufacturing Sdn. Bhd.",
                    country="MY",
                    entry_state="active||2021-10-21",
                )
            ]
        )
        decl = scrisk.load_declaration(bid)
        a = scrisk.assess(decl, decisions=reg.decisions_for(decl))
    doc = a.to_dict()
    assert [f["party"] for f in doc["flags"] if f["rule"] == "WATCHLIST"] == ["M1"]
    (note,) = doc["decisions_unapplied"]
    assert (note["reason"], note["entry_id"], note["decided_against"]) == (
        "reopened",
        SUPERMAX_WRO,
        "active||2021-10-21",
    )


def test_a_decision_matching_nothing_in_the_bid_is_reported_not_dropped(tmp_path, capsys):
    review = tmp_path / "review.csv"
    review.write_text(
        "party,entry_id,decision,reviewer\n"
        f"Z9,{SUPERMAX_WRO},confirmed,J. Roy\n"
        f"R1,{SUPERMAX_WRO},not a match,J. Roy\n",
        encoding="utf-8",
    )
    code, doc = _json_out(
        capsys, "assess", str(glove_bid(tmp_path)), "--json", "-", "--decisions", str(review), "-q"
    )
    notes = {(n["reason"], n["party"] or n["name"]) for n in doc["decisions_unapplied"]}
    assert notes == {("no_party", "Z9"), ("no_match", "Semenanjung Polymer Latex Sdn. Bhd.")}
    capsys.readouterr()
    main(["assess", str(glove_bid(tmp_path)), "--decisions", str(review), "--lang", "fr"])
    out = capsys.readouterr().out
    assert "Décision de l'examinateur non appliquée" in out and "Z9" in out


def test_rescreen_in_worker_processes_says_what_one_process_says(register_url, tmp_path):
    from scrisk.register import rescreen

    bids = [
        glove_bid(tmp_path),
        glove_bid(
            tmp_path,
            # after the ILAB 2020 edition listed Malaysian rubber gloves (2020-09-30)
            closing="2020-10-15",
            maker="Top Glove Sdn. Bhd.",
            signed="2020-10-01",
            name="tg.json",
        ),
        ROOT / "examples" / "clean_bid.json",
    ]
    with scrisk.open_register(register_url) as reg:
        for i, bid in enumerate(bids):
            rid = reg.record(scrisk.assess(bid), declaration=Path(bid).read_bytes())
            reg.award(rid, contract=f"C-{i}", on="2021-12-15")
        one = rescreen(reg, as_of="2024-01-15", workers=1)
        # the second run compares with the first one's records: nothing changed since
        two = rescreen(reg, as_of="2024-01-15", workers=2)

    def essence(report: dict) -> list:
        return [(c["contract"], c["after"], c["rose"]) for c in report["contracts"]]

    assert essence(one) == essence(two) and len(one["contracts"]) == 3
    assert [c["changes"] for c in two["contracts"]] == [[], [], []]
    assert [c["compared_with"] for c in one["contracts"]] == [c["record"] for c in one["contracts"]]


def test_a_workbook_declaration_is_kept_as_received_and_rescreened(tmp_path, capsys):
    url = str(tmp_path / "r.sqlite")
    xlsx = ROOT / "examples" / "glove_bid.xlsx"
    rid = _record(capsys, url, xlsx)
    with scrisk.open_register(url) as reg:
        (row,) = reg.history()["records"]
        assert reg.declaration(row["declaration_sha256"]) == xlsx.read_bytes()
    assert main(["award", rid, "--contract", "C-X", "--on", "2021-12-15", "--register", url]) == 0
    book = tmp_path / "rescreen.xlsx"
    code, report = _json_out(
        capsys,
        "rescreen",
        "--as-of",
        "2024-01-15",
        "--json",
        "-",
        "--register",
        url,
        "--excel",
        str(book),
        "--lang",
        "fr",
    )
    assert code == 0 and report["contracts"][0]["after"]["risk_level"] == "high"
    import openpyxl

    ws = openpyxl.load_workbook(book)["Revérification"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Contrat" and ws.freeze_panes == "A2"
    watch = [r for r in rows[1:] if r[8] == "WATCHLIST"]  # the rule id: hidden, for filters
    assert [(r[0].split("\n")[0], r[4], r[6]) for r in watch] == [
        ("C-X", "modifié", "critique \u2192 info")
    ]
    assert watch[0][5].startswith("Partie inscrite")  # the flag by its title
    assert "modifiée le 2023-09-18" in watch[0][7]


def test_a_contract_is_rescreened_with_the_policy_it_was_recorded_with(tmp_path, capsys):
    url = str(tmp_path / "r.sqlite")
    policy = tmp_path / "ours.toml"
    policy.write_text("[scoring]\nattenuation = 0.8\n", encoding="utf-8")
    rid = _record(capsys, url, glove_bid(tmp_path), "--policy", str(policy))
    assert main(["award", rid, "--contract", "C-P", "--on", "2021-12-10", "--register", url]) == 0
    code, report = _json_out(
        capsys, "rescreen", "--as-of", "2021-12-10", "--json", "-", "--register", url
    )
    (c,) = report["contracts"]
    assert code == 0 and c["changes"] == [] and c["after"]["score"] == c["before"]["score"]
    with scrisk.open_register(url) as reg:
        last = reg.history()["records"][-1]["id"]
        prov = reg.record_document(last)["provenance"]
    assert prov["policy_overrides"] == {"scoring.attenuation": 0.8}


@pytest.mark.parametrize(
    "column",
    ["{}", "not JSON", '{"policy_overrides":{"scoring.attenuation":0.5}}', "[1]", ""],
)
def test_the_document_decides_the_policy_when_the_provenance_column_says_otherwise(
    register_url, tmp_path, column
):
    """A re-screen reads each contract's policy from the record's provenance column (its
    last document is read later, one at a time); a column changed by hand, or unreadable,
    does not decide it: the document's own provenance does, and its names are screened
    with that policy."""
    from sqlalchemy import update

    from scrisk.register import rescreen
    from scrisk.register import schema as S

    policy = {"scoring": {"attenuation": 0.8}}
    bid = glove_bid(tmp_path)
    with scrisk.open_register(register_url) as reg:
        rid = reg.record(scrisk.assess(bid, policy=policy), declaration=bid.read_bytes())
        reg.award(rid, contract="C-P", on="2021-12-10")
        expected = rescreen(reg, as_of="2021-12-10", record=False)["contracts"]
        with reg.engine.begin() as conn:
            conn.execute(update(S.records).values(provenance=column))
        report = rescreen(reg, as_of="2021-12-10", record=False)
    (c,) = report["contracts"]
    assert report["contracts"] == expected
    assert c["changes"] == [] and c["after"]["score"] == c["before"]["score"]
    unweighted = scrisk.assess(bid, as_of="2021-12-10", stage="contract").score
    assert c["after"]["score"] != unweighted  # not the shipped default's score


def test_names_screened_for_one_chunk_are_not_screened_again(register_url, tmp_path, monkeypatch):
    """Contracts of one re-screen share suppliers: a name screened for an earlier chunk is
    taken from what that chunk found (same policy, same date), and the report is the one
    each chunk screening all its names gives."""
    from scrisk.assessment import engine
    from scrisk.register import rescreen

    module = sys.modules["scrisk.register.rescreen"]
    bid = glove_bid(tmp_path)
    with scrisk.open_register(register_url) as reg:
        for n in range(3):
            rid = reg.record(scrisk.assess(bid), declaration=bid.read_bytes())
            reg.award(rid, contract=f"C-{n}", on="2021-12-10")
        whole = rescreen(reg, as_of="2024-01-15", record=False)
        screened: list[list[tuple[str, str | None]]] = []
        real = engine.screen_names

        def counted(keys, policy, when):
            keys = list(keys)
            screened.append(keys)
            return real(keys, policy, when)

        monkeypatch.setattr(module, "CHUNK", 1)
        monkeypatch.setattr(engine, "screen_names", counted)
        one_by_one = rescreen(reg, as_of="2024-01-15", record=False)
    assert one_by_one == whole and len(whole["contracts"]) == 3
    parties = len(json.loads(bid.read_text(encoding="utf-8"))["parties"])
    assert len(screened) == 1 and len(screened[0]) == parties  # the first chunk's names only


def test_a_rescreen_stores_each_document_as_the_text_of_its_bytes(register_url, tmp_path):
    """The re-screen's rows carry each document's text as UTF-8 bytes (never decoded only to
    be encoded again): stored as text all the same, the very text of the plain row, on
    both backends; a second re-screen reads it back and finds nothing changed."""
    from sqlalchemy import select

    from scrisk.register import rescreen
    from scrisk.register import schema as S
    from scrisk.register.rows import document_row, typed_document_row

    bid = glove_bid(tmp_path, maker="Société Générale des Gants (Québec) Ltée")
    with scrisk.open_register(register_url) as reg:
        rid = reg.record(scrisk.assess(bid), declaration=bid.read_bytes())
        reg.award(rid, contract="C-1", on="2021-12-15")
        rescreen(reg, as_of="2024-01-15")
        again = rescreen(reg, as_of="2024-01-15")
        with reg.engine.connect() as conn:
            stored = (
                conn.execute(select(S.records.c.document).where(S.records.c.rescreen.is_not(None)))
                .scalars()
                .all()
            )
            if register_url.startswith("postgresql"):
                kinds = {"text"}
            else:
                kinds = set(conn.exec_driver_sql("SELECT typeof(document) FROM records").scalars())
    assert kinds == {"text"} and len(stored) == 2
    assert all(isinstance(text, str) and "Québec" in text for text in stored)
    assert again["contracts"][0]["changes"] == []
    typed = scrisk.assess(bid, as_of="2024-01-15").document("en")
    keys = {"declaration": "x", "root": None, "rescreen": None}
    as_bytes = typed_document_row(typed, as_bytes=True, **keys)["document"]
    assert as_bytes == document_row(typed.to_dict(), typed=typed, **keys)["document"].encode()
