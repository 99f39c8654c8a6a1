"""COUNTRY: a party's country profile is high risk on the shipped indicators.

Severity by the profile's risk level, from the policy (high -> medium,
medium -> low by default). An unknown profile raises no COUNTRY flag: DATA_GAP
says the risk is unknown instead (never low).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import country_label, flag, jurisdiction_of, party_label
from scrisk.assessment.rules.spec import LABOUR_RISK, RuleSpec
from scrisk.findings import Evidence, Flag
from scrisk.reference.model import CountryProfile
from scrisk.vocab import RISK_LEVELS, Rule

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference.loader import Reference

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
    seen: dict[str | None, tuple[CountryProfile, str, Evidence, dict[str, str]] | None] = {}
    for party in ctx.parties:
        code = party.country_code
        if code in seen:
            found = seen[code]
        else:
            found = seen[code] = _found(ctx, code, by_level)
        if found is None:
            continue
        profile, severity, evidence, country = found
        out.append(
            flag(
                ctx,
                RULE,
                severity,
                profile.risk_level,
                party=party.id,
                params={
                    "party": ctx.labels.get(party.id) or party_label(ctx, party.id),
                    "country": country,
                    "level": profile.risk_level,
                    "risk_score": profile.risk_score,
                },
                evidence=(evidence,),
            )
        )
    return out


def _found(
    ctx: Context, code: str | None, by_level: Mapping[str, str]
) -> tuple[CountryProfile, str, Evidence, dict[str, str]] | None:
    """(profile, severity, evidence, country label) of a country; None when it raises no flag."""
    profile = ctx.reference.country(code)
    if profile is None or profile.risk_level == "unknown":
        return None
    severity = by_level.get(profile.risk_level) or ""
    if not severity:
        return None
    known = _KNOWN.get(id(profile))
    if known is None or known[0] is not profile or known[1] is not ctx.reference:
        if len(_KNOWN) >= 1024:
            _KNOWN.clear()
        known = _KNOWN[id(profile)] = (
            profile,
            ctx.reference,
            Evidence(
                source=ctx.source_title(profile.dataset),
                edition=profile.edition,
                record=profile.record,
                score=profile.risk_score,
                detail={"coverage": profile.coverage, "sources": list(profile.sources)},
                jurisdiction=jurisdiction_of(ctx, profile.dataset),
            ),
            country_label(profile.iso2, profile.name),
        )
    return profile, severity, known[2], known[3]


# A profile's evidence record and name for messages, kept across assessments (a portfolio
# names the same few countries; frozen, shared by every flag it backs): by the profile's
# id, held with the profile and the Reference read
_KNOWN: dict[int, tuple[CountryProfile, Reference, Evidence, dict[str, str]]] = {}
