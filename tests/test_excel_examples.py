"""The reviewer workbooks of the bundled examples, assessed for real.

Each sheet is read back and compared with the assessment document; the
workbooks are also opened by LibreOffice when it is installed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from excel_doc import EN_SHEETS, FR_SHEETS, block, facts, table
from libreoffice import soffice

from scrisk.assessment.comparison import rank_documents
from scrisk.i18n import t
from scrisk.report.excel.workbook import write_comparison_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*_bid.json"))


@pytest.fixture(scope="module")
def assessed():
    engine = pytest.importorskip("scrisk.assessment")
    if not hasattr(engine, "assess"):
        pytest.skip("scrisk.assessment.assess is not built yet")
    return {p.stem: engine.assess(p) for p in EXAMPLES}


def table_below(ws, title: str) -> list[dict]:
    """The table under a section title (the Sources sheet's records)."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if str(r[0]).startswith(title)) + 1
    head = rows[start]
    return [dict(zip(head, r, strict=True)) for r in rows[start + 1 :]]


def _summary_clauses(ws) -> dict:
    return {row[0].value: row[2].value for row in block(ws, "Clause matrix")}


def test_example_workbooks_say_what_the_assessment_says(assessed, tmp_path):
    assert len(assessed) == 7  # four original bids and three added for rules v2
    for name, a in assessed.items():
        declared = json.loads((ROOT / "examples" / f"{name}.json").read_text(encoding="utf-8"))
        for lang, sheets in (("en", EN_SHEETS), ("fr", FR_SHEETS)):
            doc = a.to_dict(lang)
            path = tmp_path / f"{name}-{lang}.xlsx"
            a.to_excel(path, lang=lang)
            wb = openpyxl.load_workbook(path)
            assert wb.sheetnames == sheets
            summary, _clauses, flags, parties, paths, review, sources = (wb[s] for s in sheets)
            got = facts(summary)
            assert got[t("excel.summary.solicitation", lang)] == doc["solicitation"]["id"]
            level = summary.cell(2 + 1, 3).value  # the verdict row's level
            assert level == t(f"severity.{doc['risk_level']}", lang)
            assert got[t("excel.summary.score", lang)] == pytest.approx(doc["score"])
            if lang == "en":
                assert _summary_clauses(summary) == {
                    c["title"]: t(f"status.{c['status']}", lang) for c in doc["clauses"]
                }
            ids = [
                r[0].split("\n")[0].rsplit(" (", 1)[-1].rstrip(")")
                for r in parties.iter_rows(min_row=2, values_only=True)
            ]
            assert ids == [p["id"] for p in doc["parties"]]
            assert set(ids) == {p["id"] for p in declared["parties"]}  # nobody dropped
            titles = [r[0].split("\n")[-1] for r in flags.iter_rows(min_row=2, values_only=True)]
            assert titles == [f["title"] for f in doc["flags"]]
            assert flags.max_row - 1 == len(doc["flags"])
            assert paths.max_row - 1 == len(doc["paths"])
            entries = [(r[-2], r[-1]) for r in review.iter_rows(min_row=2, values_only=True)]
            assert entries[: len(doc["screening"])] == [
                (m["party"], m["entry_id"]) for m in doc["screening"]
            ]
            # the datasets, then the provenance: scrisk version, policy, its overrides
            listed = [r[0] for r in sources.iter_rows(min_row=2, values_only=True)]
            assert listed[: listed.index(None)] == [d["id"] for d in doc["data"]] + [
                "scrisk",
                "policy",
            ]
            # the record keys behind each flag are on the Sources sheet, not printed
            keys = {r[2] for r in sources.iter_rows(values_only=True)}
            assert {e["record"] for f in doc["flags"] for e in f["evidence"]} <= keys
            assert sources.sheet_state == "hidden"


def test_glove_bid_workbook_puts_supermax_up_for_review(assessed, tmp_path):
    a = assessed["glove_bid"]
    path = tmp_path / "glove.xlsx"
    a.to_excel(path)
    wb = openpyxl.load_workbook(path)
    review = table(wb["Review"])
    assert any("supermax" in (r["Entry id"] or "").lower() for r in review)
    flagged = table(wb["Flags"])
    watch = [r for r in flagged if "enforcement list" in r["Flag: whom, what"]]
    assert [r["Evidence"] for r in watch] == [
        (
            "CBP WRO/Findings: Supermax Corporation Bhd. and its wholly owned subsidiaries, "
            "issued 2021-10-21 [CBP file of 2026-06-23 + compiled lifted orders]"
        )
    ]
    assert [r["Name match score"] for r in watch] == [100.0]
    # a country flag's score is the country's, not a name match
    country = [r for r in flagged if "country profile" in r["Flag: whom, what"]]
    assert country and all(r["Name match score"] is None for r in country)
    assert all("country score 66.7" in r["Evidence"] for r in country)
    records = table_below(wb["Sources"], "Records behind each flag")
    links = [r["Evidence link"] for r in records if "enforcement list" in r["Flag: whom, what"]]
    assert links and all(u.startswith("https://www.cbp.gov/") for u in links)
    summary = wb["Summary"]
    steps = "\n".join(str(row[1].value) for row in block(summary, "What to do next"))
    assert "tracing evidence" in steps and "9897.00.00" in steps and "(M1)" in steps


def test_comparison_of_the_three_apparel_bids(assessed, tmp_path):
    """The three bids on solicitation W8486-220315/A, ranked as scrisk compare ranks them."""
    from scrisk.assessment import compare

    items = [assessed[n] for n in ("apparel_bid", "apparel_gaps_bid", "clean_bid")]
    path = write_comparison_workbook(items, tmp_path / "compare.xlsx", lang="fr")
    wb = openpyxl.load_workbook(path)
    rows = table(wb["Classement"])
    assert len(rows) == 3 and len(wb.sheetnames) == 5
    for name in wb.sheetnames[1:4]:  # each bid its chain picture
        assert len(wb[name]._images) == 1, name
    ranked = compare(items, lang="fr")
    assert [r["Soumissionnaire"] for r in rows] == list(ranked["bidder_name"])
    assert [r["Pourquoi"] for r in rows] == list(ranked["why"])
    clean = assessed["clean_bid"].to_dict("fr")
    assert rows[0]["Soumissionnaire"] == clean["bidder"]["name"]
    docs = [a.to_dict("fr") for a in items]
    assert [docs[i]["bidder"]["name"] for i in rank_documents(docs)] == list(
        ranked["bidder_name"]
    )  # documents rank as the engine ranks
    for r in rows:
        assert facts(wb[r["Feuille"]])["Soumissionnaire"].startswith(r["Soumissionnaire"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_example_workbooks_open_in_libreoffice(assessed, tmp_path):
    reports = []
    for name, a in assessed.items():
        reports.append(tmp_path / f"{name}.xlsx")
        a.to_excel(reports[-1], lang="fr" if name.startswith("apparel") else "en")
    (tmp_path / "pdf").mkdir()
    done = soffice(*reports, outdir=tmp_path / "pdf", timeout=300)
    assert done.returncode == 0, done.stderr
    for report in reports:
        pdf = tmp_path / "pdf" / f"{report.stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF"), report.name
