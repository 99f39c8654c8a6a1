"""Speed of the command line: ``scrisk --help`` start-up, ``scrisk assess`` end to end,
and the terminal report of very large chains.

    python bench/bench_cli.py                       # 10 runs of each start-up, sizes 1k, 100k
    python bench/bench_cli.py --runs 20 --sizes 1000 10000
    python bench/bench_cli.py --entry-point /path/to/venv/bin/scrisk

Start-up is measured as wall time of fresh processes (what a user waits for),
so ``--help`` shows whether a heavy library (pandas, rich, networkx) slipped
into the import path of ``scrisk.cli``. The terminal report is timed from an
assessment document already built (rendering only), into a 100-column buffer.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def wall(argv: list[str], runs: int) -> dict[str, float]:
    """Median and worst wall time of ``runs`` fresh processes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def render_time(n_parties: int) -> dict[str, float | int]:
    from bench_assessment import generate
    from rich.console import Console

    from scrisk.assessment import assess
    from scrisk.report.terminal import render_assessment

    doc = assess(generate(n_parties, 1)).to_dict("en")
    buffer = io.StringIO()
    start = time.perf_counter()
    render_assessment(doc, Console(file=buffer, width=100), lang="en")
    return {
        "parties": n_parties,
        "flags": len(doc["flags"]),
        "render_s": round(time.perf_counter() - start, 3),
        "lines": len(buffer.getvalue().splitlines()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 100_000])
    parser.add_argument("--entry-point", help="an installed 'scrisk' script to time as well")
    args = parser.parse_args(argv)
    py = sys.executable
    examples = [str(ROOT / "examples" / f"{n}_bid.json") for n in ("glove", "apparel", "clean")]
    print("python -m scrisk --help      ", wall([py, "-m", "scrisk", "--help"], args.runs))
    print(
        "python -m scrisk assess --help", wall([py, "-m", "scrisk", "assess", "--help"], args.runs)
    )
    if args.entry_point:
        print("entry point --help           ", wall([args.entry_point, "--help"], args.runs))
    print(
        "assess 3 examples --json -   ",
        wall([py, "-m", "scrisk", "assess", *examples, "--json", "-"], max(1, args.runs // 2)),
    )
    for n in args.sizes:
        print("terminal report              ", render_time(n))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
