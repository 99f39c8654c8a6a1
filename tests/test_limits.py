"""Bounded work: documented limits, each a clear fault (issue 12, point 9).

Built from the inputs that showed the defects: a 25 MB party name (4
minutes), a 5,000-tier chain (1.6 GB), 3,000 parties each supplying 200
others (123 s), an xlsx with a million compact party rows (10 minutes,
7.9 GB), a decisions workbook with wide rows (5 GB), NaN weights written as
``"score": NaN``. Speed itself is measured in bench/bench_limits.py.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from scrisk.cli import main
from scrisk.errors import DeclarationError
from scrisk.readers import limits, load_declaration

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _bid(parties: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": "S",
            "category": "apparel",
            "closing_date": "2024-01-15",
            "goods": [{"id": "G1", "description": "cotton shirts"}],
        },
        "parties": [{"id": "B", "role": "bidder", "name": "Bidder", "country": "CA"}, *parties],
    }


def _faults(source: object) -> list[Any]:
    with pytest.raises(DeclarationError) as info:
        load_declaration(source)  # type: ignore[arg-type]
    return info.value.faults


def test_a_name_past_the_text_limit_is_a_fault_naming_the_field(tmp_path, capsys):
    doc = _bid(
        [
            {
                "id": "M1",
                "role": "manufacturer",
                "supplies_to": ["B"],
                "name": "Supermax Glove " * 1000,
            }
        ]
    )
    path = tmp_path / "long.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    (fault,) = _faults(path)
    assert (fault.reason, fault.location.path) == ("too_large", "$.parties[1].name")
    assert f"the limit is {limits.MAX_TEXT:,}" in fault.message
    assert main(["assess", str(path)]) == 2
    assert "15,000 characters" in capsys.readouterr().err


def test_a_name_at_the_limit_is_read():
    doc = _bid(
        [{"id": "M1", "role": "manufacturer", "supplies_to": ["B"], "name": "x" * limits.MAX_TEXT}]
    )
    assert load_declaration(doc).party("M1").name == "x" * limits.MAX_TEXT


def test_a_list_past_the_list_limit_and_a_material_past_the_text_limit():
    doc = _bid(
        [
            {
                "id": "M1",
                "role": "manufacturer",
                "supplies_to": ["B"] * 1001,
                "materials": ["cotton", "y" * 1001],
            }
        ]
    )
    faults = _faults(doc)
    assert {(f.location.path, f.reason) for f in faults} == {
        ("$.parties[1].supplies_to", "too_large"),
        ("$.parties[1].materials[1]", "too_large"),
    }


def test_a_5000_tier_chain_is_refused_by_the_tier_limit(capsys, tmp_path):
    n = 5000
    parties = [
        {"id": f"P{i}", "role": "subcontractor", "supplies_to": ["B" if i == 0 else f"P{i - 1}"]}
        for i in range(n)
    ]
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(_bid(parties)), encoding="utf-8")
    (fault,) = _faults(path)
    assert fault.reason == "too_large" and "'P100'" in fault.message
    assert f"up to {limits.MAX_TIERS} tiers" in fault.message
    assert main(["assess", str(path), "--quiet"]) == 2


def test_a_chain_at_the_tier_limit_is_assessed():
    parties = [
        {"id": f"P{i}", "role": "subcontractor", "supplies_to": ["B" if i == 0 else f"P{i - 1}"]}
        for i in range(limits.MAX_TIERS)
    ]
    from scrisk.assessment import assess

    doc = assess(_bid(parties)).to_dict()
    assert max(p["tier"] for p in doc["parties"]) == limits.MAX_TIERS


def test_600000_links_are_refused_by_the_link_limit(tmp_path):
    n, k = 3000, 200
    parties = [
        {
            "id": f"P{i}",
            "role": "subcontractor",
            "supplies_to": ["B"] + [f"P{(i + j) % n}" for j in range(1, k)],
        }
        for i in range(n)
    ]
    path = tmp_path / "dense.json"
    path.write_text(json.dumps(_bid(parties)), encoding="utf-8")
    (fault,) = _faults(path)
    assert fault.reason == "too_large" and "600,000 supplies_to links" in fault.message


def test_too_many_parties_is_one_fault_not_one_per_party():
    parties = [{"id": f"P{i}", "role": "subcontractor"} for i in range(limits.MAX_PARTIES + 1)]
    (fault,) = _faults(_bid(parties))
    assert fault.location.path == "$.parties"
    assert "20,002 parties" in fault.message  # with the bidder


def _with_parties_sheet(tmp_path: Path, sheet_xml: bytes) -> Path:
    src = EXAMPLES / "glove_bid.xlsx"
    wb = openpyxl.load_workbook(src, read_only=True)
    part = f"xl/worksheets/sheet{wb.sheetnames.index('Parties') + 1}.xml"
    wb.close()
    path = tmp_path / "rows.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(
                info.filename, sheet_xml if info.filename == part else zin.read(info.filename)
            )
    return path


def _rows_xml(n: int) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
        'formats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>role</t></is></c></row>'
    )
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>P{r}</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>agent</t></is></c></row>'
        for r in range(2, n + 1)
    )
    return (head + rows + "</sheetData></worksheet>").encode()


def test_a_parties_sheet_past_the_sheet_size_limit_is_refused_before_it_is_parsed(
    tmp_path, monkeypatch
):
    """The million-row sheet (70 MB of XML; bench/bench_limits.py 'rows'), scaled down 20x."""
    from scrisk import xlsx_io

    monkeypatch.setattr(xlsx_io, "MAX_SHEET_BYTES", xlsx_io.MAX_SHEET_BYTES // 20)
    path = _with_parties_sheet(tmp_path, _rows_xml(1_000_000 // 20))
    (fault,) = _faults(path)
    assert fault.reason == "too_large" and "sheet part" in fault.message


def test_a_parties_sheet_past_the_party_limit_stops_reading_there(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PARTIES", 100)
    path = _with_parties_sheet(tmp_path, _rows_xml(5000))
    faults = [f for f in _faults(path) if f.reason == "too_large"]
    assert [(f.location.sheet, f.location.row) for f in faults] == [("Parties", 121)]


def test_a_decisions_workbook_with_wide_rows_reads_bounded_columns(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Review"
    ws.append(["party", "entry_id", "decision"])
    ws.append(["M1", "E1", "not a match"])
    ws.cell(2, 16_000, "far right note")
    path = tmp_path / "decisions.xlsx"
    wb.save(path)
    from scrisk.decisions import load_decisions

    assert list(load_decisions(path)) == [("M1", "E1")]


def test_output_json_is_never_invalid(tmp_path, capsys):
    policy = tmp_path / "nan.toml"
    policy.write_text("[scoring]\nattenuation = nan\n", encoding="utf-8")
    code = main(
        [
            "assess",
            str(EXAMPLES / "glove_bid.json"),
            "--policy",
            str(policy),
            "--json",
            "-",
            "--quiet",
        ]
    )
    out = capsys.readouterr().out
    assert code == 2 or "NaN" not in out
    if code != 2:
        json.loads(out, parse_constant=lambda c: pytest.fail(f"invalid JSON constant {c}"))


def test_dumps_refuses_nan_instead_of_writing_invalid_json():
    from scrisk.errors import ScriskError
    from scrisk.jsontext import dumps

    with pytest.raises(ScriskError, match="not finite"):
        dumps({"score": float("nan")})


def test_a_3000_party_ring_of_makers_is_refused_or_assessed_without_blowing_up(tmp_path):
    """The issue's ring (2.2 GB, 344 MB of JSON): one way out to the bidder is 3,000 tiers."""
    n = 3000
    ring = [
        {
            "id": f"P{i}",
            "role": "manufacturer",
            "goods": ["G1"],
            "supplies_to": [f"P{(i + 1) % n}"] + (["B"] if i == 0 else []),
        }
        for i in range(n)
    ]
    (fault,) = _faults(_bid(ring))
    assert fault.reason == "too_large" and "tiers" in fault.message


def test_a_ring_of_makers_each_shipping_to_the_bidder_keeps_its_chain_gap_flags():
    """CHAIN_GAP's source check is one walk now; a cotton source upstream covers every maker."""
    from scrisk.assessment import assess

    n = 40
    ring = [
        {
            "id": f"P{i}",
            "role": "manufacturer",
            "goods": ["G1"],
            "country": "BD",
            "supplies_to": ["B", f"P{(i + 1) % n}"],
        }
        for i in range(n)
    ]
    doc = _bid(ring)
    doc["solicitation"]["goods"][0]["hs_code"] = "6205.20"
    no_source = {
        f.party
        for f in assess(doc).flag_list
        if f.rule == "CHAIN_GAP" and f.message_key.endswith("no_source")
    }
    assert no_source == {f"P{i}" for i in range(n)}  # nobody declares the cotton
    doc["parties"].append(
        {
            "id": "C1",
            "role": "material_supplier",
            "country": "BD",
            "materials": ["raw cotton lint"],
            "supplies_to": ["P7"],
        }
    )
    no_source = {
        f.party
        for f in assess(doc).flag_list
        if f.rule == "CHAIN_GAP" and f.message_key.endswith("no_source")
    }
    assert no_source == set()  # the ring carries C1's cotton to every maker


def test_shared_text_past_its_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    """180 MB of shared strings took 130 s; the part's size is checked in the zip directory."""
    from scrisk import xlsx_io

    monkeypatch.setattr(xlsx_io, "MAX_SHARED_STRINGS_BYTES", 10_000)
    src = EXAMPLES / "glove_bid.xlsx"
    path = tmp_path / "strings.xlsx"
    big = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
        '/spreadsheetml/2006/main">' + "<si><t>x</t></si>" * 2000 + "</sst>"
    ).encode()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/sharedStrings.xml", big)
    (fault,) = _faults(path)
    assert fault.reason == "too_large" and "shared text" in fault.message


def test_a_json_report_past_the_output_limit_is_refused(monkeypatch):
    from scrisk import jsontext
    from scrisk.errors import ScriskError

    monkeypatch.setattr(jsontext, "MAX_OUTPUT_CHARS", 1000)
    with pytest.raises(ScriskError, match="the limit is 1,000"):
        jsontext.dumps({"parties": ["x" * 2000]})
