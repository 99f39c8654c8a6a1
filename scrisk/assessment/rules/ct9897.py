"""CT9897: Customs Tariff item 9897.00.00 exposure of a solicitation good.

"Wholly or in part": the whole chain of the good (makers and everything
upstream) is searched for forced-labour evidence raised by the other rules:
an active named-entity match (critical WATCHLIST), a region under presumption
(REGION), or an ILAB listing of the good or one of its materials in the
party's country (GOODS; child labour counts from the date the tariff item
covers it, 2024-01-01 by default). One flag per affected good: critical when
the evidence names an entity or a region, high when it is a good x country
listing only. Evidence: every record behind it, each with its party and path.
"""

from __future__ import annotations

from dataclasses import replace

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import flag
from scrisk.findings import Flag, severity_rank

RULE = "CT9897"


def _evidence_flags(ctx: Context, good_id: str) -> list[Flag]:
    chain = ctx.chain(good_id)
    child_ok = ctx.ct9897_covers_child_labour()
    out: list[Flag] = []
    for f in ctx.found.get("WATCHLIST", ()):
        if f.severity == "critical" and f.party in chain:
            out.append(f)
    for f in ctx.found.get("REGION", ()):
        if f.party in chain:
            out.append(f)
    for f in ctx.found.get("GOODS", ()):
        if f.party not in chain or f.good not in (None, good_id):
            continue
        if f.params.get("labour") == "child" and not child_ok:
            continue
        out.append(f)
    return out


def check(ctx: Context) -> list[Flag]:
    if not ctx.clause_in_force("CT9897"):
        return []
    out: list[Flag] = []
    for good in ctx.declaration.solicitation.goods:
        behind = _evidence_flags(ctx, good.id)
        if not behind:
            continue
        named = [f for f in behind if f.rule in ("WATCHLIST", "REGION")]
        severity = "critical" if named else "high"
        lead = min(
            named or behind,
            key=lambda f: (severity_rank(f.severity), len(f.path) or 10**9, f.party or ""),
        )
        evidence = []
        for f in sorted(behind, key=Flag.sort_key):
            for e in f.evidence:
                detail = {**e.detail, "rule": f.rule, "party": f.party, "path": list(f.path)}
                evidence.append(replace(e, detail=detail))
        parties = sorted({f.party for f in behind if f.party})
        out.append(
            flag(
                ctx,
                RULE,
                severity,
                "entity" if named else "listing",
                good=good.id,
                path=lead.path,
                params={
                    "good": good.id,
                    "description": good.description,
                    "parties": ", ".join(parties),
                    "count": len(parties),
                    "rules": ", ".join(sorted({f.rule for f in behind})),
                },
                evidence=evidence,
            )
        )
    return out
