"""How long the whole reference data set takes to load (run on demand, not in CI).

    python bench/bench_reference.py

Loads every part (datasets, profiles, goods, taxonomy, regions, lists) in a
fresh Reference, several times, and reports the best and median time, then
times a batch of lookups.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from scrisk.reference import Reference  # noqa: E402


def main(repeats: int = 7) -> None:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        ref = Reference().load_all()
        times.append(time.perf_counter() - start)
    print(
        f"full load: best {min(times) * 1000:.1f} ms, "
        f"median {statistics.median(times) * 1000:.1f} ms "
        f"({len(ref.list_entries())} list entries, {len(ref.all_goods_listings())} goods listings, "
        f"{len(ref.countries())} country profiles, {len(ref.datasets)} datasets)"
    )
    texts = [
        ("Hotan, XUAR",),
        ("Lot 5, Jalan Industri", "Klang", "Selangor"),
        ("No. 8 Beijing Road", "Urumqi"),
        ("100 Main St", "Ottawa", "Ontario"),
    ] * 250
    start = time.perf_counter()
    for t in texts:
        ref.find_regions(*t, country=None)
        ref.goods_for_material("nitrile butadiene rubber latex")
        ref.goods_for_hs("4015.19")
        ref.goods_listings("MY", "Rubber Gloves", as_of=date(2022, 1, 1))
        [e for e in ref.list_entries() if e.active_on(date(2022, 1, 1))]
    elapsed = time.perf_counter() - start
    print(
        f"1,000 rounds of lookups (regions, material, HS, listings, active entries): "
        f"{elapsed * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
