"""EP_CERT: the A3006T ethical procurement certification is missing or incomplete.

For apparel and PPE solicitations with the clause in force on the as-of date,
the bidder and every first-tier subcontractor must hand in an
``ethical_procurement`` certification affirming all eight rights (the list is
in the policy, ``[rights] A3006T``), signed on or before the as-of date. A
certification with no ``signed_on`` counts, with an info flag saying its date
could not be checked.
"""

from __future__ import annotations

from typing import Any

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import declared, declared_party, flag, party_label
from scrisk.findings import Flag
from scrisk.i18n import LANGS, t

RULE = "EP_CERT"
SOURCE = "Declaration: certifications"


def check(ctx: Context) -> list[Flag]:
    if ctx.category not in ("apparel", "ppe") or not ctx.clause_in_force("A3006T"):
        return []
    rights = ctx.policy.rights.A3006T
    certs: dict[str, list[tuple[int, Any]]] = {}
    for i, cert in enumerate(ctx.declaration.certifications):
        if cert.type == "ethical_procurement":
            certs.setdefault(cert.party, []).append((i, cert))
    out: list[Flag] = []
    for pid in [ctx.bidder, *ctx.tier1()]:
        label = party_label(ctx, pid)
        mine = certs.get(pid, [])
        valid = [
            (i, c)
            for i, c in mine
            if set(rights) <= set(c.rights) and (c.signed_on is None or c.signed_on <= ctx.as_of)
        ]
        if valid:
            if all(c.signed_on is None for _, c in valid):
                i, _ = valid[0]
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "info",
                        "undated",
                        party=pid,
                        params={"party": label},
                        evidence=(declared(SOURCE, f"certifications[{i}]"),),
                    )
                )
            continue
        if not mine:
            out.append(
                flag(
                    ctx,
                    RULE,
                    "high",
                    "missing",
                    party=pid,
                    params={"party": label},
                    evidence=(declared_party(ctx, pid),),
                )
            )
            continue
        i, cert = mine[0]
        missing = [r for r in rights if r not in cert.rights]
        evidence = tuple(declared(SOURCE, f"certifications[{j}]") for j, _ in mine)
        if missing:
            out.append(
                flag(
                    ctx,
                    RULE,
                    "high",
                    "incomplete",
                    party=pid,
                    evidence=evidence,
                    params={
                        "party": label,
                        "rights": {
                            lang: ", ".join(t(f"right.{r}", lang) for r in missing)
                            for lang in LANGS
                        },
                        "count": len(missing),
                    },
                )
            )
        else:
            signed = min(c.signed_on for _, c in mine if c.signed_on is not None)
            out.append(
                flag(
                    ctx,
                    RULE,
                    "high",
                    "late",
                    party=pid,
                    evidence=evidence,
                    params={
                        "party": label,
                        "signed_on": signed.isoformat(),
                        "as_of": ctx.as_of.isoformat(),
                    },
                )
            )
    return out
