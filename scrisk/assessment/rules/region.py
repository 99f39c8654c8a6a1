"""REGION: a party is located in a region a jurisdiction treats as high risk (XUAR).

The party's address, city and region texts are searched with the shipped
region aliases (Xinjiang, XUAR, 新疆, prefectures and cities such as Aksu or
Hotan); one flag per party and region, every matched alias as evidence.

The message names the measure **in force on the as-of date** (rules.md v3;
dates in policy ``[measures]``), never one that did not exist yet:

* from the UFLPA presumption (2022-06-21): goods made there are presumed made
  with forced labour under US law; it covers every good: ``critical``;
* from the CBP region-wide order on cotton and tomato products (2021-01-13):
  ``critical`` when a chain the party is in holds one of the order's goods
  (declared goods or materials, or goods that cannot be identified, which the
  order may cover), else ``high`` naming what the order covers;
* before both: documented state-imposed forced labour in the region, no
  presumption: ``high``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import data_names, flag, jurisdiction_of, party_label
from scrisk.assessment.rules.spec import LABOUR_RISK, RuleSpec
from scrisk.dates import to_date
from scrisk.findings import Evidence, Flag
from scrisk.jsontypes import JsonValue
from scrisk.vocab import Rule

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference.model import RegionMatch

RULE = RuleSpec(
    Rule.REGION,
    messages=(
        "cotton_order",
        "cotton_order_outside",
        "cotton_order_unknown",
        "documented",
        "located",
    ),
    feeds={"CODE": LABOUR_RISK},
    settings=(
        "measures.uflpa_presumption",
        "measures.xuar_cotton_tomato_order",
        "measures.xuar_order_goods",
    ),
)
UNKNOWN = "unknown"


def measure(ctx: Context) -> str:
    """Which measure is in force on the as-of date: "uflpa", "order" or "none"."""
    measures = ctx.policy.measures
    presumption = to_date(measures.uflpa_presumption)
    order = to_date(measures.xuar_cotton_tomato_order)
    if presumption is not None and ctx.as_of >= presumption:
        return "uflpa"
    if order is not None and ctx.as_of >= order:
        return "order"
    return "none"


def chain_goods(ctx: Context, party_id: str) -> set[str]:
    """Taxonomy goods of every chain the party is in: each good itself and the materials
    its parties declare (the party's own goods and materials when it is in no chain).
    Holds ``UNKNOWN`` when a good or material of them maps to no taxonomy good."""
    found: set[str] = set()
    goods = [g.id for g in ctx.declaration.solicitation.goods if party_id in ctx.chain(g.id)]
    for gid in goods:
        mapped = ctx.good_ilab(gid)
        found |= set(mapped) if mapped else {UNKNOWN}
    # the distinct materials of each chain (memoised): linear in the parties, not in
    # the parties times the flagged ones
    materials = {m for gid in goods for m in ctx.chain_materials(gid)}
    if not goods:
        party = ctx.party(party_id)
        for gid in party.goods:
            mapped = ctx.good_ilab(gid)
            found |= set(mapped) if mapped else {UNKNOWN}
        materials = set(party.materials)
    for material in materials:
        found |= set(ctx.goods_for_text(material))
    return found or {UNKNOWN}


def _grade(ctx: Context, party_id: str) -> tuple[str, str, dict[str, JsonValue]]:
    """(severity, message variant, extra params) of a flag on this party today."""
    measures = ctx.policy.measures
    which = measure(ctx)
    dates: dict[str, JsonValue] = {
        "presumption_from": str(measures.uflpa_presumption),
        "order_from": str(measures.xuar_cotton_tomato_order),
    }
    if which == "uflpa":
        return "critical", "located", dates
    if which == "none":
        return "high", "documented", dates
    held = chain_goods(ctx, party_id)
    covered = sorted(held & set(measures.xuar_order_goods))
    if covered:
        return "critical", "cotton_order", {**dates, "held": _goods_named(covered)}
    if UNKNOWN in held:
        return "critical", "cotton_order_unknown", dates
    return "high", "cotton_order_outside", {**dates, "held": _goods_named(sorted(held))}


def _goods_named(goods: list[str]) -> dict[str, str]:
    """ILAB goods a chain holds, in each language ("Cotton" / « Coton »)."""
    names = [data_names("ilab_good", g) for g in goods]
    return {lang: ", ".join(n[lang] for n in names) for lang in ("en", "fr")}


def check(ctx: Context) -> list[Flag]:
    out: list[Flag] = []
    cache: dict[tuple[str | None, ...], list[RegionMatch]] = {}
    for party in ctx.parties:
        texts = (party.address, party.city, party.region)
        if not any(texts):
            continue
        key = (*texts, party.country_code)
        found = cache.get(key)
        if found is None:
            found = cache[key] = ctx.reference.find_regions(*texts, country=party.country_code)
        if not found:  # most parties
            continue
        by_region: dict[str, list[RegionMatch]] = {}
        for m in found:
            by_region.setdefault(m.region_id, []).append(m)
        for region_id in sorted(by_region):
            matches = by_region[region_id]
            evidence = sorted(
                {
                    Evidence(
                        source=ctx.source_title(m.dataset),
                        edition=m.edition,
                        record=m.record,
                        detail={"alias": m.alias, "matched_text": m.matched_text, "kind": m.kind},
                        jurisdiction=jurisdiction_of(ctx, m.dataset),
                    )
                    for m in matches
                },
                key=lambda e: e.record,
            )
            severity, variant, extra = _grade(ctx, party.id)
            out.append(
                flag(
                    ctx,
                    RULE,
                    severity,
                    variant,
                    party=party.id,
                    params={
                        "party": party_label(ctx, party.id),
                        "region": data_names("region_name", matches[0].region_name),
                        "matched": ", ".join(sorted({m.matched_text for m in matches})),
                        "measure": measure(ctx),
                        "as_of": ctx.as_of.isoformat(),
                        **extra,
                    },
                    evidence=evidence,
                )
            )
    return out
