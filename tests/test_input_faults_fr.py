"""Input faults in French (#24): with --lang fr, the fault list was entirely English
(messages, location words and field names). Each reader fault now carries its
catalogue key (``input.*``) and renders in the reader's language; the English text
is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from declaration_faults import declaration_faults

from scrisk.cli import main
from scrisk.errors import Fault, FaultCollector, Location, msg
from scrisk.i18n import catalogue

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _broken_bid(tmp_path: Path) -> Path:
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["solicitation"]["closing_date"] = "15/03/2021"
    data["parties"][1]["nmae"] = data["parties"][1].pop("name")
    data["parties"][1]["workers"] = -3
    data["parties"][2]["supplies_to"] = ["m1"]
    data["parties"][0]["role"] = "buyer"
    path = tmp_path / "soumission.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_every_reader_fault_of_a_broken_bid_is_translatable(tmp_path: Path) -> None:
    faults = declaration_faults(_broken_bid(tmp_path))
    assert len(faults) >= 5
    untranslated = [f.message for f in faults if f.text is None]
    assert untranslated == []
    for fault in faults:
        assert fault.render("en") == str(fault)  # English unchanged
        assert fault.render("fr") != str(fault)


def test_cli_prints_input_faults_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _broken_bid(tmp_path)
    assert main(["assess", str(path), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "erreur\u00a0:" in err and "anomalies" in err
    assert "n'est pas une date (AAAA-MM-JJ)" in err
    assert "clé inconnue 'nmae' (vouliez-vous dire 'name'\u00a0?)" in err
    assert "est négatif" in err and "vouliez-vous dire 'M1'\u00a0?" in err
    assert "champ «\u00a0Date de clôture\u00a0»" in err
    for english in ("error:", "is not a date", "unknown key", "did you mean", " field '"):
        assert english not in err, english
    assert "Traceback" not in err
    assert main(["assess", str(path)]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "is not a date (YYYY-MM-DD)" in err


def test_workbook_faults_name_sheet_row_and_cell_in_french(
    glove_xlsx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    copy = wb.copy_worksheet(wb["Goods"])
    copy.title = "Biens"
    ws = wb["Parties"]
    ws.cell(row=1, column=ws.max_column + 1, value="nom")
    ws.cell(row=2, column=ws.max_column, value="Decoy")
    wb.save(glove_xlsx)
    assert len(declaration_faults(glove_xlsx)) == 2
    assert main(["assess", str(glove_xlsx), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "feuille «\u00a0Parties\u00a0»" in err and "ligne 1" in err and "cellule Parties!" in err
    assert "les feuilles 'Goods' et 'Biens'" in err
    assert "sont toutes deux la colonne" in err


def test_location_and_message_render_in_both_languages() -> None:
    faults = FaultCollector()
    where = Location(file="bid.xlsx", sheet="Parties", row=4, field="supplies_to")
    faults.add(where, "bad_type", msg("input.value.not_list", field="supplies_to", value="3"))
    [fault] = faults.faults
    assert str(fault) == (
        "bid.xlsx, sheet 'Parties', row 4, field 'supplies_to': supplies_to must be a list, not 3"
    )
    fr = fault.render("fr")
    assert fr.startswith("bid.xlsx, feuille «\u00a0Parties\u00a0», ligne 4, champ «\u00a0")
    assert "supplies_to" not in fr and "doit être une liste" in fr
    # a plain-text fault (not yet in the catalogue) still prints, in English
    plain = Fault(where, "bad_value", "as written")
    assert plain.render("fr").endswith(": as written")


def test_every_input_key_exists_in_both_catalogues() -> None:
    en = {k for k in catalogue("en") if k.startswith("input.")}
    fr = {k for k in catalogue("fr") if k.startswith("input.")}
    assert en == fr and len(en) > 40


def test_decisions_file_and_file_kind_faults_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("party,entry_id,decision\nM1,CBP-x,peut-être\n", encoding="utf-8")
    glove = EXAMPLES / "glove_bid.json"
    assert main(["assess", str(glove), "--lang", "fr", "--decisions", str(decisions)]) == 2
    err = capsys.readouterr().err
    assert "décision inconnue 'peut-être'" in err and "ligne 2" in err
    table = tmp_path / "fournisseurs.csv"
    table.write_text("name,country\nSupermax,MY\n", encoding="utf-8")
    assert main(["assess", str(table), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "n'est pas une déclaration" in err and "Traceback" not in err


# English words a French fault list must not carry (the JSON ids a file may use aside).
ENGLISH_WORDS = ("unknown", "allowed", "not a ", "No such file", "line 1, column", "must be")


def test_french_faults_name_values_files_and_parse_errors_in_french(tmp_path, capsys):
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["solicitation"]["category"] = "food"
    data["parties"][1]["role"] = "maker"
    bad = tmp_path / "soumission.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    truncated = tmp_path / "coupée.json"
    truncated.write_text('{"format": ', encoding="utf-8")
    missing = tmp_path / "absente.json"
    for path in (bad, truncated, missing):
        capsys.readouterr()
        assert main(["assess", str(path), "--lang", "fr"]) == 2
        err = capsys.readouterr().err
        assert not [w for w in ENGLISH_WORDS if w in err], err
    capsys.readouterr()
    main(["assess", str(bad), "--lang", "fr"])
    err = " ".join(capsys.readouterr().err.split())
    assert "valeur inconnue pour « Catégorie »" in err
    assert "autre (other)" in err and "fabricant (manufacturer)" in err
    main(["assess", str(missing), "--lang", "fr"])
    assert "fichier introuvable" in capsys.readouterr().err
    main(["assess", str(truncated), "--lang", "fr"])
    err = capsys.readouterr().err
    assert "ligne 1, colonne" in err and "(message de l'analyseur, en anglais)" in err
    main(["assess", str(truncated)])  # English unchanged
    assert "line 1, column" in capsys.readouterr().err
