"""A party or certification record whose values all read as themselves is made at once
(the plain path); any other record is read by the full reader. Either way the same
declaration, each party with its source, and the same faults, in the same order, as the
full reader alone gives."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from scrisk.errors import DeclarationError
from scrisk.readers import attestations
from scrisk.readers import parties as parties_reader
from scrisk.readers.locate import JsonLocator
from scrisk.readers.validate import declaration_from_dict

GLOVE = Path(__file__).resolve().parent.parent / "examples" / "glove_bid.json"


def _read(doc: dict[str, Any]) -> tuple[str, list[str]]:
    """The declaration read, as its repr (5 and 5.0 differ there), and each party's source;
    or the faults, each with its reason and its words in both languages."""
    try:
        decl = declaration_from_dict(copy.deepcopy(doc), locator=JsonLocator("x.json"))
    except DeclarationError as e:
        return "", [f"{f.reason} {f} {f.render('fr')}" for f in e.faults]
    return repr(decl), [repr(p.source) for p in decl.parties]


def _same_as_full_reader(doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(doc)
    with monkeypatch.context() as m:
        m.setattr(parties_reader, "_plain_party", lambda *a, **k: None)
        m.setattr(attestations, "_plain_certification", lambda *a, **k: None)
        full = _read(doc)
    assert fast == full


# (field, value) set on the second party: plain values, and values the full reader
# rewrites or reports (these must leave the plain path)
VALUES = [
    ("name", "  Acme  "),
    ("name", ""),
    ("name", "Acme\r\nLtd"),
    ("name", 12),
    ("name", True),
    ("name", ["a"]),
    ("id", " B "),
    ("id", "  "),
    ("id", 7),
    ("id", None),
    ("role", "Material supplier"),
    ("role", "boss"),
    ("role", "  "),
    ("role", None),
    ("role", "agent\r"),
    ("country", " Malaysia "),
    ("country", "Malasia"),
    ("country", ""),
    ("country", 5),
    ("supplies_to", []),
    ("supplies_to", ["  ", "B"]),
    ("supplies_to", ["B", "B"]),
    ("supplies_to", ["NOPE"]),
    ("supplies_to", "B, M1"),
    ("supplies_to", ["B\nM1"]),
    ("supplies_to", [1]),
    ("supplies_to", {"a": 1}),
    ("goods", ["G-NOPE"]),
    ("goods", "G1"),
    ("materials", ["cotton", " yarn ", ""]),
    ("materials", ["a\r"]),
    ("materials", "cotton; yarn"),
    ("workers", 10),
    ("workers", 0),
    ("workers", -1),
    ("workers", 2.0),
    ("workers", 2.5),
    ("workers", True),
    ("workers", "1,000"),
    ("workers", 2**60 + 1),
    ("annual_capacity", 5),
    ("annual_capacity", 5.5),
    ("annual_capacity", -0.0),
    ("annual_capacity", 10**400),
    ("annual_capacity", 1e300),
    ("annual_capacity", "12,5"),
    ("annual_capacity", False),
    ("s211", {"reporting_entity": True, "year": 2025}),
    ("s211", "yes"),
    ("s211", None),
    ("unknown_key", object()),
]


@pytest.mark.parametrize(("field", "value"), VALUES, ids=[f"{f}={v!r}" for f, v in VALUES])
def test_a_party_value_reads_as_the_full_reader_reads_it(
    field: str, value: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = json.loads(GLOVE.read_text())
    doc["parties"][1][field] = value
    _same_as_full_reader(doc, monkeypatch)


def test_a_duplicate_id_and_a_party_not_a_record(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = json.loads(GLOVE.read_text())
    doc["parties"].append(dict(doc["parties"][1]))
    doc["parties"].insert(1, "not a record")
    _same_as_full_reader(doc, monkeypatch)


def test_every_example_reads_as_the_full_reader_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted(GLOVE.parent.glob("*.json")):
        doc = json.loads(path.read_text())
        if isinstance(doc, dict) and "parties" in doc:
            _same_as_full_reader(doc, monkeypatch)


# (field, value) set on the second certification; None removes the field
CERTIFICATION_VALUES = [
    ("party", " M1 "),
    ("party", "NOPE"),
    ("party", ""),
    ("party", 3),
    ("party", "M1\r"),
    ("type", "Ethical procurement"),
    ("type", "  "),
    ("type", "other kind"),
    ("type", 5),
    ("rights", None),
    ("rights", []),
    ("rights", ["Child labour", " wages ", ""]),
    ("rights", ["wages", "wages"]),
    ("rights", ["sleep"]),
    ("rights", "wages, hours_of_work"),
    ("rights", ["wages\nhours"]),
    ("rights", [True]),
    ("signed_on", "2021-11-18T00:00:00Z"),
    ("signed_on", " 2021-11-18 "),
    ("signed_on", ""),
    ("signed_on", "2021-02-30"),
    ("signed_on", "18/11/2021"),
    ("signed_on", 20211118),
    ("signatory", "  "),
    ("signatory", "A\r\nB"),
    ("signatory", 7),
    ("covers", ["M1", " B "]),
    ("covers", []),
    ("covers", ["NOPE"]),
    ("covers", "M1, B"),
    ("covers", [1]),
    ("covers", {"a": 1}),
    ("unknown_key", object()),
]


@pytest.mark.parametrize(
    ("field", "value"),
    CERTIFICATION_VALUES,
    ids=[f"{f}={v!r}" for f, v in CERTIFICATION_VALUES],
)
def test_a_certification_value_reads_as_the_full_reader_reads_it(
    field: str, value: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = json.loads(GLOVE.read_text())
    doc["certifications"][1][field] = value
    _same_as_full_reader(doc, monkeypatch)
    del doc["certifications"][1][field]
    _same_as_full_reader(doc, monkeypatch)


def test_certifications_when_the_parties_are_unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = json.loads(GLOVE.read_text())
    doc["parties"] = "none"  # no ids to check the certifications' parties against
    doc["certifications"][1]["covers"] = ["NOPE"]
    _same_as_full_reader(doc, monkeypatch)


def test_a_record_reads_alike_whichever_reader_made_its_keys():
    # the plain path looks keys up by the objects orjson gives (jsontext.parsed_keys);
    # json.loads gives other objects with the same text
    import orjson

    text = GLOVE.read_bytes()
    by_orjson, by_json = orjson.loads(text), json.loads(text)
    some = next(iter(by_json["parties"][0]))
    assert not any(some is k for k in by_orjson["parties"][0])
    assert _read(by_orjson) == _read(by_json)
    assert _read(by_orjson)[0]
