"""A declaration whose party and certification records are all plain, read in one pass.

:func:`scrisk.readers.validate.declaration_from_dict` first walks the whole
declaration for values past the size limits (``limits.check_sizes``), then reads
each section. For the usual declaration (a stored one a re-screen reads again,
most files) the party and certification records, twenty times the rest, need not
be walked twice: a record holding only its section's fields, each plain (what
``parties._plain_party`` and ``attestations._plain_certification`` read, which
also refuse any value past a limit), is checked and read at once. Anything else,
and any fault, gives None: the caller then reads the declaration as before, faults
and all, so a faulty declaration is told exactly what it was told before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from scrisk import schema
from scrisk.errors import FaultCollector
from scrisk.jsontext import parsed_keys
from scrisk.model import FORMAT, Certification, Declaration, Party, Solicitation
from scrisk.readers import attestations
from scrisk.readers import parties as party_reader
from scrisk.readers.fields import plain_specs
from scrisk.readers.limits import (
    MAX_LINKS,
    MAX_PARTIES,
    MAX_RECORDS,
    MAX_TIERS,
    check_depth,
)
from scrisk.readers.locate import Locator
from scrisk.readers.makers import maker
from scrisk.readers.solicitation import plain_solicitation

# The keys a party record may hold for the one-pass read (each checked for size by
# ``_plain_party``); a record with any other key is read the usual way. The keys as
# jsontext.loads gives them (parsed_keys): each of a record's found by a pointer comparison.
_PARTY_KEYS = frozenset(parsed_keys(*(f.name for f in schema.PARTY_FIELDS), "s211"))
_CERTIFICATION_KEYS = frozenset(parsed_keys(*(f.name for f in schema.CERTIFICATION_FIELDS)))
_DECLARATION, _SOLICITATION = maker(Declaration), maker(Solicitation)


def plain_declaration(data: Any, locator: Locator, source: str | None) -> Declaration | None:
    """What ``declaration_from_dict(data, locator=locator, source=source)`` returns for a
    declaration with no fault, no audit, and every party and certification record plain;
    None for any other (nothing recorded: the caller reads it the usual way)."""
    if type(data) is not dict:
        return None
    fmt = data.get("format")
    sol_raw, raw = data.get("solicitation"), data.get("parties")
    certs, audits = data.get("certifications"), data.get("audits")
    if fmt is not None and fmt != FORMAT:
        return None
    if type(sol_raw) is not dict or type(raw) is not list or len(raw) > MAX_PARTIES:
        return None
    if audits is not None and (type(audits) is not list or audits):
        return None
    if certs is not None and (type(certs) is not list or len(certs) > MAX_RECORDS):
        return None
    read = plain_solicitation(sol_raw)
    if read is None:
        return None
    sol, goods = read
    good_ids = {g.id for g in goods}
    parties: list[Party] = []
    ids: set[str] = set()
    countries: dict[str, Any] = {}
    specs = plain_specs("parties", schema.PARTY_FIELDS)
    links = bidders = 0
    keys, plain_party = _PARTY_KEYS, party_reader._plain_party
    for i, rec in enumerate(raw):
        if type(rec) is not dict or not rec.keys() <= keys:
            return None
        fast = plain_party(rec, i, locator, good_ids, ids, countries, specs)
        if fast is None:
            return None
        party = fast[0]
        to = rec.get("supplies_to")
        if to is not None:
            links += len(to)
        if party.role == "bidder":
            bidders += 1
        ids.add(party.id)
        parties.append(party)
    if links > MAX_LINKS or bidders != 1:
        return None
    for p in parties:
        for target in p.supplies_to:
            if target not in ids:
                return None
    if len(parties) > MAX_TIERS + 1:  # a chain past MAX_TIERS needs more parties
        faults = FaultCollector()
        check_depth(parties, locator, faults)
        if faults:
            return None
    certifications: list[Certification] = []
    keys, plain_certification = _CERTIFICATION_KEYS, attestations._plain_certification
    specs = plain_specs("certifications", schema.CERTIFICATION_FIELDS)
    for rec in certs or ():
        if type(rec) is not dict or not rec.keys() <= keys:
            return None
        cert = plain_certification(rec, ids, specs)
        if cert is None:
            return None
        certifications.append(cert)
    return declaration_of(sol, goods, parties, certifications, (), source)


def declaration_of(
    sol: Mapping[str, Any],
    goods: Sequence[Any],
    parties: Sequence[Party],
    certifications: Sequence[Certification],
    audits: Sequence[Any],
    source: str | None,
) -> Declaration:
    """The Declaration of sections already read (the solicitation's fields as read)."""
    return _DECLARATION(
        solicitation=_SOLICITATION(
            id=sol["id"],
            category=sol["category"],
            closing_date=sol["closing_date"],
            goods=tuple(goods),
            title=sol["title"],
            value_cad=sol["value_cad"],
            instrument=sol["instrument"],
            contract_date=sol.get("contract_date"),
        ),
        parties=tuple(parties),
        certifications=tuple(certifications),
        audits=tuple(audits),
        source=source,
    )


__all__ = ["declaration_of", "plain_declaration"]
