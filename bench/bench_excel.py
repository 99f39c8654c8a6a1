"""Time and peak memory of the reviewer workbook for a large assessment.

    python bench/bench_excel.py                 # 10,000 parties, synthetic document
    python bench/bench_excel.py --parties 50000
    python bench/bench_excel.py --real          # assess a generated 10,000-party bid first

The synthetic document is shaped as docs/ARCHITECTURE.md fixes it, and is
big on purpose: every party has a path to the bidder, about 1.5 flags with
evidence, and one party in twenty a name match for the Review sheet. With
``--real`` a declaration of that size is assessed by ``scrisk.assess`` and
its own document is written (assessment time reported apart).

Target (issue 6): under 20 s and under 1 GB peak memory for 10,000 parties.
Peak memory is the process's peak resident set size (ru_maxrss), document
included.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from excel_doc import SUPERMAX_ENTRY, glove_document  # noqa: E402

from scrisk.report.excel.workbook import write_assessment_workbook  # noqa: E402

LEVELS = ("critical", "high", "medium", "low", None)


def synthetic_document(n_parties: int) -> dict[str, Any]:
    """The glove document grown to ``n_parties`` parties in a four-tier tree."""
    doc = glove_document()
    base_flags = doc["flags"]
    parties, flags, paths, screening = [doc["parties"][0]], [], [], []
    for i in range(1, n_parties):
        pid = f"P{i:05d}"
        parent = (
            "B" if i <= 50 else f"P{(i - 1) // 50:05d}" if i <= 2550 else f"P{(i - 1) // 200:05d}"
        )
        level = LEVELS[i % len(LEVELS)]
        parties.append(
            {
                "id": pid,
                "name": f"Supplier {i} Textile Manufacturing Co., Ltd.",
                "role": "subcontractor",
                "address": f"{i} Industrial Road, Zone {i % 97}",
                "city": "Dhaka",
                "region": "Dhaka Division",
                "country": "BD",
                "country_declared": "Bangladesh",
                "tier": 1 + (i > 50) + (i > 2550),
                "reachable": True,
                "supplies_to": [parent],
                "goods": ["G1"] if i <= 50 else [],
                "materials": ["cotton yarn", "woven fabric"],
                "workers": 100 + i % 900,
                "annual_capacity": 10_000 * i,
                "intrinsic_score": (i * 7) % 100,
                "score": (i * 11) % 100,
                "risk_level": level,
                "flags": 1 + i % 2,
            }
        )
        path = [pid, parent, "B"] if parent != "B" else [pid, "B"]
        paths.append(
            {"source": pid, "path": path, "score": (i * 11) % 100, "risk_level": level or "low"}
        )
        for k in range(1 + i % 2):
            f = dict(base_flags[(i + k) % len(base_flags)])
            f["party"], f["path"] = pid, path
            flags.append(f)
        if i % 20 == 0:
            screening.append(
                {**doc["screening"][0], "party": pid, "entry_id": f"{SUPERMAX_ENTRY}-{i}"}
            )
    doc.update(parties=parties, flags=flags, paths=paths, screening=screening)
    doc["summary"]["parties"] = n_parties
    return doc


def real_document(n_parties: int) -> dict[str, Any]:  # pragma: no cover - needs the engine
    import json

    import scrisk

    decl = json.loads((ROOT / "examples" / "apparel_bid.json").read_text(encoding="utf-8"))
    bidder = next(p for p in decl["parties"] if p["role"] == "bidder")
    extra = []
    for i in range(n_parties - len(decl["parties"])):
        extra.append(
            {
                "id": f"X{i:05d}",
                "role": "subcontractor",
                "name": f"Supplier {i} Garment Co.",
                "address": f"{i} Mill Road",
                "city": "Dhaka",
                "country": "BD",
                "supplies_to": [bidder["id"] if i < 50 else f"X{(i - 50) // 50:05d}"],
                "materials": ["cotton yarn"],
            }
        )
    decl["parties"] += extra
    start = time.perf_counter()
    a = scrisk.assess(decl)
    print(f"assess: {time.perf_counter() - start:.1f} s ({len(decl['parties']):,} parties)")
    return a.to_dict("en")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parties", type=int, default=10_000)
    ap.add_argument("--lang", default="en", choices=("en", "fr"))
    ap.add_argument("--real", action="store_true", help="assess a generated declaration first")
    args = ap.parse_args()
    doc = real_document(args.parties) if args.real else synthetic_document(args.parties)
    sizes = {k: len(doc.get(k, [])) for k in ("parties", "flags", "paths", "screening")}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.xlsx"
        start, cpu = time.perf_counter(), time.process_time()
        write_assessment_workbook(doc, out, lang=args.lang)
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu
        size = out.stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"workbook (with the supply-chain picture): {seconds:.2f} s wall, {cpu_seconds:.2f} s "
        f"CPU, {size / 1e6:.1f} MB file, peak RSS {peak_mb:.0f} MB; "
        + ", ".join(f"{v:,} {k}" for k, v in sizes.items())
    )
    print("target: < 20 s and < 1024 MB:", "met" if seconds < 20 and peak_mb < 1024 else "MISSED")


if __name__ == "__main__":
    main()
