"""Lazy validation: every structural fault found in one pass, each named and located."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from scrisk.errors import DeclarationError, Fault
from scrisk.readers import load_declaration

BASE: dict[str, Any] = {
    "format": "scrisk-declaration/1",
    "solicitation": {
        "id": "W8486-220315/A",
        "category": "apparel",
        "closing_date": "2022-03-31",
        "value_cad": 1380000,
        "goods": [
            {
                "id": "G1",
                "description": "Uniform shirts",
                "hs_code": "6205.20",
                "quantity": 60000,
                "unit": "pieces",
            }
        ],
    },
    "parties": [
        {"id": "B", "role": "bidder", "name": "Maple Ridge Uniform Supply Ltd.", "country": "CA"},
        {
            "id": "M1",
            "role": "manufacturer",
            "name": "Meghna Crest Apparels Ltd.",
            "country": "BD",
            "supplies_to": ["B"],
            "goods": ["G1"],
            "workers": 2400,
        },
        {
            "id": "F1",
            "role": "material_supplier",
            "country": "CN",
            "supplies_to": ["M1"],
            "materials": ["cotton poplin fabric"],
        },
    ],
    "certifications": [
        {
            "party": "B",
            "type": "ethical_procurement",
            "signed_on": "2022-03-02",
            "rights": ["child_labour", "forced_labour"],
        }
    ],
    "audits": [
        {
            "party": "M1",
            "scheme": "amfori BSCI",
            "date": "2021-09-14",
            "result": "pass",
            "indicators": [],
        }
    ],
}


def faults_of(data: Any) -> list[Fault]:
    with pytest.raises(DeclarationError) as info:
        load_declaration(data)
    return info.value.faults


def one_fault(mutate) -> Fault:  # noqa: ANN001
    data = copy.deepcopy(BASE)
    mutate(data)
    faults = faults_of(data)
    assert len(faults) == 1, [str(f) for f in faults]
    return faults[0]


def test_base_is_valid() -> None:
    assert load_declaration(BASE).bidder.id == "B"


@pytest.mark.parametrize(
    ("mutate", "reason", "path", "words"),
    [
        (
            lambda d: d["parties"].append({"id": "M1", "role": "agent"}),
            "duplicate_id",
            "$.parties[3].id",
            ["'M1'", "more than once"],
        ),
        (
            lambda d: d["parties"][1]["supplies_to"].append("M9"),
            "unknown_id",
            "$.parties[1].supplies_to[1]",
            ["supplies_to names 'M9'", "not a declared party id"],
        ),
        (
            lambda d: d["parties"][1].update(goods=["G1", "G7"]),
            "unknown_id",
            "$.parties[1].goods[1]",
            ["'G7'", "not a declared good id"],
        ),
        (
            lambda d: d["certifications"][0].update(party="Q"),
            "unknown_id",
            "$.certifications[0].party",
            ["'Q'", "not a declared party id"],
        ),
        (lambda d: d["audits"][0].update(party="Z9"), "unknown_id", "$.audits[0].party", ["'Z9'"]),
        (
            lambda d: d["parties"][0].update(role="manufacturer"),
            "bidder_count",
            "$.parties",
            ["exactly one", "found 0"],
        ),
        (
            lambda d: d["parties"][1].update(role="bidder"),
            "bidder_count",
            "$.parties",
            ["found 2", "'B'", "'M1'"],
        ),
        (
            lambda d: d["solicitation"].pop("id"),
            "missing_field",
            "$.solicitation.id",
            ["solicitation id"],
        ),
        (
            lambda d: d["solicitation"].update(category=""),
            "missing_field",
            "$.solicitation.category",
            ["category"],
        ),
        (
            lambda d: d["solicitation"].pop("closing_date"),
            "missing_field",
            "$.solicitation.closing_date",
            ["closing date"],
        ),
        (
            lambda d: (d["solicitation"].update(goods=[]), d["parties"][1].pop("goods")),
            "no_goods",
            "$.solicitation.goods",
            ["no goods"],
        ),
        (
            lambda d: d["solicitation"].update(closing_date="31/03/2022"),
            "bad_date",
            "$.solicitation.closing_date",
            ["'31/03/2022'", "YYYY-MM-DD"],
        ),
        (
            lambda d: d["certifications"][0].update(signed_on="2022-02-30"),
            "bad_date",
            "$.certifications[0].signed_on",
            ["'2022-02-30'"],
        ),
        (
            lambda d: d["audits"][0].update(date="last spring"),
            "bad_date",
            "$.audits[0].date",
            ["'last spring'"],
        ),
        (
            lambda d: d["parties"][1].update(workers=-5),
            "bad_number",
            "$.parties[1].workers",
            ["workers", "negative"],
        ),
        (
            lambda d: d["parties"][1].update(workers=12.5),
            "bad_number",
            "$.parties[1].workers",
            ["whole number"],
        ),
        (
            lambda d: d["solicitation"]["goods"][0].update(quantity="lots"),
            "bad_number",
            "$.solicitation.goods[0].quantity",
            ["'lots'", "not a number"],
        ),
        (
            lambda d: d["solicitation"].update(value_cad=-1),
            "bad_number",
            "$.solicitation.value_cad",
            ["negative"],
        ),
        (
            lambda d: d["parties"][2].update(annual_capacity=True),
            "bad_number",
            "$.parties[2].annual_capacity",
            ["not a number"],
        ),
        (
            lambda d: d["parties"][2].update(role="broker"),
            "bad_value",
            "$.parties[2].role",
            ["unknown role 'broker'"],
        ),
        (
            lambda d: d["solicitation"].update(category="food"),
            "bad_value",
            "$.solicitation.category",
            ["unknown category 'food'"],
        ),
        (
            lambda d: d["certifications"][0]["rights"].append("right_to_strike"),
            "bad_value",
            "$.certifications[0].rights[2]",
            ["unknown right 'right_to_strike'"],
        ),
        (
            lambda d: d["audits"][0].update(result="ok"),
            "bad_value",
            "$.audits[0].result",
            ["unknown audit result 'ok'"],
        ),
        (
            lambda d: d["audits"][0].update(indicators=["debt_bondage", "low_pay"]),
            "bad_value",
            "$.audits[0].indicators[1]",
            ["unknown ILO indicator 'low_pay'"],
        ),
        (
            lambda d: d["solicitation"]["goods"][0].update(hs_code="62A5"),
            "bad_value",
            "$.solicitation.goods[0].hs_code",
            ["'62A5'", "HS code"],
        ),
        (
            lambda d: d["solicitation"]["goods"][0].update(hs_code="620"),
            "bad_value",
            "$.solicitation.goods[0].hs_code",
            ["'620'"],
        ),
        (lambda d: d["parties"][2].pop("role"), "missing_field", "$.parties[2].role", ["role"]),
        (lambda d: d["parties"][2].pop("id"), "missing_field", "$.parties[2].id", ["party id"]),
        (
            lambda d: d["solicitation"]["goods"][0].pop("description"),
            "missing_field",
            "$.solicitation.goods[0].description",
            ["description"],
        ),
        (
            lambda d: d["certifications"][0].pop("rights"),
            "missing_field",
            "$.certifications[0].rights",
            ["rights"],
        ),
        (
            lambda d: d["certifications"][0].pop("type"),
            "missing_field",
            "$.certifications[0].type",
            ["type"],
        ),
        (
            lambda d: d["parties"][1].update(name={"legal": "x"}),
            "bad_type",
            "$.parties[1].name",
            ["name must be text"],
        ),
        (lambda d: d.update(parties={"B": {}}), "bad_type", "$.parties", ["must be a list"]),
        (lambda d: d["parties"].append("M2"), "bad_type", "$.parties[3]", ["must be an object"]),
    ],
)
def test_each_fault_is_named_and_located(mutate, reason, path, words) -> None:  # noqa: ANN001
    fault = one_fault(mutate)
    assert fault.reason == reason
    assert fault.location.path == path
    assert fault.location.file == "<dict>"
    named = re.search(r"\.([a-z_]+)(?:\[\d+\])?$", path)
    expected_field = "role" if reason == "bidder_count" else named.group(1)
    assert fault.location.field == expected_field
    for word in words:
        assert word in fault.message, (word, fault.message)
    assert path in str(fault)


def test_every_fault_in_one_pass() -> None:
    data = copy.deepcopy(BASE)
    data["parties"].append({"id": "M1", "role": "agent"})  # duplicate
    data["parties"][1]["supplies_to"] = ["B", "X1", "X2"]  # two dangling
    data["solicitation"]["closing_date"] = "soon"
    data["audits"][0]["result"] = "great"
    data["certifications"][0]["rights"] = ["wages", "snacks"]
    faults = faults_of(data)
    assert sorted(f.reason for f in faults) == sorted(
        ["duplicate_id", "unknown_id", "unknown_id", "bad_date", "bad_value", "bad_value"]
    )
    message = str(DeclarationError(faults))
    assert message.startswith("6 faults")
    assert "$.parties[1].supplies_to[2]" in message


def test_missing_solicitation_and_parties() -> None:
    faults = faults_of({"format": "scrisk-declaration/1"})
    reasons = {(f.reason, f.location.path) for f in faults}
    assert ("missing_field", "$.solicitation") in reasons
    assert ("missing_field", "$.parties") in reasons
    assert ("no_goods", "$.solicitation.goods") in reasons
    # no cascade: a missing parties list is one fault, not also "no bidder"
    assert not any(f.reason == "bidder_count" for f in faults)


def test_missing_name_address_country_are_not_faults() -> None:
    data = copy.deepcopy(BASE)
    for party in data["parties"]:
        for key in ("name", "address", "city", "region", "country"):
            party.pop(key, None)
    decl = load_declaration(data)
    assert all(p.country is None and p.country_code is None for p in decl.parties)


def test_vocabulary_is_case_and_space_insensitive() -> None:
    data = copy.deepcopy(BASE)
    data["parties"][2]["role"] = " Material supplier "
    data["solicitation"]["category"] = "Apparel"
    data["certifications"][0]["rights"] = ["Child labour", "forced-labour"]
    decl = load_declaration(data)
    assert decl.party("F1").role == "material_supplier"
    assert decl.solicitation.category == "apparel"
    assert decl.certifications[0].rights == ("child_labour", "forced_labour")


def test_hs_code_keeps_digits_only() -> None:
    data = copy.deepcopy(BASE)
    data["solicitation"]["goods"][0]["hs_code"] = "6205 20 00 10"
    assert load_declaration(data).solicitation.goods[0].hs_code == "6205200010"


def test_comma_string_lists_are_accepted_in_json() -> None:
    data = copy.deepcopy(BASE)
    data["parties"][2]["materials"] = "cotton poplin fabric, cotton yarn"
    assert load_declaration(data).party("F1").materials == ("cotton poplin fabric", "cotton yarn")


def test_ten_thousand_parties_with_fifty_faults_all_reported() -> None:
    n = 10_000
    parties: list[dict[str, Any]] = [{"id": "B", "role": "bidder", "country": "CA"}]
    for i in range(1, n):
        parties.append(
            {
                "id": f"P{i}",
                "role": "subcontractor",
                "country": "VN",
                "supplies_to": [f"P{i // 2}" if i > 1 else "B"],
            }
        )
    expected = set()
    for k in range(25):  # 25 dangling references
        i = 100 + k * 300
        parties[i]["supplies_to"] = [f"NOPE{k}"]
        expected.add(("unknown_id", f"$.parties[{i}].supplies_to[0]"))
    for k in range(25):  # 25 bad worker counts
        i = 200 + k * 300
        parties[i]["workers"] = "many"
        expected.add(("bad_number", f"$.parties[{i}].workers"))
    data = copy.deepcopy(BASE)
    data["parties"] = parties
    data["certifications"] = []
    data["audits"] = []
    faults = faults_of(data)
    assert len(faults) == 50
    assert {(f.reason, f.location.path) for f in faults} == expected


def test_faults_are_listed_in_document_order() -> None:
    data = copy.deepcopy(BASE)
    data["audits"][0]["result"] = "great"  # last section
    data["parties"][2]["supplies_to"] = ["NOPE"]  # checked after all ids are known
    data["parties"][1]["workers"] = -1
    data["solicitation"]["closing_date"] = "soon"
    paths = [f.location.path for f in faults_of(data)]
    assert paths == [
        "$.solicitation.closing_date",
        "$.parties[1].workers",
        "$.parties[2].supplies_to[0]",
        "$.audits[0].result",
    ]
