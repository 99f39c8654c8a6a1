"""``Reference.goods_listings(iso2, good)`` reads an index by (country, folded good): the
same listings, in the same order, as filtering the country's listings by folded name."""

from __future__ import annotations

from datetime import date

import pytest

from scrisk.countries import fold
from scrisk.reference import get_reference


@pytest.mark.parametrize("as_of", [None, date(2019, 6, 1), date(2026, 12, 1)])
def test_listings_of_a_good_are_the_country_listings_of_that_name(as_of):
    ref = get_reference()
    listings = ref.all_goods_listings()
    assert len(listings) > 100  # the shipped ILAB list
    seen = 0
    for iso2 in sorted({g.iso2 for g in listings}):
        country = ref.goods_listings(iso2, as_of=as_of)
        for good in sorted({g.good for g in ref.goods_listings(iso2)}):
            for asked in (good, good.upper(), f" {good.lower()} "):
                expected = [g for g in country if fold(g.good) == fold(asked)]
                assert ref.goods_listings(iso2.lower(), asked, as_of=as_of) == expected
            seen += 1
    assert seen > 100
    assert ref.goods_listings("MY", "Rubber Gloves") != []  # the Malaysian glove listing
    assert ref.goods_listings("MY", "no such good") == []
    assert ref.goods_listings(None, "Rubber Gloves") == []
