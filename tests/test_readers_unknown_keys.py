"""Unknown keys and headings (#20): a misspelt or case-variant key dropped its value,
so a listed maker's name was never screened. Now a fault naming the JSON path (or the
cell) and the key probably meant."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from declaration_faults import declaration_faults

from scrisk.readers import load_declaration

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _glove() -> dict:
    return json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("where", "key", "meant"),
    [
        (("parties", 1), "nmae", "name"),
        (("parties", 1), "Name", "name"),
        (("parties", 1), "Country", "country"),
        (("parties", 1), "supplies-to", "supplies_to"),
        (("solicitation",), "closing_dat", "closing_date"),
        (("solicitation", "goods", 0), "HS_Code", "hs_code"),
        (("certifications", 0), "right", "rights"),
        (("audits",), "Indicators", "indicators"),
        ((), "Parties", "parties"),
    ],
)
def test_unknown_json_key_names_the_path_and_the_key_meant(
    tmp_path: Path, where: tuple, key: str, meant: str
) -> None:
    data = _glove()
    node = data
    path = "$"
    for step in where:
        if step == "audits" and not data.get("audits"):
            data["audits"] = [{"party": "M1", "result": "fail"}]
            node, path = data["audits"][0], "$.audits[0]"
            continue
        node = node[step]
        path += f"[{step}]" if isinstance(step, int) else f".{step}"
    node[key] = "Hetian Taida Apparel Co., Ltd" if key != "Parties" else []
    file = tmp_path / "bid.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    faults = [f for f in declaration_faults(file) if f.reason == "unknown_key"]
    [fault] = faults
    assert fault.location.path == f"{path}.{key}" and fault.location.file == "bid.json"
    assert f"did you mean {meant!r}?" in fault.message
    # a parsed mapping is held to the same format
    [again] = [f for f in declaration_faults(data) if f.reason == "unknown_key"]
    assert again.location.path == fault.location.path


def test_every_fault_comes_in_one_pass_with_unknown_keys() -> None:
    data = _glove()
    data["parties"][1]["nmae"] = data["parties"][1].pop("name")
    del data["solicitation"]["category"]
    reasons = {f.reason for f in declaration_faults(data)}
    assert reasons == {"unknown_key", "missing_field"}


def test_nested_s211_key_and_contract_date(tmp_path: Path) -> None:
    data = _glove()
    data["solicitation"]["contract_date"] = "2022-01-15"  # rules v3: a known key
    data["parties"][0]["s211"] = {"reporting_entity": True, "filed_ON": "2025-05-01"}
    [fault] = declaration_faults(data)
    assert fault.location.path == "$.parties[0].s211.filed_ON" and fault.reason == "unknown_key"
    assert "did you mean 'filed_on'?" in fault.message
    del data["parties"][0]["s211"]["filed_ON"]
    assert load_declaration(data).parties[0].s211 is not None


def test_unknown_column_with_values_names_the_cell(glove_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Parties"]
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value="Nmae ")
    ws.cell(row=3, column=col, value="Hetian Taida Apparel Co., Ltd")
    ws.cell(row=1, column=col + 1, value="notes")  # an empty extra column loses nothing
    wb.save(glove_xlsx)
    [fault] = declaration_faults(glove_xlsx)
    letter = openpyxl.utils.get_column_letter(col)
    assert fault.reason == "unknown_key" and fault.location.cell == f"Parties!{letter}1"
    assert "did you mean 'name'?" in fault.message


def test_unknown_solicitation_field_row_names_the_cell(glove_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(glove_xlsx)
    ws = wb["Solicitation"]
    ws.append(["instrumnet", "standing_offer"])
    wb.save(glove_xlsx)
    [fault] = declaration_faults(glove_xlsx)
    assert fault.location.cell == f"Solicitation!A{ws.max_row}"
    assert "did you mean 'instrument'?" in fault.message
