"""POW: the place-of-work declaration is incomplete.

For apparel and PPE solicitations with the clause in force, every party in
the chain of a solicitation good (makers and everything upstream) should give
a name, a street address and a country that resolves to an ISO code. Declared
parties that are not linked to the bidder are checked too: they were declared
as places of work, and a broken link must not hide a missing address.

Severity (rules.md v2): ``high`` for the **production chain** the clause asks
about, i.e. the makers of a good and the parties with role ``manufacturer``
or ``subcontractor``; ``medium`` for other roles (material suppliers, agents,
distributors), which the clause does not name. The clause matrix fails only
on high POW flags. The evidence points at the party's place in the input.
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import declared_party, flag, party_label
from scrisk.assessment.rules.spec import RuleSpec, feed
from scrisk.findings import Flag
from scrisk.i18n import LANGS, t
from scrisk.vocab import Role, Rule, Severity

RULE = RuleSpec(
    Rule.POW,
    messages=("missing", "unresolved"),
    # the production chain's gaps (high) fail the clause; other parties' are review
    feeds={
        "POW": feed(worst=(Severity.HIGH,), review=(Severity.MEDIUM, Severity.LOW, Severity.INFO))
    },
)
FIELDS = ("name", "address", "country")
PRODUCTION_ROLES = (Role.MANUFACTURER.value, Role.SUBCONTRACTOR.value)


def in_production_chain(ctx: Context, pid: str, makers: set[str]) -> bool:
    """A maker of a good, or a manufacturer or subcontractor (linked or not)."""
    return pid in makers or ctx.party(pid).role in PRODUCTION_ROLES


def check(ctx: Context) -> list[Flag]:
    if ctx.category not in ("apparel", "ppe") or not ctx.clause_in_force("POW"):
        return []
    out: list[Flag] = []
    declared_unlinked = set(ctx.unreachable())
    makers = {p.id for p in ctx.parties if p.goods}  # every party that makes a good
    for pid in sorted(ctx.production_chain() | declared_unlinked):
        party = ctx.party(pid)
        severity = "high" if in_production_chain(ctx, pid, makers) else "medium"
        if (
            (party.name or "").strip()
            and (party.address or "").strip()
            and (party.country or "").strip()
        ):
            missing: list[str] = []  # most parties: every field of FIELDS given
        else:
            missing = [f for f in FIELDS if not (getattr(party, f) or "").strip()]
        if missing:
            fields = {lang: ", ".join(t(f"pow.field.{f}", lang) for f in missing) for lang in LANGS}
            evidence = tuple(declared_party(ctx, pid, f) for f in missing)
            out.append(
                flag(
                    ctx,
                    RULE,
                    severity,
                    "missing",
                    party=pid,
                    evidence=evidence,
                    params={"party": party_label(ctx, pid), "fields": fields, "role": party.role},
                )
            )
        elif not party.country_code or party.country_assumed:  # assumed: still defective
            out.append(
                flag(
                    ctx,
                    RULE,
                    severity,
                    "unresolved",
                    party=pid,
                    evidence=(declared_party(ctx, pid, "country"),),
                    params={
                        "party": party_label(ctx, pid),
                        "country": party.country,
                        "role": party.role,
                    },
                )
            )
    return out
