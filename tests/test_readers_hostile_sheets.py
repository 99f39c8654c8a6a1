"""Hostile workbooks, round 3: decoy sheets, duplicate columns and rows above the header.

Each case turned a critical verdict into a lower one, or dropped a party, without
a word: a workbook holding an English and a French sheet for one role was read
from whichever came first; a second ``name`` column was ignored; a party above
the header row was lost. Each is now a fault naming both sheets or cells.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from declaration_faults import declaration_faults

from scrisk.readers import load_declaration
from scrisk.readers.excel_lang import header as field_of

DECOYS = [
    ("Solicitation", "Sollicitation"),
    ("Solicitation", "Demande de soumissions"),
    ("Goods", "Biens"),
    ("Certifications", "Attestations"),
]


@pytest.mark.parametrize(("sheet", "decoy"), DECOYS)
def test_english_and_french_sheet_of_one_role_is_a_fault_naming_both(
    glove_xlsx: Path, sheet: str, decoy: str
) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    copy = wb.copy_worksheet(wb[sheet])
    copy.title = decoy
    wb.move_sheet(copy, offset=-len(wb.sheetnames))  # the decoy comes first
    wb.save(glove_xlsx)
    faults = declaration_faults(glove_xlsx)
    [fault] = [f for f in faults if f.reason == "duplicate_id" and f.location.sheet]
    assert repr(sheet) in fault.message and repr(decoy) in fault.message


def test_decoy_closing_date_cannot_choose_the_verdict(glove_xlsx: Path) -> None:
    """The decoy (first) solicitation sheet said 2019; the real one 2021."""
    wb = openpyxl.load_workbook(glove_xlsx)
    decoy = wb.copy_worksheet(wb["Solicitation"])
    decoy.title = "Sollicitation"
    decoy["B5"] = "2019-01-01"
    wb.move_sheet(decoy, offset=-len(wb.sheetnames))
    wb.save(glove_xlsx)
    faults = declaration_faults(glove_xlsx)
    assert any("'Sollicitation'" in f.message for f in faults)


def _header_index(ws, name: str) -> int:
    return [field_of("parties", c.value) for c in ws[1]].index(name) + 1


@pytest.mark.parametrize("second", ["name", "nom", "Name", "NOM "])
def test_second_column_of_one_field_is_a_fault_naming_both_cells(
    glove_xlsx: Path, second: str
) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Parties"]
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value=second)
    ws.cell(row=3, column=col, value="Hetian Taida Apparel Co., Ltd")  # a listed maker
    wb.save(glove_xlsx)
    [fault] = declaration_faults(glove_xlsx)
    name_col = openpyxl.utils.get_column_letter(_header_index(ws, "name"))
    letter = openpyxl.utils.get_column_letter(col)
    assert fault.reason == "duplicate_id"
    assert f"Parties!{name_col}1" in fault.message and f"Parties!{letter}1" in fault.message
    assert fault.location.cell == f"Parties!{letter}1" and fault.location.field == "name"


def test_duplicate_column_in_certifications_and_goods(glove_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    wb["Goods"].cell(row=1, column=wb["Goods"].max_column + 1, value="description")
    wb["Certifications"].cell(row=1, column=20, value="travail forcé")  # forced_labour in French
    wb.save(glove_xlsx)
    faults = declaration_faults(glove_xlsx)
    assert {(f.location.sheet, f.location.field) for f in faults} == {
        ("Goods", "description"),
        ("Certifications", "forced_labour"),
    }


def test_second_field_row_in_the_solicitation_sheet_is_a_fault(glove_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Solicitation"]
    ws.append(["closing_date", "2019-01-01"])
    wb.save(glove_xlsx)
    [fault] = declaration_faults(glove_xlsx)
    assert fault.reason == "duplicate_id" and fault.location.field == "closing_date"
    assert fault.location.row == ws.max_row


def test_party_above_the_header_row_is_a_fault_naming_the_cell(glove_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Parties"]
    ws.insert_rows(1)
    ws["A1"] = "X9"
    ws["C1"] = "Hetian Taida Apparel Co., Ltd"
    wb.save(glove_xlsx)
    [fault] = declaration_faults(glove_xlsx)
    assert (fault.location.sheet, fault.location.row, fault.location.cell) == (
        "Parties",
        1,
        "Parties!A1",
    )
    assert "above the header row" in fault.message and "row 2" in fault.message


def test_value_above_the_solicitation_header_is_a_fault(glove_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Solicitation"]
    ws.insert_rows(1, 2)
    ws["B1"] = "closing_date 2019-01-01"
    wb.save(glove_xlsx)
    [fault] = declaration_faults(glove_xlsx)
    assert fault.location.cell == "Solicitation!B1"


def test_solicitation_value_without_field_name_is_a_fault(glove_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Solicitation"]
    ws.append([None, "2019-01-01"])
    wb.save(glove_xlsx)
    [fault] = declaration_faults(glove_xlsx)
    assert fault.location.cell == f"Solicitation!B{ws.max_row}"


def test_the_untouched_workbook_still_reads(glove_xlsx: Path) -> None:
    assert load_declaration(glove_xlsx).parties
