"""Two dates (rules.md v3): the contract date decides which clauses the instrument carries;
the as-of date decides what the evidence says."""

from __future__ import annotations

import json
from datetime import date

import pytest
from assessment_bids import bid, example, party

import scrisk
from scrisk.cli import main


def matrix(a) -> dict[str, str]:
    return {c.clause: c.status for c in a.clause_list}


def rows(a, lang: str = "en") -> dict[str, dict]:
    return {c["clause"]: c for c in a.to_dict(lang)["clauses"]}


def ppe_2019(**solicitation) -> dict:
    """A 2019 PPE glove contract made in Malaysia, with no ethical certification at all:
    the certification did not exist for PPE then."""
    doc = json.loads(example("glove_bid").read_text(encoding="utf-8"))
    doc["solicitation"].update(closing_date="2019-05-01", **solicitation)
    doc["certifications"] = []
    return doc


def test_a_2019_ppe_contract_rescreened_in_2026_carries_none_of_the_later_clauses():
    a = scrisk.assess(ppe_2019(contract_date="2019-06-15"), stage="contract", as_of="2026-06-01")
    m = matrix(a)
    # never carried: neither an A3006T fail nor a PN-150 high_risk
    for clause in ("A3006T", "POW", "PN150", "CODE"):
        assert m[clause] == "not_applicable", (clause, m)
    assert not [f for f in a.flag_list if f.rule in ("EP_CERT", "POW")]
    notes = rows(a)
    assert "2019-06-15" in notes["PN150"]["note"] and "2021-11-04" in notes["PN150"]["note"]
    assert "2020-07 (day not known)" in notes["A3006T"]["note"]
    fr = rows(a, "fr")
    assert "2019-06-15" in fr["PN150"]["note"] and "2021-11-04" in fr["PN150"]["note"]
    assert "contrat" in fr["PN150"]["note"]
    # the evidence is read as of 2026: the Supply Chains Act report is due then
    assert m["S211"] in ("pass", "review")
    doc = a.to_dict()
    assert doc["contract_date"] == "2019-06-15" and doc["as_of"] == "2026-06-01"


def test_the_contract_date_keyword_overrides_the_declared_one():
    decl = ppe_2019(contract_date="2019-06-15")
    a = scrisk.assess(decl, stage="contract", as_of="2026-06-01", contract_date=date(2022, 3, 1))
    m = matrix(a)
    assert m["A3006T"] == "fail"  # no certification, a condition of award: contract stage
    assert m["PN150"] != "not_applicable" and m["CODE"] != "not_applicable"
    assert a.to_dict()["contract_date"] == "2022-03-01"
    assert scrisk.assess(decl, stage="contract", contract_date="2022-03-01").contract_date == date(
        2022, 3, 1
    )


def test_default_contract_date_is_the_closing_date():
    a = scrisk.assess(ppe_2019(), stage="contract", as_of="2026-06-01")
    assert a.contract_date == date(2019, 5, 1)
    assert a.to_dict()["contract_date"] == "2019-05-01"
    assert matrix(a)["PN150"] == "not_applicable"
    # the bid stage of a 2022 apparel bid: clauses and evidence both on the closing date
    b = scrisk.assess(bid())
    assert b.contract_date == b.as_of == date(2022, 6, 30)
    assert "not_carried" not in json.dumps(b.to_dict())


@pytest.mark.parametrize(
    ("signed", "pn150"),
    [("2021-11-03", "not_applicable"), ("2021-11-04", "no_indicator"), ("2023-05-01", None)],
)
def test_pn150_applies_from_its_start_on_the_contract_date(signed, pn150):
    a = scrisk.assess(bid(contract_date=signed), stage="contract", as_of="2026-01-15")
    assert (matrix(a)["PN150"] == pn150) if pn150 else matrix(a)["PN150"] != "not_applicable"


def test_code_follows_the_contract_date_not_the_rescreen_date():
    a = scrisk.assess(bid(closing_date="2021-06-01"), stage="contract", as_of="2025-01-01")
    assert matrix(a)["CODE"] == "not_applicable"
    assert "2021-08 (day not known)" in rows(a)["CODE"]["note"]
    later = scrisk.assess(
        bid(closing_date="2021-06-01", contract_date="2021-09-01"),
        stage="contract",
        as_of="2025-01-01",
    )
    assert matrix(later)["CODE"] == "no_indicator"


def test_bad_contract_date_is_a_clear_error():
    with pytest.raises(scrisk.ScriskError, match="contract_date"):
        scrisk.assess(bid(), contract_date="not a date")


def test_contract_date_field_is_read_and_checked_from_json():
    bad = bid(contract_date="2021-13-45")
    with pytest.raises(scrisk.DeclarationError, match="contract_date"):
        scrisk.load_declaration(bad)
    decl = scrisk.load_declaration(bid(contract_date="2021-12-01"))
    assert decl.solicitation.contract_date == date(2021, 12, 1)


def test_contract_date_round_trips_through_the_workbook(tmp_path):
    from scrisk.template import write_declaration_workbook

    decl = scrisk.load_declaration(bid(contract_date="2021-12-01"))
    for lang in ("en", "fr"):
        path = tmp_path / f"bid_{lang}.xlsx"
        write_declaration_workbook(decl, path, lang=lang)
        again = scrisk.load_declaration(path)
        assert again.solicitation.contract_date == date(2021, 12, 1)


def test_cli_contract_date_in_json_and_terminal(tmp_path, capsys):
    src = tmp_path / "old.json"
    src.write_text(json.dumps(ppe_2019()), encoding="utf-8")
    out = tmp_path / "out.json"
    code = main(
        [
            "assess",
            str(src),
            "--stage",
            "contract",
            "--as-of",
            "2026-06-01",
            "--contract-date",
            "2019-06-20",
            "--json",
            str(out),
        ]
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["contract_date"] == "2019-06-20"
    assert {c["clause"]: c["status"] for c in doc["clauses"]}["PN150"] == "not_applicable"
    text = capsys.readouterr().out
    assert "2019-06-20" in text and "contract dated" in text
    assert code in (0, 1)
    main(["assess", str(src), "--stage", "contract", "--as-of", "2026-06-01", "--lang", "fr"])
    assert "contrat daté" not in capsys.readouterr().out  # the closing date: one date shown
    main(
        [
            "assess",
            str(src),
            "--contract-date",
            "2019-06-20",
            "--stage",
            "contract",
            "--lang",
            "fr",
        ]
    )
    assert "contrat daté du 2019-06-20" in " ".join(capsys.readouterr().out.split())
    with pytest.raises(SystemExit) as bad:
        main(["assess", str(src), "--contract-date", "2019-02-30"])
    assert bad.value.code == 2
    assert "--contract-date" in capsys.readouterr().err


def test_party_fields_untouched_by_the_contract_date():
    doc = bid(contract_date="2021-12-01")
    party(doc, "M1")["country"] = "CA"
    assert scrisk.assess(doc).to_dict()["solicitation"]["closing_date"] == "2022-06-30"
