"""Raw JSON-shaped dict + locator -> :class:`Declaration`, every fault in one pass.

Both readers hand their input here as the JSON form of the declaration, with
a locator that knows where each value came from. Validation is lazy in
pandera's sense: it never stops at the first fault; it records each one with
its location and raises a single :class:`DeclarationError` at the end.

Missing name, address or country on a party is *not* a fault: the
place-of-work rule flags it. Unknown extra keys are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from scrisk import schema
from scrisk.countries import near_country, resolve_country
from scrisk.errors import Fault, FaultCollector
from scrisk.model import (
    FORMAT,
    ILO_INDICATORS,
    RIGHTS,
    ROLES,
    Audit,
    Certification,
    Declaration,
    Good,
    Party,
    S211Report,
    Solicitation,
)
from scrisk.readers import values as v
from scrisk.readers.locate import Locator, Where
from scrisk.readers.schema import NO, YES
from scrisk.schema import FieldSpec

# Fields each section checks by hand (ids, references, country, canonical
# order...); every other field of the section is read by ``_read`` from its
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


def _read(spec: FieldSpec, value: Any, where: Where, faults: FaultCollector) -> Any:
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


def _plain(
    rec: Mapping[str, Any],
    section: str,
    fields: tuple[FieldSpec, ...],
    at: Callable[[str], Where],
    faults: FaultCollector,
) -> dict[str, Any]:
    """The section's fields not in SPECIAL, read in schema order."""
    skip = SPECIAL[section]
    return {
        f.name: _read(f, rec.get(f.name), at(f.name), faults) for f in fields if f.name not in skip
    }


def _records(
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
        if isinstance(rec, Mapping):
            out.append((i, rec))
        else:
            faults.add(
                locator.at(section, i).with_field(key), "bad_type", f"{key}[{i}] must be an object"
            )
    return out


_SECTION_RANK = {"solicitation": 1, "goods": 2, "parties": 3, "certifications": 4, "audits": 5}
_PATH_SECTION = re.compile(r"^\$\.(?:solicitation\.)?(goods|parties|certifications|audits)")
_INDEX = re.compile(r"\[(\d+)\]")


def _document_order(fault: Fault) -> tuple[int, int, tuple[int, ...]]:
    """Faults listed as the officer reads the file: section, then row or list position."""
    loc = fault.location
    if loc.path is not None:
        m = _PATH_SECTION.match(loc.path)
        section = m.group(1) if m else "solicitation" if loc.path != "$" else ""
        return _SECTION_RANK.get(section, 0), 0, tuple(map(int, _INDEX.findall(loc.path)))
    sheet = (loc.sheet or "").casefold()
    rank = next((r for name, r in _SECTION_RANK.items() if sheet and name in sheet), 0)
    return rank, loc.row or 0, ()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _required(
    value: Any,
    section: str,
    index: int | None,
    field: str,
    locator: Locator,
    faults: FaultCollector,
    what: str,
) -> None:
    if value is None:
        faults.add(locator.at(section, index, field), "missing_field", f"{what} is missing")


def _solicitation(
    data: Mapping[str, Any],
    locator: Locator,
    faults: FaultCollector,
    *,
    goods_unusable: bool = False,
) -> tuple[dict[str, Any], list[Good]]:
    raw = data.get("solicitation")
    if not isinstance(raw, Mapping):
        reason = "missing_field" if raw is None else "bad_type"
        faults.add(
            locator.at("root", field="solicitation"),
            reason,
            "solicitation is missing" if raw is None else "solicitation must be an object",
        )
        raw = {}

    def at(field: str) -> Where:
        return Where(locator, "solicitation", None, field)

    sol = _plain(raw, "solicitation", schema.SOLICITATION_FIELDS, at, faults)
    for spec in schema.SOLICITATION_FIELDS:
        if spec.required and _blank(raw.get(spec.name)):
            _required(None, "solicitation", None, spec.name, locator, faults, spec.label)

    goods: list[Good] = []
    seen: set[str] = set()
    records = _records(raw, "goods", "goods", locator, faults)
    if not records and not goods_unusable:
        faults.add(
            locator.at("solicitation", field="goods"),
            "no_goods",
            "the solicitation declares no goods (at least one is required)",
        )
    for i, rec in records:

        def gat(field: str, i: int = i) -> Where:
            return Where(locator, "goods", i, field)

        gid = v.text(rec.get("id"), gat("id"), faults)
        desc = v.text(rec.get("description"), gat("description"), faults)
        if gid is None:
            _required(None, "goods", i, "id", locator, faults, "good id")
        elif gid in seen:
            faults.add(
                gat("id").location(), "duplicate_id", f"good id {gid!r} is declared more than once"
            )
        if desc is None:
            _required(None, "goods", i, "description", locator, faults, "good description")
        good = Good(
            id=gid or "",
            description=desc or "",
            hs_code=v.hs_code(rec.get("hs_code"), gat("hs_code"), faults),
            **_plain(rec, "goods", schema.GOOD_FIELDS, gat, faults),
        )
        if gid is not None and gid not in seen:
            seen.add(gid)
            goods.append(good)
    return sol, goods


class _Hint:
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


def _country_code(
    text: str | None, cache: dict[str, Any]
) -> tuple[str | None, bool, tuple[str, ...]]:
    """(ISO code, read from a near-miss spelling?, suggestions when unresolved)."""
    if text is None:
        return None, False, ()
    if text not in cache:
        code = resolve_country(text)
        if code is not None:
            cache[text] = (code, False, ())
        else:
            near = near_country(text)
            cache[text] = (near.code, near.code is not None, near.suggestions)
    return cache[text]  # type: ignore[no-any-return]


def _parties(
    data: Mapping[str, Any],
    locator: Locator,
    faults: FaultCollector,
    good_ids: set[str] | None,
    *,
    check_bidder: bool,
) -> list[Party]:
    records = _records(data, "parties", "parties", locator, faults)
    parties: list[Party] = []
    ids: set[str] = set()
    pending: list[tuple[int, list[tuple[int, str]]]] = []  # supplies_to checked after all ids
    countries: dict[str, Any] = {}  # declared text -> (ISO code, near, suggestions), once
    good_hint, party_hint = _Hint(good_ids), _Hint(ids)
    for i, rec in records:

        def at(field: str, i: int = i) -> Where:
            return Where(locator, "parties", i, field)

        pid = v.text(rec.get("id"), at("id"), faults)
        if pid is None:
            _required(None, "parties", i, "id", locator, faults, "party id")
        elif pid in ids:
            faults.add(
                at("id").location(), "duplicate_id", f"party id {pid!r} is declared more than once"
            )
        role = v.choice(rec.get("role"), ROLES, at("role"), faults, "role")
        if _blank(rec.get("role")):
            _required(None, "parties", i, "role", locator, faults, f"role of party {pid!r}")
        supplies = v.items(rec.get("supplies_to"), at("supplies_to"), faults)
        made = v.items(rec.get("goods"), at("goods"), faults)
        for j, gid in made:
            if good_ids is not None and gid not in good_ids:
                faults.add(
                    locator.at("parties", i, "goods", j),
                    "unknown_id",
                    f"goods names {gid!r}, which is not a declared good id{good_hint(gid)}",
                )
        country = v.text(rec.get("country"), at("country"), faults)
        code, near, suggestions = _country_code(country, countries)
        plain = _plain(rec, "parties", schema.PARTY_FIELDS, at, faults)
        party = Party(
            id=pid or "",
            role=role or "",
            country=country,
            country_code=code,
            country_near=near,
            country_suggestions=suggestions,
            supplies_to=tuple(dict.fromkeys(s for _, s in supplies)),
            goods=tuple(dict.fromkeys(g for _, g in made)),
            **plain,
            s211=_s211(rec.get("s211"), at, faults),
            source=locator.at("parties", i),
        )
        pending.append((i, supplies))
        if pid is not None and pid not in ids:
            ids.add(pid)
            parties.append(party)
    for i, supplies in pending:
        for j, target in supplies:
            if target not in ids:
                faults.add(
                    locator.at("parties", i, "supplies_to", j),
                    "unknown_id",
                    f"supplies_to names {target!r}, which is not a declared party id"
                    f"{party_hint(target)}",
                )
    bidders = [p.id for p in parties if p.role == "bidder"]
    if len(bidders) != 1 and check_bidder:
        found = ", ".join(repr(b) for b in bidders) or "none"
        faults.add(
            locator.at("parties", field="role"),
            "bidder_count",
            f"exactly one party must have role 'bidder'; found {len(bidders)} ({found})",
        )
    return parties


def _s211(raw: Any, at: Callable[[str], Where], faults: FaultCollector) -> S211Report | None:
    """The optional Supply Chains Act report of a party (every key optional)."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        faults.add(
            at("s211").location(),
            "bad_type",
            "s211 must be an object with reporting_entity, year, filed_on, url",
        )
        return None
    keys = tuple(f.name for f in schema.S211_FIELDS)
    for key in sorted(set(raw) - set(keys)):
        faults.add(
            at(f"s211.{key}").location(),
            "bad_value",
            f"unknown s211 key {key!r}; expected: {', '.join(keys)}",
        )
    flag = raw.get("reporting_entity")
    entity: bool | None = None
    if isinstance(flag, bool):
        entity = flag
    elif flag is not None and not (isinstance(flag, str) and not flag.strip()):
        word = " ".join(str(flag).strip().casefold().split())
        if word in YES:
            entity = True
        elif word in NO:
            entity = False
        else:
            faults.add(
                at("s211.reporting_entity").location(),
                "bad_value",
                f"s211.reporting_entity must be true or false (Y or N), not {flag!r}",
            )
    report = S211Report(
        reporting_entity=entity,
        **_plain(raw, "s211", schema.S211_FIELDS, lambda f: at(f"s211.{f}"), faults),
    )
    return None if report == S211Report() else report


def _party_ref(
    rec: Mapping[str, Any],
    section: str,
    i: int,
    locator: Locator,
    faults: FaultCollector,
    ids: set[str] | None,
    hint: _Hint,
) -> str | None:
    loc = Where(locator, section, i, "party")
    pid = v.text(rec.get("party"), loc, faults)
    if pid is None:
        _required(None, section, i, "party", locator, faults, "party id")
    elif ids is not None and pid not in ids:
        faults.add(
            loc.location(),
            "unknown_id",
            f"party names {pid!r}, which is not a declared party id{hint(pid)}",
        )
    return pid


def _known_items(
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
                f"unknown {noun} {item!r}; expected one of: {', '.join(vocabulary)}",
            )
    return known


def _certifications(
    data: Mapping[str, Any], locator: Locator, faults: FaultCollector, ids: set[str] | None
) -> list[Certification]:
    out = []
    hint = _Hint(ids)
    for i, rec in _records(data, "certifications", "certifications", locator, faults):

        def at(field: str, i: int = i) -> Where:
            return Where(locator, "certifications", i, field)

        pid = _party_ref(rec, "certifications", i, locator, faults, ids, hint)
        ctype = v.text(rec.get("type"), at("type"), faults)
        if ctype is None:
            _required(None, "certifications", i, "type", locator, faults, "certification type")
        if "rights" not in rec:
            _required(
                None,
                "certifications",
                i,
                "rights",
                locator,
                faults,
                "rights (the list of rights affirmed)",
            )
        declared = set(
            _known_items(
                rec.get("rights"), RIGHTS, "right", "certifications", i, "rights", locator, faults
            )
        )
        out.append(
            Certification(
                party=pid or "",
                type=v.token(ctype) if ctype else "",
                rights=tuple(r for r in RIGHTS if r in declared),  # canonical order
                **_plain(rec, "certifications", schema.CERTIFICATION_FIELDS, at, faults),
                covers=_covers(rec.get("covers"), i, locator, faults, ids, hint),
            )
        )
    return out


def _covers(
    value: Any, i: int, locator: Locator, faults: FaultCollector, ids: set[str] | None, hint: _Hint
) -> tuple[str, ...] | None:
    """Party ids a certification covers; blank or empty = not said (None)."""
    items = v.items(value, Where(locator, "certifications", i, "covers"), faults)
    for j, pid in items:
        if ids is not None and pid not in ids:
            faults.add(
                locator.at("certifications", i, "covers", j),
                "unknown_id",
                f"covers names {pid!r}, which is not a declared party id{hint(pid)}",
            )
    return tuple(dict.fromkeys(p for _, p in items)) or None


def _audits(
    data: Mapping[str, Any], locator: Locator, faults: FaultCollector, ids: set[str] | None
) -> list[Audit]:
    out = []
    hint = _Hint(ids)
    for i, rec in _records(data, "audits", "audits", locator, faults):

        def at(field: str, i: int = i) -> Where:
            return Where(locator, "audits", i, field)

        pid = _party_ref(rec, "audits", i, locator, faults, ids, hint)
        indicators = _known_items(
            rec.get("indicators"),
            ILO_INDICATORS,
            "ILO indicator",
            "audits",
            i,
            "indicators",
            locator,
            faults,
        )
        out.append(
            Audit(
                party=pid or "",
                **_plain(rec, "audits", schema.AUDIT_FIELDS, at, faults),
                indicators=tuple(dict.fromkeys(indicators)),
            )
        )
    return out


def declaration_from_dict(
    data: Any,
    *,
    locator: Locator,
    faults: FaultCollector | None = None,
    source: str | None = None,
    unusable: frozenset[str] = frozenset(),
) -> Declaration:
    """Validate the JSON form of a declaration; raise one DeclarationError with every fault.

    ``unusable`` names sections (``goods``, ``parties``, ...) a reader already
    reported as unreadable (e.g. a sheet without its header): they are not
    checked again and references into them are not reported as unknown.
    """
    faults = faults if faults is not None else FaultCollector()
    if not isinstance(data, Mapping):
        faults.add(
            locator.at("root"),
            "wrong_format",
            "a declaration must be a JSON object with 'solicitation' and 'parties'",
        )
        faults.raise_if_any()
        raise AssertionError("unreachable")  # pragma: no cover
    from scrisk.readers.limits import check_depth, check_sizes

    if not check_sizes(data, locator, faults):  # refused before any costly step
        faults.raise_if_any()
    fmt = data.get("format")
    if fmt is not None and fmt != FORMAT:
        faults.add(
            locator.at("root", field="format"), "wrong_format", f"format {fmt!r} is not {FORMAT!r}"
        )
    sol, goods = _solicitation(data, locator, faults, goods_unusable="goods" in unusable)
    if data.get("parties") is None:
        faults.add(locator.at("root", field="parties"), "missing_field", "parties is missing")
    # When a whole section is unusable, references into it are not checked:
    # one fault at the cause, not a cascade of "unknown id" faults.
    sol_raw = data.get("solicitation")
    goods_ok = (
        isinstance(sol_raw, Mapping)
        and isinstance(sol_raw.get("goods"), list)
        and "goods" not in unusable
    )
    parties_ok = isinstance(data.get("parties"), list) and "parties" not in unusable
    parties = _parties(
        data, locator, faults, {g.id for g in goods} if goods_ok else None, check_bidder=parties_ok
    )
    ids = {p.id for p in parties} if parties_ok else None
    if not faults:
        check_depth(parties, locator, faults)
    certifications = _certifications(data, locator, faults, ids)
    audits = _audits(data, locator, faults, ids)
    faults.faults.sort(key=_document_order)
    faults.raise_if_any()
    return Declaration(
        solicitation=Solicitation(
            id=sol["id"],
            category=sol["category"],
            closing_date=sol["closing_date"],
            goods=tuple(goods),
            title=sol["title"],
            value_cad=sol["value_cad"],
            instrument=sol["instrument"],
        ),
        parties=tuple(parties),
        certifications=tuple(certifications),
        audits=tuple(audits),
        source=source,
    )


__all__ = ["declaration_from_dict"]
