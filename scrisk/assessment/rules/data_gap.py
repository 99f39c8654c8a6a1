"""DATA_GAP: no reference data for a party's country or a good: the risk is unknown.

Raised (info) when a party's country is missing or cannot be resolved (with
suggestions when the text is close to several countries), when it was read
from a near-miss spelling ("read 'Malasia' as Malaysia") or assumed as the
riskiest of the countries an ambiguous spelling is close to ("'Chila' could be
Chile or China: assessed as China"), when
no country profile exists or its coverage is too thin to score, and when a
declared good or material maps to no ILAB good. It never lowers anything: a
bid with unknown risk is not reported low (``[levels] data_gap_floor``).
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules import data_horizon
from scrisk.assessment.rules._flag import (
    country_label,
    dataset_record,
    declared_party,
    flag,
    party_label,
)
from scrisk.assessment.rules.spec import UNCHECKED, RuleSpec
from scrisk.findings import Flag
from scrisk.jsontypes import JsonValue
from scrisk.vocab import Rule

RULE = RuleSpec(
    Rule.DATA_GAP,
    messages=(
        "country_assumed",
        "country_missing",
        "country_read_as",
        "country_unresolved",
        "country_unresolved_near",
        "good_unmapped",
        "material_unmapped",
        "no_profile",
        "past_horizon",  # raised by data_horizon.py
        "profile_unknown",
    ),
    feeds={"CT9897": UNCHECKED, "PN150": UNCHECKED},
    quiet=("past_horizon",),  # stale data informs, never decides (rules.md v3)
)
PROFILES = "scrisk_country_risk"
TAXONOMY = "scrisk_goods_taxonomy"


def check(ctx: Context) -> list[Flag]:
    out: list[Flag] = []
    for party in ctx.parties:
        label = ctx.labels.get(party.id) or party_label(ctx, party.id)
        if not party.country_code:
            key = "country_unresolved" if (party.country or "").strip() else "country_missing"
            params: dict[str, JsonValue] = {"party": label, "country": party.country or ""}
            if party.country_suggestions:  # close to several countries: which one is asked
                key = "country_unresolved_near"
                params = {**params, "suggestions": _names(party.country_suggestions)}
            out.append(
                flag(
                    ctx,
                    RULE,
                    "info",
                    key,
                    party=party.id,
                    evidence=(declared_party(ctx, party.id, "country"),),
                    params=params,
                )
            )
        else:
            if party.country_assumed:  # close to several countries: the riskiest assumed
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "info",
                        "country_assumed",
                        party=party.id,
                        evidence=(declared_party(ctx, party.id, "country"),),
                        params={
                            "party": label,
                            "country": party.country or "",
                            "suggestions": _names(party.country_suggestions),
                            "assumed": _names((party.country_code,)),
                        },
                    )
                )
            elif party.country_near:  # a misspelling read as the one country it is close to
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "info",
                        "country_read_as",
                        party=party.id,
                        evidence=(declared_party(ctx, party.id, "country"),),
                        params={
                            "party": label,
                            "country": party.country or "",
                            "read_as": _names((party.country_code,)),
                        },
                    )
                )
            profile = ctx.reference.country(party.country_code)
            if profile is None:
                ev = dataset_record(ctx, PROFILES, f"country:{party.country_code}")
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "info",
                        "no_profile",
                        party=party.id,
                        evidence=(ev,),
                        params={"party": label, "country": party.country_code},
                    )
                )
            elif profile.risk_level == "unknown":
                ev = dataset_record(ctx, PROFILES, profile.record, coverage=profile.coverage)
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "info",
                        "profile_unknown",
                        party=party.id,
                        evidence=(ev,),
                        params={
                            "party": label,
                            "country": country_label(profile.iso2, profile.name),
                            "coverage": round(profile.coverage, 2),
                        },
                    )
                )
        for material in party.materials:
            if not ctx.goods_for_text(material):
                ev = dataset_record(ctx, TAXONOMY, f"material:{material}")
                out.append(
                    flag(
                        ctx,
                        RULE,
                        "info",
                        "material_unmapped",
                        party=party.id,
                        evidence=(ev,),
                        params={"party": label, "material": material},
                    )
                )
    for good in ctx.declaration.solicitation.goods:
        if not ctx.good_ilab(good.id):
            record = f"hs:{good.hs_code}" if good.hs_code else f"good:{good.description}"
            out.append(
                flag(
                    ctx,
                    RULE,
                    "info",
                    "good_unmapped",
                    good=good.id,
                    evidence=(dataset_record(ctx, TAXONOMY, record),),
                    params={
                        "good": good.id,
                        "description": good.description,
                        "hs_code": good.hs_code or "",
                    },
                )
            )
    out.extend(data_horizon.check(ctx, RULE))  # as-of past a dataset's horizon (issue 10)
    return out


def _names(codes: tuple[str, ...]) -> dict[str, str]:
    """Country names in both languages, for a message parameter ("Austria or Australia")."""
    from scrisk.countries import country_name

    def join(names: list[str], word: str) -> str:
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"

    return {
        lang: join([country_name(c, lang) or c for c in codes], word)
        for lang, word in (("en", "or"), ("fr", "ou"))
    }
