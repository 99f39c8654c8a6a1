"""The reviewer workbook, read back sheet by sheet with openpyxl (and LibreOffice).

The document fixtures (tests/excel_doc.py) are shaped exactly as the
assessment document of docs/ARCHITECTURE.md; the bundled examples are
assessed for real in test_excel_examples.py.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from excel_doc import (
    EN_SHEETS,
    FR_SHEETS,
    HOSTILE_NAMES,
    SUPERMAX_ENTRY,
    block,
    facts,
    glove_document,
    hostile_document,
    row_with,
    table,
)
from libreoffice import soffice

from scrisk.assessment.comparison import rank_documents
from scrisk.report.excel.cells import sheet_title
from scrisk.report.excel.workbook import (
    write_assessment_workbook,
    write_comparison_workbook,
)


def _write(tmp_path: Path, doc: dict, lang: str = "en", name: str = "report.xlsx") -> Path:
    return write_assessment_workbook(doc, tmp_path / name, lang=lang)


def test_sheets_in_order_with_frozen_headers_filters_and_widths(tmp_path):
    wb = openpyxl.load_workbook(_write(tmp_path, glove_document()))
    assert wb.sheetnames == EN_SHEETS
    for name in EN_SHEETS[2:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), name
        assert all(c.font.bold for c in ws[1] if c.value is not None), name
        assert ws.column_dimensions["A"].width >= 6, name
    # the sheets a reviewer does not print are hidden: Sources (the Review sheet has matches)
    assert [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"] == ["Sources"]


def test_summary_reads_like_the_document(tmp_path):
    path = _write(tmp_path, glove_document())
    ws = openpyxl.load_workbook(path)["Summary"]
    got = facts(ws)
    assert got["Solicitation"] == "EN578-211087/A"
    assert got["Bidder"] == "Northern Shield Medical Supply Inc. (B)"
    assert got["Dates"] == (
        "closing 2021-12-10; contract 2021-12-10 (its clauses); evidence as of 2021-12-10"
    )
    assert got["Category"] == "personal protective equipment"
    assert got["Bid risk score (0-100)"] == 92.0
    assert got["Value (CAD)"] == 2160000
    # the verdict and why: the terminal's sentence, in the level's colour
    verdict = ws.cell(row_with(ws, "Verdict"), 2)
    assert verdict.value.startswith("Critical risk, score 92.0 out of 100: ")
    assert "Party on a forced-labour enforcement list: Supermax Glove" in verdict.value
    assert verdict.fill.fgColor.rgb.endswith("C00000")
    assert ws.cell(row_with(ws, "Verdict"), 3).value == "critical"
    score = ws.cell(row_with(ws, "Bid risk score (0-100)"), 2)
    assert score.fill.fgColor.rgb.endswith("C00000") and score.number_format == "0.0"

    matrix = block(ws, "Clause matrix")
    titles = [row[0].value for row in matrix]  # people read the title, never the id
    assert titles[2] == "PN-150 Anti-forced-labour contract clauses"
    status = {row[0].value: row[2] for row in matrix}
    assert status["Customs Tariff item 9897.00.00 import prohibition"].value == "high risk"
    assert status["A3006T Ethical procurement certification"].fill.fgColor.rgb.endswith("FFEB9C")
    behind = "\n".join(str(row[1].value) for row in matrix if row[1].value)
    assert "Import prohibition exposure (tariff item 9897.00.00)" in behind
    assert "CT9897" not in behind and "EP_CERT" not in behind

    advice = [str(c.value) for c in ws["B"] if c.value]
    text = "\n".join(advice)
    assert "ask the bidder for an ethical procurement certification" in text and "(M1)" in text
    assert "Review the evidence" in text and "9897.00.00" in text
    assert "Refer to legal" not in text and "Do not award" not in text
    assert "supply-chain tracing evidence" in text and "(R1)" in text
    assert "Review sheet" in text  # the WATCHLIST match is to be confirmed or dismissed
    assert "waiting for a reviewer decision: 2" in text
    assert len(ws._images) == 1 and not ws._charts  # the chain picture, on the page

    # the clause notes and the goods are on the Clauses sheet
    clauses = openpyxl.load_workbook(path)["Clauses"]
    (good,) = block(clauses, "Goods")
    assert [c.value for c in good] == [
        "G1",
        ("Nitrile examination gloves\nHS 4015.19\n24,000,000 pieces"),
        "critical",
        "Supermax Glove Manufacturing Sdn. Bhd. (M1)",
        "Rubber Gloves",
        92.0,
    ]
    notes = block(clauses, "Clause matrix")
    assert [row[2].value for row in notes] == [
        "review",
        "pass",
        "review",
        "high risk",
        "not applicable",
        "not applicable",
    ]
    behind = "\n".join(str(row[3].value) for row in notes if row[3].value)
    assert (
        "Import prohibition exposure (tariff item 9897.00.00): Nitrile examination gloves (G1)"
    ) in behind


def test_flags_sheet_one_row_per_flag_with_evidence_by_label(tmp_path):
    doc = glove_document()
    path = _write(tmp_path, doc)
    rows = table(openpyxl.load_workbook(path)["Flags"])
    assert len(rows) == len(doc["flags"])
    watch = rows[1]
    assert watch["Flag: whom, what"] == (
        "Supermax Glove Manufacturing Sdn. Bhd. (M1)\nParty on a forced-labour enforcement list"
    )
    assert watch["Severity"] == "critical"
    assert watch["Evidence"] == (
        "CBP WRO/Findings: Supermax Corporation Bhd., issued 2021-10-21 [compiled to 2026-01-15]"
    )
    assert watch["Name match score"] == 97.5
    assert watch["Message"] == "M1 matches an active CBP Withhold Release Order."
    gap = rows[3]
    assert gap["Flag: whom, what"].startswith("Semenanjung Polymer Latex Sdn. Bhd. (R1)\n")
    assert gap["Name match score"] is None and gap["Evidence"] is None
    assert SUPERMAX_ENTRY not in str(rows)  # the key is on the Sources sheet
    sources = openpyxl.load_workbook(path)["Sources"]
    keys = [c.value for c in sources["C"]]
    assert SUPERMAX_ENTRY in keys


def test_parties_sheet_keeps_every_party_and_its_declared_data(tmp_path):
    doc = glove_document()
    ws = openpyxl.load_workbook(_write(tmp_path, doc))["Parties"]
    rows = table(ws)
    assert [r["Party: role, tier"].split("\n")[0] for r in rows] == [
        f"{p['name']} ({p['id']})" for p in doc["parties"]
    ]
    m1 = rows[1]
    assert m1["Party: role, tier"].endswith("\nmanufacturer, tier 1")
    assert m1["Where (as declared)"].endswith("\nMalaysia")
    assert m1["Workers; annual capacity"] == "3,800 workers\ncapacity 6,000,000,000 a year"
    assert m1["Supplies to"] == "Northern Shield Medical Supply Inc. (B)"
    assert m1["Party risk (0-100, with its suppliers)"] == 92.0
    assert m1["Risk level"] == "critical" and m1["Flags"] == 3
    assert rows[2]["Goods; materials"] == "nitrile butadiene rubber latex"
    assert rows[2]["Party: role, tier"].endswith("material supplier, tier 2")
    assert ws["G3"].number_format == "0.0" and ws["I3"].number_format == "#,##0"


def test_paths_sheet_names_every_hop(tmp_path):
    rows = table(openpyxl.load_workbook(_write(tmp_path, glove_document()))["Paths"])
    assert rows[1]["Source name"] == "Semenanjung Polymer Latex Sdn. Bhd. (R1)"
    assert rows[1]["Hops"] == 2
    assert rows[1]["Path (names)"] == (
        "Semenanjung Polymer Latex Sdn. Bhd. (R1) > Supermax Glove "
        "Manufacturing Sdn. Bhd. (M1) > Northern Shield Medical "
        "Supply Inc. (B)"
    )
    assert rows[0]["Risk level"] == "critical"
    assert rows[0]["Path score (0-100): risk reaching the bidder"] == 92.0


def test_review_sheet_lists_matches_with_a_decision_drop_down(tmp_path):
    ws = openpyxl.load_workbook(_write(tmp_path, glove_document()))["Review"]
    rows = table(ws)
    assert [(r["Party"], r["Entry id"]) for r in rows] == [
        ("M1", SUPERMAX_ENTRY),
        ("R1", "CBP-example-latex-wro"),
    ]
    assert rows[0]["Match class"] == "strong" and rows[0]["Match score"] == 97.5
    assert rows[0]["In force on the as-of date"] == "yes"
    assert all(r["Decision"] is None and r["Reviewer"] is None for r in rows)
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"confirmed,not a match,unsure"'
    assert str(dv.sqref) == "H2:H3"
    # the keys the answers are read back by are kept, hidden from print
    hidden = [c.value for c in ws[1] if ws.column_dimensions[c.column_letter].hidden]
    assert hidden == ["Match class", "Party", "Entry id"]
    inputs = [c.value for c in ws[1] if c.fill.fgColor.rgb.endswith("FFF2CC")]
    assert inputs == ["Decision", "Reviewer", "Date", "Comment"]


def test_review_sheet_shows_decisions_already_taken(tmp_path):
    doc = glove_document()
    doc["decisions"] = [
        {
            "party": "R1",
            "entry_id": "CBP-example-latex-wro",
            "decision": "not_a_match",
            "reviewer": "A. Tremblay",
            "date": "2026-11-02",
            "comment": "different company",
        },
        # a dismissed match the assessment no longer lists keeps its row
        {
            "party": "B",
            "entry_id": "UFLPA-some-entity",
            "decision": "not_a_match",
            "reviewer": "A. Tremblay",
            "date": "2026-11-02",
            "comment": None,
        },
    ]
    ws = openpyxl.load_workbook(_write(tmp_path, doc, lang="fr"))["Examen"]
    rows = table(ws)
    r1 = next(r for r in rows if r["Partie"] == "R1")
    assert r1["Décision"] == "pas une correspondance"
    assert r1["Examinateur"] == "A. Tremblay"
    assert r1["Date de l'examen"] == datetime(2026, 11, 2)
    assert r1["Commentaire"] == "different company"
    assert any(r["Identifiant de l'inscription"] == "UFLPA-some-entity" for r in rows)
    m1 = next(r for r in rows if r["Partie"] == "M1")
    assert m1["Décision"] is None and m1["Classe de correspondance"] == "forte"


def test_sources_sheet_names_every_dataset(tmp_path):
    rows = table(openpyxl.load_workbook(_write(tmp_path, glove_document()))["Sources"])
    assert [r["Dataset"] for r in rows[:2]] == ["cbp_wro_findings", "ilab_goods_2022"]
    assert rows[0]["Date"] == datetime(2026, 1, 15)
    assert rows[1]["Date"] == "2022-09"  # a month stays as published
    assert rows[1]["Licence"] == "public domain" and rows[1]["Edition"] == "2022"


def test_french_workbook_translates_sheets_headings_and_labels(tmp_path):
    doc = glove_document("fr")
    wb = openpyxl.load_workbook(_write(tmp_path, doc, lang="fr"))
    assert wb.sheetnames == FR_SHEETS
    got = facts(wb["Résumé"])
    assert got["Verdict"].startswith("Risque critique")
    assert got["Soumissionnaire"] == "Northern Shield Medical Supply Inc. (B)"
    assert got["Catégorie"] == "équipement de protection individuelle"
    text = "\n".join(str(c.value) for row in wb["Résumé"].iter_rows() for c in row if c.value)
    assert "Prochaines étapes" in text and "Examiner les éléments" in text
    assert "risque élevé" in text and "à examiner" in text and "Matrice des clauses" in text
    flags = table(wb["Signalements"])
    assert "CT9897" not in str(flags)  # rules by their titles
    assert flags[0]["Gravité"] == "critique"
    assert table(wb["Parties"])[2]["Partie\u00a0: rôle, niveau"].endswith(
        "fournisseur de matières, niveau 2"
    )


def test_declared_text_never_becomes_a_formula(tmp_path):
    doc = hostile_document()
    for lang in ("en", "fr"):
        path = _write(tmp_path, doc, lang=lang, name=f"hostile-{lang}.xlsx")
        wb = openpyxl.load_workbook(path)
        found: dict[str, int] = {}
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                    for name in HOSTILE_NAMES:
                        if isinstance(c.value, str) and name in c.value:
                            assert c.data_type == "s"
                            found[name] = found.get(name, 0) + 1
        assert set(found) == set(HOSTILE_NAMES)
        parties = wb.worksheets[3]
        assert [parties.cell(r, 1).value.split(" (")[0] for r in (2, 3, 4)] == list(
            HOSTILE_NAMES[:3]
        )
        with zipfile.ZipFile(path) as zf:
            xml = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
        assert b"<f>" not in xml and b"<f " not in xml


def test_same_document_same_bytes(tmp_path):
    a = _write(tmp_path, glove_document(), name="a.xlsx").read_bytes()
    b = _write(tmp_path, glove_document(), name="b.xlsx").read_bytes()
    assert a == b


def test_empty_lists_still_give_every_sheet(tmp_path):
    doc = glove_document()
    for key in ("flags", "paths", "screening", "decisions", "data"):
        doc[key] = []
    wb = openpyxl.load_workbook(_write(tmp_path, doc))
    assert wb.sheetnames == EN_SHEETS
    assert wb["Flags"].max_row == 1 and wb["Review"].max_row == 1
    # an empty Review sheet is not printed (its print area is the empty row under its
    # header), yet stays visible: --decisions never reads a hidden sheet
    assert wb["Review"].sheet_state == "visible" and wb["Review"].print_area == "'Review'!$A$2"
    assert wb["Sources"].sheet_state == "hidden"
    text = [c.value for c in wb["Summary"]["C"] if c.value]
    assert any("waiting for a reviewer" in v for v in text) is False


def test_advice_counts_parties_past_twenty(tmp_path):
    doc = glove_document()
    extra = [
        {**doc["parties"][2], "id": f"R{i:02d}", "name": f"Latex supplier {i}"}
        for i in range(2, 32)
    ]
    doc["parties"] += extra
    doc["flags"] += [{**doc["flags"][3], "party": p["id"]} for p in extra]
    doc["clauses"][2]["flags"] += [f"CHAIN_GAP:{p['id']}:G1" for p in extra]
    ws = openpyxl.load_workbook(_write(tmp_path, doc))["Summary"]
    steps = [
        row[1].value
        for row in block(ws, "What to do next")
        if row[0].value == "PN-150 Anti-forced-labour contract clauses"
    ]
    assert steps and all("(+11)" in s and "Latex supplier 2 (R02)" in s for s in steps)


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(ValueError, match="lang"):
        write_assessment_workbook(glove_document(), tmp_path / "x.xlsx", lang="de")


def test_sheet_titles_are_legal_and_unique():
    taken: set[str] = set()
    a = sheet_title("Bid 1 Acme [Canada]: gloves/masks*?", taken)
    b = sheet_title("Bid 1 Acme [Canada]: gloves/masks*?", taken)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert not re.search(r"[\[\]:*?/\\]", a + b)


def test_comparison_ranks_bids_and_puts_clauses_side_by_side(tmp_path):
    worst = glove_document()
    clean = glove_document()
    clean["bidder"] = {"id": "B", "name": "Maple Leaf Gloves Ltd."}
    clean["risk_level"], clean["score"], clean["flags"] = "low", 8.0, []
    clean["summary"]["flags_by_severity"] = dict.fromkeys(
        ("critical", "high", "medium", "low", "info"), 0
    )
    for c in clean["clauses"]:
        c["status"], c["flags"] = ("pass", []) if c["clause"] != "CODE" else (c["status"], [])
    medium = glove_document()
    medium["bidder"] = {"id": "B", "name": "Prairie Medical"}
    medium["risk_level"], medium["score"] = "medium", 41.0
    medium["flags"] = [f for f in medium["flags"] if f["rule"] == "CHAIN_GAP"]
    medium["summary"]["flags_by_severity"] = {
        "critical": 0,
        "high": 0,
        "medium": 1,
        "low": 0,
        "info": 0,
    }
    for c in medium["clauses"]:
        if c["status"] in ("fail", "high_risk"):
            c["status"], c["flags"] = "pass", []
    assert rank_documents([worst, clean, medium]) == [1, 2, 0]
    # a low score does not outrank a critical flag
    worst["score"] = 1.0
    assert rank_documents([worst, clean, medium]) == [1, 2, 0]

    path = write_comparison_workbook([worst, clean, medium], tmp_path / "cmp.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Ranking" and len(wb.sheetnames) == 5
    rows = table(wb["Ranking"])
    assert [r["Bidder"] for r in rows] == [
        "Maple Leaf Gloves Ltd.",
        "Prairie Medical",
        "Northern Shield Medical Supply Inc.",
    ]
    assert [r["Rank"] for r in rows] == [1, 2, 3]
    assert rows[0]["A3006T"] == "pass" and rows[2]["A3006T"] == "review"
    assert rows[2]["Tariff item 9897.00.00"] == "high risk"
    assert rows[2]["Code of Conduct"] == "not applicable"
    assert "A3006T" in rows[2]["Why"]
    assert "high-risk indicators: tariff item 9897.00.00" in rows[2]["Why"]
    for r in rows:
        bid = wb[r["Sheet"]]
        assert facts(bid)["Bidder"].startswith(r["Bidder"])
        assert len(bid._images) == 1  # each bid's chain picture
    worst_sheet = wb[rows[2]["Sheet"]]
    assert facts(worst_sheet)["Why"].startswith("Ranked 3 of 3: ")
    flags = [row[0].value.split("\n")[-1] for row in block(worst_sheet, "Flags")]
    assert flags == [f["title"] for f in worst["flags"]]
    assert wb["Ranking"].freeze_panes == "A2" and wb["Ranking"].auto_filter.ref


def test_comparison_in_french(tmp_path):
    path = write_comparison_workbook([glove_document("fr")], tmp_path / "c.xlsx", lang="fr")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Classement" and wb.sheetnames[1].startswith("Soumission 1")
    assert table(wb["Classement"])[0]["Niveau de risque"] == "critique"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_workbook(tmp_path):
    """LibreOffice converts the report (hostile names included) without error.

    The HTML export carries every sheet: the names are there as text.
    """
    report = write_assessment_workbook(hostile_document(), tmp_path / "report.xlsx", lang="fr")
    for target in ("pdf", "html"):
        done = soffice(report, outdir=tmp_path, to=target, timeout=180)
        assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    html = (tmp_path / "report.html").read_text(encoding="utf-8", errors="replace")
    for sheet in FR_SHEETS:
        assert sheet in html
    assert "HYPERLINK(&quot;http://example.com&quot;" in html or 'HYPERLINK("http' in html
    assert "calc&#39;!A0" in html or "calc'!A0" in html


def test_numbers_from_pandas_stay_numbers_and_nan_is_blank(tmp_path):
    import numpy as np

    doc = glove_document()
    doc["score"] = np.float64(92.0)
    doc["parties"][1]["workers"] = np.int64(3800)
    doc["parties"][2]["score"] = float("nan")
    doc["paths"][1]["score"] = float("inf")
    wb = openpyxl.load_workbook(_write(tmp_path, doc))
    assert facts(wb["Summary"])["Bid risk score (0-100)"] == 92.0
    parties = table(wb["Parties"])
    assert parties[1]["Workers; annual capacity"].startswith("3,800 workers")
    assert parties[2]["Party risk (0-100, with its suppliers)"] is None
    assert table(wb["Paths"])[1]["Path score (0-100): risk reaching the bidder"] is None
