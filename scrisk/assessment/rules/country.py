"""COUNTRY: a party's country profile is high risk on the shipped indicators.

Severity by the profile's risk level, from the policy (high -> medium,
medium -> low by default). An unknown profile raises no COUNTRY flag: DATA_GAP
says the risk is unknown instead (never low).
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import country_label, flag, jurisdiction_of, party_label
from scrisk.assessment.rules.spec import LABOUR_RISK, RuleSpec
from scrisk.findings import Evidence, Flag
from scrisk.reference.model import CountryProfile
from scrisk.vocab import RISK_LEVELS, Rule

RULE = RuleSpec(
    Rule.COUNTRY,
    # the variant is the country profile's level (a profile is never "critical")
    messages=RISK_LEVELS[1:],
    feeds={"CODE": LABOUR_RISK},
    settings=("rules.country_severity",),
)


def check(ctx: Context) -> list[Flag]:
    by_level = ctx.policy.rules.country_severity
    out: list[Flag] = []
    # one profile lookup and one evidence record per country, however many parties it has
    seen: dict[str | None, tuple[CountryProfile | None, str, Evidence | None]] = {}
    for party in ctx.parties:
        found = seen.get(party.country_code)
        if found is None:
            profile = ctx.reference.country(party.country_code)
            severity = ""
            evidence = None
            if profile is not None and profile.risk_level != "unknown":
                severity = by_level.get(profile.risk_level) or ""
                evidence = Evidence(
                    source=ctx.source_title(profile.dataset),
                    edition=profile.edition,
                    record=profile.record,
                    score=profile.risk_score,
                    detail={"coverage": profile.coverage, "sources": list(profile.sources)},
                    jurisdiction=jurisdiction_of(ctx, profile.dataset),
                )
            found = seen[party.country_code] = (profile, severity, evidence)
        profile, severity, evidence = found
        if not severity or evidence is None or profile is None:
            continue
        out.append(
            flag(
                ctx,
                RULE,
                severity,
                profile.risk_level,
                party=party.id,
                params={
                    "party": party_label(ctx, party.id),
                    "country": country_label(profile.iso2, profile.name),
                    "level": profile.risk_level,
                    "risk_score": profile.risk_score,
                },
                evidence=(evidence,),
            )
        )
    return out
