"""Memory and CPU of `scrisk screen` end to end: a names file of 250,000 and 1,000,000 names.

    python bench/bench_screen_cli.py                      # 250,000 and 1,000,000 names, JSON
    python bench/bench_screen_cli.py --sizes 100000 --excel

Each run is a fresh ``python -m scrisk screen FILE --json OUT`` (``--excel OUT.xlsx``
with ``--excel``) whose CPU seconds (user + system) and peak resident memory come
from ``wait4``. A size past ``screening.max_names`` (250,000) runs with the limit
raised by a policy file. The names are bench_screening's synthetic names (seeded):
made-up firm names with 5 % rewrites of real list names, so about a tenth match.
Memory flat in the number of names: the peak at 1,000,000 names should be that at
250,000, give or take the screener's bounded caches.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def names_file(path: Path, n: int, seed: int = 1) -> None:
    from bench_screening import synthetic_names
    from screening_quality import list_entries

    names, countries = synthetic_names(n, list(list_entries()), seed)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "country"])
        out.writerows(zip(names, (c or "" for c in countries), strict=True))


def screen(argv: list[str]) -> tuple[float, float]:
    """CPU seconds and peak MB of one ``scrisk screen`` run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(
            [sys.executable, "-m", "scrisk", "screen", *argv], stdout=null, stderr=null, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"scrisk screen {' '.join(argv)} failed")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[250_000, 1_000_000])
    parser.add_argument("--excel", action="store_true", help="write the workbook, not JSON")
    args = parser.parse_args(argv)
    from bytecode import compile_package

    compile_package()  # as an installed copy has it (see bench/bytecode.py)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            names = Path(tmp) / f"names{n}.csv"
            names_file(names, n)
            out = Path(tmp) / ("out.xlsx" if args.excel else "out.json")
            extra = ["--excel" if args.excel else "--json", str(out), "--force"]
            if n > 250_000:
                policy = Path(tmp) / "policy.toml"
                policy.write_text(f"[screening]\nmax_names = {n}\n", encoding="utf-8")
                extra += ["--policy", str(policy)]
            cpu, peak = screen([str(names), "--as-of", "2025-06-30", *extra])
            print(
                f"scrisk screen {n:,} names --{'excel' if args.excel else 'json'}: "
                f"{cpu:.1f} s CPU = {n / cpu:,.0f} names/CPU-s, peak {peak:.0f} MB "
                f"(output {out.stat().st_size / 2**20:.0f} MiB)"
            )
            names.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
