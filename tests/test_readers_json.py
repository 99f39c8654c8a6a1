"""JSON reader: files, parsed mappings, sniffing, malformed input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from scrisk.errors import DeclarationError
from scrisk.readers import load_declaration
from scrisk.readers.json_reader import read_json_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _minimal() -> dict:
    return {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": "EN578-210001/A",
            "category": "ppe",
            "closing_date": "2021-03-15",
            "goods": [
                {
                    "id": "G1",
                    "description": "Nitrile gloves",
                    "hs_code": "4015.19",
                    "quantity": 50000000,
                    "unit": "pieces",
                }
            ],
        },
        "parties": [
            {
                "id": "B",
                "role": "bidder",
                "name": "Northern Medical Supply Inc.",
                "address": "100 Main St",
                "city": "Ottawa",
                "region": "Ontario",
                "country": "CA",
            },
            {
                "id": "M1",
                "role": "manufacturer",
                "name": "Example Gloves Sdn Bhd",
                "country": "Malaisie",
                "supplies_to": ["B"],
                "goods": ["G1"],
                "workers": 3000,
                "annual_capacity": 2000000000,
            },
        ],
        "certifications": [
            {
                "party": "B",
                "type": "ethical_procurement",
                "signed_on": "2021-03-01",
                "rights": ["wages", "child_labour"],
            }
        ],
        "audits": [
            {
                "party": "M1",
                "scheme": "amfori BSCI",
                "date": "2020-11-02",
                "result": "fail",
                "indicators": ["debt_bondage", "excessive_overtime"],
            }
        ],
    }


def _faults(source) -> list:
    with pytest.raises(DeclarationError) as info:
        load_declaration(source)
    return info.value.faults


def test_reads_the_spec_fields_into_typed_values(tmp_path: Path) -> None:
    path = tmp_path / "bid.json"
    path.write_text(json.dumps(_minimal()), encoding="utf-8")
    decl = load_declaration(path)
    sol = decl.solicitation
    assert sol.id == "EN578-210001/A" and sol.category == "ppe"
    assert sol.closing_date == date(2021, 3, 15)
    assert sol.goods[0].hs_code == "401519"  # digits only
    assert sol.goods[0].quantity == 50_000_000
    m1 = decl.party("M1")
    assert m1.supplies_to == ("B",) and m1.goods == ("G1",)
    assert m1.workers == 3000 and isinstance(m1.workers, int)
    assert decl.bidder.id == "B"
    assert decl.certifications[0].rights == ("child_labour", "wages")  # canonical order
    assert decl.audits[0].indicators == ("debt_bondage", "excessive_overtime")
    assert decl.source == str(path)
    assert m1.source is not None and m1.source.path == "$.parties[1]"


def test_french_country_name_resolves_to_iso_code() -> None:
    decl = load_declaration(_minimal())
    assert decl.party("M1").country == "Malaisie"
    assert decl.party("M1").country_code == "MY"
    assert decl.party("B").country_code == "CA"


def test_unresolvable_or_missing_country_and_address_are_not_faults() -> None:
    data = _minimal()
    data["parties"][1]["country"] = "Atlantis"
    del data["parties"][0]["address"], data["parties"][0]["name"]
    decl = load_declaration(data)
    assert decl.party("M1").country_code is None
    assert decl.party("B").name is None and decl.party("B").address is None


def test_unknown_keys_are_faults_but_x_keys_are_another_tool_s_notes() -> None:
    """An unknown key's value would be dropped without a word (#20): a fault, unless the
    key is marked as an extension (``x_...``), which other tools may add freely."""
    data = _minimal()
    data["x_internal_note"] = {"anything": [1, 2]}
    data["parties"][0]["x-crm-id"] = 42
    assert load_declaration(data) == load_declaration(_minimal())
    data["parties"][0]["website"] = "https://example.ca"
    data["solicitation"]["buyer"] = "PSPC"
    with pytest.raises(DeclarationError) as info:
        load_declaration(data)
    assert sorted(f.location.path for f in info.value.faults) == [
        "$.parties[0].website",
        "$.solicitation.buyer",
    ]
    assert {f.reason for f in info.value.faults} == {"unknown_key"}


def test_to_dict_round_trips() -> None:
    decl = load_declaration(_minimal())
    again = load_declaration(json.loads(json.dumps(decl.to_dict())))
    assert again == decl
    assert decl.to_dict()["solicitation"]["goods"][0]["quantity"] == 50000000


def test_not_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bid.json"
    path.write_text('{"solicitation": {"id": "X",,}', encoding="utf-8")
    (fault,) = _faults(path)
    assert fault.reason == "unreadable"
    assert fault.location.file == "bid.json"
    assert "line 1" in str(fault) and "not valid JSON" in fault.message


def test_missing_file_is_a_fault_not_a_traceback(tmp_path: Path) -> None:
    (fault,) = _faults(tmp_path / "nope.json")
    assert fault.reason == "unreadable" and fault.location.file == "nope.json"


def test_root_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    (fault,) = _faults(path)
    assert fault.reason == "wrong_format" and fault.location.path == "$"


def test_wrong_format_marker() -> None:
    data = _minimal()
    data["format"] = "scrisk-assessment/1"
    (fault,) = _faults(data)
    assert fault.reason == "wrong_format" and fault.location.path == "$.format"
    assert fault.location.file == "<dict>"


def test_binary_garbage_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "bid.json"
    path.write_bytes(b"\xff\xfe\x00garbage\x80")
    (fault,) = _faults(path)
    assert fault.reason == "unreadable"


def test_size_bound(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_minimal()), encoding="utf-8")
    with pytest.raises(DeclarationError) as info:
        read_json_file(path, max_bytes=100)
    assert [f.reason for f in info.value.faults] == ["too_large"]


def test_unknown_suffix_is_sniffed_as_json(tmp_path: Path) -> None:
    path = tmp_path / "bid.txt"
    path.write_text(json.dumps(_minimal()), encoding="utf-8")
    assert load_declaration(path) == load_declaration(_minimal())


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_minimal()).encode())
    assert load_declaration(path).solicitation.id == "EN578-210001/A"


def test_example_glove_bid_reads() -> None:
    decl = load_declaration(EXAMPLES / "glove_bid.json")
    assert decl.party("M1").name == "Supermax Glove Manufacturing Sdn. Bhd."
    assert decl.party("M1").country_code == "MY"


def test_hostile_json_values_are_faults(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (fault,) = _faults(deep)
    assert fault.reason == "unreadable"
    huge = tmp_path / "huge.json"
    huge.write_text('{"solicitation": {"value_cad": ' + "9" * 5000 + "}}", encoding="utf-8")
    (fault,) = _faults(huge)
    assert fault.reason == "unreadable"
    data = _minimal()
    data["parties"][1]["workers"] = 10**400
    data["parties"][1]["annual_capacity"] = float("nan")
    data["solicitation"]["value_cad"] = float("inf")
    faults = _faults(data)
    assert sorted((f.reason, f.location.path) for f in faults) == [
        ("bad_number", "$.parties[1].annual_capacity"),
        ("bad_number", "$.parties[1].workers"),
        ("bad_number", "$.solicitation.value_cad"),
    ]


def test_directory_instead_of_file_is_a_fault(tmp_path: Path) -> None:
    for name in ("dir.json", "dir.xlsx", "dir.data"):
        folder = tmp_path / name
        folder.mkdir()
        (fault,) = _faults(folder)
        assert fault.reason == "unreadable" and fault.location.file == name


def test_a_file_and_its_mapping_give_the_same_text_faults(tmp_path: Path) -> None:
    """The file's text walk runs only when a key was given twice or a surrogate escape is
    there: a key twice deep inside a party, a lone surrogate, and a valid escaped pair
    (no fault) are each found as the mapping's walk finds them."""
    from scrisk.readers.json_reader import read_json_mapping

    good = json.dumps(_minimal())
    cases = {
        "twice": good.replace('"city": ', '"city": "A", "city": ', 1),
        "lone": good.replace("Northern Medical", "Northern \\ud800 Medical", 1),
        "pair": good.replace("Northern Medical", "Northern \\ud83d\\ude00 Medical", 1),
    }
    assert '"city"' in good
    for name, text in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        if name == "pair":
            assert "\U0001f600" in (read_json_file(path).bidder.name or "")
            continue
        with pytest.raises(DeclarationError) as from_file:
            read_json_file(path)
        found = [(f.reason, f.location.path) for f in from_file.value.faults]
        if name == "lone":  # a parsed mapping is always walked
            with pytest.raises(DeclarationError) as from_mapping:
                read_json_mapping(json.loads(text), file=path.name)
            assert found == [("bad_value", "$.parties[0].name")]
            assert found == [(f.reason, f.location.path) for f in from_mapping.value.faults]
        else:
            assert found == [("bad_value", "$.parties[0].city")]
