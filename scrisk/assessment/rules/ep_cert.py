"""EP_CERT: the A3006T ethical procurement certification is missing or incomplete.

For apparel and PPE solicitations with the clause in force on the as-of date,
the **bidder** certifies for itself and its first-tier subcontractors that all
eight rights (policy ``[rights] A3006T``) are respected. A valid
certification (type ``ethical_procurement``, every right, signed on or before
the as-of date or undated) by the bidder covers the bidder and every tier-1
party, unless its ``covers`` list names fewer; a tier-1 party's own valid
certification covers it too. Flags fall on the bidder when it has no valid
certification, and on each tier-1 party no valid certification covers. An
undated certification counts, with an info flag saying its date could not be
checked. The clause matrix turns these into ``review`` (bid stage) or
``fail`` (contract stage): the certification is a condition of award.
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import declared, declared_party, flag, party_label
from scrisk.assessment.rules.spec import RuleSpec, feed
from scrisk.findings import Flag
from scrisk.i18n import LANGS, t
from scrisk.model import Certification
from scrisk.vocab import Rule, Severity

RULE = RuleSpec(
    Rule.EP_CERT,
    messages=("incomplete", "late", "missing", "not_covered", "tier1_missing", "undated"),
    # an undated certification is named in the A3006T row, which still passes
    feeds={"A3006T": feed(worst=(Severity.HIGH,), named=(Severity.INFO,))},
    settings=("rights.A3006T",),
)
SOURCE = "Declaration: certifications"


def _valid(cert: Certification, rights: tuple[str, ...], ctx: Context) -> bool:
    return set(rights) <= set(cert.rights) and (
        cert.signed_on is None or cert.signed_on <= ctx.as_of
    )


def check(ctx: Context) -> list[Flag]:
    if ctx.category not in ("apparel", "ppe") or not ctx.clause_in_force("A3006T"):
        return []
    rights = ctx.policy.rights.A3006T
    certs: dict[str, list[tuple[int, Certification]]] = {}
    for i, cert in enumerate(ctx.declaration.certifications):
        if cert.type == "ethical_procurement":
            certs.setdefault(cert.party, []).append((i, cert))
    bidder = ctx.bidder
    tier1 = [p for p in ctx.tier1() if p != bidder]
    # who each valid certification covers: party id -> [(index, certification)]
    covered: dict[str, list[tuple[int, Certification]]] = {}
    for pid, mine in certs.items():
        for i, cert in mine:
            if not _valid(cert, rights, ctx):
                continue
            speaks_for = {pid}
            if pid == bidder:
                speaks_for |= set(tier1) if cert.covers is None else set(cert.covers)
            for other in speaks_for:
                covered.setdefault(other, []).append((i, cert))
    bidder_valid = any(_valid(c, rights, ctx) for _, c in certs.get(bidder, []))
    out: list[Flag] = []
    for pid in [bidder, *tier1]:
        found = covered.get(pid)
        if found:
            if all(c.signed_on is None for _, c in found):
                i, cert = found[0]
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "info",
                        "undated",
                        party=pid,
                        params={
                            "party": party_label(ctx, pid),
                            "signer": party_label(ctx, cert.party),
                        },
                        evidence=(declared(SOURCE, f"certifications[{i}]"),),
                    )
                )
            continue
        out.append(_gap(ctx, pid, certs.get(pid, []), rights, bidder_valid))
    return out


def _gap(
    ctx: Context,
    pid: str,
    mine: list[tuple[int, Certification]],
    rights: tuple[str, ...],
    bidder_valid: bool,
) -> Flag:
    """The flag for a party no valid certification covers: why, in its own words."""
    label = party_label(ctx, pid)
    bidder = ctx.bidder
    if not mine:
        if pid == bidder:
            key = "missing"
        else:
            key = "not_covered" if bidder_valid else "tier1_missing"
        evidence = [declared_party(ctx, pid)]
        if pid != bidder:
            evidence += [
                declared(SOURCE, f"certifications[{i}]") for i, _ in ctx_certs(ctx, bidder)
            ]
        return flag(
            ctx,
            RULE,
            "high",
            key,
            party=pid,
            evidence=tuple(evidence),
            params={"party": label, "bidder": party_label(ctx, bidder)},
        )
    i, cert = mine[0]
    missing = [r for r in rights if r not in cert.rights]
    own = tuple(declared(SOURCE, f"certifications[{j}]") for j, _ in mine)
    if missing:
        return flag(
            ctx,
            RULE,
            "high",
            "incomplete",
            party=pid,
            evidence=own,
            params={
                "party": label,
                "rights": {
                    lang: ", ".join(t(f"right.{r}", lang) for r in missing) for lang in LANGS
                },
                "count": len(missing),
            },
        )
    signed = min(c.signed_on for _, c in mine if c.signed_on is not None)
    return flag(
        ctx,
        RULE,
        "high",
        "late",
        party=pid,
        evidence=own,
        params={"party": label, "signed_on": signed.isoformat(), "as_of": ctx.as_of.isoformat()},
    )


def ctx_certs(ctx: Context, pid: str) -> list[tuple[int, Certification]]:
    """The ethical procurement certifications a party handed in, with their index."""
    return [
        (i, c)
        for i, c in enumerate(ctx.declaration.certifications)
        if c.party == pid and c.type == "ethical_procurement"
    ]
