"""Declarations that hide or forge what is assessed (issue 12, point 2).

Built from the inputs that showed each defect: ``"parties"`` given twice (the
first holding a Xinjiang cotton supplier), a party with ``"id"`` twice, a lone
surrogate in a name, a workbook that shows ``Supermax Glove Manufacturing``
but caches ``Maple Leaf Gloves Ltd``, a formula with no cached value, ``#REF!``
and ``#N/A`` cells, a hidden sheet with the role of a visible one, a zip with
two members of the same name.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from scrisk.cli import main
from scrisk.errors import DeclarationError, Fault
from scrisk.readers import load_declaration

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HARMLESS = "Maple Leaf Gloves Ltd"
SHOWN = "Supermax Glove Manufacturing"


def _faults(source: object) -> list[Fault]:
    with pytest.raises(DeclarationError) as info:
        load_declaration(source)  # type: ignore[arg-type]
    return info.value.faults


def _rewrite_member(path: Path, member: str, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as zf:
        parts = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            zf.writestr(name, change(data) if name == member else data)


def _sheet_part(path: Path, title: str) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    index = wb.sheetnames.index(title) + 1
    wb.close()
    return f"xl/worksheets/sheet{index}.xml"


def _put_raw_cell(path: Path, sheet: str, ref: str, xml: str) -> None:
    """Replace cell ``ref`` of ``sheet`` with raw cell XML (a formula with a cache, an error)."""
    pattern = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), re.S)

    def change(data: bytes) -> bytes:
        new, n = pattern.subn(xml.encode(), data, count=1)
        assert n == 1, f"cell {ref} not found"
        return new

    _rewrite_member(path, _sheet_part(path, sheet), change)


# ------------------------------------------------------------------------------ JSON
def test_parties_given_twice_is_a_fault_not_a_silently_dropped_supplier(tmp_path, capsys):
    doc = json.loads((EXAMPLES / "apparel_bid.json").read_text(encoding="utf-8"))
    cotton = [p for p in doc["parties"] if "Aksu" in json.dumps(p) or "Xinjiang" in json.dumps(p)]
    assert cotton, "the apparel example declares a Xinjiang cotton supplier"
    rest = json.dumps(doc["parties"])
    text = json.dumps(doc)
    # "parties" twice: the first (read by Excel-minded humans) with the cotton supplier
    forged = text.replace(
        '"parties": ',
        '"parties": '
        + rest
        + ', "parties": '
        + json.dumps([p for p in doc["parties"] if p not in cotton])
        + ', "x": ',
        1,
    )
    path = tmp_path / "twice.json"
    path.write_text(forged, encoding="utf-8")
    faults = _faults(path)
    assert [(f.location.path, f.location.field) for f in faults] == [("$.parties", "parties")]
    assert "more than once" in faults[0].message
    assert main(["assess", str(path), "--json", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "'parties' is given more than once" in err


def test_an_id_given_twice_in_one_party_is_a_fault_naming_the_party(tmp_path):
    text = (EXAMPLES / "glove_bid.json").read_text(encoding="utf-8")
    forged = text.replace('"id": "M1"', '"id": "M1", "id": "M9"', 1)
    assert forged != text
    path = tmp_path / "id.json"
    path.write_text(forged, encoding="utf-8")
    (fault,) = _faults(path)
    assert re.fullmatch(r"\$\.parties\[\d+\]\.id", fault.location.path or "")
    assert fault.location.field == "id"


def test_a_lone_surrogate_is_a_fault_not_a_traceback(tmp_path, capsys):
    text = (EXAMPLES / "glove_bid.json").read_text(encoding="utf-8")
    forged = text.replace("Supermax Glove", "Supermax \\ud800 Glove", 1)
    path = tmp_path / "surrogate.json"
    path.write_text(forged, encoding="utf-8")
    (fault,) = _faults(path)
    assert fault.location.field == "name" and "\\ud800" in fault.message
    assert main(["assess", str(path)]) == 2
    err = capsys.readouterr().err
    assert "lone surrogate" in err and "Traceback" not in err


def test_a_lone_surrogate_in_a_mapping_is_a_fault_too():
    doc = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    doc["parties"][1]["city"] = "Klang\udc80"
    (fault,) = _faults(doc)
    assert fault.location.path == "$.parties[1].city"


# ------------------------------------------------------------------------------ xlsx
def test_a_formula_is_never_read_from_its_cache(glove_xlsx, capsys):
    # Excel shows the formula's result (Supermax); the file caches a harmless name.
    _put_raw_cell(
        glove_xlsx, "Parties", "C3", f'<c r="C3" t="str"><f>"{SHOWN}"</f><v>{HARMLESS}</v></c>'
    )
    faults = _faults(glove_xlsx)
    (fault,) = [f for f in faults if f.location.cell == "Parties!C3"]
    assert "enter the value, not a formula" in fault.message
    assert (fault.location.sheet, fault.location.row, fault.location.field) == (
        "Parties",
        3,
        "name",
    )
    assert main(["assess", str(glove_xlsx)]) == 2
    err = capsys.readouterr().err
    assert "Parties!C3" in err and HARMLESS not in err.replace("Parties!C3", "")


def test_a_formula_without_a_cached_value_is_a_fault_not_a_blank(glove_xlsx):
    wb = openpyxl.load_workbook(glove_xlsx)
    wb["Parties"]["C3"] = f'=UPPER("{SHOWN}")'  # openpyxl stores no cached value
    wb.save(glove_xlsx)
    (fault,) = [f for f in _faults(glove_xlsx) if f.location.cell]
    assert fault.location.cell == "Parties!C3" and "formula" in fault.message


@pytest.mark.parametrize("code", ["#REF!", "#N/A", "#DIV/0!"])
def test_error_values_are_faults_not_data(glove_xlsx, code):
    _put_raw_cell(glove_xlsx, "Parties", "G3", f'<c r="G3" t="e"><v>{code}</v></c>')
    (fault,) = [f for f in _faults(glove_xlsx) if f.location.cell]
    assert fault.location.cell == "Parties!G3" and code in fault.message
    assert fault.location.field == "country"


def test_a_formula_in_the_solicitation_sheet_names_its_value_cell(glove_xlsx):
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Solicitation"]
    row = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Closing date")
    ws.cell(row, 2).value = "=TODAY()"
    wb.save(glove_xlsx)
    (fault,) = _faults(glove_xlsx)  # one fault: not also "closing date is missing"
    assert "formula" in fault.message
    assert fault.location.cell == f"Solicitation!B{row}"
    assert fault.location.field == "closing_date"


def test_a_hidden_sheet_with_a_template_role_is_refused(glove_xlsx):
    wb = openpyxl.load_workbook(glove_xlsx)
    forged = wb.copy_worksheet(wb["Solicitation"])
    forged.title = "Sollicitation"  # the French name of the same role
    forged.sheet_state = "hidden"
    wb.move_sheet(forged, offset=-len(wb.sheetnames) + 1)  # first, where it used to win
    wb.save(glove_xlsx)
    faults = _faults(glove_xlsx)
    assert [(f.location.sheet, "hidden" in f.message) for f in faults] == [("Sollicitation", True)]


def test_a_very_hidden_sheet_is_refused_and_the_visible_one_is_read(glove_xlsx):
    wb = openpyxl.load_workbook(glove_xlsx)
    forged = wb.copy_worksheet(wb["Parties"])
    forged.title = "PARTIES "
    forged.sheet_state = "veryHidden"
    wb.save(glove_xlsx)
    (fault,) = _faults(glove_xlsx)
    assert "very hidden" in fault.message
    wb = openpyxl.load_workbook(glove_xlsx)
    del wb["PARTIES "]
    wb.save(glove_xlsx)
    assert load_declaration(glove_xlsx).party("M1").name.startswith("Supermax")


def test_a_zip_with_two_members_of_one_name_is_refused(glove_xlsx, capsys):
    part = _sheet_part(glove_xlsx, "Parties")
    with zipfile.ZipFile(glove_xlsx) as zf:
        data = zf.read(part)
    with zipfile.ZipFile(glove_xlsx, "a") as zf, pytest.warns(UserWarning):
        zf.writestr(part, data.replace(b"Supermax", b"Maple Leaf"))
    (fault,) = _faults(glove_xlsx)
    assert "two parts named" in fault.message
    assert main(["screen", str(glove_xlsx)]) == 2
    assert "two parts named" in capsys.readouterr().err


def test_fault_locations_carry_the_excel_cell(glove_xlsx):
    wb = openpyxl.load_workbook(glove_xlsx)
    wb["Parties"]["B3"] = "wizard"  # an unknown role for M1
    wb.save(glove_xlsx)
    (fault,) = _faults(glove_xlsx)
    loc = fault.location
    assert (loc.sheet, loc.row, loc.field, loc.cell) == ("Parties", 3, "role", "Parties!B3")
    assert "cell Parties!B3" in str(fault)
    assert fault.to_dict()["cell"] == "Parties!B3"


def test_a_clean_workbook_still_reads_as_its_json():
    for name in ("glove_bid", "apparel_bid", "clean_bid", "apparel_gaps_bid"):
        assert load_declaration(EXAMPLES / f"{name}.xlsx") == load_declaration(
            EXAMPLES / f"{name}.json"
        )


# ------------------------------------------------------------------------------ batches
def test_a_batch_with_one_bad_file_reports_the_good_bids(tmp_path, capsys):
    """`scrisk assess a.json b.json bad.json` exited 2 with no results for the good bids."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "scrisk-declaration/1", "parties": [', encoding="utf-8")
    a, b = str(EXAMPLES / "clean_bid.json"), str(EXAMPLES / "glove_bid.json")
    assert main(["assess", a, str(bad), b, "--json", "-"]) == 2
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert [r["format"] for r in records] == [
        "scrisk-assessment/1",
        "scrisk-fault/1",
        "scrisk-assessment/1",
    ]
    assert records[1]["input"] == str(bad) and records[1]["faults"][0]["reason"] == "unreadable"
    assert records[2]["risk_level"] == "critical"  # the glove bid, still assessed
    assert str(bad) in err
    out_file = tmp_path / "batch.json"
    assert main(["assess", a, str(bad), b, "--json", str(out_file), "--quiet"]) == 2
    assert len(json.loads(out_file.read_text(encoding="utf-8"))) == 3


def test_compare_ranks_the_good_bids_and_lists_the_bad_one(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    a, b = str(EXAMPLES / "clean_bid.json"), str(EXAMPLES / "apparel_bid.json")
    assert main(["compare", a, str(bad), b, "--json", "-", "--quiet"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["ranking"]) == 2
    assert [u["input"] for u in doc["unusable"]] == [str(bad)]
