"""The typed assessment document: built once by the assessment, written back as the same dict."""

from __future__ import annotations

from pathlib import Path

import pytest

import scrisk
from scrisk.assessment.document import AssessmentDocument, FlagDoc
from scrisk.assessment.document_part import unknown_keys
from scrisk.vocab import Rule, Severity

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.json"))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_round_trip_on_every_example(path, lang):
    doc = scrisk.assess(path).to_dict(lang)
    typed = AssessmentDocument.from_dict(doc)
    assert typed.to_dict() == doc
    assert unknown_keys(typed) == []  # every key of today's document has a typed field
    assert all(isinstance(f, FlagDoc) for f in typed.flags)
    assert typed.summary.parties == len(typed.parties)


def test_keys_added_by_other_work_are_kept_and_listed():
    doc = scrisk.assess(EXAMPLES[0]).to_dict()
    doc["appendix"] = [{"code": "stale_data"}]  # "warnings" is typed since issue 10
    doc["parties"][0]["register"] = {"seen": 2}
    typed = AssessmentDocument.from_dict(doc)
    assert typed.to_dict() == doc
    assert unknown_keys(typed) == ["appendix", "parties.register"]


def test_a_missing_key_is_named():
    doc = scrisk.assess(EXAMPLES[0]).to_dict()
    del doc["bidder"]["id"]
    with pytest.raises(ValueError, match=r"BidderDoc: missing key\(s\) id"):
        AssessmentDocument.from_dict(doc)


def test_a_flag_reads_back_its_rule_and_severity_as_enums_and_writes_plain_text():
    doc = scrisk.assess(EXAMPLES[0]).to_dict()
    typed = AssessmentDocument.from_dict(doc)
    assert typed.flags and all(type(f.rule) is Rule for f in typed.flags)
    assert all(type(f.severity) is Severity for f in typed.flags)
    written = typed.to_dict()
    assert written == doc
    assert all(type(f["rule"]) is str and type(f["severity"]) is str for f in written["flags"])
    assert scrisk.assess(EXAMPLES[0]).document().flags[0].rule in set(Rule)


def test_a_flag_of_an_unknown_rule_is_refused_by_name():
    doc = scrisk.assess(EXAMPLES[0]).to_dict()
    doc["flags"][0]["rule"] = "NO_SUCH_RULE"
    with pytest.raises(ValueError, match="'NO_SUCH_RULE' is not a valid Rule"):
        AssessmentDocument.from_dict(doc)


def test_provenance_and_unapplied_decisions_are_typed():
    glove = next(p for p in EXAMPLES if p.stem == "glove_bid")
    doc = scrisk.assess(glove, decisions={("Z9", "some-entry"): "not a match"}).to_dict()
    typed = AssessmentDocument.from_dict(doc)
    assert typed.to_dict() == doc
    assert unknown_keys(typed) == []
    assert [(n.reason, n.party, n.decision) for n in typed.decisions_unapplied] == [
        ("no_party", "Z9", "not_a_match")
    ]
    assert typed.provenance is not None and typed.provenance.policy_overrides == {}
    assert {d.id for d in typed.provenance.datasets} == {d["id"] for d in doc["data"]}


def test_the_assessment_builds_its_typed_document_once_per_language():
    import dataclasses

    a = scrisk.assess(EXAMPLES[0])
    en, fr = a.document("en"), a.document("fr")
    assert a.document("en") is en and en is not fr  # built once per language, kept
    assert (en.lang, fr.lang) == ("en", "fr")
    assert isinstance(en, AssessmentDocument) and unknown_keys(en) == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        en.score = 0.0  # type: ignore[misc]
    doc = a.to_dict("en")
    doc["parties"][0]["name"] = "changed"
    doc["data"][0]["id"] = "changed"
    assert a.to_dict("en")["parties"][0]["name"] == en.parties[0].name != "changed"
    assert a.to_dict("en")["data"][0]["id"] != "changed"  # to_dict is a fresh copy


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_terminal_reads_the_typed_document_as_it_read_the_dict(lang):
    import io

    from rich.console import Console

    from scrisk.report.terminal.render import render_assessment

    glove = next(p for p in EXAMPLES if p.stem == "glove_bid")
    a = scrisk.assess(glove)
    shown = []
    for doc in (a.document(lang), a.to_dict(lang)):  # typed, and a saved JSON's dict
        buffer = io.StringIO()
        render_assessment(doc, Console(file=buffer, width=160, force_terminal=True), lang=lang)
        shown.append(buffer.getvalue())
    assert shown[0] == shown[1]
    assert a.document(lang).bidder.name in shown[0] and "\x1b[" in shown[0]


def test_the_plain_copy_is_plain_data_and_each_copy_its_own():
    """to_dict's dicts (key-sharing instance dicts) and lists are ordinary, fresh, mutable
    plain data: JSON of the copy is the document's JSON; changing one copy changes no other."""
    import json

    a = scrisk.assess(EXAMPLES[0])
    first, second = a.to_dict(), a.to_dict()
    assert first == second and first is not second
    party = first["parties"][0]
    assert type(party) is dict and type(party["supplies_to"]) is list
    assert type(first["flags"][0]["rule"]) is str  # a StrEnum written as its text
    party["name"] = "changed"
    party["added"] = 1
    del party["city"]
    first["parties"][1]["supplies_to"].append("X")
    assert second["parties"][0]["name"] != "changed" and "city" in second["parties"][0]
    assert "X" not in a.to_dict()["parties"][1]["supplies_to"]
    assert json.loads(json.dumps(second)) == second
    assert a.to_json() == scrisk.jsontext.dumps(second)


def test_the_document_lists_flags_in_order_even_when_the_list_was_changed():
    """The assessment's flags are sorted once; a list changed since is sorted again."""
    from scrisk.findings import Flag

    a = scrisk.assess(EXAMPLES[0])
    assert len(a.flag_list) > 1 and a.sorted_flags() == a.flag_list
    a.flag_list.reverse()
    assert a.sorted_flags() == sorted(a.flag_list, key=Flag.sort_key) != a.flag_list
    b = scrisk.assess(EXAMPLES[0])
    assert [f.to_dict() for f in a.document().flags] == [f.to_dict() for f in b.document().flags]


def test_a_part_made_fast_is_the_part_its_dataclass_makes():
    """document_part.maker: every field set, the same frozen part; a class that does more
    in construction (a __post_init__) is made by its own constructor."""
    import dataclasses

    from scrisk.assessment.document import PartyDoc
    from scrisk.assessment.document_part import Part, maker

    doc = scrisk.assess(EXAMPLES[0]).document()
    for part in (doc.flags[0], doc.flags[0].evidence[0], doc.parties[0]):
        values = {f.name: getattr(part, f.name) for f in dataclasses.fields(part)}
        made = maker(type(part))(**values)
        assert made == part and type(made) is type(part) and made.to_dict() == part.to_dict()
        without_extra = {k: v for k, v in values.items() if k != "extra"}
        assert maker(type(part))(**without_extra).extra == {}
    with pytest.raises(dataclasses.FrozenInstanceError):
        maker(PartyDoc)(**{f.name: None for f in dataclasses.fields(PartyDoc)}).id = "x"

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked(Part):
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    assert maker(Checked) is Checked


def test_a_part_made_as_its_twin_holds_each_field_in_its_own_slot():
    """document_part.maker stores the fields into a class of the same layout, then sets the
    part's class: every field of every part class reads back its own value (distinct
    values: a slot taken for another would show), the part is frozen and collected as any."""
    import dataclasses
    import gc

    from scrisk.assessment import document
    from scrisk.assessment.document_part import Part, maker

    classes = [
        c
        for c in vars(document).values()
        if isinstance(c, type) and issubclass(c, Part) and c is not Part
    ]
    assert len(classes) > 10
    # the document's many parts are made so (their class set at the end)
    for cls in (document.FlagDoc, document.PartyDoc, document.EvidenceDoc, document.PathDoc):
        assert "__class__" in maker(cls).__code__.co_names
    for cls in classes:
        names = [f.name for f in dataclasses.fields(cls)]
        values = {n: f"{cls.__name__}.{n}" for n in names}
        made = maker(cls)(**values)
        assert type(made) is cls and gc.is_tracked(made)
        assert {n: getattr(made, n) for n in names} == values
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, names[0], "x")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(made, names[0])

    @dataclasses.dataclass(frozen=True, slots=True)
    class Base(Part):
        a: str

    @dataclasses.dataclass(frozen=True, slots=True)
    class Child(Base):
        b: str

    made = maker(Child)(a="A", b="B")
    assert made == Child("A", "B") and type(made) is Child


def test_parts_shared_by_documents_are_written_from_one_plain_copy():
    """document_part.written_once (the provenance block, the data warnings): the JSON
    writer's hook gives the part's to_dict(), the same copy each time; JSON unchanged."""
    import json

    from scrisk.assessment.document_part import part_fields

    a, b = scrisk.assess(EXAMPLES[0]), scrisk.assess(EXAMPLES[1])
    doc = a.document()
    assert doc.provenance is b.document().provenance  # shared
    first = part_fields(doc.provenance)
    assert first == doc.provenance.to_dict() and part_fields(doc.provenance) is first
    for w in doc.warnings:
        assert part_fields(w) == w.to_dict()
    assert json.loads(a.to_json()) == a.to_dict()


def test_compact_text_of_shared_parts_is_the_text_of_each_document():
    """document_part.compact_fields (the register's rows): the parts and values shared by
    documents (data warnings, datasets, a country's evidence) written from texts kept
    between documents; every document's text, written once or many times, in any order,
    is still compact() of its own plain copy, and a text kept for one value is never
    another's (different warnings, a part that looks alike, a value orjson refuses)."""
    import dataclasses

    from scrisk.assessment.document import WarningDoc
    from scrisk.assessment.document_part import compact_fields
    from scrisk.jsontext import compact, typed_json

    docs = [scrisk.assess(p).document(lang) for p in EXAMPLES for lang in ("en", "fr")]
    assert docs[0].data is docs[2].data and docs[0].warnings is docs[2].warnings  # shared
    for doc in docs + docs[::-1] + docs:  # first, second and later writes
        assert typed_json(doc, compact_fields) == compact(doc.to_dict())
    # other warnings, alike but not the same parts: their own text
    doc = docs[0]
    other = tuple(dataclasses.replace(w, message=w.message + " (2)") for w in doc.warnings)
    extra = (
        *doc.warnings,
        dataclasses.replace(doc.warnings[0], code="x")
        if doc.warnings
        else WarningDoc.from_dict(
            {"code": "x", "message": "y", "dataset": "d", "horizon": None, "months": None}
        ),
    )
    for warnings in (other, other, extra, extra, (), doc.warnings):
        changed = dataclasses.replace(doc, warnings=warnings)
        assert typed_json(changed, compact_fields) == compact(changed.to_dict())
    # an evidence record orjson cannot write (a key that is not text), seen twice: the
    # document refused (written otherwise by the caller), never a text of another record
    flag = next(f for f in doc.flags if f.evidence)
    odd = dataclasses.replace(flag.evidence[0], detail={1: "x"})
    bad = dataclasses.replace(doc, flags=(dataclasses.replace(flag, evidence=(odd,)),))
    assert typed_json(bad, compact_fields) is None and typed_json(bad, compact_fields) is None


def test_a_clause_part_is_shared_only_by_the_same_clause_status():
    """document_build._clause: a clause whose note's parameters are all text is made once
    and shared by the documents with the very same status, note, flags and language; any
    field that differs (or a parameter that is not text) gives a part of its own, the
    part a fresh build gives."""
    import dataclasses

    from scrisk.assessment import document_build

    a, b = scrisk.assess(EXAMPLES[0]), scrisk.assess(EXAMPLES[0])
    assert a.document().clauses == b.document().clauses
    pairs = zip(a.document().clauses, b.document().clauses, a.clause_list, strict=True)
    shared = [x is y for x, y, c in pairs if all(type(v) is str for v in c.note_params.values())]
    assert shared and all(shared)
    c = next(
        c
        for c in a.clause_list
        if c.note_key and c.note_params and all(type(v) is str for v in c.note_params.values())
    )
    variants = [
        c,
        dataclasses.replace(c, status="fail" if c.status != "fail" else "pass"),
        dataclasses.replace(c, flags=(*c.flags, "COUNTRY:X:")),
        dataclasses.replace(c, note_params={**c.note_params, "extra": "x"}),
        dataclasses.replace(c, note_params={k: f"{v} (2)" for k, v in c.note_params.items()}),
        dataclasses.replace(c, source_key=""),
    ]
    seen = []
    for lang in ("en", "fr"):
        for v in variants:
            part = document_build._clause(v, lang)
            assert part == document_build._clause_doc(v, lang, tuple(v.flags))
            assert document_build._clause(v, lang) is part
            assert all(part is not other for other in seen)
            seen.append(part)
    odd = dataclasses.replace(c, note_params={**c.note_params, "n": 3})  # not all text
    assert document_build._clause(odd, "en") is not document_build._clause(odd, "en")
