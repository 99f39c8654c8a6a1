"""Input-side QA, the files themselves: formats named for what they are, sizes and
sheet dimensions that lie, a filled declaration never overwritten.

Each test is a defect found by filling the template as a supplier would and
reading it back (the values typed are in test_qa_inputs.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from declaration_faults import declaration_faults

from scrisk.errors import DeclarationError
from scrisk.readers import load_declaration

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_old_xls_workbook_is_named_as_such(tmp_path: Path) -> None:
    """An Excel 97-2003 file (OLE compound document) gets advice, not 'not UTF-8 text'."""
    path = tmp_path / "bid.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    (fault,) = declaration_faults(path)
    assert fault.reason == "wrong_format"
    assert fault.location.file == "bid.xls"
    assert ".xlsx" in fault.message and "97-2003" in fault.message


def test_xlsx_saved_under_xls_suffix_still_reads(glove_xlsx: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "glove.xls"
    renamed.write_bytes(glove_xlsx.read_bytes())
    assert load_declaration(renamed) == load_declaration(glove_xlsx)


def test_csv_given_to_assess_says_what_is_expected(tmp_path: Path) -> None:
    path = tmp_path / "suppliers.csv"
    path.write_text("name,country\nSupermax,MY\n", encoding="utf-8")
    (fault,) = declaration_faults(path)
    assert fault.reason == "wrong_format"
    assert "scrisk template" in fault.message and "scrisk screen" in fault.message


def test_json_text_under_txt_suffix_is_not_mistaken_for_a_table(tmp_path: Path) -> None:
    path = tmp_path / "bid.txt"
    path.write_text((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_declaration(path) == load_declaration(EXAMPLES / "glove_bid.json")


def test_cell_in_last_row_and_last_column_reads_quickly_and_names_the_row(
    glove_xlsx: Path,
) -> None:
    """A 17 kB workbook with a note in XFD1 and an id in row 1,048,576 took 9 minutes."""
    from scrisk.readers import excel_reader

    wb = openpyxl.load_workbook(glove_xlsx)
    wb["Parties"]["XFD1"] = "notes"
    wb["Parties"]["A1048576"] = "Z"
    wb.save(glove_xlsx)
    assert glove_xlsx.stat().st_size < 100_000
    assert excel_reader.MAX_COLUMNS < 16_384
    (fault,) = declaration_faults(glove_xlsx)
    assert (fault.location.sheet, fault.location.row, fault.location.field) == (
        "Parties",
        1_048_576,
        "role",
    )


def test_rows_past_the_row_limit_are_a_too_large_fault(
    glove_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel stops at row 1,048,576; a crafted sheet that claims more is refused there."""
    from scrisk.readers import excel_reader

    monkeypatch.setattr(excel_reader, "MAX_ROWS", 50)
    wb = openpyxl.load_workbook(glove_xlsx)
    wb["Parties"]["A80"] = "Z"
    wb.save(glove_xlsx)
    faults = declaration_faults(glove_xlsx)
    assert [
        (f.reason, f.location.sheet, f.location.row) for f in faults if f.reason == "too_large"
    ] == [("too_large", "Parties", 80)]  # row past the limit


def test_screen_xlsx_with_cells_in_the_far_corner_reads_every_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A names sheet with a note in XFD1 and a name in the last row ran for minutes."""
    from scrisk.cli import main

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["name", "country"])
    ws.append(["Supermax Glove Manufacturing", "MY"])
    ws["XFD1"] = "notes"
    ws["A1048576"] = "Hoshine Silicon Industry"
    path = tmp_path / "names.xlsx"
    wb.save(path)
    assert main(["screen", str(path), "--json", "-", "--as-of", "2024-01-01"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(r["row"], r["name"]) for r in doc["results"]] == [
        (1, "Supermax Glove Manufacturing"),
        (1_048_575, "Hoshine Silicon Industry"),
    ]
    assert doc["results"][1]["class"] == "strong"


def test_screen_xlsx_with_a_corrupt_sheet_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    from scrisk.cli import main

    good = tmp_path / "good.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["name"])
    wb.active.append(["Acme"])
    wb.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.namelist():
            data = src.read(item)
            if item == "xl/worksheets/sheet1.xml":  # a shared string that does not exist
                data = data.replace(
                    b"</sheetData>", b'<row r="7"><c r="A7" t="s"><v>999</v></c></row></sheetData>'
                )
            out.writestr(item, data)
    assert main(["screen", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.xlsx" in err and "corrupt" in err and "Traceback" not in err


def test_screen_refuses_a_zip_bomb_before_opening_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrisk import xlsx_io
    from scrisk.cli import main

    monkeypatch.setattr(xlsx_io, "MAX_UNCOMPRESSED_BYTES", 1000)
    wb = openpyxl.Workbook()
    wb.active.append(["name"])
    wb.active.append(["Acme"])
    path = tmp_path / "names.xlsx"
    wb.save(path)
    assert main(["screen", str(path)]) == 2
    err = capsys.readouterr().err
    assert "names.xlsx" in err and "limit" in err


def test_screen_csv_past_the_size_limit_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrisk.cli import main
    from scrisk.readers import names as screening_io

    path = tmp_path / "names.csv"
    path.write_text("name\n" + "Acme Textiles Ltd\n" * 100, encoding="utf-8")
    monkeypatch.setattr(screening_io, "MAX_CSV_BYTES", 1000)
    assert main(["screen", str(path)]) == 2
    err = capsys.readouterr().err
    assert "names.csv" in err and "1,000 bytes" in err


def test_template_does_not_overwrite_a_filled_declaration(
    glove_xlsx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scrisk.cli import main

    before = glove_xlsx.read_bytes()
    assert main(["template", str(glove_xlsx)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert glove_xlsx.read_bytes() == before
    assert load_declaration(glove_xlsx).solicitation.id == "EN578-211087/A"
    assert main(["template", str(glove_xlsx), "--force"]) == 0
    with pytest.raises(DeclarationError):  # now the blank template
        load_declaration(glove_xlsx)


def test_rows_past_a_wrong_declared_sheet_size_are_not_dropped(
    glove_xlsx: Path, tmp_path: Path
) -> None:
    """openpyxl stops at the <dimension> a sheet declares; some tools write a wrong one."""
    import re
    import zipfile

    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(glove_xlsx) as src, zipfile.ZipFile(lying, "w") as out:
        for item in src.namelist():
            data = src.read(item)
            if item.startswith("xl/worksheets/") and b"<dimension" in data:
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data)
            out.writestr(item, data)
    expected = load_declaration(glove_xlsx)
    got = load_declaration(lying)
    assert [p.id for p in got.parties] == [p.id for p in expected.parties]
    assert len(got.parties) == 3
    assert got.party("M1").country_code == "MY"  # columns past the declared width read too
    assert got.certifications == expected.certifications


def test_screen_reads_names_past_a_wrong_declared_sheet_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re
    import zipfile

    from scrisk.cli import main

    wb = openpyxl.Workbook()
    wb.active.append(["name", "country"])
    for name in ("Acme Textiles", "Maple Leaf Apparel", "Hoshine Silicon Industry"):
        wb.active.append([name, "CA"])
    honest = tmp_path / "honest.xlsx"
    wb.save(honest)
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(honest) as src, zipfile.ZipFile(lying, "w") as out:
        for item in src.namelist():
            data = src.read(item)
            if item.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A2"', data)
            out.writestr(item, data)
    assert main(["screen", str(lying), "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(r["row"], r["name"], r["country"]) for r in doc["results"]] == [
        (1, "Acme Textiles", "CA"),
        (2, "Maple Leaf Apparel", "CA"),
        (3, "Hoshine Silicon Industry", "CA"),
    ]
