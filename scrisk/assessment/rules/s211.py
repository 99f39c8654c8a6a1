"""S211: no Supply Chains Act report declared for the latest financial year due.

The Fighting Against Forced Labour and Child Labour in Supply Chains Act
(S-211) has reporting entities report by 31 May on their previous financial
year; the first reports were due 2024-05-31 (policy ``[clauses] S211``).
Before that date the rule is silent. From it, the **latest financial year
due** on the as-of date D is D's year - 1 once 31 May of D's year is reached,
else D's year - 2 (financial years are taken to end by 31 December: a
reporting entity whose year ends later may legitimately show an older year,
hence ``low``, a request, not a finding).

Checked parties: the bidder, and every maker of a good that declares it is a
reporting entity. ``low`` when such a party declares it is a reporting entity
(or declares a report) but no report for the latest year due, or a report
filed after the as-of date; ``info`` when the bidder does not say whether it
is a reporting entity. A party declaring it is not a reporting entity raises
nothing. Evidence: the party's ``s211`` field in the declaration.
"""

from __future__ import annotations

from datetime import date

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import declared_party, flag, party_label
from scrisk.assessment.rules.spec import ALL, RuleSpec, feed
from scrisk.dates import to_date
from scrisk.findings import Flag
from scrisk.jsontypes import JsonValue
from scrisk.vocab import Rule

RULE = RuleSpec(
    Rule.S211,
    messages=("filed_later", "no_report", "not_said", "old_report"),
    feeds={"S211": feed(review=ALL)},
    settings=("clauses.S211",),
)
DUE_MONTH_DAY = (5, 31)


def latest_year_due(as_of: date) -> int:
    """The financial year whose report was last due on ``as_of`` (reports due 31 May)."""
    return as_of.year - 1 if (as_of.month, as_of.day) >= DUE_MONTH_DAY else as_of.year - 2


def check(ctx: Context) -> list[Flag]:
    since = to_date(ctx.policy.clauses.S211.get("all"))
    if since is None or ctx.as_of < since:
        return []
    due = latest_year_due(ctx.as_of)
    makers = sorted({m for g in ctx.declaration.solicitation.goods for m in ctx.makers(g.id)})
    out: list[Flag] = []
    for pid in [ctx.bidder, *(m for m in makers if m != ctx.bidder)]:
        report = ctx.party(pid).s211
        is_bidder = pid == ctx.bidder
        entity = report.reporting_entity if report else None
        if entity is False or (entity is None and not is_bidder):
            continue
        year = report.year if report else None
        filed = report.filed_on if report else None
        params: dict[str, JsonValue] = {
            "party": party_label(ctx, pid),
            "due": due,
            "year": year or "",
            "filed_on": filed.isoformat() if filed else "",
            "as_of": ctx.as_of.isoformat(),
        }
        if filed is not None and filed > ctx.as_of:
            key, severity = "filed_later", "low"
        elif year is not None and year >= due:
            continue
        elif entity is None and year is None:
            key, severity = "not_said", "info"
        elif year is None:
            key, severity = "no_report", "low"
        else:
            key, severity = "old_report", "low"
        out.append(
            flag(
                ctx,
                RULE,
                severity,
                key,
                party=pid,
                params=params,
                evidence=(declared_party(ctx, pid, "s211"),),
            )
        )
    return out
