"""The declaration template: sheets, headers, drop-downs; filled template == JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pycountry
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrisk.cli import main
from scrisk.readers import excel_lang, load_declaration
from scrisk.schema import RIGHTS, ROLES
from scrisk.template import write_declaration_workbook, write_template

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATA_SHEETS = ["Solicitation", "Goods", "Parties", "Certifications", "Audits"]


def _validations(ws) -> dict[str, str]:  # noqa: ANN001
    """first cell of each validated range -> its list formula"""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0]] = dv.formula1
    return out


def _fields(ws, section: str) -> list[str]:  # noqa: ANN001
    """The schema field of each header cell, as the reader maps the heading."""
    return [excel_lang.header(section, c.value) for c in ws[1]]


def _column(ws, field: str) -> str:  # noqa: ANN001
    section = {"Parties": "parties", "Certifications": "certifications", "Audits": "audits"}
    heads = _fields(ws, section.get(ws.title, "goods"))
    return openpyxl.utils.get_column_letter(heads.index(field) + 1)


def test_template_layout(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instructions", *DATA_SHEETS, "Lists"]
    assert wb["Lists"].sheet_state == "hidden"
    for name in DATA_SHEETS:
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert all(c.font.b for c in ws[1] if c.value)
    parties = wb["Parties"]
    for name in DATA_SHEETS:  # people's headings, not the JSON keys
        assert not any("_" in str(c.value) for c in wb[name][1] if c.value), name
    assert [c.value for c in parties[1]][7:9] == ["Supplies to", "Goods"]
    assert _fields(parties, "parties") == [
        "id",
        "role",
        "name",
        "address",
        "city",
        "region",
        "country",
        "supplies_to",
        "goods",
        "materials",
        "workers",
        "annual_capacity",
        "s211_reporting_entity",
        "s211_year",
        "s211_filed_on",
        "s211_url",
    ]
    certs = _fields(wb["Certifications"], "certifications")
    assert certs[-9:] == [*RIGHTS, "covers"]
    sol = wb["Solicitation"].iter_rows(min_row=2, max_row=7)
    assert [excel_lang.header("solicitation", r[0].value) for r in sol] == [
        "id",
        "title",
        "category",
        "closing_date",
        "value_cad",
        "instrument",
    ]


def test_template_drop_downs(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    parties = _validations(wb["Parties"])
    assert parties[f"{_column(wb['Parties'], 'role')}2"] == '"' + ",".join(ROLES) + '"'
    country = parties[f"{_column(wb['Parties'], 'country')}2"]
    assert country.startswith("Lists!$A$2:$A$")  # no leading '=' inside the OOXML formula
    assert _validations(wb["Solicitation"])["B4"] == '"apparel,ppe,other"'
    certs = wb["Certifications"]
    assert _validations(certs)[f"{_column(certs, 'wages')}2"] == '"Y,N"'
    audits = wb["Audits"]
    assert _validations(audits)[f"{_column(audits, 'result')}2"] == '"pass,conditional,fail"'
    names = [r[0] for r in wb["Lists"].iter_rows(min_row=2, values_only=True)]
    assert len(names) == len(list(pycountry.countries))
    assert "Malaysia" in names and "Canada" in names


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_instructions_explain_every_field_in_the_workbooks_language(tmp_path: Path, lang) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang=lang))
    sheets = wb.sheetnames[1:6]
    rows = list(wb[wb.sheetnames[0]].iter_rows(values_only=True))
    documented = {(r[0], r[1]) for r in rows if r[0] in sheets}
    text = " ".join(str(c) for r in rows for c in r if c)
    for sheet in sheets[1:]:
        for header in [c.value for c in wb[sheet][1]]:
            # a right's Y/N column is listed on the rights line
            assert (sheet, header) in documented or header in text, header
    country = "Country" if lang == "en" else "Pays"
    meaning = [r[3] for r in rows if r[0] == "Parties" and r[1] == country][0]
    assert "ISO" in meaning
    # the other language's template is one line away, in that language
    other = "--lang fr" if lang == "en" else "English template"
    assert any(other in str(r[0]) for r in rows if r[0])


def test_category_preselected(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", category="apparel"))
    assert wb["Solicitation"]["B4"].value == "apparel"
    with pytest.raises(ValueError, match="category"):
        write_template(tmp_path / "u.xlsx", category="food")


def test_cli_template_writes_and_says_where(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "blank.xlsx"
    assert main(["template", str(out), "--category", "ppe"]) == 0
    assert str(out) in capsys.readouterr().out
    assert openpyxl.load_workbook(out)["Solicitation"]["B4"].value == "ppe"
    with pytest.raises(SystemExit) as exit_info:
        main(["template", str(tmp_path / "x.xlsx"), "--category", "food"])
    assert exit_info.value.code == 2
    assert main(["template", str(tmp_path / "x.csv")]) == 2
    assert main(["template", str(tmp_path / "no" / "such" / "dir.xlsx")]) == 2


def test_blank_template_reads_back_as_faults_not_a_crash(tmp_path: Path) -> None:
    from scrisk.errors import DeclarationError

    with pytest.raises(DeclarationError) as info:
        load_declaration(write_template(tmp_path / "t.xlsx"))
    reasons = {f.reason for f in info.value.faults}
    assert reasons == {"missing_field", "no_goods", "bidder_count"}


def test_filled_template_equals_equivalent_json(tmp_path: Path) -> None:
    """A user fills the blank template by hand (real date cells, Y/N, comma lists)."""
    path = write_template(tmp_path / "filled.xlsx", category="ppe")
    wb = openpyxl.load_workbook(path)
    sol = wb["Solicitation"]
    sol["B2"], sol["B3"] = "EN578-211087/A", "Nitrile examination gloves"
    sol["B5"], sol["B6"] = date(2021, 12, 10), 2160000
    wb["Goods"].append(["G1", "Nitrile examination gloves", "4015.19", 24000000, "pieces"])
    parties = wb["Parties"]
    for row, values in enumerate(
        [
            [
                "B",
                "bidder",
                "Northern Shield Medical Supply Inc.",
                "2250 Bristol Circle",
                "Oakville",
                "Ontario",
                "Canada",
            ],
            [
                "M1",
                "manufacturer",
                "Supermax Glove Manufacturing Sdn. Bhd.",
                "Lot 1288",
                "Klang",
                "Selangor",
                "Malaisie",
                "B",
                "G1",
                None,
                3800,
                6000000000,
            ],
            [
                "R1",
                "material_supplier",
                "Semenanjung Polymer Latex Sdn. Bhd.",
                None,
                "Pasir Gudang",
                "Johor",
                "MYS",
                "M1",
                None,
                "nitrile butadiene rubber latex, stabiliser",
            ],
        ],
        start=2,
    ):
        for col, value in enumerate(values, start=1):
            parties.cell(row=row, column=col, value=value)
    certs = wb["Certifications"]
    for col, value in enumerate(
        ["B", "ethical_procurement", date(2021, 11, 22), "A. Kowalczyk", *(["Y"] * 7), "N"], start=1
    ):
        certs.cell(row=2, column=col, value=value)
    audits = wb["Audits"]
    for col, value in enumerate(
        ["M1", "SMETA", "2021-06-01", "fail", "excessive_overtime, debt_bondage"], start=1
    ):
        audits.cell(row=2, column=col, value=value)
    wb.save(path)

    equivalent = {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": "EN578-211087/A",
            "title": "Nitrile examination gloves",
            "category": "ppe",
            "closing_date": "2021-12-10",
            "value_cad": 2160000,
            "goods": [
                {
                    "id": "G1",
                    "description": "Nitrile examination gloves",
                    "hs_code": "4015.19",
                    "quantity": 24000000,
                    "unit": "pieces",
                }
            ],
        },
        "parties": [
            {
                "id": "B",
                "role": "bidder",
                "name": "Northern Shield Medical Supply Inc.",
                "address": "2250 Bristol Circle",
                "city": "Oakville",
                "region": "Ontario",
                "country": "Canada",
            },
            {
                "id": "M1",
                "role": "manufacturer",
                "name": "Supermax Glove Manufacturing Sdn. Bhd.",
                "address": "Lot 1288",
                "city": "Klang",
                "region": "Selangor",
                "country": "Malaisie",
                "supplies_to": ["B"],
                "goods": ["G1"],
                "workers": 3800,
                "annual_capacity": 6000000000,
            },
            {
                "id": "R1",
                "role": "material_supplier",
                "name": "Semenanjung Polymer Latex Sdn. Bhd.",
                "city": "Pasir Gudang",
                "region": "Johor",
                "country": "MYS",
                "supplies_to": ["M1"],
                "materials": ["nitrile butadiene rubber latex", "stabiliser"],
            },
        ],
        "certifications": [
            {
                "party": "B",
                "type": "ethical_procurement",
                "signed_on": "2021-11-22",
                "signatory": "A. Kowalczyk",
                "rights": list(RIGHTS[:7]),
            }
        ],
        "audits": [
            {
                "party": "M1",
                "scheme": "SMETA",
                "date": "2021-06-01",
                "result": "fail",
                "indicators": ["excessive_overtime", "debt_bondage"],
            }
        ],
    }
    json_path = tmp_path / "filled.json"
    json_path.write_text(json.dumps(equivalent), encoding="utf-8")
    from_xlsx = load_declaration(path)
    assert from_xlsx == load_declaration(json_path)
    assert from_xlsx.party("M1").country_code == "MY"
    assert from_xlsx.party("R1").country_code == "MY"


@pytest.mark.parametrize("name", ["glove_bid", "apparel_bid", "clean_bid", "apparel_gaps_bid"])
def test_json_to_workbook_round_trip(tmp_path: Path, name: str) -> None:
    decl = load_declaration(EXAMPLES / f"{name}.json")
    path = write_declaration_workbook(decl, tmp_path / f"{name}.xlsx")
    assert load_declaration(path) == decl


def test_round_trip_keeps_awkward_text(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "apparel_bid.json").read_text(encoding="utf-8"))
    data["parties"][2]["materials"] = ["cotton poplin, 120 g/m2", "thread; polyester"]
    data["parties"][1]["name"] = "+1 Apparels = Best, Ltd. @Dhaka"
    data["parties"][1]["address"] = "-Plot 14–17, Sector 5\nDhaka EPZ"
    data["solicitation"]["goods"][0]["hs_code"] = "6205.20.00.10"
    decl = load_declaration(data)
    path = write_declaration_workbook(decl, tmp_path / "awkward.xlsx")
    back = load_declaration(path)
    assert back.party("M1").name == "+1 Apparels = Best, Ltd. @Dhaka"
    assert back.solicitation.goods[0].hs_code == "6205200010"
    assert back.party("F1").materials == ("cotton poplin, 120 g/m2", "thread; polyester")
    assert back == decl


_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Co", "Cn"), whitelist_characters="\t\n\r"
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())
_ITEM = _TEXT  # new lines inside an item are folded to spaces on reading


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.one_of(st.none(), _TEXT), min_size=2, max_size=5),
    materials=st.lists(_ITEM, max_size=4),
    # Excel keeps 15 significant digits: declared amounts have a few decimals at most
    quantity=st.one_of(st.none(), st.integers(0, 10**14).map(lambda n: n / 100)),
    workers=st.one_of(st.none(), st.integers(min_value=0, max_value=10**9)),
    country=st.sampled_from(["CA", "Malaisie", "MYS", "Viet Nam", "Atlantis", "", "Côte d'Ivoire"]),
)
def test_any_declaration_survives_the_workbook(
    tmp_path_factory, names, materials, quantity, workers, country
) -> None:  # noqa: ANN001
    parties = [{"id": "B", "role": "bidder", "name": names[0], "country": country}]
    for i, name in enumerate(names[1:], start=1):
        parties.append(
            {
                "id": f"P{i}",
                "role": "subcontractor",
                "name": name,
                "address": name,
                "supplies_to": ["B"],
                "materials": materials,
                "workers": workers,
                "annual_capacity": quantity,
                "country": country,
            }
        )
    decl = load_declaration(
        {
            "solicitation": {
                "id": names[-1] or "S-1",
                "category": "other",
                "closing_date": "2024-02-29",
                "value_cad": quantity,
                "goods": [{"id": "G1", "description": "Goods", "quantity": quantity}],
            },
            "parties": parties,
            "certifications": [
                {
                    "party": "B",
                    "type": "ethical_procurement",
                    "rights": ["wages"],
                    "signatory": names[0],
                }
            ],
        }
    )
    path = tmp_path_factory.mktemp("wb") / "any.xlsx"
    write_declaration_workbook(decl, path)
    assert load_declaration(path) == decl
