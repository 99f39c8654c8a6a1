"""QA of what scrisk outputs, as a procurement officer, a reviewer and an analyst read it.

Each test pins a defect found by reading the outputs of constructed bids.
"""

from __future__ import annotations

from assessment_bids import bid, example, party

import scrisk


def _monaco_chair_bid() -> dict:
    """A bid for a good no reference list covers, made in a country with no usable profile."""
    doc = bid(
        category="other",
        goods=[
            {
                "id": "G1",
                "description": "Office chairs",
                "hs_code": "9401.30",
                "quantity": 100,
                "unit": "pieces",
            }
        ],
    )
    doc["parties"] = [p for p in doc["parties"] if p["id"] != "F1"]
    party(doc, "M1")["country"] = "MC"
    return doc


def test_good_with_unknown_maker_and_no_ilab_match_is_unknown_not_low():
    a = scrisk.assess(_monaco_chair_bid())
    assert a.graph.nodes["M1"]["risk_level"] == "unknown"
    (good,) = a.to_dict()["solicitation"]["goods"]
    assert good["risk_level"] == "unknown"


def test_french_messages_use_french_country_names_and_decimal_commas():
    doc = scrisk.assess(example("glove_bid"), as_of="2024-01-01").to_dict(lang="fr")
    messages = {f["rule"]: f["message"] for f in doc["flags"]}
    assert "Malaisie (note 66,7)" in messages["COUNTRY"]
    assert "Gants en caoutchouc (Malaisie)" in messages["GOODS"]
    assert "note 100,0" in messages["WATCHLIST"]
    assert "Malaysia" not in messages["COUNTRY"] and "66.7" not in messages["COUNTRY"]
    english = {
        f["rule"]: f["message"]
        for f in scrisk.assess(example("glove_bid"), as_of="2024-01-01").to_dict()["flags"]
    }
    assert "Malaysia, whose country profile is high risk" in english["COUNTRY"]
    assert "(score 66.7)" in english["COUNTRY"]


def test_french_capacity_counts_use_french_thousands_separator():
    doc = bid()
    doc["solicitation"]["goods"][0]["quantity"] = 2_000_000
    (flag,) = [f for f in scrisk.assess(doc).to_dict(lang="fr")["flags"] if f["rule"] == "CAPACITY"]
    assert "2\u202f000\u202f000" in flag["message"] and "2,000,000" not in flag["message"]


def test_late_certification_names_the_assessment_date_not_the_closing_date():
    doc = bid()
    doc["certifications"][0]["signed_on"] = "2023-06-01"
    (flag,) = [
        f
        for f in scrisk.assess(doc, as_of="2023-01-01").to_dict()["flags"]
        if f["rule"] == "EP_CERT"
    ]
    # closing 2022-06-30, as of 2023-01-01: the date quoted is the as-of date, and said to be so
    assert "after 2023-01-01, the date of this assessment" in flag["message"]
    assert "closing date 2023-01-01" not in flag["message"]


def test_summary_rows_of_wrapped_text_are_tall_enough_to_read(tmp_path):
    """Advice sits in a wide column and rows of wrapped text get a height (LibreOffice
    does not fit rows itself: two-line notes overlapped the next clause)."""
    import openpyxl

    from scrisk.report.excel.summary_rows import WIDTHS

    out = scrisk.assess(example("glove_bid")).to_excel(tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out)["Summary"]
    header = next(r for r in ws.iter_rows() if r[0].value == "What to do next")[0].row + 1
    assert [c.value for c in ws[header][:3]] == ["Clause", "What to do", "Status"]
    advice = ws.cell(header + 1, 2)
    assert advice.value.startswith("Review the risk indicators")
    assert len(advice.value) > WIDTHS[1] * 2
    assert ws.row_dimensions[advice.row].height >= 45
    assert ws.cell(header + 1, 3).value == "high risk"


def test_comparison_flag_rows_get_their_own_heights(tmp_path):
    import openpyxl

    a = [scrisk.assess(example(n)) for n in ("clean_bid", "apparel_bid")]
    path = tmp_path / "c.xlsx"
    from scrisk.report.excel.workbook import write_comparison_workbook

    write_comparison_workbook(a, path)
    ws = openpyxl.load_workbook(path).worksheets[2]  # the Xinjiang bid, ranked second
    long_rows = [
        r[0].row
        for r in ws.iter_rows()
        if str(r[0].value or "").endswith("(tariff item 9897.00.00)")
        and r[1].value
        and len(str(r[1].value)) > 100
    ]
    assert long_rows and all(ws.row_dimensions[n].height >= 30 for n in long_rows)


def test_flags_sheet_shows_every_evidence_record_of_a_flag(tmp_path):
    """Evidence is one record per line: unwrapped, a reviewer saw only the first one."""
    import openpyxl

    out = scrisk.assess(example("apparel_bid")).to_excel(tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(out)["Flags"]
    head = [c.value for c in ws[1]]
    row = next(
        r
        for r in ws.iter_rows(min_row=2)
        if str(r[0].value).endswith("Import prohibition exposure (tariff item 9897.00.00)")
    )
    evidence = row[head.index("Evidence")]
    assert evidence.value.count("\n") >= 3 and evidence.alignment.wrap_text
    assert ws.row_dimensions[evidence.row].height >= 15 * (evidence.value.count("\n") + 1)


def test_misspelt_policy_setting_is_named_not_ignored(tmp_path):
    import pytest

    from scrisk.errors import PolicyError

    path = tmp_path / "ours.toml"
    path.write_text("[levels]\ncritcal = 95.0\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"levels\.critcal"):
        scrisk.assess(example("glove_bid"), policy=path)
    with pytest.raises(PolicyError, match=r"scoring\.severity_weight\.severe"):
        scrisk.assess(bid(), policy={"scoring": {"severity_weight": {"severe": 0.5}}})
    with pytest.raises(PolicyError, match=r"clauses\.A3006T\.aparel"):
        scrisk.assess(bid(), policy={"clauses": {"A3006T": {"aparel": "2018-09-03"}}})
    # well-spelt overrides still work, free-keyed tables (goods norms) stay free
    a = scrisk.assess(
        bid(),
        policy={
            "levels": {"critical": 95.0},
            "rules": {"units_per_worker_year": {"Garments": 10.0}},
        },
    )
    assert a.policy["levels"]["critical"] == 95.0


def test_cli_exit_2_names_the_misspelt_setting(tmp_path, capsys):
    from scrisk.cli import main

    path = tmp_path / "ours.toml"
    path.write_text("[scoring]\nattenuaton = 0.5\n", encoding="utf-8")
    code = main(["assess", str(example("glove_bid")), "--policy", str(path), "-q"])
    assert code == 2
    assert "scoring.attenuaton" in capsys.readouterr().err


def test_french_place_of_work_message_reads_as_french():
    doc = bid()
    party(doc, "M1")["address"] = ""
    party(doc, "M1")["country"] = ""
    (flag,) = [f for f in scrisk.assess(doc).to_dict(lang="fr")["flags"] if f["rule"] == "POW"]
    assert "il manque l'adresse, le pays." in flag["message"]


def test_french_ranking_why_uses_a_decimal_comma():
    ranked = scrisk.compare([example("clean_bid"), example("apparel_bid")], lang="fr")
    why = ranked["why"].tolist()
    assert why[0].endswith("note 0,0 (faible)")
    assert "note 79,2 (critique)" in why[1]
    english = scrisk.compare([example("clean_bid"), example("apparel_bid")])["why"].tolist()
    assert "score 79.2 (critical)" in english[1]


def test_party_supplied_by_a_party_of_unknown_risk_is_not_low():
    a = scrisk.assess(_monaco_chair_bid())
    levels = {p["id"]: p["risk_level"] for p in a.to_dict()["parties"]}
    assert levels == {"M1": "unknown", "B": "unknown"}
    assert a.risk_level == "medium"  # the bid floor for unknown risk
    # a known-low chain stays low
    clean = scrisk.assess(bid())
    assert {p["risk_level"] for p in clean.to_dict()["parties"]} == {"low"}


def test_parties_frame_keeps_tiers_and_headcounts_whole():
    doc = bid()
    doc["parties"].append(
        {
            "id": "X1",
            "role": "material_supplier",
            "name": "Loose Mill",
            "address": "1 Rd",
            "city": "Lyon",
            "country": "FR",
            "materials": ["cotton fabric"],
        }
    )  # supplies no one: no tier
    frame = scrisk.assess(doc).parties.set_index("id")
    assert str(frame["tier"].dtype) == "Int64" and frame.loc["M1", "tier"] == 1
    assert frame["tier"].isna().sum() == 1 and frame["tier"].isna()["X1"]
    assert str(frame["workers"].dtype) == "Int64"


def test_entry_issued_after_the_as_of_date_is_said_so_without_placeholders():
    doc = bid()
    party(doc, "F1").update(name="Huafu Fashion Co., Ltd.", country="CN")
    flags = [f for f in scrisk.assess(doc).to_dict()["flags"] if f["rule"] == "WATCHLIST"]
    assert flags and all(f["severity"] == "info" for f in flags)
    message = flags[0]["message"]
    assert "issued later, on 2025-01-15" in message and "?" not in message


def test_french_reports_name_the_declaration_in_french(tmp_path):
    import openpyxl

    a = scrisk.assess(example("apparel_gaps_bid"))
    wb = openpyxl.load_workbook(a.to_excel(tmp_path / "fr.xlsx", lang="fr"))
    ws = wb["Signalements"]
    head = [c.value for c in ws[1]]
    column = head.index("Preuves")
    evidence = "\n".join(str(r[column]) for r in ws.iter_rows(min_row=2, values_only=True))
    assert "Déclaration de " in evidence and "Declaration" not in evidence
    assert "$.parties" not in evidence  # the record's key is on the Sources sheet
    # the JSON keeps the one source name whatever the language
    assert {e["source"] for f in a.to_dict(lang="fr")["flags"] for e in f["evidence"]} >= {
        "Declaration"
    }
