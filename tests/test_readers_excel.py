"""Excel reader: same declaration as JSON, faults with sheet + Excel row + column, bad files."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from scrisk.errors import DeclarationError, Fault
from scrisk.readers import excel_lang, load_declaration
from scrisk.readers.excel_reader import read_workbook
from scrisk.template import write_declaration_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture()
def apparel_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "apparel.xlsx"
    write_declaration_workbook(load_declaration(EXAMPLES / "apparel_bid.json"), path)
    return path


def _edit(path: Path, sheet: str, cells: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)


def _faults(path: Path) -> list[Fault]:
    with pytest.raises(DeclarationError) as info:
        load_declaration(path)
    return info.value.faults


def _column(path: Path, sheet: str, header: str) -> str:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    section = sheet.lower()  # the English sheet names are the sections' names
    heads = [  # headings as the reader maps them to fields
        excel_lang.header(section, h)
        for h in next(ws.iter_rows(min_row=1, max_row=1, values_only=True))
    ]
    return openpyxl.utils.get_column_letter(heads.index(header) + 1)


def test_workbook_reads_equal_to_json(apparel_xlsx: Path) -> None:
    from_json = load_declaration(EXAMPLES / "apparel_bid.json")
    from_xlsx = load_declaration(apparel_xlsx)
    assert from_xlsx == from_json
    assert from_xlsx.source == str(apparel_xlsx)
    m1 = from_xlsx.party("M1")
    assert m1.source is not None
    assert (m1.source.sheet, m1.source.row) == ("Parties", 3)


def test_dangling_supplies_to_names_sheet_row_and_column(apparel_xlsx: Path) -> None:
    col = _column(apparel_xlsx, "Parties", "supplies_to")
    _edit(apparel_xlsx, "Parties", {f"{col}4": "M1, M9"})  # row 4 = F1
    (fault,) = _faults(apparel_xlsx)
    assert fault.reason == "unknown_id"
    loc = fault.location
    assert (loc.file, loc.sheet, loc.row, loc.field) == (
        "apparel.xlsx",
        "Parties",
        4,
        "supplies_to",
    )
    assert "supplies_to names 'M9'" in fault.message
    assert str(fault).startswith("apparel.xlsx, sheet 'Parties', row 4, field 'supplies_to'")


def test_many_faults_across_sheets_in_one_pass(apparel_xlsx: Path) -> None:
    _edit(apparel_xlsx, "Parties", {"A6": "F1", "B6": "broker"})  # duplicate id; bad role
    _edit(apparel_xlsx, "Solicitation", {"B5": "31/03/2022"})  # closing_date row
    _edit(apparel_xlsx, "Goods", {"D2": -3})  # quantity
    right = _column(apparel_xlsx, "Certifications", "wages")
    _edit(apparel_xlsx, "Certifications", {f"{right}3": "maybe"})
    _edit(apparel_xlsx, "Audits", {"D2": "excellent"})
    found = {
        (f.reason, f.location.sheet, f.location.row, f.location.field)
        for f in _faults(apparel_xlsx)
    }
    assert found == {
        ("duplicate_id", "Parties", 6, "id"),
        ("bad_value", "Parties", 6, "role"),
        ("bad_date", "Solicitation", 5, "closing_date"),
        ("bad_number", "Goods", 2, "quantity"),
        ("bad_value", "Certifications", 3, "wages"),
        ("bad_value", "Audits", 2, "result"),
    }


def test_empty_rows_skipped_and_rows_counted_as_excel_shows(apparel_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(apparel_xlsx)
    ws = wb["Parties"]
    ws.insert_rows(3, amount=2)  # two blank rows between the bidder and M1
    col = _column(apparel_xlsx, "Parties", "supplies_to")
    assert ws["A8"].value == "C1"  # C1 moved from row 6 to row 8
    ws[f"{col}8"] = "Y1, NOPE"
    wb.save(apparel_xlsx)
    (fault,) = _faults(apparel_xlsx)
    assert (fault.location.sheet, fault.location.row) == ("Parties", 8)
    assert "'NOPE'" in fault.message


def test_real_date_cells_and_iso_text_both_read(apparel_xlsx: Path) -> None:
    _edit(apparel_xlsx, "Solicitation", {"B5": "2022-03-31"})
    _edit(apparel_xlsx, "Certifications", {"C2": datetime(2022, 3, 2)})
    decl = load_declaration(apparel_xlsx)
    assert decl.solicitation.closing_date == date(2022, 3, 31)
    assert decl.certifications[0].signed_on == date(2022, 3, 2)
    assert decl == load_declaration(EXAMPLES / "apparel_bid.json")


def test_headers_are_case_insensitive_and_trimmed(apparel_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(apparel_xlsx)
    for cell in wb["Parties"][1]:
        if isinstance(cell.value, str):
            cell.value = f"  {cell.value.upper()} "
    wb.save(apparel_xlsx)
    assert load_declaration(apparel_xlsx) == load_declaration(EXAMPLES / "apparel_bid.json")


def test_missing_required_column(apparel_xlsx: Path) -> None:
    _edit(apparel_xlsx, "Parties", {"B1": "kind"})  # the role header renamed
    faults = _faults(apparel_xlsx)
    assert [(f.reason, f.location.sheet, f.location.row, f.location.field) for f in faults] == [
        ("missing_column", "Parties", 1, "role")
    ]


def test_wrong_sheet_names(apparel_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(apparel_xlsx)
    wb["Parties"].title = "Suppliers"
    wb["Goods"].title = "Sheet2"
    wb.save(apparel_xlsx)
    faults = _faults(apparel_xlsx)
    assert {(f.reason, f.location.sheet) for f in faults} == {
        ("missing_sheet", "Parties"),
        ("missing_sheet", "Goods"),
    }
    assert all("'Suppliers'" in f.message for f in faults)


def test_french_sheet_names_are_accepted(apparel_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(apparel_xlsx)
    wb["Goods"].title = "Biens"
    wb["Certifications"].title = "Attestations"
    wb.save(apparel_xlsx)
    assert load_declaration(apparel_xlsx) == load_declaration(EXAMPLES / "apparel_bid.json")


def test_truncated_workbook_is_a_fault(tmp_path: Path, apparel_xlsx: Path) -> None:
    data = apparel_xlsx.read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(data[: len(data) // 2])
    (fault,) = _faults(broken)
    assert fault.reason == "unreadable" and fault.location.file == "broken.xlsx"


def test_not_a_workbook_is_a_fault(tmp_path: Path) -> None:
    fake = tmp_path / "bid.xlsx"
    fake.write_text("id,role\nB,bidder\n", encoding="utf-8")
    (fault,) = _faults(fake)
    assert fault.reason == "unreadable"
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    (fault,) = _faults(other)
    assert fault.reason == "unreadable" and "workbook" in fault.message


def test_size_bounds_are_checked_before_opening(apparel_xlsx: Path) -> None:
    with pytest.raises(DeclarationError) as info:
        read_workbook(apparel_xlsx, max_bytes=10_000)
    assert [f.reason for f in info.value.faults] == ["too_large"]
    with pytest.raises(DeclarationError) as info:
        read_workbook(apparel_xlsx, max_members=3)
    assert [f.reason for f in info.value.faults] == ["too_large"]


def test_zip_content_is_sniffed_whatever_the_suffix(tmp_path: Path, apparel_xlsx: Path) -> None:
    renamed = tmp_path / "bid.upload"
    shutil.copy(apparel_xlsx, renamed)
    assert load_declaration(renamed) == load_declaration(apparel_xlsx)


def test_numeric_ids_and_rights_column_variants(tmp_path: Path) -> None:
    path = tmp_path / "numeric.xlsx"
    wb = openpyxl.Workbook()
    sol = wb.active
    sol.title = "Solicitation"
    sol.append(["Field", "Value"])
    for row in (["id", 220315], ["category", "PPE"], ["closing_date", date(2022, 1, 5)]):
        sol.append(row)
    goods = wb.create_sheet("Goods")
    goods.append(["id", "description", "hs_code"])
    goods.append([1, "Gloves", "4015.19"])
    parties = wb.create_sheet("Parties")
    parties.append(["id", "role", "country", "goods", "supplies_to"])
    parties.append([10, "bidder", "Canada", None, None])
    parties.append([None, None, None, None, None])
    parties.append([11, "Manufacturer", "Malaisie", 1, 10])
    certs = wb.create_sheet("Certifications")
    certs.append(["party", "type", "rights"])
    certs.append([10, "ethical_procurement", "child_labour, forced_labour"])
    wb.save(path)
    decl = load_declaration(path)
    assert decl.solicitation.id == "220315"
    assert decl.solicitation.category == "ppe"
    assert decl.party("11").goods == ("1",) and decl.party("11").supplies_to == ("10",)
    assert decl.party("11").country_code == "MY"
    assert decl.party("11").source.row == 4
    assert decl.certifications[0].rights == ("child_labour", "forced_labour")
    assert decl.audits == ()  # no Audits sheet: none declared


def test_formula_text_is_read_as_text_not_evaluated(tmp_path: Path) -> None:
    decl = load_declaration(EXAMPLES / "glove_bid.json")
    import dataclasses

    evil = dataclasses.replace(decl.parties[0], name='=HYPERLINK("http://x.invalid","click")')
    decl = dataclasses.replace(decl, parties=(evil, *decl.parties[1:]))
    path = tmp_path / "evil.xlsx"
    write_declaration_workbook(decl, path)
    ws = openpyxl.load_workbook(path)["Parties"]
    assert ws["C2"].data_type == "s"
    assert load_declaration(path).parties[0].name == evil.name
