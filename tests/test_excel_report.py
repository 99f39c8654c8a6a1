"""The reviewer workbook, read back sheet by sheet with openpyxl (and LibreOffice).

The document fixtures (tests/excel_doc.py) are shaped exactly as the
assessment document of docs/ARCHITECTURE.md; the bundled examples are
assessed for real in test_excel_examples.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from excel_doc import (
    HOSTILE_NAMES,
    SUPERMAX_ENTRY,
    block,
    facts,
    glove_document,
    hostile_document,
    row_with,
    table,
)

from scrisk.assessment.comparison import rank_documents
from scrisk.report.excel import write_assessment_workbook, write_comparison_workbook
from scrisk.report.excel_cells import sheet_title

EN_SHEETS = ["Summary", "Flags", "Parties", "Paths", "Review", "Sources"]
FR_SHEETS = ["Résumé", "Signalements", "Parties", "Chemins", "Examen", "Sources de données"]


def _write(tmp_path: Path, doc: dict, lang: str = "en", name: str = "report.xlsx") -> Path:
    return write_assessment_workbook(doc, tmp_path / name, lang=lang)


def test_sheets_in_order_with_frozen_headers_filters_and_widths(tmp_path):
    wb = openpyxl.load_workbook(_write(tmp_path, glove_document()))
    assert wb.sheetnames == EN_SHEETS
    for name in EN_SHEETS[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), name
        assert all(c.font.bold for c in ws[1] if c.value is not None), name
        assert ws.column_dimensions["A"].width >= 6, name
    assert wb["Summary"].freeze_panes == "A2"


def test_summary_reads_like_the_document(tmp_path):
    ws = openpyxl.load_workbook(_write(tmp_path, glove_document()))["Summary"]
    got = facts(ws)
    assert got["Solicitation"] == "EN578-211087/A"
    assert got["Bidder"] == "Northern Shield Medical Supply Inc. (B)"
    assert got["Assessed as of"] == datetime(2021, 12, 10)
    assert got["Category"] == "personal protective equipment"
    assert got["Risk level"] == "critical"
    assert got["Bid risk score (0-100)"] == 92.0
    assert got["Value (CAD)"] == 2160000
    level = ws.cell(row_with(ws, "Risk level"), 2)
    score = ws.cell(row_with(ws, "Bid risk score (0-100)"), 2)
    assert level.fill.fgColor.rgb.endswith("C00000") and score.fill.fgColor.rgb.endswith("C00000")
    assert score.number_format == "0.0"
    assert ws.cell(row_with(ws, "Assessed as of"), 2).number_format == "yyyy-mm-dd"

    (good,) = block(ws, "Goods")
    assert [c.value for c in good] == [
        "G1",
        ("Nitrile examination gloves\nHS 4015.19\n24,000,000 pieces"),
        "critical",
        "Supermax Glove Manufacturing Sdn. Bhd. (M1)",
        "Rubber Gloves",
        92.0,
    ]

    matrix = block(ws, "Clause matrix")
    clauses = {row[4].value: row[2] for row in matrix}  # the id stays in a narrow column
    titles = [row[0].value for row in matrix]  # people read the title, never the id
    assert titles[2] == "PN-150 Anti-forced-labour contract clauses"
    behind = "\n".join(str(row[3].value) for row in matrix if row[3].value)
    assert (
        "Import prohibition exposure (tariff item 9897.00.00): Nitrile examination gloves (G1)"
    ) in behind
    assert "CT9897::G1" not in behind and "EP_CERT" not in behind
    status = {k: c.value for k, c in clauses.items()}
    assert status == {
        "A3006T": "review",
        "POW": "pass",
        "PN150": "review",
        "CT9897": "high risk",
        "CODE": "not applicable",
        "S211": "not applicable",
    }
    assert clauses["A3006T"].fill.fgColor.rgb.endswith("FFEB9C")
    assert clauses["CT9897"].fill.fgColor.rgb.endswith("FFC7CE")
    assert clauses["POW"].fill.fgColor.rgb.endswith("C6EFCE")
    assert clauses["PN150"].fill.fgColor.rgb.endswith("FFEB9C")

    counts = {row[0].value: row[1].value for row in block(ws, "Flags by severity")}
    assert counts == {"critical": 2, "high": 1, "medium": 1, "low": 0, "info": 0}

    advice = [str(c.value) for c in ws["B"] if c.value]
    text = "\n".join(advice)
    assert "ask the bidder for an ethical procurement certification" in text and "(M1)" in text
    assert "Review the evidence" in text and "9897.00.00" in text
    assert "Refer to legal" not in text and "Do not award" not in text
    assert "supply-chain tracing evidence" in text and "(R1)" in text
    assert "Review sheet" in text  # the WATCHLIST match is to be confirmed or dismissed
    assert "waiting for a reviewer decision: 2" in text

    assert ws._charts[0].tagname == "barChart"
    by_level = {row[0].value: row[1].value for row in block(ws, "Parties by risk level")}
    assert by_level == {"critical": 2, "high": 0, "medium": 1, "low": 0, "unknown": 0}


def test_flags_sheet_one_row_per_flag_with_evidence_and_path(tmp_path):
    doc = glove_document()
    rows = table(openpyxl.load_workbook(_write(tmp_path, doc))["Flags"])
    assert len(rows) == len(doc["flags"])
    watch = next(r for r in rows if r["Rule"] == "WATCHLIST")
    assert watch["Severity"] == "critical"
    assert watch["Party"] == "M1"
    assert watch["Party name"] == "Supermax Glove Manufacturing Sdn. Bhd."
    assert watch["Record"] == SUPERMAX_ENTRY
    assert watch["Edition"] == "compiled to 2026-01-15"
    assert watch["Evidence source"] == "CBP Withhold Release Orders and Findings"
    assert watch["Match score"] == 97.5
    assert watch["Evidence link"] is None  # the fixture's evidence has no url
    assert watch["Path to bidder"] == "M1 > B"
    assert watch["Message"] == "M1 matches an active CBP Withhold Release Order."
    gap = next(r for r in rows if r["Rule"] == "CHAIN_GAP")
    assert gap["Good"] == "G1" and gap["Path to bidder"] == "R1 > M1 > B"
    assert gap["Match score"] is None and gap["Record"] is None


def test_parties_sheet_keeps_every_party_and_its_declared_data(tmp_path):
    doc = glove_document()
    ws = openpyxl.load_workbook(_write(tmp_path, doc))["Parties"]
    rows = table(ws)
    assert [r["Id"] for r in rows] == [p["id"] for p in doc["parties"]]
    m1 = rows[1]
    assert m1["Role"] == "manufacturer"
    assert m1["Country"] == "MY" and m1["Country as declared"] == "Malaysia"
    assert m1["Tier"] == 1 and m1["Reaches the bidder"] == "yes"
    assert m1["Annual capacity"] == 6000000000 and m1["Workers"] == 3800
    assert m1["Party risk (0-100, with its suppliers)"] == 92.0
    assert m1["Risk level"] == "critical" and m1["Flags"] == 3
    assert rows[2]["Materials"] == "nitrile butadiene rubber latex"
    assert rows[2]["Role"] == "material supplier"
    assert ws["O3"].number_format == "#,##0" and ws["Q3"].number_format == "0.0"


def test_paths_sheet_names_every_hop(tmp_path):
    rows = table(openpyxl.load_workbook(_write(tmp_path, glove_document()))["Paths"])
    assert rows[1]["Source party"] == "R1" and rows[1]["Hops"] == 2
    assert rows[1]["Path (names)"] == (
        "Semenanjung Polymer Latex Sdn. Bhd. > Supermax Glove "
        "Manufacturing Sdn. Bhd. > Northern Shield Medical "
        "Supply Inc."
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
    assert str(dv.sqref) == "J2:J3"
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
    assert [r["Dataset"] for r in rows] == ["cbp_wro_findings", "ilab_goods_2022"]
    assert rows[0]["Date"] == datetime(2026, 1, 15)
    assert rows[1]["Date"] == "2022-09"  # a month stays as published
    assert rows[1]["Licence"] == "public domain" and rows[1]["Edition"] == "2022"


def test_french_workbook_translates_sheets_headings_and_labels(tmp_path):
    doc = glove_document("fr")
    wb = openpyxl.load_workbook(_write(tmp_path, doc, lang="fr"))
    assert wb.sheetnames == FR_SHEETS
    got = facts(wb["Résumé"])
    assert got["Niveau de risque"] == "critique"
    assert got["Soumissionnaire"] == "Northern Shield Medical Supply Inc. (B)"
    assert got["Catégorie"] == "équipement de protection individuelle"
    text = "\n".join(str(c.value) for row in wb["Résumé"].iter_rows() for c in row if c.value)
    assert "Prochaines étapes" in text and "Examiner les éléments" in text
    assert "risque élevé" in text and "à examiner" in text and "Matrice des clauses" in text
    flags = table(wb["Signalements"])
    assert flags[0]["Règle"] == "CT9897"  # rule ids stay the same
    assert flags[0]["Gravité"] == "critique"
    assert table(wb["Parties"])[2]["Rôle"] == "fournisseur de matières"


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
                    if c.value in HOSTILE_NAMES:
                        assert c.data_type == "s"
                        found[c.value] = found.get(c.value, 0) + 1
        assert set(found) == set(HOSTILE_NAMES)
        parties = wb.worksheets[2]
        assert [parties.cell(r, 2).value for r in (2, 3, 4)] == list(HOSTILE_NAMES[:3])
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
    flags = [(row[0].value, row[5].value) for row in block(wb[rows[2]["Sheet"]], "Flags")]
    assert flags == [(f["title"], f["rule"]) for f in worst["flags"]]
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
    profile = (tmp_path / "lo-profile").as_uri()
    for target in ("pdf", "html"):
        done = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path),
                str(report),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
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
    assert parties[1]["Workers"] == 3800
    assert parties[2]["Party risk (0-100, with its suppliers)"] is None
    assert table(wb["Paths"])[1]["Path score (0-100): risk reaching the bidder"] is None
