# ruff: noqa: F811  (pytest fixtures imported from register_support are used as arguments)
"""The contract's life, end to end on SQLite and on a real PostgreSQL server: a standing
offer awarded by an id prefix, a call-up, evidence shown while valid and not once
expired, a corrective action listed overdue then closed, a 2019 contract re-screened
without the clauses it never carried, and the department's S-211 report for the year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from register_support import ROOT, glove_bid, register_url  # noqa: F401

import scrisk
from scrisk.cli import main

STANDING_OFFER = "E60PQ-260001/001/PQ"
OLD_CONTRACT = "EN578-190615/001"
STITCHER = "Emblem Works Atlantic Inc."  # S1 of the apparel bid: no declared cotton source


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)
    monkeypatch.setenv("SCRISK_TODAY", "2026-09-15")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json", "-")
    assert code in (0, 1), err
    return json.loads(out)


def record(capsys, url: str, bid: Path) -> str:
    code, out, err = run(capsys, "assess", str(bid), "--record", "--register", url, "-q")
    assert code == 0, err
    rid = as_json(capsys, "history", "--register", url)["records"][-1]["id"]
    assert rid in out
    return rid


def rescreen(capsys, url: str, on: str) -> dict[str, dict]:
    report = as_json(capsys, "rescreen", "--as-of", on, "--register", url)
    return {c["contract"]: c for c in report["contracts"]}


def test_the_life_of_a_standing_offer_and_of_a_2019_contract(
    register_url, tmp_path, capsys, monkeypatch
):
    url = register_url
    gowns = record(capsys, url, ROOT / "examples" / "apparel_gaps_bid.json")
    old = record(capsys, url, glove_bid(tmp_path, closing="2019-05-01", signed="2019-04-20"))
    # award by the 8 characters history shows; the 2019 glove contract is a plain contract
    code, out, err = run(
        capsys, "award", gowns[:8], "--contract", STANDING_OFFER, "--on", "2026-05-01",
        "--instrument", "standing_offer", "--register", url,
    )  # fmt: skip
    assert code == 0, err
    assert gowns in out and "standing offer" in out
    code, out, err = run(
        capsys,
        "award",
        old[:8],
        "--contract",
        OLD_CONTRACT,
        "--on",
        "2019-06-15",
        "--register",
        url,
    )
    assert code == 0, err
    # a second award of the same record: exit 2, nothing written
    code, out, err = run(
        capsys, "award", old, "--contract", "X-2", "--on", "2019-07-01", "--register", url
    )
    assert code == 2 and "already contract" in err and "Traceback" not in err

    # a call-up against the plain contract is refused; against the standing offer it is kept
    code, out, err = run(
        capsys, "callup", OLD_CONTRACT, "--number", "1", "--on", "2026-09-01", "--register", url
    )
    assert code == 2 and "plain contract" in err
    code, out, err = run(
        capsys, "callup", STANDING_OFFER, "--number", "1", "--on", "2026-09-01",
        "--value", "48000", "--register", url,
    )  # fmt: skip
    assert code == 0, err
    assert "2026-09-01" in out

    # origin evidence for the stitcher's cotton, valid to the end of October
    proof = tmp_path / "origin.pdf"
    proof.write_bytes(b"%PDF-1.4 cotton origin, not opened by scrisk")
    code, out, err = run(
        capsys, "evidence", "add", "--supplier", STITCHER.upper(), "--country", "CA",
        "--kind", "origin", "--issuer", "Cotton Board", "--material", "cotton",
        "--from", "2026-01-01", "--to", "2026-10-31", "--file", str(proof), "--register", url,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        capsys, "evidence", "add", "--supplier", STITCHER, "--country", "CA", "--kind", "audit",
        "--issuer", "X", "--from", "2026-05-01", "--to", "2026-04-01", "--register", url,
    )  # fmt: skip
    assert code == 2 and "before --from" in err
    listed = as_json(capsys, "evidence", "--supplier", STITCHER, "--register", url)["evidence"]
    assert len(listed) == 1 and listed[0]["file_sha256"] and listed[0]["status_today"] == "valid"

    # a corrective action on the stitcher's CHAIN_GAP: due before it opens is refused
    code, out, err = run(
        capsys, "action", "open", STANDING_OFFER, "--flag", "CHAIN_GAP:S1", "--due", "2026-05-01",
        "--owner", "J. Tremblay", "--plan", "Obtain origin papers", "--on", "2026-06-01",
        "--register", url,
    )  # fmt: skip
    assert code == 2 and "before the action opens" in err
    code, out, err = run(
        capsys, "action", "open", STANDING_OFFER, "--flag", "CHAIN_GAP:S1", "--due", "2026-08-01",
        "--owner", "J. Tremblay", "--plan", "Obtain origin papers", "--on", "2026-06-01",
        "--register", url,
    )  # fmt: skip
    assert code == 0, err
    action = out.strip()
    assert len(action) == 36
    overdue = as_json(capsys, "actions", "--overdue", "--register", url)["actions"]
    assert [a["id"] for a in overdue] == [action]

    # re-screen in October: the evidence counts and settles the cotton CHAIN_GAP; the
    # overdue action and the call-up are shown with the standing offer
    october = rescreen(capsys, url, "2026-10-15")
    so = october[STANDING_OFFER]
    assert so["instrument"] == "standing_offer"
    assert [c["number"] for c in so["callups"]] == ["1"]
    assert [a["id"] for a in so["actions_overdue"]] == [action]
    (ev,) = so["supplier_evidence"]
    assert ev["party"] == "S1" and ev["status"] == "valid" and ev["counts"] is True
    assert {"rule": "CHAIN_GAP", "good": "G1", "settles": True} in ev["flags"]

    # the action is closed; it may not move back
    code, out, err = run(
        capsys, "action", "update", action[:8], "--status", "closed", "--note", "papers received",
        "--on", "2026-10-01", "--register", url,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "action", "update", action, "--status", "open", "--register", url)
    assert code == 2 and "forward only" in err
    assert as_json(capsys, "actions", "--overdue", "--register", url)["actions"] == []

    # re-screen at the end of November: the evidence has expired and does not count
    november = rescreen(capsys, url, "2026-11-30")
    (ev,) = november[STANDING_OFFER]["supplier_evidence"]
    assert ev["status"] == "expired" and ev["counts"] is False
    assert not any(f["settles"] for f in ev["flags"]) and "expired" in ev["note"]
    assert november[STANDING_OFFER]["actions_overdue"] == []
    # the 2019 contract keeps the clauses it was signed with: no PN-150, no Code of Conduct
    reg = scrisk.open_register(url)
    try:
        history = reg.history()
        last = [r for r in history["records"] if r["rescreen_of"] == old][-1]
        doc = reg.record_document(last["id"])
    finally:
        reg.close()
    assert doc["contract_date"] == "2019-06-15" and doc["as_of"] == "2026-11-30"
    clauses = {c["clause"]: c["status"] for c in doc["clauses"]}
    assert clauses["PN150"] == "not_applicable" and clauses["CODE"] == "not_applicable"
    kinds = [e["event"] for e in history["events"]]
    for kind in ("assessed", "rescreened", "awarded", "called_up", "evidence", "action"):
        assert kind in kinds, kind

    # the department's report for the year ending 31 March 2027
    docx, xlsx, fr = tmp_path / "s211.docx", tmp_path / "s211.xlsx", tmp_path / "s211-fr.docx"
    fig = as_json(
        capsys, "report", "s211", "--year", "2027", "--department", "PSPC", "--docx", str(docx),
        "--excel", str(xlsx), "--register", url,
    )  # fmt: skip
    assert fig["format"] == "scrisk-s211/1"
    assert fig["period"] == {"start": "2026-04-01", "end": "2027-03-31", "due": "2027-05-31"}
    listed = {c["contract"]: c for c in fig["contracts"]["list"]}
    assert set(listed) == {STANDING_OFFER, OLD_CONTRACT}
    assert listed[STANDING_OFFER]["awarded_in_year"] and not listed[OLD_CONTRACT]["awarded_in_year"]
    assert fig["contracts"]["by_category"] == {"apparel": 1, "ppe": 1}
    assert fig["callups"] == {
        "count": 1,
        "value_cad": 48000.0,
        "by_level": fig["callups"]["by_level"],
    }
    assert fig["evidence"]["count"] == 1 and fig["evidence"]["valid_at_year_end"] == 0
    assert (fig["actions"]["opened"], fig["actions"]["closed"]) == (1, 1)
    assert fig["actions"]["overdue_at_year_end"] == 0
    # the same register gives the same JSON bytes
    again = as_json(
        capsys, "report", "s211", "--year", "2027", "--department", "PSPC", "--register", url
    )
    assert json.dumps(again, sort_keys=True) == json.dumps(fig, sort_keys=True)
    from docx import Document
    from openpyxl import load_workbook

    headings = [p.text for p in Document(str(docx)).paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 7
    assert headings[0].endswith("Structure, activities and supply chains")
    assert headings[-1].endswith("How effectiveness is assessed")
    code, out, err = run(
        capsys, "report", "s211", "--year", "2027", "--lang", "fr", "--docx", str(fr),
        "--register", url,
    )  # fmt: skip
    assert code == 0, err
    french = [p.text for p in Document(str(fr)).paragraphs if p.style.name == "Heading 1"]
    assert len(french) == 7 and french[-1].endswith("Évaluation de l'efficacité")
    wb = load_workbook(xlsx)
    cells = [c.value for row in wb.worksheets[1].iter_rows() for c in row]
    assert STANDING_OFFER in cells and OLD_CONTRACT in cells
