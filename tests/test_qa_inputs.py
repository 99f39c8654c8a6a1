"""Input-side QA: what a supplier actually types into the template, read sensibly.

Each test is a defect found by filling the template as a supplier would and
reading it back; the expected values are what the supplier meant.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from scrisk.errors import DeclarationError, Fault
from scrisk.readers import load_declaration
from scrisk.template import write_declaration_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture()
def glove_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "glove.xlsx"
    write_declaration_workbook(load_declaration(EXAMPLES / "glove_bid.json"), path)
    return path


def _set(path: Path, sheet: str, header: str, row: int, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    heads = [c.value for c in ws[1]]
    if sheet == "Solicitation":
        rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        ws.cell(rows[header], 2).value = value
    else:
        ws.cell(row, heads.index(header) + 1).value = value
    wb.save(path)


def _faults(source: object) -> list[Fault]:
    with pytest.raises(DeclarationError) as info:
        load_declaration(source)  # type: ignore[arg-type]
    return info.value.faults


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("3,000", 3000),
        ("3 000", 3000),
        ("3\u00a0000", 3000),  # no-break space, as French Excel formats thousands
        ("3\u202f000", 3000),  # narrow no-break space
        ("1,234,567", 1234567),
    ],
)
def test_workers_typed_as_text_with_thousands_separators(
    glove_xlsx: Path, typed: str, meant: int
) -> None:
    _set(glove_xlsx, "Parties", "workers", 3, typed)  # row 3 = M1
    assert load_declaration(glove_xlsx).party("M1").workers == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("25,000,000.50", 25_000_000.5), ("25 000 000,00", 25_000_000.0), ("12,5", 12.5)],
)
def test_value_cad_with_separators_or_decimal_comma(
    glove_xlsx: Path, typed: str, meant: float
) -> None:
    _set(glove_xlsx, "Solicitation", "value_cad", 0, typed)
    assert load_declaration(glove_xlsx).solicitation.value_cad == meant


@pytest.mark.parametrize("typed", ["1,23,4", "3,00,000", "1.000,50", "12 dozen", "1,5,0"])
def test_ambiguous_or_malformed_numbers_are_still_faults(typed: str) -> None:
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["solicitation"]["goods"][0]["quantity"] = typed
    (fault,) = _faults(data)
    assert fault.reason == "bad_number"
    assert fault.location.path == "$.solicitation.goods[0].quantity"


def test_instructions_say_how_numbers_may_be_typed(tmp_path: Path) -> None:
    from scrisk.template import write_template

    path = tmp_path / "t.xlsx"
    write_template(path)
    ws = openpyxl.load_workbook(path)["Instructions"]
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "3,000 or 3 000" in text and "(12,5)" in text


@pytest.mark.parametrize("text", ["Congo", "congo", "CONGO", "the Congo"])
def test_bare_congo_is_ambiguous_and_stays_unresolved(text: str) -> None:
    from scrisk.countries import resolve_country

    assert resolve_country(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Republic of the Congo", "CG"),
        ("République du Congo", "CG"),
        ("COG", "CG"),
        ("Congo, Rep.", "CG"),
        ("Democratic Republic of the Congo", "CD"),
        ("DRC", "CD"),
    ],
)
def test_congo_still_resolves_when_it_says_which(text: str, code: str) -> None:
    from scrisk.countries import resolve_country

    assert resolve_country(text) == code


def test_every_country_in_the_template_drop_down_resolves(tmp_path: Path) -> None:
    """A supplier picking from the drop-down must never pick an unresolvable name."""
    from scrisk.countries import resolve_country
    from scrisk.template import write_template

    path = tmp_path / "t.xlsx"
    write_template(path)
    ws = openpyxl.load_workbook(path)["Lists"]
    names = [c.value for c in ws["A"][1:] if c.value]
    assert len(names) > 240
    unresolved = [n for n in names if resolve_country(n) is None]
    assert unresolved == []
    assert "Republic of the Congo" in names and "Congo" not in names


def test_old_xls_workbook_is_named_as_such(tmp_path: Path) -> None:
    """An Excel 97-2003 file (OLE compound document) gets advice, not 'not UTF-8 text'."""
    path = tmp_path / "bid.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    (fault,) = _faults(path)
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
    (fault,) = _faults(path)
    assert fault.reason == "wrong_format"
    assert "scrisk template" in fault.message and "scrisk screen" in fault.message


def test_json_text_under_txt_suffix_is_not_mistaken_for_a_table(tmp_path: Path) -> None:
    path = tmp_path / "bid.txt"
    path.write_text((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_declaration(path) == load_declaration(EXAMPLES / "glove_bid.json")


@pytest.mark.parametrize(
    ("cell", "digits"),
    [
        (6109.1, "610910"),
        (4015.19, "401519"),
        (901.11, "090111"),
        (4015.1, "401510"),
        (4015, "4015"),
        (610910, "610910"),
        (90111, "090111"),
    ],
)
def test_hs_code_pasted_as_a_number_keeps_its_zeros(
    glove_xlsx: Path, cell: float, digits: str
) -> None:
    """6109.10 pasted into a General cell is stored 6109.1: read 610910, not 61091."""
    _set(glove_xlsx, "Goods", "hs_code", 2, cell)
    assert load_declaration(glove_xlsx).solicitation.goods[0].hs_code == digits


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
    (fault,) = _faults(glove_xlsx)
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
    faults = _faults(glove_xlsx)
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
    from scrisk.screening import io as screening_io

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


@pytest.mark.parametrize(
    "typed", ["2021-12-10 00:00:00", "2021-12-10T00:00:00Z", "2021-12-10T09:30:00-05:00"]
)
def test_closing_date_written_out_with_a_time_part_reads_as_the_date(typed: str) -> None:
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["solicitation"]["closing_date"] = typed
    assert load_declaration(data).solicitation.closing_date.isoformat() == "2021-12-10"


@pytest.mark.parametrize("typed", ["10/12/2021", "2021-12-10x", "20211210", "2021-02-30 00:00"])
def test_ambiguous_or_impossible_dates_stay_faults(typed: str) -> None:
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["solicitation"]["closing_date"] = typed
    (fault,) = _faults(data)
    assert (fault.reason, fault.location.path) == ("bad_date", "$.solicitation.closing_date")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("China (Xinjiang)", "CN"),
        ("Chine (Xinjiang)", "CN"),
        ("Xinjiang (China)", "CN"),
        ("Malaysia (Selangor)", "MY"),
        ("Georgia (USA)", None),
        ("Congo (Xinjiang)", None),
        ("Atlantis (Lost City)", None),
    ],
)
def test_country_with_a_place_in_brackets(text: str, code: str | None) -> None:
    from scrisk.countries import resolve_country

    assert resolve_country(text) == code


def test_country_written_with_its_region_keeps_the_country_flags() -> None:
    """'China (Xinjiang)' left unresolved dropped the COUNTRY and GOODS flags of the party."""
    import scrisk

    data = json.loads((EXAMPLES / "apparel_bid.json").read_text(encoding="utf-8"))
    (cotton,) = [p for p in data["parties"] if p["id"] == "C1"]
    cotton.update(country="China (Xinjiang)", region=None)
    assessment = scrisk.assess(data)
    flags = assessment.flags
    assert {"COUNTRY", "GOODS", "REGION"} <= set(flags[flags.party == "C1"].rule)
    assert assessment.parties.set_index("id").loc["C1", "country"] == "CN"


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


def test_unknown_id_that_differs_only_in_case_or_spaces_gets_a_hint() -> None:
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["parties"][1]["supplies_to"] = ["b"]
    data["parties"][1]["goods"] = ["g 1"]
    data["certifications"][0]["party"] = "XYZ"
    messages = {f.location.path: f.message for f in _faults(data)}
    assert messages["$.parties[1].supplies_to[0]"].endswith("(did you mean 'B'?)")
    assert messages["$.parties[1].goods[0]"].endswith("(did you mean 'G1'?)")
    assert "did you mean" not in messages["$.certifications[0].party"]


def test_thousands_of_case_slips_each_get_their_hint() -> None:
    """The hint index is built once, so faults on every row stay linear."""
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["parties"] += [
        {"id": f"P{i}", "role": "agent", "supplies_to": [f"p{i + 1}"]} for i in range(5_000)
    ]
    faults = [f for f in _faults(data) if f.reason == "unknown_id"]
    assert len(faults) == 5_000
    assert faults[0].message.endswith("(did you mean 'P1'?)")
    assert "did you mean" not in faults[-1].message  # P5000 was never declared
