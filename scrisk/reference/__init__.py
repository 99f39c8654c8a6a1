"""Reference data: country profiles, ILAB goods, HS/material taxonomy, XUAR regions, lists.

    from scrisk.reference import get_reference
    ref = get_reference()                       # shared, lazy, cached
    ref.country("MY").risk_level                # composite country risk, or "unknown"
    ref.goods_listings("MY", "Rubber Gloves")   # ILAB listings (forced labour)
    ref.goods_for_hs("4015.19")                 # ("Rubber Gloves", "Gloves")
    ref.find_regions("Hotan, XUAR")             # [RegionMatch(CN-XJ, ...)]
    [e for e in ref.list_entries() if e.active_on(date(2022, 1, 1))]

Every record names its dataset and edition (``ref.dataset(id)`` has the
publisher, licence and source). Processed files: ``country_profiles/`` and
``sector_data/``; rebuild them with ``scrisk data build --from DIR``.
"""

from __future__ import annotations

from scrisk.reference.loader import Reference, data_folder, get_reference
from scrisk.reference.model import (
    LIST_CBP,
    LIST_UFLPA,
    CountryProfile,
    DatasetInfo,
    GoodsListing,
    ListEntry,
    RegionMatch,
)

__all__ = [
    "LIST_CBP",
    "LIST_UFLPA",
    "CountryProfile",
    "DatasetInfo",
    "GoodsListing",
    "ListEntry",
    "Reference",
    "RegionMatch",
    "data_folder",
    "get_reference",
]
