"""AUDIT: a declared audit failed, or found any ILO forced-labour indicator.

Audits dated after the as-of date were not before the panel and are ignored
(``[rules] ignore_audits_after_as_of``).
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import declared, flag, party_label
from scrisk.assessment.rules.spec import ALL, RuleSpec, feed
from scrisk.findings import Flag
from scrisk.vocab import Rule

RULE = RuleSpec(
    Rule.AUDIT,
    messages=("fail", "indicators"),
    # a failed audit or ILO indicators: review for PN150, high risk for the Code
    feeds={"PN150": feed(review=ALL), "CODE": feed(worst=ALL)},
    settings=("rules.ignore_audits_after_as_of",),
)
SOURCE = "Declaration: audits"


def check(ctx: Context) -> list[Flag]:
    skip_later = ctx.policy.rules.ignore_audits_after_as_of
    out: list[Flag] = []
    for i, audit in enumerate(ctx.declaration.audits):
        if audit.party not in ctx.graph:
            continue
        if skip_later and audit.date is not None and audit.date > ctx.as_of:
            continue
        if audit.result != "fail" and not audit.indicators:
            continue
        key = "indicators" if audit.indicators else "fail"
        evidence = declared(SOURCE, f"audits[{i}]", audit.date.isoformat() if audit.date else "")
        out.append(
            flag(
                ctx,
                RULE,
                "high",
                key,
                party=audit.party,
                params={
                    "party": party_label(ctx, audit.party),
                    "scheme": audit.scheme or "?",
                    "date": audit.date.isoformat() if audit.date else "?",
                    "result": audit.result or "?",
                    "indicators": ", ".join(audit.indicators),
                    "count": len(audit.indicators),
                },
                evidence=(evidence,),
            )
        )
    return out
