"""REGION: a party is located in a region under a forced-labour presumption (XUAR).

The party's address, city and region texts are searched with the shipped
region aliases (Xinjiang, XUAR, 新疆, prefectures and cities such as Aksu or
Hotan); one critical flag per party and region, every matched alias as evidence.
"""

from __future__ import annotations

from typing import Any

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import flag, jurisdiction_of, party_label
from scrisk.findings import Evidence, Flag

RULE = "REGION"


def check(ctx: Context) -> list[Flag]:
    out: list[Flag] = []
    cache: dict[tuple[str | None, ...], list[Any]] = {}
    for party in ctx.parties:
        texts = (party.address, party.city, party.region)
        if not any(texts):
            continue
        key = (*texts, party.country_code)
        found = cache.get(key)
        if found is None:
            found = cache[key] = ctx.reference.find_regions(*texts, country=party.country_code)
        by_region: dict[str, list[Any]] = {}
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
            out.append(
                flag(
                    ctx,
                    RULE,
                    "critical",
                    "located",
                    party=party.id,
                    params={
                        "party": party_label(ctx, party.id),
                        "region": matches[0].region_name,
                        "matched": ", ".join(sorted({m.matched_text for m in matches})),
                    },
                    evidence=evidence,
                )
            )
    return out
