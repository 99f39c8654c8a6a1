"""Speed of a chain where every party is flagged (issue 20: "Flagged chains").

    python bench/bench_flagged_chain.py                  # 10,000 parties
    python bench/bench_flagged_chain.py --sizes 2500 5000 10000 20000

Each size is assessed by the command line in a child process
(``python -m scrisk assess FILE --json OUT -q``), as a user runs it, and its CPU
seconds (user + system of the child, ``RUSAGE_CHILDREN``) and peak memory
(the child's VmHWM is not readable after exit, so ``ru_maxrss`` of the child)
are printed. Every party is in China with a Xinjiang address (REGION), declares
cotton (GOODS: ILAB lists Chinese cotton), and every third carries the name of
an entity on the enforcement lists (WATCHLIST and CT9897), so the slow paths
of a flag (evidence, paths to the bidder, the clause matrix, the document)
run for every party. The issue's target: 10,000 parties under 20 s of CPU.
Seeded and deterministic; the time grows linearly if no step is super-linear
(compare the CPU seconds per 1,000 parties across sizes).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LISTED = (
    "Hetian Taida Apparel Co., Ltd.",
    "Xinjiang Production and Construction Corps",
    "Hoshine Silicon Industry Co., Ltd.",
    "Supermax Corporation Bhd.",
    "Changji Esquel Textile Co. Ltd.",
    "Aksu Huafu Textiles Co., Ltd.",
)
PLACES = ("Aksu", "Kashgar", "Hotan", "Urumqi", "Shihezi", "Turpan")


def generate(n_parties: int, *, seed: int = 7, fanout: int = 4) -> dict:
    """A bid of ``n_parties`` parties in tiers, every one of them flagged."""
    rng = random.Random(seed)
    parties: list[dict] = [
        {
            "id": "B",
            "role": "bidder",
            "name": "Northern Workwear Supply Inc.",
            "address": "1 Main St",
            "city": "Ottawa",
            "region": "Ontario",
            "country": "CA",
        }
    ]
    level, depth = ["B"], 0
    while len(parties) < n_parties:
        depth += 1
        nxt = []
        for down in level:
            for _ in range(fanout):
                if len(parties) >= n_parties:
                    break
                i = len(parties)
                name = LISTED[i % len(LISTED)] if i % 3 == 0 else f"Tianshan Cotton Mill No. {i}"
                party = {
                    "id": f"P{i}",
                    "role": "manufacturer" if depth == 1 else "material_supplier",
                    "name": name,
                    "address": f"{i} Industrial Park Road, {rng.choice(PLACES)}",
                    "city": rng.choice(PLACES),
                    "region": "Xinjiang",
                    "country": "CN",
                    "supplies_to": [down],
                }
                if depth == 1:
                    party["goods"] = ["G1"]
                else:
                    party["materials"] = ["cotton"]
                parties.append(party)
                nxt.append(party["id"])
        level = nxt
    return {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": "W0000-FLAGGED/A",
            "category": "apparel",
            "closing_date": "2026-03-31",
            "goods": [
                {
                    "id": "G1",
                    "description": "Cotton work shirts",
                    "hs_code": "6205.20",
                    "quantity": 200_000,
                    "unit": "pieces",
                }
            ],
        },
        "parties": parties,
        "certifications": [],
        "audits": [],
    }


def run(n_parties: int, fanout: int = 4) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        decl = Path(tmp) / f"flagged_{n_parties}.json"
        out = Path(tmp) / "out.json"
        decl.write_text(json.dumps(generate(n_parties, fanout=fanout)), encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(
            [sys.executable, "-m", "scrisk", "assess", str(decl), "--json", str(out), "-q"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1) or not out.is_file():
            raise SystemExit(f"assess failed ({proc.returncode}): {proc.stderr[-2000:]}")
        doc = json.loads(out.read_text(encoding="utf-8"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    flagged = sum(1 for p in doc["parties"] if p["flags"])
    return {
        "parties": n_parties,
        "fanout": fanout,
        "flagged_parties": flagged,
        "flags": len(doc["flags"]),
        "risk_level": doc["risk_level"],
        "cpu_s": round(cpu, 2),
        "cpu_s_per_1000": round(1000 * cpu / n_parties, 3),
        "peak_mb": round(after.ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--fanout", type=int, default=4, help="suppliers of each party")
    args = parser.parse_args()
    for n in args.sizes:
        print(json.dumps(run(n, args.fanout)), flush=True)


if __name__ == "__main__":
    main()
