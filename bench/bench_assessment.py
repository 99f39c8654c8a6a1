"""Speed of the assessment: one 20-party bid, a portfolio of bids, one very large chain.

    python bench/bench_assessment.py                 # 1,000 bids + graphs of 10k, 20k, 100k parties
    python bench/bench_assessment.py --bids 10000 --sizes 10000 20000

Times are CPU seconds of this process (``time.process_time``: user + system),
which a busy, shared machine changes far less than wall time, and each graph is
also given as a ratio to its floor: ``json.loads`` of the declaration plus a
networkx graph of its parties and links, the least any assessment must do.
A size past the declaration limit (20,000 parties) runs with the limit raised.

Bids are generated (seeded, deterministic): a bidder, makers and tiers of
fabric / yarn / fibre or latex suppliers in a mix of countries, names made of
neutral words (a few real list names are planted so the WATCHLIST path is
exercised). Reference data and the screener are loaded before timing, as in
a long-running service ("data already loaded"). Peak memory is measured with
tracemalloc in a separate run so it does not slow the timed one.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import statistics
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scrisk  # noqa: E402
from scrisk.assessment import assess  # noqa: E402
from scrisk.readers import limits, load_declaration  # noqa: E402
from scrisk.schema import RIGHTS as RIGHTS_OF_A3006T

WORDS = (
    "Maple",
    "Harbour",
    "Summit",
    "Cedar",
    "Aurora",
    "Falcon",
    "Granite",
    "Meridian",
    "Lotus",
    "Pioneer",
    "Sterling",
    "Willow",
    "Orchid",
    "Beacon",
    "Crescent",
    "Delta",
)
KINDS = ("Textiles", "Apparel", "Weaving", "Spinning", "Garments", "Fabrics", "Industries")
COUNTRIES = ("CA", "MY", "CN", "BD", "PT", "VN", "TR", "IN", "MX", "PK")
PLANTED = ("Supermax Glove Manufacturing Sdn. Bhd.", "Hetian Taida Apparel Co., Ltd.")
RIGHTS = list(RIGHTS_OF_A3006T)
TIER_MATERIALS = (None, ["cotton poplin fabric"], ["combed cotton yarn"], ["raw cotton lint"])


def _name(rng: random.Random, i: int) -> str:
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {i} Ltd."


def generate(n_parties: int, seed: int, *, fanout: int = 4) -> dict:
    """A bid declaration with ``n_parties`` parties in tiers (each supplies one downstream)."""
    rng = random.Random(seed)
    parties = [
        {
            "id": "B",
            "role": "bidder",
            "name": f"{rng.choice(WORDS)} Supply Inc.",
            "address": "1 Main St",
            "city": "Ottawa",
            "region": "Ontario",
            "country": "CA",
        }
    ]
    level = ["B"]
    depth = 0
    while len(parties) < n_parties:
        depth += 1
        nxt = []
        for down in level:
            for _ in range(fanout):
                if len(parties) >= n_parties:
                    break
                pid = f"P{len(parties)}"
                country = rng.choice(COUNTRIES)
                party = {
                    "id": pid,
                    "role": "manufacturer" if depth == 1 else "material_supplier",
                    "name": _name(rng, len(parties)),
                    "address": f"{len(parties)} Road",
                    "city": "Aksu" if rng.random() < 0.002 else "Metro",
                    "country": country,
                    "supplies_to": [down],
                }
                if rng.random() < 0.003:
                    party["name"] = rng.choice(PLANTED)
                if depth == 1:
                    party["goods"] = ["G1"]
                    party["annual_capacity"] = rng.choice([50_000, 500_000, 5_000_000])
                else:
                    party["materials"] = TIER_MATERIALS[min(depth - 1, 3)]
                parties.append(party)
                nxt.append(pid)
        level = nxt
    certs = [
        {
            "party": p["id"],
            "type": "ethical_procurement",
            "signed_on": "2022-01-10",
            "rights": RIGHTS,
        }
        for p in parties[: 1 + fanout]
        if rng.random() < 0.9
    ]
    return {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": "W0000-BENCH/A",
            "category": "apparel",
            "closing_date": "2022-03-31",
            "goods": [
                {
                    "id": "G1",
                    "description": "Work shirts",
                    "hs_code": "6205.20",
                    "quantity": 200_000,
                    "unit": "pieces",
                }
            ],
        },
        "parties": parties,
        "certifications": certs,
        "audits": [],
    }


def floor_s(declaration: dict) -> float:
    """CPU seconds of ``json.loads`` + a networkx graph of the parties and their links."""
    import networkx as nx

    text = json.dumps(declaration)
    t0 = time.process_time()
    data = json.loads(text)
    graph = nx.DiGraph()
    for party in data["parties"]:
        graph.add_node(party["id"], **party)
    for party in data["parties"]:
        for down in party.get("supplies_to", ()):
            graph.add_edge(party["id"], down)
    return time.process_time() - t0


@contextlib.contextmanager
def limit_raised(n_parties: int):  # type: ignore[no-untyped-def]
    """The declaration limit on parties raised to ``n_parties`` (when past it) meanwhile."""
    saved = limits.MAX_PARTIES, limits._SECTIONS
    if n_parties > limits.MAX_PARTIES:
        limits.MAX_PARTIES = n_parties
        limits._SECTIONS = tuple(
            (key, section, n_parties if key == "parties" else most)
            for key, section, most in limits._SECTIONS
        )
    try:
        yield
    finally:
        limits.MAX_PARTIES, limits._SECTIONS = saved


def warm() -> None:
    """Load reference data and build the screener before timing."""
    scrisk.get_reference().load_all()
    assess(load_declaration(generate(20, 0)))


def bench_single(n_runs: int = 200) -> dict:
    decl = load_declaration(generate(20, 1))
    times = []
    for _ in range(n_runs):
        t0 = time.process_time()
        a = assess(decl)
        a.to_dict()
        times.append(time.process_time() - t0)
    return {
        "median_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * sorted(times)[int(0.95 * len(times))],
        "risk_level": a.risk_level,
    }


def bench_portfolio(n_bids: int) -> dict:
    decls = [load_declaration(generate(20, 1000 + i)) for i in range(n_bids)]
    gc.collect()
    t0 = time.process_time()
    levels: dict[str, int] = {}
    for d in decls:
        a = assess(d)
        levels[a.risk_level] = levels.get(a.risk_level, 0) + 1
    elapsed = time.process_time() - t0
    return {
        "bids": n_bids,
        "seconds": elapsed,
        "bids_per_second": n_bids / elapsed,
        "levels": dict(sorted(levels.items())),
    }


def bench_graph(n_parties: int, *, memory: bool) -> dict:
    declared = generate(n_parties, 7)
    floor = floor_s(declared)
    with limit_raised(n_parties):
        decl = load_declaration(declared)
    gc.collect()
    t0 = time.process_time()
    a = assess(decl)
    assess_s = time.process_time() - t0
    t1 = time.process_time()
    a.document("en")  # the typed document, built once and kept
    build_s = time.process_time() - t1
    doc = a.to_dict()  # its serialisation
    doc_s = time.process_time() - t1
    out = {
        "floor_s": floor,
        "parties": n_parties,
        "assess_s": assess_s,
        "document_s": doc_s,
        "build_s": build_s,
        "flags": len(a.flag_list),
        "risk_level": a.risk_level,
        "parties_out": len(doc["parties"]),
    }
    if memory:
        del a, doc
        gc.collect()
        tracemalloc.start()
        a = assess(decl)
        a.to_dict()
        out["peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bids", type=int, default=1_000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 20_000, 100_000])
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args(argv)
    t0 = time.process_time()
    warm()
    print(f"warm-up (reference data + screener): {time.process_time() - t0:.2f} s CPU")
    s = bench_single()
    print(
        f"one 20-party bid: median {s['median_ms']:.2f} ms CPU, p95 {s['p95_ms']:.2f} ms "
        f"(assess + document; {s['risk_level']})"
    )
    if args.bids:
        p = bench_portfolio(args.bids)
        print(
            f"portfolio: {p['bids']:,} bids of 20 parties in {p['seconds']:.1f} s CPU = "
            f"{p['bids_per_second']:,.0f} bids/CPU-s; levels {p['levels']}"
        )
    prev = None
    for n in args.sizes:
        g = bench_graph(n, memory=not args.no_memory)
        growth = (
            f", x{g['assess_s'] / prev[1]:.2f} time for x{n / prev[0]:.1f} parties" if prev else ""
        )
        mem = f", peak {g['peak_mib']:.0f} MiB" if "peak_mib" in g else ""
        total = g["assess_s"] + g["document_s"]
        print(
            f"one graph of {n:,} parties (CPU s): assess {g['assess_s']:.2f}, document "
            f"{g['document_s']:.2f} (typed build {g['build_s']:.2f} + to_dict "
            f"{g['document_s'] - g['build_s']:.2f}) = {total:.2f}, floor {g['floor_s']:.2f} "
            f"(x{total / g['floor_s']:.0f}){mem}; {g['flags']:,} flags, {g['risk_level']}{growth}"
        )
        prev = (n, g["assess_s"])
    print(f"(python {sys.version.split()[0]}, {date.today().isoformat()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
