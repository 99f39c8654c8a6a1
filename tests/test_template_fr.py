"""The French declaration template: French sheets, headers, instructions and drop-downs;
the reader takes either language and a filled French template equals the JSON form."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from scrisk.cli import main
from scrisk.readers import load_declaration
from scrisk.template import write_declaration_workbook, write_template

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FR_SHEETS = [
    "Instructions",
    "Demande de soumissions",
    "Biens",
    "Parties",
    "Attestations",
    "Audits",
    "Listes",
]


def _validations(ws) -> dict[str, str]:  # noqa: ANN001
    return {
        rng.coord.split(":")[0]: dv.formula1
        for dv in ws.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }


def test_french_template_sheets_headers_instructions_and_drop_downs(tmp_path):
    assert (
        main(["template", str(tmp_path / "gabarit.xlsx"), "--lang", "fr", "--category", "ppe"]) == 0
    )
    wb = openpyxl.load_workbook(tmp_path / "gabarit.xlsx")
    assert wb.sheetnames == FR_SHEETS and wb["Listes"].sheet_state == "hidden"
    assert [c.value for c in wb["Parties"][1]] == [
        "Identifiant",
        "Rôle",
        "Nom",
        "Adresse",
        "Ville",
        "Région",
        "Pays",
        "Approvisionne",
        "Biens",
        "Matières",
        "Travailleurs",
        "Capacité annuelle",
        "S-211 entité déclarante",
        "S-211 exercice",
        "S-211 déposé le",
        "S-211 adresse du rapport",
    ]
    sol = wb["Demande de soumissions"]
    assert [c.value for c in sol[1]][:2] == ["Champ", "Valeur"]
    assert sol["A4"].value == "Catégorie"
    assert sol["B4"].value == "équipement de protection individuelle"
    roles = _validations(wb["Parties"])["B2"]
    assert "fabricant" in roles and "soumissionnaire" in roles and "manufacturer" not in roles
    assert _validations(wb["Attestations"])["E2"] == '"O,N"'
    assert "Listes!$A$2" in _validations(wb["Parties"])["G2"]
    countries = [c.value for c in wb["Listes"]["A"][1:]]
    assert "Malaisie" in countries and "Allemagne" in countries
    text = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value)
    assert "lieu d'origine des travaux" in text and "Remplissez les feuilles" in text
    assert "Fill the" not in text  # French only


@pytest.mark.parametrize(
    "name",
    [
        "glove_bid",
        "apparel_bid",
        "apparel_gaps_bid",
        "clean_bid",
        "gown_bidder_cert_bid",
        "gown_covers_gap_bid",
        "prison_labour_bid",
    ],
)
def test_a_filled_french_template_reads_back_as_the_json_form(tmp_path, name):
    source = EXAMPLES / f"{name}.json"
    decl = load_declaration(source)
    path = write_declaration_workbook(decl, tmp_path / f"{name}.xlsx", lang="fr")
    wb = openpyxl.load_workbook(path)
    assert "Biens" in wb.sheetnames  # really French
    back = load_declaration(path)
    assert back.to_dict() == decl.to_dict()
    assert back.to_dict() == load_declaration(json.loads(source.read_text("utf-8"))).to_dict()


def test_a_french_template_filled_by_hand_as_a_bidder_would(tmp_path):
    path = write_template(tmp_path / "gabarit.xlsx", lang="fr")
    wb = openpyxl.load_workbook(path)
    sol = wb["Demande de soumissions"]
    for row, value in ((2, "W0000-1/A"), (3, "Chemises"), (4, "vêtements"), (5, date(2022, 6, 30))):
        sol.cell(row, 2).value = value
    biens = wb["Biens"]
    biens.append(["G1", "Chemises de travail", "6205.20", 100, "pièces"])
    parties = wb["Parties"]
    parties.append(
        [
            "B",
            "Soumissionnaire",
            "Érable Inc.",
            "1 rue Principale",
            "Québec",
            "Québec",
            "Canada",
            "",
            "",
            "",
            10,
            None,
        ]
    )
    parties.append(
        [
            "M1",
            "fabricant",
            "Atelier Beauce",
            "2 rang Nord",
            "Saint-Georges",
            "Québec",
            "Canada",
            "B",
            "G1",
            "",
            40,
            5000,
        ]
    )
    wb["Attestations"].append(
        ["B", "approvisionnement éthique", date(2022, 6, 1), "J. Roy", *["O"] * 8]
    )
    wb["Audits"].append(
        ["M1", "SMETA", date(2022, 1, 10), "réussi sous conditions", "excessive_overtime"]
    )
    wb.save(path)
    decl = load_declaration(path)
    assert decl.solicitation.category == "apparel"
    assert [p.role for p in decl.parties] == ["bidder", "manufacturer"]
    assert decl.certifications[0].type == "ethical_procurement"
    assert len(decl.certifications[0].rights) == 8
    assert decl.audits[0].result == "conditional"
    assert decl.parties[1].country_code == "CA"


def test_a_wrong_french_label_is_named_like_an_english_one(tmp_path):
    decl = load_declaration(EXAMPLES / "glove_bid.json")
    path = write_declaration_workbook(decl, tmp_path / "g.xlsx", lang="fr")
    wb = openpyxl.load_workbook(path)
    wb["Parties"]["B3"] = "fabriquant"  # misspelt
    wb.save(path)
    with pytest.raises(Exception) as error:
        load_declaration(path)
    faults = getattr(error.value, "faults", [])
    assert any(
        f.location.sheet == "Parties" and f.location.row == 3 and f.location.field == "role"
        for f in faults
    ), faults


def test_the_instrument_and_s211_fields_read_back_from_french_labels(tmp_path):
    raw = json.loads((EXAMPLES / "gown_bidder_cert_bid.json").read_text("utf-8"))
    raw["solicitation"]["instrument"] = "standing_offer"
    decl = load_declaration(raw)
    path = write_declaration_workbook(decl, tmp_path / "offre.xlsx", lang="fr")
    sol = openpyxl.load_workbook(path)["Demande de soumissions"]
    values = {row[0].value: row[1].value for row in sol.iter_rows(min_row=2)}
    assert values["Instrument d'achat"] == "offre à commandes"
    back = load_declaration(path)
    assert back.solicitation.instrument == "standing_offer"
    assert back.to_dict() == decl.to_dict()
