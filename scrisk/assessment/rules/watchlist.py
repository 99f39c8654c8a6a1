"""WATCHLIST: a party's name matches an entity on a forced-labour enforcement list.

Status is taken on the as-of date: an order issued later, or modified/revoked
before it, is a match to an *inactive* entry (info). A strong match to an
active entry is critical; a possible one needs review (medium). Reviewer
decisions keyed by (party id, entry id) are applied: "not_a_match" drops the
flag (the decision is recorded), "confirmed" keeps it with ``reviewed`` filled
(and a confirmed match to an active entry is a named entity: critical),
"unsure" keeps it as is. An entry whose entity name the publisher never gave (a
candidate inferred by other sources, ``ListEntry.verified`` false) is at most
``high``, and the message says so (rules.md v3).
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import flag, party_label
from scrisk.assessment.rules.spec import LABOUR_RISK, RuleSpec, feed
from scrisk.findings import Evidence, Flag
from scrisk.i18n import in_all_langs
from scrisk.vocab import Decision, Jurisdiction, Rule, Severity, values

RULE = RuleSpec(
    Rule.WATCHLIST,
    messages=("inactive", "not_yet", "possible", "strong", "unknown_status", "unverified"),
    # a possible match cannot be ruled out: review for the import prohibition
    feeds={
        "CT9897": feed(review=(Severity.MEDIUM,)),
        "PN150": feed(review=(Severity.MEDIUM,)),
        "CODE": LABOUR_RISK,
    },
)


def _measure_of(jurisdiction: str | None) -> str:
    """Whose measure a list is, for messages: US evidence is labelled as US (rules.md v2);
    a jurisdiction with no wording yet reads as US (the lists' default)."""
    if jurisdiction is not None and jurisdiction in values(Jurisdiction):
        return jurisdiction
    return Jurisdiction.US.value


def severity_of(cls: str, active: bool | None) -> tuple[str, str]:
    """(severity, message variant) of a match of class ``cls`` to an entry in force or not."""
    if active is False:
        return "info", "inactive"
    if active is None:
        return "medium", "unknown_status"
    return ("critical", "strong") if cls == "strong" else ("medium", "possible")


def check(ctx: Context) -> list[Flag]:
    out: list[Flag] = []
    for party in ctx.parties:
        for match in ctx.matches.get(party.id, ()):
            entry = match.entry
            decision = ctx.decisions.get((party.id, entry.id))
            if decision is not None:
                ctx.applied_decisions.append(decision)
                if decision.decision == Decision.NOT_A_MATCH:
                    continue
            severity, variant = severity_of(match.cls, match.active)
            if variant == "inactive" and entry.issued and entry.issued > ctx.as_of:
                variant = "not_yet"  # issued after the as-of date: say so, not "active on ?"
            reviewed = None
            if decision is not None:
                reviewed = {
                    "decision": decision.decision,
                    "reviewer": decision.reviewer,
                    "date": decision.date,
                    "comment": decision.comment,
                }
                if decision.decision == Decision.CONFIRMED and match.active is True:
                    severity, variant = "critical", "strong"
            if severity == "critical" and not entry.verified:
                # rules.md v3: the publisher names no entity; the name is a candidate from
                # other sources, so the match is at most high and says so
                severity, variant = "high", "unverified"
            evidence = Evidence(
                source=ctx.source_title(entry.dataset),
                edition=entry.edition,
                record=entry.id,
                score=round(float(match.score), 1),
                url=entry.source_url or None,
                detail={
                    "list": entry.list_name,
                    "entity": entry.entity,
                    "matched_name": match.matched_name,
                    "class": match.cls,
                    "active": match.active,
                    "issued": entry.issued.isoformat() if entry.issued else None,
                    "status": entry.status or None,
                    "status_date": entry.status_date.isoformat() if entry.status_date else None,
                    "merchandise": entry.merchandise or None,
                    "verified": entry.verified,
                    "features": {k: round(float(v), 3) for k, v in sorted(match.features.items())},
                },
                jurisdiction=entry.jurisdiction or "US",
            )
            out.append(
                flag(
                    ctx,
                    RULE,
                    severity,
                    variant,
                    party=party.id,
                    params={
                        "party": party_label(ctx, party.id),
                        "entity": entry.entity,
                        "list": entry.list_name,
                        "measure": in_all_langs(f"list_measure.{_measure_of(entry.jurisdiction)}"),
                        "matched_name": match.matched_name,
                        "score": round(float(match.score), 1),
                        "action": entry.action,
                        "issued": entry.issued.isoformat() if entry.issued else "?",
                        "status": in_all_langs(
                            f"list_status.{entry.status or 'unknown'}", entry.status
                        ),
                        "status_date": entry.status_date.isoformat() if entry.status_date else "?",
                        "as_of": ctx.as_of.isoformat(),
                        "merchandise": entry.merchandise or "?",
                    },
                    evidence=(evidence,),
                    reviewed=reviewed,
                )
            )
    return out
