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
from typing import Any

from scrisk.i18n import t

KEY = "supplier_evidence"
SETTLES = "CHAIN_GAP"  # the one rule evidence may settle (origin of a material)


def status_on(item: dict[str, Any], as_of: str) -> str:
    """``valid``, ``expired`` or ``not_yet`` on the date ``as_of`` (ISO text)."""
    if item["valid_to"] < as_of:
        return "expired"
    if item["valid_from"] > as_of:
        return "not_yet"
    return "valid"


def _inputs(flag: dict[str, Any]) -> set[str]:
    """The risk inputs a CHAIN_GAP flag says have no declared source."""
    found: set[str] = set()
    for e in flag.get("evidence") or ():
        found |= {str(i).casefold() for i in (e.get("detail") or {}).get("inputs") or ()}
    return found


def _materials(text: str | None) -> set[str]:
    """The goods a declared material maps to (reference taxonomy), and the text itself."""
    if not text:
        return set()
    from scrisk.reference import get_reference

    return {text.casefold(), *(g.casefold() for g in get_reference().goods_for_material(text))}


def bearing(
    doc: dict[str, Any], items: Iterable[dict[str, Any]], *, lang: str = "en"
) -> list[dict[str, Any]]:
    """The evidence about this document's parties, each with the flags it bears on.

    ``items``: evidence as :meth:`Register.evidence` lists it (with ``name_key``).
    Sorted by party, then validity start, then id (the same bytes every run).
    """
    from scrisk.decisions import supplier_key

    as_of = str(doc.get("as_of") or "")
    by_key: dict[tuple[str, str], list[str]] = {}
    for p in doc.get("parties") or ():
        if p.get("name"):
            name_key, country, _ = supplier_key(p["name"], p.get("country"), "")
            by_key.setdefault((name_key, country), []).append(p["id"])
    out = []
    for item in items:
        for party in by_key.get((item["name_key"], item["country"] or ""), ()):
            status = status_on(item, as_of)
            flags = []
            for f in doc.get("flags") or ():
                if f.get("party") != party:
                    continue
                settles = (
                    status == "valid"
                    and item["kind"] == "origin"
                    and f.get("rule") == SETTLES
                    and bool(_materials(item.get("material")) & _inputs(f))
                )
                flags.append({"rule": f["rule"], "good": f.get("good"), "settles": settles})
            entry = {
                k: item[k]
                for k in (
                    "id",
                    "supplier",
                    "country",
                    "kind",
                    "issuer",
                    "scheme",
                    "material",
                    "valid_from",
                    "valid_to",
                    "file_sha256",
                )
            }
            entry.update(
                party=party,
                status=status,
                counts=status == "valid",
                flags=flags,
                note=note(entry | {"status": status}, flags, lang=lang),
            )
            out.append(entry)
    out.sort(key=lambda e: (e["party"], e["valid_from"], e["id"]))
    return out


def note(entry: dict[str, Any], flags: list[dict[str, Any]], *, lang: str) -> str:
    """One sentence: what the evidence is, whether it counts on the date, what it settles."""
    what = t(f"life.evidence.kind.{entry['kind']}", lang)
    scheme = f" {entry['scheme']}" if entry.get("scheme") else ""
    head = t(
        f"life.evidence.{entry['status']}",
        lang,
        what=what + scheme,
        issuer=entry["issuer"],
        start=entry["valid_from"],
        end=entry["valid_to"],
    )
    settled = sorted({f"{f['rule']}/{f['good'] or '-'}" for f in flags if f["settles"]})
    if settled:
        head += " " + t("life.evidence.settles", lang, flags=", ".join(settled))
    return head


def attach(
    doc: dict[str, Any], items: Iterable[dict[str, Any]], *, lang: str = "en"
) -> dict[str, Any]:
    """``doc`` with its ``supplier_evidence`` (a new dict; none found: the key is left out)."""
    found = bearing(doc, items, lang=lang)
    return {**doc, KEY: found} if found else dict(doc)


__all__ = ["KEY", "SETTLES", "attach", "bearing", "note", "status_on"]
