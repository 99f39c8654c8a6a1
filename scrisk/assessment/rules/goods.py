"""GOODS: a party makes a good or material that the ILAB list names for its country.

A party's solicitation goods are mapped to ILAB goods by HS code (else by
description), its declared materials by their words ("raw cotton lint" ->
Cotton). Each listing in force on the as-of date in the party's country gives
one flag: high for forced labour (or goods made with tainted inputs), medium
for child labour only. Each labour type of a listing counts from the edition
that first listed it (rules.md v3); the evidence cites the edition in force on
the as-of date, with ``listed_from`` and how it was dated.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from scrisk.assessment.context import Context, IlabGood
from scrisk.assessment.rules._flag import (
    country_label,
    data_names,
    flag,
    jurisdiction_of,
    party_label,
)
from scrisk.assessment.rules.spec import LABOUR_RISK, RuleSpec
from scrisk.findings import Evidence, Flag
from scrisk.vocab import Rule

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference.loader import Reference
    from scrisk.reference.model import GoodsListing

RULE = RuleSpec(
    Rule.GOODS,
    messages=("child", "forced", "forced_child", "tainted"),
    feeds={"CODE": LABOUR_RISK},
)


def labour_of(listing: GoodsListing) -> str:
    """'forced_child', 'forced', 'child' or 'tainted': what the listing says."""
    if listing.forced_child_labour or (listing.forced_labour and listing.child_labour):
        return "forced_child"
    if listing.forced_labour:
        return "forced"
    if listing.child_labour:
        return "child"
    return "tainted"


def _dated(listing: GoodsListing) -> dict[str, str]:
    """Since when the listing is in force, and how that is known (none when undated)."""
    start = listing.listed_from
    if start is None:
        return {}
    return {"listed_from": start.isoformat(), "dated_by": listing.dated_by}


@lru_cache(maxsize=8)
def _edition_days(reference: Reference) -> tuple[date, ...]:
    """The days editions of the list took effect, as the dated listings show them."""
    days = {
        d
        for g in reference.all_goods_listings()
        for d in (g.child_from, g.forced_from, g.tainted_from)
        if d is not None
    }
    return tuple(sorted(days))


def edition_in_force(ctx: Context, listing: GoodsListing) -> str:
    """The edition of the list in force on the as-of date (rules.md v3: never a later
    one): the year of the latest edition day on or before it; the file's own edition
    when the listings are undated or the as-of date is past its last edition (the
    newer edition is missing: a DATA_GAP says so)."""
    days = [d for d in _edition_days(ctx.reference) if d <= ctx.as_of]
    if not days or listing.listed_from is None:
        return str(listing.edition)
    return str(days[-1].year)


def check(ctx: Context) -> list[Flag]:
    out: list[Flag] = []
    as_of, reference = ctx.as_of, ctx.reference
    known = _KNOWN
    for party in ctx.parties:
        iso2 = party.country_code
        if not iso2 or not (party.goods or party.materials):
            continue
        seen: set[tuple[str, str | None]] = set()
        label = ""  # the party's label, made at its first flag
        for item in ctx.ilab_goods(party):
            key = (item.good, item.good_id)
            if key in seen:
                continue
            seen.add(key)
            about = (iso2, item.good, item.via, item.text, as_of)
            found = known.get(about)
            if found is None or found[0] is not reference:
                if len(known) >= _KNOWN_MOST:
                    known.clear()
                found = known[about] = (
                    reference,
                    tuple(_facts(ctx, listing, item) for listing in ctx.listings(iso2, item.good)),
                )
            for labour, severity, ilab_good, country, tainted, evidence in found[1]:
                if not label:
                    label = party_label(ctx, party.id)
                out.append(
                    flag(
                        ctx,
                        RULE,
                        severity,
                        labour,
                        party=party.id,
                        good=item.good_id,
                        params={
                            "party": label,
                            "ilab_good": ilab_good,
                            "country": country,
                            "declared": item.text,
                            "labour": labour,
                            "tainted_source": tainted,
                        },
                        evidence=(evidence,),
                    )
                )
    return out


# What each listing in force gives a flag, for a good declared as (via, text) by a party
# of a country on an as-of date: its labour type, severity, names and evidence record
# (frozen, shared by every flag it backs). Kept across assessments (a portfolio repeats
# the same countries, goods and declared texts), held with the Reference read.
Facts = tuple[str, str, dict[str, str], dict[str, str], str, Evidence]
_KNOWN: dict[tuple[str, str, str, str, date], tuple[Reference, tuple[Facts, ...]]] = {}
_KNOWN_MOST = 4096


def _facts(ctx: Context, listing: GoodsListing, item: IlabGood) -> Facts:
    labour = labour_of(listing)
    return (
        labour,
        "medium" if labour == "child" else "high",
        data_names("ilab_good", listing.good),
        country_label(listing.iso2, listing.country),
        listing.tainted_input_source_iso2 or "",
        _record(ctx, listing, item),
    )


def _record(ctx: Context, listing: GoodsListing, item: IlabGood) -> Evidence:
    """The listing as evidence for a good declared as ``item``."""
    return Evidence(
        source=ctx.source_title(listing.dataset),
        edition=edition_in_force(ctx, listing),
        record=listing.record,
        detail={
            "good": listing.good,
            "country": listing.iso2,
            "via": item.via,
            "declared": item.text,
            # rules.md v3: the edition that first listed it
            **_dated(listing),
        },
        jurisdiction=jurisdiction_of(ctx, listing.dataset),
    )
