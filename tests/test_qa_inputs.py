"""Input-side QA: what a supplier actually types into the template, read sensibly.

Each test is a defect found by filling the template as a supplier would and
reading it back; the expected values are what the supplier meant.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from declaration_faults import declaration_faults

from scrisk.readers import excel_lang, load_declaration

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _set(path: Path, sheet: str, header: str, row: int, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    section = sheet.lower()  # the English sheet names are the sections' names
    heads = [excel_lang.header(section, c.value) for c in ws[1]]  # headings as fields
    if sheet == "Solicitation":
        rows = {
            excel_lang.header(section, ws.cell(r, 1).value): r for r in range(2, ws.max_row + 1)
        }
        ws.cell(rows[header], 2).value = value
    else:
        ws.cell(row, heads.index(header) + 1).value = value
    wb.save(path)


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
    (fault,) = declaration_faults(data)
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
    (fault,) = declaration_faults(data)
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


def test_unknown_id_that_differs_only_in_case_or_spaces_gets_a_hint() -> None:
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["parties"][1]["supplies_to"] = ["b"]
    data["parties"][1]["goods"] = ["g 1"]
    data["certifications"][0]["party"] = "XYZ"
    messages = {f.location.path: f.message for f in declaration_faults(data)}
    assert messages["$.parties[1].supplies_to[0]"].endswith("(did you mean 'B'?)")
    assert messages["$.parties[1].goods[0]"].endswith("(did you mean 'G1'?)")
    assert "did you mean" not in messages["$.certifications[0].party"]


def test_thousands_of_case_slips_each_get_their_hint() -> None:
    """The hint index is built once, so faults on every row stay linear."""
    data = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    data["parties"] += [
        {"id": f"P{i}", "role": "agent", "supplies_to": [f"p{i + 1}"]} for i in range(5_000)
    ]
    faults = [f for f in declaration_faults(data) if f.reason == "unknown_id"]
    assert len(faults) == 5_000
    assert faults[0].message.endswith("(did you mean 'P1'?)")
    assert "did you mean" not in faults[-1].message  # P5000 was never declared
