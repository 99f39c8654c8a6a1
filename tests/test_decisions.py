"""Reviewer decisions: read back from the Review sheet (en/fr) or a CSV; faults located."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest
from excel_doc import SUPERMAX_ENTRY, glove_document

from scrisk.decisions import Decision, load_decisions, normalise_decision
from scrisk.errors import DeclarationError
from scrisk.report.excel.workbook import write_assessment_workbook

LATEX_ENTRY = "CBP-example-latex-wro"
SUPERMAX_NAME = "Supermax Glove Manufacturing Sdn. Bhd."
LATEX_NAME = "Semenanjung Polymer Latex Sdn. Bhd."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("confirmed", "confirmed"),
        ("Confirmed", "confirmed"),
        ("CONFIRMÉ", "confirmed"),
        ("confirme", "confirmed"),
        ("not a match", "not_a_match"),
        ("not_a_match", "not_a_match"),
        ("Not-A-Match", "not_a_match"),
        ("pas une correspondance", "not_a_match"),
        ("Pas_une  correspondance", "not_a_match"),
        ("unsure", "unsure"),
        ("Incertain", "unsure"),
        ("maybe", None),
        ("", None),
        (None, None),
        ("confirmed!", None),
    ],
)
def test_decision_labels_fold_case_accents_and_underscores(text, expected):
    assert normalise_decision(text) == expected


def test_decision_value_is_normalised_and_checked():
    d = Decision("M1", SUPERMAX_ENTRY, "Pas une correspondance", "A. Tremblay", "2026-11-02")
    assert d.decision == "not_a_match" and d.key == ("M1", SUPERMAX_ENTRY)
    assert d.to_dict()["decision"] == "not_a_match"
    with pytest.raises(ValueError, match="decision must be one of"):
        Decision("M1", SUPERMAX_ENTRY, "probably")


def _edit_review(path, answers: dict[str, tuple], sheet: str) -> None:
    """Fill the decision, reviewer, date and comment cells of the rows of given entries."""
    from scrisk.i18n import t

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    lang = "fr" if sheet == "Examen" else "en"
    head = [c.value for c in ws[1]]
    entry_at = head.index(t("excel.col.entry_id", lang))
    inputs = [head.index(t(f"excel.col.{k}", lang)) for k in ("decision", "reviewer", "date")]
    inputs.append(head.index(t("excel.col.comment", lang)))
    for row in ws.iter_rows(min_row=2):
        entry = row[entry_at].value
        if entry in answers:
            for at, value in zip(inputs, answers[entry], strict=False):
                row[at].value = value
    wb.save(path)


@pytest.mark.parametrize(
    ("lang", "sheet", "labels"),
    [
        ("en", "Review", ("not a match", "confirmed")),
        ("fr", "Examen", ("pas une correspondance", "confirmé")),
    ],
)
def test_decisions_read_back_from_the_review_sheet(tmp_path, lang, sheet, labels):
    path = write_assessment_workbook(glove_document(lang), tmp_path / "r.xlsx", lang=lang)
    _edit_review(
        path,
        {
            SUPERMAX_ENTRY: (labels[1], "J. Roy", date(2026, 11, 3), "same company, same address"),
            LATEX_ENTRY: (labels[0], "A. Tremblay", date(2026, 11, 2), None),
        },
        sheet,
    )
    got = load_decisions(path)
    assert got == {  # with the supplier decided about: the Review sheet's name and country
        ("M1", SUPERMAX_ENTRY): Decision(
            "M1",
            SUPERMAX_ENTRY,
            "confirmed",
            "J. Roy",
            "2026-11-03",
            "same company, same address",
            name=SUPERMAX_NAME,
            country="MY",
        ),
        ("R1", LATEX_ENTRY): Decision(
            "R1",
            LATEX_ENTRY,
            "not_a_match",
            "A. Tremblay",
            "2026-11-02",
            None,
            name=LATEX_NAME,
            country="MY",
        ),
    }


def test_unanswered_rows_are_skipped(tmp_path):
    path = write_assessment_workbook(glove_document(), tmp_path / "r.xlsx")
    assert load_decisions(path) == {}
    _edit_review(path, {LATEX_ENTRY: ("unsure",)}, "Review")
    assert list(load_decisions(path)) == [("R1", LATEX_ENTRY)]


def test_decisions_already_applied_survive_a_second_round(tmp_path):
    """A workbook written with decisions reads back to the same decisions."""
    doc = glove_document()
    taken = [
        Decision(
            "R1", LATEX_ENTRY, "not_a_match", "A. Tremblay", "2026-11-02", "different company"
        ),
        Decision("M1", SUPERMAX_ENTRY, "confirmed", "J. Roy", "2026-11-03", None),
    ]
    doc["decisions"] = [d.to_dict() for d in taken]
    for lang in ("en", "fr"):
        path = write_assessment_workbook(doc, tmp_path / f"{lang}.xlsx", lang=lang)
        names = {"R1": LATEX_NAME, "M1": SUPERMAX_NAME}
        assert load_decisions(path) == {
            d.key: replace(d, name=names[d.party], country="MY") for d in taken
        }


def test_decisions_csv_with_english_or_french_headers(tmp_path):
    en = tmp_path / "decisions.csv"
    en.write_text(
        "party,entry_id,decision,reviewer,date,comment\n"
        f"M1,{SUPERMAX_ENTRY},confirmed,J. Roy,2026-11-03,checked address\n"
        f"R1,{LATEX_ENTRY},not a match,,,\n"
        "R2,UFLPA-x,,,,\n",
        encoding="utf-8",
    )
    got = load_decisions(en)
    assert got[("M1", SUPERMAX_ENTRY)].comment == "checked address"
    assert got[("M1", SUPERMAX_ENTRY)].date == "2026-11-03"
    assert got[("R1", LATEX_ENTRY)] == Decision("R1", LATEX_ENTRY, "not_a_match")
    assert ("R2", "UFLPA-x") not in got
    fr = tmp_path / "décisions.csv"
    fr.write_text(
        "Partie;Identifiant de l'inscription;Décision;Examinateur;Date de l'examen\n"
        f"M1;{SUPERMAX_ENTRY};Pas une correspondance;A. Tremblay;2026-11-02\n",
        encoding="cp1252",
    )
    assert load_decisions(fr)[("M1", SUPERMAX_ENTRY)].decision == "not_a_match"


def test_every_fault_at_once_with_file_sheet_row_and_field(tmp_path):
    path = write_assessment_workbook(glove_document(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    # columns: H decision, J date, M party (hidden), N entry id (hidden)
    ws["H2"], ws["J2"] = "probably", "next tuesday"
    ws["H3"], ws["M3"] = "confirmed", None
    for answer in ("confirmed", "not a match"):
        row = [None] * 14
        row[7], row[12], row[13] = answer, "M1", SUPERMAX_ENTRY
        ws.append(row)
    wb.save(path)
    with pytest.raises(DeclarationError) as caught:
        load_decisions(path)
    faults = [
        (f.location.sheet, f.location.row, f.location.field, f.reason) for f in caught.value.faults
    ]
    assert faults == [
        ("Review", 2, "decision", "bad_value"),
        ("Review", 2, "date", "bad_date"),
        ("Review", 3, "party", "missing_field"),
        ("Review", 5, "decision", "duplicate_id"),
    ]
    assert all(f.location.file == str(path) for f in caught.value.faults)
    assert "probably" in str(caught.value) and "row 4" in str(caught.value)


def test_a_date_cell_typed_as_datetime_or_text_reads_as_iso(tmp_path):
    path = tmp_path / "d.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "decisions"
    ws.append(["party", "entry_id", "decision", "reviewer", "date"])
    ws.append(["M1", "E1", "confirmed", "X", datetime(2026, 11, 3, 14, 5)])
    ws.append(["M2", "E2", "unsure", 42, "2026-11-04"])
    wb.save(path)
    got = load_decisions(path)
    assert got[("M1", "E1")].date == "2026-11-03"
    assert got[("M2", "E2")].reviewer == "42" and got[("M2", "E2")].date == "2026-11-04"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x03\x04 truncated", "unreadable"),
        (b"\x00\x01\x02binary", "unreadable"),
        (b"name,country\nAcme,CA\n", "missing_column"),
    ],
)
def test_unusable_files_are_faults_not_tracebacks(tmp_path, content, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(DeclarationError) as caught:
        load_decisions(path)
    assert {f.reason for f in caught.value.faults} == {reason}
    assert all(f.location.file == str(path) for f in caught.value.faults)


def test_missing_file_and_workbook_without_review_sheet(tmp_path):
    with pytest.raises(DeclarationError, match="no such file"):
        load_decisions(tmp_path / "absent.xlsx")
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Parties"
    wb.active.append(["id", "name"])
    wb.save(path)
    with pytest.raises(DeclarationError) as caught:
        load_decisions(path)
    (fault,) = caught.value.faults
    assert fault.reason == "missing_sheet" and "'Parties'" in fault.message


# ------------------------------------------------------------------ end to end with the engine

BRIGHTWAY_ENTRY = "CBP-brightway-group-wro"


def test_round_trip_assess_review_assess_again(tmp_path):
    """assess -> to_excel -> a reviewer answers in the Review sheet -> assess with decisions.

    The match marked "not a match" is no longer raised; the confirmed one stays,
    noted as reviewed with who and when; the next workbook shows both answers.
    """
    import json
    from pathlib import Path

    engine = pytest.importorskip("scrisk.assessment")
    if not hasattr(engine, "assess"):
        pytest.skip("scrisk.assessment.assess is not built yet")
    root = Path(__file__).resolve().parents[1]
    decl = json.loads((root / "examples" / "glove_bid.json").read_text(encoding="utf-8"))
    decl["parties"].append(
        {
            "id": "S2",
            "role": "subcontractor",
            "name": "Brightway Holdings Sdn Bhd",
            "address": "Lot 10, Jalan Perusahaan 2",
            "city": "Klang",
            "region": "Selangor",
            "country": "Malaysia",
            "supplies_to": ["M1"],
        }
    )
    as_of = date(2022, 6, 1)  # both the Supermax and the Brightway orders in force

    def watchlist(a) -> dict:
        return {
            (f.party, e.record): f for f in a.flag_list if f.rule == "WATCHLIST" for e in f.evidence
        }

    first = engine.assess(decl, as_of=as_of)
    assert {("M1", SUPERMAX_ENTRY), ("S2", BRIGHTWAY_ENTRY)} <= set(watchlist(first))
    report = tmp_path / "report.xlsx"
    first.to_excel(report)
    _edit_review(
        report,
        {
            BRIGHTWAY_ENTRY: ("not a match", "A. Tremblay", date(2026, 11, 2), "other company"),
            SUPERMAX_ENTRY: ("confirmed", "J. Roy", date(2026, 11, 3), None),
        },
        "Review",
    )
    decisions = load_decisions(report)
    assert set(decisions) == {("M1", SUPERMAX_ENTRY), ("S2", BRIGHTWAY_ENTRY)}

    second = engine.assess(decl, as_of=as_of, decisions=decisions)
    flags = watchlist(second)
    assert ("S2", BRIGHTWAY_ENTRY) not in flags
    kept = flags[("M1", SUPERMAX_ENTRY)]
    assert kept.reviewed is not None
    assert (kept.reviewed["decision"], kept.reviewed["reviewer"], kept.reviewed["date"]) == (
        "confirmed",
        "J. Roy",
        "2026-11-03",
    )
    doc = second.to_dict()
    assert {(d["party"], d["entry_id"], d["decision"]) for d in doc["decisions"]} == {
        ("M1", SUPERMAX_ENTRY, "confirmed"),
        ("S2", BRIGHTWAY_ENTRY, "not_a_match"),
    }

    again = tmp_path / "again.xlsx"
    second.to_excel(again, lang="fr")
    assert load_decisions(again) == decisions  # the same question is not asked twice
    flags = openpyxl.load_workbook(again)["Signalements"]
    from scrisk.i18n import t

    title = t("rule.WATCHLIST.title", "fr")
    reviewed = {
        r[0].split("\n")[0].rsplit(" (", 1)[-1].rstrip(")"): r[-1]
        for r in flags.iter_rows(min_row=2, values_only=True)
        if r[0].endswith("\n" + title)
    }
    assert reviewed == {"M1": "confirmé par J. Roy le 2026-11-03"}  # S2's is dismissed
