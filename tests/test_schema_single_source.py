"""The declaration's fields are declared once (scrisk.schema): the model, the
serializer and the validator agree with that table, field for field."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from scrisk import schema
from scrisk.model import Audit, Certification, Good, Party, S211Report, Solicitation
from scrisk.readers import load_declaration

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Model fields that are not declared by the bidder: derived by the reader, or
# a nested record / list of records with its own table.
DERIVED = {
    Solicitation: {"goods"},
    Party: {
        "country_code",
        "country_near",
        "country_suggestions",
        "country_assumed",
        "source",
        "s211",
    },
}
SECTIONS = [
    (Solicitation, schema.SOLICITATION_FIELDS),
    (Good, schema.GOOD_FIELDS),
    (Party, schema.PARTY_FIELDS),
    (S211Report, schema.S211_FIELDS),
    (Certification, schema.CERTIFICATION_FIELDS),
    (Audit, schema.AUDIT_FIELDS),
]


@pytest.mark.parametrize("cls,fields", SECTIONS, ids=lambda x: getattr(x, "__name__", ""))
def test_every_model_field_has_exactly_one_fieldspec_and_back(cls, fields):
    names = [f.name for f in fields]
    assert len(names) == len(set(names))
    declared = {f.name for f in dataclasses.fields(cls)} - DERIVED.get(cls, set())
    assert set(names) == declared


@pytest.mark.parametrize("cls,fields", SECTIONS, ids=lambda x: getattr(x, "__name__", ""))
def test_required_fields_have_no_default_and_choices_a_vocabulary(cls, fields):
    defaults = {
        f.name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        for f in dataclasses.fields(cls)
    }
    for spec in fields:
        if spec.required:
            assert defaults[spec.name], spec.name
        if spec.kind == "choice":
            assert spec.vocab, spec.name


def _example() -> dict:
    path = sorted(EXAMPLES.glob("*.json"))[0]
    return json.loads(path.read_text(encoding="utf-8"))


def test_serialised_keys_are_the_schema_names_in_order():
    decl = load_declaration(_example())
    doc = decl.to_dict()
    sol = [k for k in doc["solicitation"] if k != "goods"]
    order = [f.name for f in schema.SOLICITATION_FIELDS]
    assert sol == [n for n in order if n in sol]
    for key, fields in (
        ("parties", schema.PARTY_FIELDS),
        ("certifications", schema.CERTIFICATION_FIELDS),
        ("audits", schema.AUDIT_FIELDS),
    ):
        order = [f.name for f in fields]
        for record in doc[key]:
            keys = [k for k in record if k != "s211"]
            assert keys == [n for n in order if n in keys]
    assert load_declaration(doc) == decl


def test_a_field_added_to_the_schema_is_serialised_without_other_edits(monkeypatch):
    """The serializer's field list is the schema's: a new FieldSpec is written at once."""
    decl = load_declaration(_example())
    good = decl.solicitation.goods[0]
    spec = schema.FieldSpec("unit_note", "text")
    monkeypatch.setattr(schema, "GOOD_FIELDS", (*schema.GOOD_FIELDS, spec))
    from scrisk import model

    class Wider:  # a model object that carries the new field
        def __init__(self) -> None:
            for f in dataclasses.fields(Good):
                setattr(self, f.name, getattr(good, f.name))
            self.unit_note = "per box"

    record = model.good_to_dict(Wider())  # type: ignore[arg-type]
    assert record["unit_note"] == "per box"
    assert list(record)[-1] == "unit_note"


SECTION_FIELDS = {
    "solicitation": "SOLICITATION_FIELDS",
    "goods": "GOOD_FIELDS",
    "parties": "PARTY_FIELDS",
    "s211": "S211_FIELDS",
    "certifications": "CERTIFICATION_FIELDS",
    "audits": "AUDIT_FIELDS",
}


def test_every_field_is_read_by_its_kind_or_named_as_checked_by_hand():
    from scrisk.readers import fields

    assert set(fields.SPECIAL) == set(SECTION_FIELDS)
    for section, table in SECTION_FIELDS.items():
        names = {f.name for f in getattr(schema, table)}
        assert fields.SPECIAL[section] <= names, section  # no stale hand-checked name
        for spec in getattr(schema, table):
            if spec.name not in fields.SPECIAL[section]:
                assert spec.kind in (
                    "text",
                    "id",
                    "number",
                    "integer",
                    "date",
                    "choice",
                    "ids",
                    "list",
                )


def _faults(data: dict) -> list[str]:
    from scrisk.errors import DeclarationError

    with pytest.raises(DeclarationError) as err:
        load_declaration(data)
    return [str(f) for f in err.value.faults]


def test_the_validator_checks_a_field_by_its_schema_kind(monkeypatch):
    """Change a field's kind in the schema alone: the validator checks the new kind."""
    data = _example()
    data["solicitation"]["goods"][0]["unit"] = "pairs"
    load_declaration(data)  # free text: accepted
    fields = tuple(
        dataclasses.replace(f, kind="number") if f.name == "unit" else f for f in schema.GOOD_FIELDS
    )
    monkeypatch.setattr(schema, "GOOD_FIELDS", fields)
    found = _faults(data)
    assert len(found) == 1 and "unit" in found[0] and "pairs" in found[0]


def test_the_validator_takes_a_choice_vocabulary_from_the_schema(monkeypatch):
    data = _example()
    data["audits"] = [{"party": data["parties"][0]["id"], "result": "excellent"}]
    assert "audit result" in " ".join(_faults(data))
    fields = tuple(
        dataclasses.replace(f, vocab=(*f.vocab, "excellent")) if f.name == "result" else f
        for f in schema.AUDIT_FIELDS
    )
    monkeypatch.setattr(schema, "AUDIT_FIELDS", fields)
    decl = load_declaration(data)
    assert decl.audits[0].result == "excellent"
