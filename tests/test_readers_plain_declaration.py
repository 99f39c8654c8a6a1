"""A declaration whose party records are all plain is read in one pass (readers/plain.py);
any other, and every faulty one, is read the usual way. Either way the same declaration,
each party with its source, and the same faults in the same order. Records are made by
readers/makers.py: the same objects the frozen classes make."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from scrisk.errors import DeclarationError, Location
from scrisk.model import Certification, Declaration, Good, Party, Solicitation
from scrisk.readers import attestations, parties, plain, validate
from scrisk.readers.limits import MAX_LINKS, MAX_LIST, MAX_TEXT
from scrisk.readers.locate import JsonLocator
from scrisk.readers.makers import maker
from scrisk.readers.validate import declaration_from_dict

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GLOVE = EXAMPLES / "glove_bid.json"
LONG = "x" * (MAX_TEXT + 1)


def _read(doc: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """The declaration read (its repr; each party's source and each record's class), or
    the faults with their reason and words in both languages."""
    try:
        decl = declaration_from_dict(copy.deepcopy(doc), locator=JsonLocator("x.json"))
    except DeclarationError as e:
        return "", [f"{f.reason} {f} {f.render('fr')}" for f in e.faults], []
    records = [decl, decl.solicitation, *decl.parties, *decl.certifications]
    return (
        repr(decl),
        [repr(p.source) for p in decl.parties],
        [type(r).__qualname__ for r in records],
    )


def _both_paths(read: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Assert ``read()`` gives the same with the one-pass path offered and without it;
    gives, for each offer, whether the one-pass path read the declaration."""
    taken: list[bool] = []
    real = plain.plain_declaration

    def spy(*a: Any) -> Declaration | None:
        found = real(*a)
        taken.append(found is not None)
        return found

    with monkeypatch.context() as m:
        m.setattr(validate, "plain_declaration", spy)
        fast = read()
    with monkeypatch.context() as m:
        m.setattr(validate, "plain_declaration", lambda *a: None)
        usual = read()
    assert fast == usual
    return taken


def _same_as_usual_path(doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bool:
    """Assert both paths agree; whether the one-pass path read the declaration."""
    return _both_paths(lambda: _read(doc), monkeypatch) == [True]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_read_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_as_usual_path(json.loads(path.read_text(encoding="utf-8")), monkeypatch)


def _glove() -> dict[str, Any]:
    return json.loads(GLOVE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _party(field: str, value: Any, index: int = 2) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["parties"][index][field] = value

    return change


def _set(change: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], None]:
    def run(doc: dict[str, Any]) -> None:
        change(doc)

    return run


def _sol(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["solicitation"][field] = value

    return change


def _good(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["solicitation"]["goods"][0][field] = value

    return change


# (change, read in one pass?) each past a limit or otherwise unusual in the parties
CHANGES: list[tuple[str, Callable[[dict[str, Any]], None], bool]] = [
    ("unchanged", _set(lambda d: None), True),
    ("long name", _party("name", LONG), False),
    ("name at the limit", _party("name", "y" * MAX_TEXT), True),
    ("long id", _party("id", LONG), False),
    ("long role", _party("role", LONG), False),
    ("long country", _party("country", LONG), False),
    ("long material", _party("materials", [LONG]), False),
    ("many materials", _party("materials", ["m"] * (MAX_LIST + 1)), False),
    ("long goods item", _party("goods", [LONG]), False),
    ("many supplies_to", _party("supplies_to", ["B"] * (MAX_LIST + 1)), False),
    ("long unknown key", _party("note", LONG), False),
    ("short unknown key", _party("note", "a note"), False),
    ("unknown key with a long list item", _party("tags", [LONG]), False),
    ("s211 report", _party("s211", {"reporting_entity": True}), False),
    ("s211 long url", _party("s211", {"url": LONG}), False),
    ("workers as text", _party("workers", "12"), False),
    ("duplicate id", _party("id", "B"), False),
    ("second bidder", _party("role", "bidder"), False),
    ("unknown supplies_to", _party("supplies_to", ["NOPE"]), False),
    ("unknown good", _party("goods", ["NOPE"]), False),
    ("record not an object", _set(lambda d: d["parties"].append("P9")), False),
    ("no parties", _set(lambda d: d.pop("parties")), False),
    ("parties not a list", _set(lambda d: d.update(parties={})), False),
    ("wrong format", _set(lambda d: d.update(format="other/1")), False),
    ("an audit", _set(lambda d: d.update(audits=[{"party": "B"}])), False),
    ("audits not a list", _set(lambda d: d.update(audits="none")), False),
    ("long solicitation title", _set(lambda d: d["solicitation"].update(title=LONG)), False),
    ("long good unit", _set(lambda d: d["solicitation"]["goods"][0].update(unit=LONG)), False),
    (
        "long certification signatory",
        _set(lambda d: d["certifications"][0].update(signatory=LONG)),
        False,
    ),
    ("certification of nobody", _set(lambda d: d["certifications"][0].update(party="NOPE")), False),
    ("no certifications", _set(lambda d: d.pop("certifications")), True),
    *[
        (f"solicitation {field} {value!r}", _sol(field, value), plain_path)
        for field, value, plain_path in [
            ("category", "", False),
            ("category", " Apparel ", True),
            ("category", "PPE", True),
            ("category", "boots", False),
            ("category", 5, False),
            ("category", None, False),
            ("instrument", "", True),
            ("instrument", "Standing offer", True),
            ("instrument", "bogus", False),
            ("instrument", LONG, False),
            ("closing_date", "  ", False),
            ("closing_date", "2024-13-01", False),
            ("closing_date", "2024-02-01T00:00:00Z", True),
            ("contract_date", "2024-03-01", True),
            ("contract_date", "", True),
            ("value_cad", -1, False),
            ("value_cad", "1,000", False),
            ("value_cad", 2.5, True),
            ("id", " S-1 ", True),
            ("id", "", False),
            ("id", 12, False),
            ("title", LONG, False),
            ("title", "a\r\nb", False),
            ("note", "unknown", False),
            ("goods", [], False),
            ("goods", {}, False),
            ("goods", ["G1"], False),
        ]
    ],
    *[
        (f"good {field} {value!r}", _good(field, value), plain_path)
        for field, value, plain_path in [
            ("hs_code", "6109.10", True),
            ("hs_code", " 4015 19 ", True),
            ("hs_code", "", True),
            ("hs_code", 6109.1, False),
            ("hs_code", "12", False),
            ("hs_code", "61a9", False),
            ("hs_code", LONG, False),
            ("id", " G1 ", True),
            ("id", "", False),
            ("description", "  ", False),
            ("description", LONG, False),
            ("quantity", "12", False),
            ("quantity", 12, True),
            ("unit", LONG, False),
            ("note", "unknown", False),
        ]
    ],
    (
        "duplicate good",
        _set(lambda d: d["solicitation"]["goods"].append(dict(d["solicitation"]["goods"][0]))),
        False,
    ),
    (
        "long certification type",
        _set(lambda d: d["certifications"][0].update(type=LONG)),
        False,
    ),
    (
        "unknown key in a certification",
        _set(lambda d: d["certifications"][0].update(note="a note")),
        False,
    ),
    (
        "long right (a known one padded)",
        _set(lambda d: d["certifications"][0].update(rights=["wages" + " " * MAX_TEXT])),
        False,
    ),
    (
        "many rights",
        _set(lambda d: d["certifications"][0].update(rights=["wages"] * (MAX_LIST + 1))),
        False,
    ),
    (
        "covers",
        _set(lambda d: d["certifications"][0].update(covers=[d["parties"][1]["id"]])),
        True,
    ),
    (
        "long covers item",
        _set(lambda d: d["certifications"][0].update(covers=[LONG])),
        False,
    ),
    ("certification not an object", _set(lambda d: d["certifications"].append(3)), False),
    ("certifications not a list", _set(lambda d: d.update(certifications={})), False),
]


@pytest.mark.parametrize(
    ("change", "plain_path"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES]
)
def test_changed_glove_reads_alike(
    change: Callable[[dict[str, Any]], None], plain_path: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _glove()
    change(doc)
    assert _same_as_usual_path(doc, monkeypatch) is plain_path


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_records_by_keyword_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parties and certifications made by position (the usual) or by keyword (when a
    field is added to the schema) are the same."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    for cert in (doc.get("certifications") or [])[:1]:
        cert["covers"] = [doc["parties"][0]["id"]]
    by_position = _read(doc)
    monkeypatch.setattr(parties, "_POSITIONAL", False)
    monkeypatch.setattr(attestations, "_POSITIONAL", False)
    assert _read(doc) == by_position


def test_too_many_links_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _glove()
    per = MAX_LIST
    extra = MAX_LINKS // per + 1
    for k in range(extra):
        doc["parties"].append(
            {"id": f"X{k}", "role": "agent", "country": "CA", "supplies_to": ["B"] * per}
        )
    assert _same_as_usual_path(doc, monkeypatch) is False


def test_deep_chain_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_TIERS + 1 parties the depth check runs: a chain too deep is a fault."""
    doc = _glove()
    previous = "B"
    for k in range(120):
        doc["parties"].append({"id": f"C{k}", "role": "agent", "supplies_to": [previous]})
        previous = f"C{k}"
    assert _same_as_usual_path(doc, monkeypatch) is False
    doc["parties"] = doc["parties"][:-20]  # 100 links below the bidder: within the limit
    assert _same_as_usual_path(doc, monkeypatch) is True


LOC = Location(file="x.json", path="$.parties[1]")
OBJECTS: list[tuple[type[Any], tuple[Any, ...], dict[str, Any]]] = [
    (Party, ("P1", "manufacturer"), {"country": "CA", "supplies_to": ("B",), "source": LOC}),
    (Certification, ("B", "ethical_procurement", ("wages",)), {"signed_on": date(2024, 1, 2)}),
    (Good, ("G1", "gloves"), {"quantity": 5.0}),
    (Solicitation, ("S1", "gloves", date(2024, 1, 1), ()), {"value_cad": 10.0}),
]


@pytest.mark.parametrize(
    ("cls", "args", "kwargs"), OBJECTS, ids=lambda x: getattr(x, "__name__", "")
)
def test_maker_makes_the_same_object(
    cls: type[Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    make = maker(cls)
    assert make is not cls
    made, real = make(*args, **kwargs), cls(*args, **kwargs)
    assert type(made) is cls
    assert made == real and hash(made) == hash(real) and repr(made) == repr(real)
    for f in dataclasses.fields(cls):
        assert getattr(made, f.name) is getattr(real, f.name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.__setattr__(dataclasses.fields(cls)[0].name, "changed")
    with pytest.raises(TypeError):
        make()


def test_maker_leaves_a_class_it_does_not_fit() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        n: int

        def __post_init__(self) -> None:
            if self.n < 0:
                raise ValueError(self.n)

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        n: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Listed:
        items: list[int] = dataclasses.field(default_factory=list)

    assert maker(Checked) is Checked
    assert maker(NoSlots) is NoSlots
    assert maker(Listed) is Listed


@pytest.mark.parametrize(
    "path",
    sorted([*EXAMPLES.glob("*.json"), *EXAMPLES.glob("*.xlsx")]),
    ids=lambda p: p.name,
)
def test_files_read_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's declaration (JSON or workbook, read with a fault collector of its own) is
    the same whether its records are read in one pass or the usual way."""
    from scrisk.readers import load_declaration

    def read() -> tuple[str, list[str]]:
        decl = load_declaration(path)
        return repr((decl, decl.source)), [repr(p.source) for p in decl.parties]

    taken = _both_paths(read, monkeypatch)
    assert taken  # offered the one-pass read
