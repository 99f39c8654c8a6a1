"""What an order covers (rules.md v3, "an order covers its merchandise").

A CBP order names its merchandise ("disposable gloves"; "soda ash; calcium
chloride; caustic soda; viscose/rayon fiber"); a UFLPA entity covers every
good it makes. Whether a solicitation good falls within an order is read with
the project's goods taxonomy (the same words and HS rules that map declared
goods and materials): the good, or a material declared in its chain, maps to a
taxonomy good the merchandise maps to, or a declared material names one of the
merchandise's items outright ("caustic soda"). Conservative: merchandise that
maps to nothing, or a good whose chain maps to nothing, is **unknown**, and
unknown counts as within (the flag stays critical).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from scrisk.assessment.context import Context
from scrisk.reference._io import fold_text
from scrisk.reference.model import LIST_UFLPA, ListEntry

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference.loader import Reference

WITHIN, OUTSIDE, UNKNOWN = "within", "outside", "unknown"
# merchandise wording that covers everything the entity makes
# ("All Products", "all products made with labor from the center"; not "all Turkmenistan
# cotton and products produced wholly or in part with it", which is about cotton)
_ALL = re.compile(r"^\s*all (?:products|goods|merchandise)\b", re.I)
_ITEMS = re.compile(r"\s*(?:;|,|/|\band\b)\s*", re.I)


def covers_everything(entry: ListEntry) -> bool:
    """A UFLPA entity (all goods it makes) or an order on "all products"."""
    return entry.list_name == LIST_UFLPA or bool(_ALL.search(entry.merchandise or ""))


def _items(merchandise: str) -> list[str]:
    """The merchandise's items, folded ("soda ash", "caustic soda", "viscose", ...)."""
    text = re.sub(r"\([^)]*\)", " ", merchandise)  # "(HTSUS 4015.19...)" asides
    return [fold_text(i) for i in _ITEMS.split(text) if len(fold_text(i)) > 2]


@lru_cache(maxsize=4096)
def _named_goods(reference: Reference, text: str) -> frozenset[str]:
    """Taxonomy goods whose own name the merchandise text uses ("Carpets, Hand-Knotted
    Wool" -> Carpets; "Furniture"), singular or plural, besides the material words."""
    folded = fold_text(text)
    found = set(reference.goods_for_material(text))
    for good in reference.taxonomy.kinds:
        name = fold_text(re.sub(r"\([^)]*\)", " ", good))
        if len(name) < 3:
            continue
        stem = name[:-1] if name.endswith("s") else name
        if re.search(rf"\b{re.escape(stem)}s?\b", folded):
            found.add(good)
    return frozenset(found)


def good_scope(ctx: Context, entry: ListEntry, good_id: str) -> str:
    """WITHIN, OUTSIDE or UNKNOWN: does the order on ``entry`` cover solicitation good
    ``good_id`` (the good itself or a material declared in its chain)?"""
    if covers_everything(entry):
        return WITHIN
    merchandise = (entry.merchandise or "").strip()
    if not merchandise:
        return UNKNOWN
    key = (merchandise, good_id)
    found = ctx._scopes.get(key)
    if found is None:
        found = ctx._scopes[key] = _scope(ctx, merchandise, good_id)
    return found


def _holds(ctx: Context, good_id: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The taxonomy goods the good's chain holds (the good's own ILAB goods and those of
    every declared material) and the folded texts of its materials and description;
    read once a good (an all-flagged chain asks once a flag)."""
    found = ctx._good_holds.get(good_id)
    if found is not None:
        return found
    materials = ctx.chain_materials(good_id)
    held = set(ctx.good_ilab(good_id))
    for m in materials:  # distinct already (Context.chain_materials)
        held |= set(ctx.goods_for_text(m))
    folded = [fold_text(m) for m in materials]
    good = ctx.good(good_id)
    if good is not None:
        folded.append(fold_text(good.description or ""))
    found = ctx._good_holds[good_id] = (frozenset(held), tuple(folded))
    return found


def _scope(ctx: Context, merchandise: str, good_id: str) -> str:
    covered = set(_named_goods(ctx.reference, merchandise))
    held, folded = _holds(ctx, good_id)
    if covered & held:
        return WITHIN
    if any(re.search(rf"\b{re.escape(i)}\b", text) for i in _items(merchandise) for text in folded):
        return WITHIN
    if not covered or not set(ctx.good_ilab(good_id)):
        return UNKNOWN  # the order's goods, or the good itself, cannot be identified
    return OUTSIDE


__all__ = ["OUTSIDE", "UNKNOWN", "WITHIN", "covers_everything", "good_scope"]
