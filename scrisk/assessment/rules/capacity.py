"""CAPACITY: a good's quantity exceeds what its declared makers can produce over the contract.

Capacity of a maker = its declared ``annual_capacity``, or its headcount x a
units-per-worker norm for the good *only when the policy gives one* (no
default figure is invented). Over the contract: x ``[rules] contract_years``.
The check runs only when every maker's capacity is known: an unknown capacity
is not a small one.
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import declared_party, flag
from scrisk.assessment.rules.spec import RuleSpec
from scrisk.findings import Flag
from scrisk.i18n import LANGS
from scrisk.i18n.format import whole
from scrisk.vocab import Rule

RULE = RuleSpec(
    Rule.CAPACITY,
    messages=("exceeds",),
    settings=("rules.contract_years", "rules.units_per_worker_year"),
)


def check(ctx: Context) -> list[Flag]:
    years = ctx.policy.rules.contract_years
    norms = ctx.policy.rules.units_per_worker_year
    out: list[Flag] = []
    for good in ctx.declaration.solicitation.goods:
        makers = ctx.makers(good.id)
        if not good.quantity or not makers:
            continue
        norm = max((float(norms[g]) for g in ctx.good_ilab(good.id) if g in norms), default=None)
        total = 0.0
        known = True
        for pid in makers:
            party = ctx.party(pid)
            if party.annual_capacity is not None:
                total += float(party.annual_capacity)
            elif norm is not None and party.workers:
                total += party.workers * norm
            else:
                known = False
                break
        if not known or good.quantity <= total * years:
            continue
        path = ctx.path(makers[0])
        out.append(
            flag(
                ctx,
                RULE,
                "medium",
                "exceeds",
                good=good.id,
                path=path,
                party=makers[0] if len(makers) == 1 else None,
                evidence=tuple(declared_party(ctx, m, "annual_capacity") for m in makers),
                params={
                    "good": good.id,
                    "quantity": _count(good.quantity),
                    "unit": good.unit or "",
                    "capacity": _count(total * years),
                    "years": f"{years:g}",
                    "makers": ", ".join(makers),
                },
            )
        )
    return out


def _count(n: float) -> dict[str, str]:
    """A whole number with thousands separators: 24,000,000 in English, 24 000 000 in French."""
    return {lang: whole(n, lang) for lang in LANGS}
