"""CHAIN_GAP: a gap in the declared chain of a solicitation good.

Three cases: a declared party has no supplies_to path to the bidder (its
place in the chain, and so the goods it feeds, cannot be checked); a
solicitation good has no declared maker; or a maker of a
high-risk good declares no source for the materials that carry its risk
(``Reference.risk_inputs``: garments with no fabric or fibre origin, gloves
with no latex origin). A good is high risk when the ILAB list names it, or one
of its risk inputs, for forced labour in some country. A source counts when
the maker itself or any party upstream of it declares a material (or good)
mapping to one of those inputs.
"""

from __future__ import annotations

from collections import deque
from functools import lru_cache
from typing import TYPE_CHECKING

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import (
    DECLARATION,
    dataset_record,
    declared,
    declared_party,
    flag,
    party_label,
)
from scrisk.assessment.rules.spec import UNCHECKED, RuleSpec
from scrisk.findings import Evidence, Flag
from scrisk.vocab import Rule

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference.loader import Reference

RULE = RuleSpec(
    Rule.CHAIN_GAP,
    messages=("no_maker", "no_source", "unlinked"),
    feeds={"CT9897": UNCHECKED, "PN150": UNCHECKED},
)
TAXONOMY = "scrisk_goods_taxonomy"


@lru_cache(maxsize=4)
def _forced_labour_goods(reference: Reference) -> frozenset[str]:
    return frozenset(g.good for g in reference.all_goods_listings() if g.forced_labour)


def risk_inputs(ctx: Context, good_id: str) -> tuple[str, ...]:
    """Inputs carrying the risk of a high-risk solicitation good (empty when not high risk)."""
    listed = _forced_labour_goods(ctx.reference)
    out: list[str] = []
    for ilab in ctx.good_ilab(good_id):
        inputs = ctx.reference.risk_inputs(ilab)
        if inputs and (ilab in listed or any(i in listed for i in inputs)):
            out.extend(i for i in inputs if i not in out)
    return tuple(out)


def _fed_by_source(ctx: Context, wanted: set[str]) -> set[str]:
    """Parties downstream (one link or more) of a party declaring a wanted input.

    One walk from every source at once, linear in parties and links (asking,
    maker by maker, for all its suppliers was quadratic on a ring of makers).
    """
    G = ctx.graph
    # whether a party declares a wanted input depends on its goods and materials only
    declares: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}
    sources = []
    for p in ctx.parties:
        kind = (p.goods, p.materials)
        found = declares.get(kind)
        if found is None:
            found = declares[kind] = any(g.good in wanted for g in ctx.ilab_goods(p))
        if found and p.id in G:
            sources.append(p.id)
    fed: set[str] = set()
    queue = deque(sources)
    succ = G._succ  # customers by party (what G.succ views)
    while queue:
        for customer in succ[queue.popleft()]:
            if customer not in fed:
                fed.add(customer)
                queue.append(customer)
    return fed


def check(ctx: Context) -> list[Flag]:
    out: list[Flag] = [
        flag(
            ctx,
            RULE,
            "medium",
            "unlinked",
            party=pid,
            evidence=(declared_party(ctx, pid, "supplies_to"),),
            params={"party": party_label(ctx, pid)},
        )
        for pid in ctx.unreachable()
    ]
    for good in ctx.declaration.solicitation.goods:
        makers = ctx.makers(good.id)
        if not makers:
            out.append(
                flag(
                    ctx,
                    RULE,
                    "medium",
                    "no_maker",
                    good=good.id,
                    evidence=(declared(DECLARATION, f"solicitation.goods[{good.id}]"),),
                    params={"good": good.id, "description": good.description},
                )
            )
            continue
        inputs = risk_inputs(ctx, good.id)
        if not inputs:
            continue
        wanted = set(inputs)
        taxonomy: tuple[Evidence, ...] | None = None  # made for the first flag only
        fed = _fed_by_source(ctx, wanted)
        for pid in makers:
            own = any(
                g.good in wanted and g.via == "material" for g in ctx.ilab_goods(ctx.party(pid))
            )
            if not (own or pid in fed):
                if taxonomy is None:
                    taxonomy = _taxonomy(ctx, good.id)
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "medium",
                        "no_source",
                        party=pid,
                        good=good.id,
                        evidence=(*taxonomy, declared_party(ctx, pid, "supplies_to")),
                        params={
                            "party": party_label(ctx, pid),
                            "good": good.id,
                            "inputs": ", ".join(inputs[:4]),
                        },
                    )
                )
    return out


def _taxonomy(ctx: Context, good_id: str) -> tuple[Evidence, ...]:
    """The taxonomy's records of the risk inputs of a solicitation good's ILAB goods."""
    return tuple(
        dataset_record(ctx, TAXONOMY, f"risk_inputs:{g}", inputs=list(ctx.reference.risk_inputs(g)))
        for g in ctx.good_ilab(good_id)
        if ctx.reference.risk_inputs(g)
    )
