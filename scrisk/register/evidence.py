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

from collections.abc import Iterable

from scrisk.assessment.document import AssessmentDocument, FlagDoc, document_of
from scrisk.decisions import supplier_key
from scrisk.i18n import t
from scrisk.jsontypes import JsonObject, JsonValue
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


def _parties(doc: AssessmentDocument) -> dict[Supplier, list[str]]:
    """The document's party ids by supplier (named parties only)."""
    out: dict[Supplier, list[str]] = {}
    for p in doc.parties:
        if p.name:
            name_key, code, _ = supplier_key(p.name, p.country, "")
            out.setdefault((name_key, code), []).append(p.id)
    return out


def bearing(
    doc: AssessmentDocument | JsonObject,
    items: Iterable[Evidence | JsonObject],
    *,
    lang: str = "en",
) -> list[Bearing]:
    """The evidence about this document's parties, each with the flags it bears on.

    ``doc``: the typed document, or its JSON form (read back typed). ``items``: evidence
    as :meth:`Register.read_evidence` lists it (with ``name_key``), typed or as dicts.
    Sorted by party, then validity start, then id (the same bytes every run).
    """
    typed = [i if isinstance(i, Evidence) else Evidence.from_dict(i) for i in items]
    if not typed:  # nothing kept: the document is not read
        return []
    doc = document_of(doc)
    by_key = _parties(doc)
    kept = [
        (item, by_key[key])
        for item in typed
        if (key := (item.name_key or "", item.country or "")) in by_key
    ]
    if not kept:
        return []
    parties_kept = {party for _, parties in kept for party in parties}
    flags_of: dict[str, list[FlagDoc]] = {}
    for f in doc.flags:
        if f.party in parties_kept:
            flags_of.setdefault(f.party or "", []).append(f)
    as_of = doc.as_of
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
    doc: JsonObject,
    items: Iterable[Evidence | JsonObject],
    *,
    lang: str = "en",
    typed: AssessmentDocument | None = None,
) -> dict[str, JsonValue]:
    """``doc`` with its ``supplier_evidence`` (a new dict; none found: the key is left out).
    ``typed``: the same document typed, when the caller has it (read instead of ``doc``)."""
    found = bearing(typed if typed is not None else doc, items, lang=lang)
    return {**doc, SUPPLIER_EVIDENCE: [b.to_dict() for b in found]} if found else dict(doc)


__all__ = ["SETTLES", "attach", "bearing", "note"]
