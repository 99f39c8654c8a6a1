"""One declared field or list section, read by its FieldSpec, faults kept at their place.

The per-field checks :mod:`scrisk.readers.validate` builds a declaration from:
a value read by its kind, the plain fields of a section, the records of a list
section, a missing required value, the items of a list checked against a
vocabulary, and the "did you mean" hint for an unknown id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from scrisk.dates import parse_date
from scrisk.errors import Both, FaultCollector, field_label, msg
from scrisk.jsontext import parsed_keys
from scrisk.readers import values as v
from scrisk.readers.limits import MAX_LIST, MAX_TEXT
from scrisk.readers.locate import Locator, Where
from scrisk.schema import FieldSpec

# Fields each section checks by hand (ids, references, country, canonical
# order...); every other field of the section is read by ``read_field`` from its
# FieldSpec alone, so a field added to scrisk.schema is checked at once.
SPECIAL: dict[str, frozenset[str]] = {
    "solicitation": frozenset(),
    "goods": frozenset({"id", "description", "hs_code"}),
    "parties": frozenset({"id", "role", "country", "supplies_to", "goods"}),
    "s211": frozenset({"reporting_entity"}),
    # type: read as a token, not checked against its vocabulary (a rule flags it)
    "certifications": frozenset({"party", "type", "rights", "covers"}),
    "audits": frozenset({"party", "indicators"}),
}


def read_field(spec: FieldSpec, value: Any, where: Where, faults: FaultCollector) -> Any:
    """One declared value, checked by its field's kind; None when absent or faulty."""
    if spec.kind in ("text", "id"):
        return v.text(value, where, faults)
    if spec.kind in ("number", "integer"):
        return v.number(value, where, faults, integer=spec.kind == "integer")
    if spec.kind == "date":
        return v.iso_date(value, where, faults)
    if spec.kind == "choice":
        return v.choice(value, spec.vocab, where, faults, spec.label)
    if spec.kind in ("ids", "list"):
        return tuple(dict.fromkeys(item for _, item in v.items(value, where, faults)))
    raise ValueError(f"no reader for field {spec.name!r} of kind {spec.kind!r}")


def plain_fields(
    rec: Mapping[str, Any],
    section: str,
    fields: tuple[FieldSpec, ...],
    at: Callable[[str], Where],
    faults: FaultCollector,
) -> dict[str, Any]:
    """The section's fields not in SPECIAL, read in schema order.

    Most fields of most records are absent or plain text: those are read here at once
    (what ``read_field`` would give), the rest by ``read_field`` with their place."""
    out: dict[str, Any] = {}
    for f in plain_specs(section, fields):
        value = rec.get(f.name)
        if value is None and f.kind in ABSENT:
            out[f.name] = ABSENT[f.kind]
        elif f.kind in _TEXT and type(value) is str and "\r" not in value:
            out[f.name] = value.strip() or None
        else:
            out[f.name] = read_field(f, value, at(f.name), faults)
    return out


def plain_values(rec: Mapping[str, Any], specs: tuple[FieldSpec, ...]) -> dict[str, Any] | None:
    """:func:`plain_fields` of a record whose every value of ``specs`` reads as itself with
    no fault possible (absent, plain text, a list of plain text, a non-negative number, an
    ISO date), made with no ``Where`` and no per-field reader; None for any other value
    (:func:`plain_fields` then reads the record and says what is wrong), and for a text
    or list past the size limits (``limits.check_sizes`` says so). Records nothing."""
    texts, lists, others = _plan(specs)
    out: dict[str, Any] = {}
    get = rec.get
    for name, key in texts:  # most fields: plain text or absent
        value = get(key)
        if value is None:
            out[name] = None
        elif type(value) is str and "\r" not in value and len(value) <= MAX_TEXT:
            out[name] = value.strip() or None
        else:
            return None
    for name, key in lists:
        value = get(key)
        if value is None:
            out[name] = ()
        elif (found := plain_items(value)) is not None:
            out[name] = tuple(dict.fromkeys([t for _, t in found])) if found else ()
        else:
            return None
    for f in others:
        value = get(f.name)
        if value is None:
            out[f.name] = ABSENT[f.kind]
            continue
        kind = f.kind
        if kind == "integer" and type(value) is int and 0 <= value <= _EXACT:
            out[f.name] = value
        elif kind == "number" and type(value) in (int, float) and 0 <= value <= _EXACT:
            out[f.name] = float(value)
        elif kind == "date" and type(value) is str and len(value) <= MAX_TEXT:
            if not value.strip():
                out[f.name] = None
                continue
            try:
                out[f.name] = parse_date(value, with_time=True)
            except ValueError:
                return None
        else:
            return None
    return out


Names = tuple[tuple[str, str], ...]  # each field's name, and its key as loads gives it
_PLANS: dict[int, tuple[tuple[FieldSpec, ...], Names, Names, tuple[FieldSpec, ...]]] = {}


def _plan(specs: tuple[FieldSpec, ...]) -> tuple[Names, Names, tuple[FieldSpec, ...]]:
    """The names of ``specs``'s text fields and of its list fields, each with its key as
    ``jsontext.loads`` gives it (``parsed_keys``: a record's value found by a pointer
    comparison), and its other fields (worked out once per specs tuple)."""
    known = _PLANS.get(id(specs))
    if known is None or known[0] is not specs:
        named = [f.name for f in specs if f.kind in _TEXT]
        texts = tuple(zip(named, parsed_keys(*named), strict=True))
        named = [f.name for f in specs if f.kind in _LISTS]
        lists = tuple(zip(named, parsed_keys(*named), strict=True))
        others = tuple(f for f in specs if f.kind not in _TEXT and f.kind not in _LISTS)
        known = _PLANS[id(specs)] = (specs, texts, lists, others)
    return known[1:]


def plain_items(value: Any) -> list[tuple[int, str]] | None:
    """``values.items`` of an absent value or a list of plain text items (no line ending
    to rewrite); None for any other value, and for a list or an item past the size limits
    (``limits.check_sizes`` says so)."""
    if value is None:
        return []
    if type(value) is not list or len(value) > MAX_LIST:
        return None
    if len(value) == 1:  # the usual list: one item
        x = value[0]
        if type(x) is not str or "\n" in x or "\r" in x or len(x) > MAX_TEXT:
            return None
        return [(0, t)] if (t := x.strip()) else []
    for x in value:
        if type(x) is not str or "\n" in x or "\r" in x or len(x) > MAX_TEXT:
            return None
    return [(j, t) for j, x in enumerate(value) if (t := x.strip())]


# Past 2**53 a number read as a float is not the integer declared (the full reader says so)
_EXACT = 2**53
_LISTS = frozenset({"ids", "list"})

# what ``read_field`` gives for an absent value, by kind
ABSENT: dict[str, Any] = {
    "text": None,
    "id": None,
    "number": None,
    "integer": None,
    "date": None,
    "choice": None,
    "ids": (),
    "list": (),
}
_TEXT = frozenset({"text", "id"})


_SPECS: dict[tuple[str, int], tuple[tuple[FieldSpec, ...], tuple[FieldSpec, ...]]] = {}


def plain_specs(section: str, fields: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    """The fields of ``fields`` not in SPECIAL (worked out once per schema tuple)."""
    key = (section, id(fields))
    known = _SPECS.get(key)
    if known is None or known[0] is not fields:
        known = (fields, tuple(f for f in fields if f.name not in SPECIAL[section]))
        _SPECS[key] = known
    return known[1]


def list_records(
    data: Mapping[str, Any], key: str, section: str, locator: Locator, faults: FaultCollector
) -> list[tuple[int, Mapping[str, Any]]]:
    """The records of a list section, each a mapping; other shapes are faults."""
    raw = data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        faults.add(locator.at(section, field=key), "bad_type", f"{key} must be a list")
        return []
    out = []
    for i, rec in enumerate(raw):
        if type(rec) is dict or isinstance(rec, Mapping):  # a dict: no ABC check
            out.append((i, rec))
        else:
            faults.add(
                locator.at(section, i).with_field(key),
                "bad_type",
                msg("input.record.not_object", field=key, index=i),
            )
    return out


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def require(
    value: Any,
    section: str,
    index: int | None,
    field: str,
    locator: Locator,
    faults: FaultCollector,
    what: str,
) -> None:
    if value is None:
        faults.add(
            locator.at(section, index, field),
            "missing_field",
            msg("input.missing", what=named(what, field)),
        )


def hints(hint: str) -> dict[str, Both]:
    """The "did you mean" tail of a message, in both languages."""
    french = hint.replace(" (did you mean ", " (vouliez-vous dire ").replace("?)", "\u00a0?)")
    return {"hint": Both(hint, french)}


def named(what: str, field: str | None) -> Both:
    """What a message calls a field: its English noun, or the French template's heading."""
    return Both(what, field_label(field, "fr") if field else what)


class IdHint:
    """' (did you mean 'M1'?)' when an unknown id differs from a declared one only in case
    or spaces: the usual slip in a hand-filled sheet. The folded index is built once, on
    the first unknown id, so thousands of faults stay linear."""

    def __init__(self, ids: set[str] | None):
        self.ids = ids
        self.index: dict[str, list[str]] | None = None

    def __call__(self, name: str) -> str:
        if not self.ids:
            return ""
        if self.index is None:
            self.index = {}
            for i in sorted(self.ids):
                self.index.setdefault("".join(i.casefold().split()), []).append(i)
        close = self.index.get("".join(name.casefold().split()), [])
        return f" (did you mean {close[0]!r}?)" if len(close) == 1 else ""


def known_items(
    value: Any,
    vocabulary: tuple[str, ...],
    noun: str,
    section: str,
    i: int,
    field: str,
    locator: Locator,
    faults: FaultCollector,
) -> list[str]:
    """The items of a list field that are in ``vocabulary``; a fault for each other item."""
    known: list[str] = []
    for j, item in v.items(value, Where(locator, section, i, field), faults):
        key = v.token(item)
        if key in vocabulary:
            known.append(key)
        else:
            faults.add(
                locator.at(section, i, field, j),
                "bad_value",
                msg(
                    "input.unknown_item",
                    what=named(noun, field),
                    value=repr(item),
                    allowed=", ".join(vocabulary),
                ),
            )
    return known
