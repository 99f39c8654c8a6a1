"""GOODS: a party makes a good or material that the ILAB list names for its country.

A party's solicitation goods are mapped to ILAB goods by HS code (else by
description), its declared materials by their words ("raw cotton lint" ->
Cotton). Each listing in force on the as-of date in the party's country gives
one flag: high for forced labour (or goods made with tainted inputs), medium
for child labour only.
"""

from __future__ import annotations

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import country_label, flag, jurisdiction_of, party_label
from scrisk.findings import Evidence, Flag

RULE = "GOODS"


def labour_of(listing) -> str:  # type: ignore[no-untyped-def]
    """'forced_child', 'forced', 'child' or 'tainted': what the listing says."""
    if listing.forced_child_labour or (listing.forced_labour and listing.child_labour):
        return "forced_child"
    if listing.forced_labour:
        return "forced"
    if listing.child_labour:
        return "child"
    return "tainted"


def _dated(listing) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Since when the listing is in force, and how that is known (none when undated)."""
    start = listing.listed_from
    if start is None:
        return {}
    return {"listed_from": start.isoformat(), "dated_by": listing.dated_by}


def check(ctx: Context) -> list[Flag]:
    out: list[Flag] = []
    for party in ctx.parties:
        iso2 = party.country_code
        if not iso2 or not (party.goods or party.materials):
            continue
        seen: set[tuple[str, str | None]] = set()
        for item in ctx.ilab_goods(party):
            key = (item.good, item.good_id)
            if key in seen:
                continue
            seen.add(key)
            for listing in ctx.listings(iso2, item.good):
                labour = labour_of(listing)
                severity = "medium" if labour == "child" else "high"
                out.append(
                    flag(
                        ctx,
                        RULE,
                        severity,
                        labour,
                        party=party.id,
                        good=item.good_id,
                        params={
                            "party": party_label(ctx, party.id),
                            "ilab_good": listing.good,
                            "country": country_label(listing.iso2, listing.country),
                            "declared": item.text,
                            "labour": labour,
                            "tainted_source": listing.tainted_input_source_iso2 or "",
                        },
                        evidence=(
                            Evidence(
                                source=ctx.source_title(listing.dataset),
                                edition=listing.edition,
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
                            ),
                        ),
                    )
                )
    return out
