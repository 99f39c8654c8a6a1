"""POW: the place-of-work declaration is incomplete for a party in the production chain.

For apparel and PPE solicitations with the clause in force, every party in
the chain of a solicitation good (makers and everything upstream) must give a
name, a street address and a country that resolves to an ISO code. Declared
parties that are not linked to the bidder are checked too: they were declared
as places of work, and a broken link must not hide a missing address. The
evidence points at the party's place in the input (JSON path or sheet/row).
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import declared_party, flag, party_label
from scrisk.findings import Flag
from scrisk.i18n import LANGS, t

RULE = "POW"
FIELDS = ("name", "address", "country")


def check(ctx: Context) -> list[Flag]:
    if ctx.category not in ("apparel", "ppe") or not ctx.clause_in_force("POW"):
        return []
    out: list[Flag] = []
    declared_unlinked = set(ctx.graph.graph.get("unreachable", ()))
    for pid in sorted(ctx.production_chain() | declared_unlinked):
        party = ctx.party(pid)
        missing = [f for f in FIELDS if not (getattr(party, f) or "").strip()]
        label = party_label(ctx, pid)
        if missing:
            fields = {lang: ", ".join(t(f"pow.field.{f}", lang) for f in missing) for lang in LANGS}
            evidence = tuple(declared_party(ctx, pid, f) for f in missing)
            out.append(
                flag(
                    ctx,
                    RULE,
                    "high",
                    "missing",
                    party=pid,
                    evidence=evidence,
                    params={"party": label, "fields": fields},
                )
            )
        elif not party.country_code:
            out.append(
                flag(
                    ctx,
                    RULE,
                    "high",
                    "unresolved",
                    party=pid,
                    evidence=(declared_party(ctx, pid, "country"),),
                    params={"party": label, "country": party.country},
                )
            )
    return out
