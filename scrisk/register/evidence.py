"""Which kept evidence bears on which flags of one assessment document (pure).

Evidence is matched to the document's parties by supplier (normalised name
and resolved country, as reviewer decisions are) and read on the document's
as-of date: ``valid`` (it counts), ``expired`` (it does not count, and the
entry says so) or ``not_yet`` (valid only from a later date). A valid origin
document for a material **settles** a ``CHAIN_GAP`` of that party whose
missing inputs include the material; no evidence settles anything else —
a ``WATCHLIST`` or ``REGION`` flag is cleared by a reviewer's decision only.
The entries go in the document under the key ``supplier_evidence`` (added;
no existing key changes), and the flags' levels and the score are left as
they are: evidence informs the officer, it does not re-score a bid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from scrisk.assessment.document import AssessmentDocument, FlagDoc
from scrisk.decisions import supplier_key
from scrisk.i18n import t
from scrisk.register.codec import SUPPLIER_EVIDENCE, Bearing, Evidence, FlagBorne

SETTLES = "CHAIN_GAP"  # the one rule evidence may settle (origin of a material)


def _inputs(flag: FlagDoc) -> set[str]:
    """The risk inputs a CHAIN_GAP flag says have no declared source."""
    found: set[str] = set()
    for e in flag.evidence:
        found |= {i.casefold() for i in e.about.inputs}
    return found


def _materials(text: str | None) -> set[str]:
    """The goods a declared material maps to (reference taxonomy), and the text itself."""
    if not text:
        return set()
    from scrisk.reference import get_reference

    return {text.casefold(), *(g.casefold() for g in get_reference().goods_for_material(text))}


Supplier = tuple[str, str]  # normalised name, resolved country: what evidence is kept by


def _kept_by(item: Evidence | Mapping[str, Any]) -> Supplier:
    if isinstance(item, Evidence):
        return (item.name_key or "", item.country or "")
    return (str(item.get("name_key") or ""), str(item.get("country") or ""))


def _parties(doc: AssessmentDocument | Mapping[str, Any]) -> dict[Supplier, list[str]]:
    """The document's party ids by supplier (named parties only)."""
    if isinstance(doc, AssessmentDocument):
        named = [(p.id, p.name, p.country) for p in doc.parties if p.name]
    else:  # its JSON form (a re-screen's): only the three keys read here are read
        named = [
            (p["id"], p["name"], p.get("country"))
            for p in doc.get("parties") or ()
            if p.get("name")
        ]
    out: dict[Supplier, list[str]] = {}
    for party, name, country in named:
        name_key, code, _ = supplier_key(name, country, "")
        out.setdefault((name_key, code), []).append(party)
    return out


def _flags(doc: AssessmentDocument | Mapping[str, Any], parties: set[str]) -> list[FlagDoc]:
    """The document's flags on ``parties`` (from its JSON form, only those are typed)."""
    if isinstance(doc, AssessmentDocument):
        return [f for f in doc.flags if f.party in parties]
    return [FlagDoc.from_dict(f) for f in doc.get("flags") or () if f.get("party") in parties]


def bearing(
    doc: AssessmentDocument | Mapping[str, Any],
    items: Iterable[Evidence | Mapping[str, Any]],
    *,
    lang: str = "en",
) -> list[Bearing]:
    """The evidence about this document's parties, each with the flags it bears on.

    ``doc``: the typed document, or its JSON form (only the parties' names and the flags
    of parties with evidence are read). ``items``: evidence as
    :meth:`Register.read_evidence` lists it (with ``name_key``), typed or as dicts.
    Sorted by party, then validity start, then id (the same bytes every run).
    """
    items = list(items)
    if not items:  # nothing kept: the document is not read
        return []
    by_key = _parties(doc)
    kept = [
        (item if isinstance(item, Evidence) else Evidence.from_dict(item), by_key[key])
        for item in items
        if (key := _kept_by(item)) in by_key
    ]
    if not kept:
        return []
    flags_of: dict[str, list[FlagDoc]] = {}
    for f in _flags(doc, {party for _, parties in kept for party in parties}):
        flags_of.setdefault(f.party or "", []).append(f)
    as_of = doc.as_of if isinstance(doc, AssessmentDocument) else str(doc.get("as_of") or "")
    out = []
    for item, parties in kept:
        for party in parties:
            status = item.status_on(as_of)
            flags = tuple(
                FlagBorne(
                    f.rule,
                    f.good,
                    status == "valid"
                    and item.kind == "origin"
                    and f.rule == SETTLES
                    and bool(_materials(item.material) & _inputs(f)),
                )
                for f in flags_of.get(party, ())
            )
            out.append(
                Bearing(
                    id=item.id,
                    supplier=item.supplier,
                    country=item.country,
                    kind=item.kind,
                    issuer=item.issuer,
                    scheme=item.scheme,
                    material=item.material,
                    valid_from=item.valid_from,
                    valid_to=item.valid_to,
                    file_sha256=item.file_sha256,
                    party=party,
                    status=status,
                    counts=status == "valid",
                    flags=flags,
                    note=note(item, status, flags, lang=lang),
                )
            )
    out.sort(key=lambda e: (e.party, e.valid_from, e.id))
    return out


def note(item: Evidence, status: str, flags: Iterable[FlagBorne], *, lang: str) -> str:
    """One sentence: what the evidence is, whether it counts on the date, what it settles."""
    what = t(f"life.evidence.kind.{item.kind}", lang)
    scheme = f" {item.scheme}" if item.scheme else ""
    head = t(
        f"life.evidence.{status}",
        lang,
        what=what + scheme,
        issuer=item.issuer,
        start=item.valid_from,
        end=item.valid_to,
    )
    settled = sorted({f"{f.rule}/{f.good or '-'}" for f in flags if f.settles})
    if settled:
        head += " " + t("life.evidence.settles", lang, flags=", ".join(settled))
    return head


def attach(
    doc: Mapping[str, Any],
    items: Iterable[Evidence | Mapping[str, Any]],
    *,
    lang: str = "en",
    typed: AssessmentDocument | None = None,
) -> dict[str, Any]:
    """``doc`` with its ``supplier_evidence`` (a new dict; none found: the key is left out).
    ``typed``: the same document typed, when the caller has it (read instead of ``doc``)."""
    found = bearing(typed if typed is not None else doc, items, lang=lang)
    return {**doc, SUPPLIER_EVIDENCE: [b.to_dict() for b in found]} if found else dict(doc)


__all__ = ["SETTLES", "attach", "bearing", "note"]
