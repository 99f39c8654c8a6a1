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

from scrisk.assessment.document import AssessmentDocument, FlagDoc, document_of
from scrisk.decisions import supplier_key
from scrisk.i18n import t
from scrisk.register.codec import Bearing, Evidence, FlagBorne

KEY = "supplier_evidence"
SETTLES = "CHAIN_GAP"  # the one rule evidence may settle (origin of a material)


def _inputs(flag: FlagDoc) -> set[str]:
    """The risk inputs a CHAIN_GAP flag says have no declared source."""
    found: set[str] = set()
    for e in flag.evidence:
        inputs = (e.detail or {}).get("inputs") or ()
        found |= {str(i).casefold() for i in inputs}
    return found


def _materials(text: str | None) -> set[str]:
    """The goods a declared material maps to (reference taxonomy), and the text itself."""
    if not text:
        return set()
    from scrisk.reference import get_reference

    return {text.casefold(), *(g.casefold() for g in get_reference().goods_for_material(text))}


def _typed(item: Evidence | Mapping[str, Any]) -> Evidence:
    if isinstance(item, Evidence):
        return item
    found: Evidence = Evidence.from_dict(item)
    return found


def bearing(
    doc: AssessmentDocument | Mapping[str, Any],
    items: Iterable[Evidence | Mapping[str, Any]],
    *,
    lang: str = "en",
) -> list[Bearing]:
    """The evidence about this document's parties, each with the flags it bears on.

    ``items``: evidence as :meth:`Register.read_evidence` lists it (with ``name_key``).
    Sorted by party, then validity start, then id (the same bytes every run).
    """
    kept = [_typed(item) for item in items]
    if not kept:  # nothing kept: the document is not read
        return []
    d = document_of(doc)
    as_of = d.as_of or ""
    by_key: dict[tuple[str, str], list[str]] = {}
    for p in d.parties:
        if p.name:
            name_key, country, _ = supplier_key(p.name, p.country, "")
            by_key.setdefault((name_key, country), []).append(p.id)
    out = []
    for item in kept:
        for party in by_key.get((item.name_key or "", item.country or ""), ()):
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
                for f in d.flags
                if f.party == party
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
) -> dict[str, Any]:
    """``doc`` with its ``supplier_evidence`` (a new dict; none found: the key is left out)."""
    found = bearing(doc, items, lang=lang)
    return {**doc, KEY: [b.to_dict() for b in found]} if found else dict(doc)


__all__ = ["KEY", "SETTLES", "attach", "bearing", "note"]
