"""Speed of reading, validating and graphing big declarations (run on demand).

    python bench/bench_readers.py [--parties 10000] [--graph-parties 100000]

Builds synthetic declarations (a random supply tree toward one bidder, so
tiers are deep and wide), writes them to a temporary folder, and times:
reading + validating JSON, the same with 50 faults, the Excel form, and
build_graph on the large one. Prints one line per measurement.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if (ROOT / "scrisk").is_dir():
    sys.path.insert(0, str(ROOT))

from scrisk.errors import DeclarationError  # noqa: E402
from scrisk.graph import build_graph, path_to_bidder  # noqa: E402
from scrisk.readers import load_declaration  # noqa: E402
from scrisk.template import write_declaration_workbook  # noqa: E402

COUNTRIES = ["CA", "Malaysia", "Bangladesh", "China", "Viet Nam", "Portugal", "Malaisie", "IND"]
ROLES = ["manufacturer", "subcontractor", "material_supplier", "agent"]


def synthetic(n: int, *, faults: int = 0, seed: int = 7) -> dict:
    rng = random.Random(seed)
    parties = [
        {
            "id": "B",
            "role": "bidder",
            "name": "Bidder Inc.",
            "country": "CA",
            "address": "1 Main St",
            "city": "Ottawa",
            "region": "Ontario",
        }
    ]
    for i in range(1, n):
        target = "B" if i < 20 else f"P{rng.randrange(1, i)}"
        parties.append(
            {
                "id": f"P{i}",
                "role": rng.choice(ROLES),
                "name": f"Supplier {i} Co., Ltd.",
                "address": f"{i} Industrial Road",
                "city": "Somewhere",
                "region": "Region",
                "country": rng.choice(COUNTRIES),
                "supplies_to": [target],
                "goods": ["G1"] if i < 20 else [],
                "materials": ["cotton yarn"],
                "workers": rng.randrange(10, 5000),
            }
        )
    for k in range(faults):
        p = parties[1 + k * (n - 2) // max(faults, 1)]
        if k % 2:
            p["supplies_to"] = [f"MISSING{k}"]
        else:
            p["workers"] = "many"
    return {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": "BENCH",
            "category": "apparel",
            "closing_date": "2022-03-31",
            "goods": [{"id": "G1", "description": "Shirts", "hs_code": "6205.20"}],
        },
        "parties": parties,
        "certifications": [
            {
                "party": "B",
                "type": "ethical_procurement",
                "signed_on": "2022-03-01",
                "rights": ["child_labour"],
            }
        ],
        "audits": [],
    }


def timed(label: str, fn):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parties", type=int, default=10_000)
    ap.add_argument("--graph-parties", type=int, default=100_000)
    args = ap.parse_args()
    n, big = args.parties, args.graph_parties
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        path = tmpdir / "bid.json"
        path.write_text(json.dumps(synthetic(n)), encoding="utf-8")
        decl = timed(f"read + validate JSON, {n:,} parties", lambda: load_declaration(path))

        bad = tmpdir / "bad.json"
        bad.write_text(json.dumps(synthetic(n, faults=50)), encoding="utf-8")

        def all_faults() -> int:
            try:
                load_declaration(bad)
            except DeclarationError as error:
                return len(error.faults)
            return 0

        found = timed(f"read + validate JSON, {n:,} parties, 50 faults", all_faults)
        print(f"{'  faults reported':<58} {found:8d}")

        xlsx = tmpdir / "bid.xlsx"
        timed(f"write workbook, {n:,} parties", lambda: write_declaration_workbook(decl, xlsx))
        back = timed(f"read + validate workbook, {n:,} parties", lambda: load_declaration(xlsx))
        assert back == decl

        G = timed(f"build_graph, {n:,} parties", lambda: build_graph(decl))
        large = tmpdir / "large.json"
        large.write_text(json.dumps(synthetic(big)), encoding="utf-8")
        big_decl = timed(f"read + validate JSON, {big:,} parties", lambda: load_declaration(large))
        G = timed(f"build_graph, {big:,} parties", lambda: build_graph(big_decl))
        deepest = max(G.nodes, key=lambda p: G.nodes[p]["tier"] or 0)
        timed(
            f"path_to_bidder for all {big:,} parties",
            lambda: [path_to_bidder(G, p) for p in G.nodes],
        )
        print(f"{'  max tier':<58} {G.nodes[deepest]['tier']:8d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
