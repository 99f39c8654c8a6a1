"""Speed of the command line: ``scrisk --help`` start-up, ``scrisk assess`` end to end,
a portfolio and a large bid through ``scrisk assess --json -``, and the terminal report
of very large chains.

    python bench/bench_cli.py                       # 10 runs of each start-up, sizes 1k, 20k
    python bench/bench_cli.py --runs 20 --sizes 1000 10000 --bids 200 --parties 5000
    python bench/bench_cli.py --entry-point /path/to/venv/bin/scrisk

The portfolio (``--bids`` generated bids of 20 parties, one call; bids of one
solicitation, sharing their closing date, so a batch screens their names together;
then the same bids each on its own closing date, the least sharing) and the large
bid (``--parties``) are measured in CPU seconds of the child process (user +
system, from ``wait4``, which a busy shared machine changes far less than wall
time) with its peak memory, and as a ratio to the floor: ``json.loads`` of the
same files plus a networkx graph of their parties and links.

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


def cli_cpu(argv: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak MB of one ``scrisk`` run, output discarded."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(
            [sys.executable, "-m", "scrisk", *argv], stdout=null, stderr=null, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"scrisk {' '.join(argv[:2])} ... failed")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def cli_runs(n_bids: int, n_parties: int) -> None:
    """``scrisk assess --json -`` over a portfolio, then over one large bid, vs the floor."""
    import json
    import tempfile
    from datetime import date, timedelta

    from bench_assessment import floor_s, generate

    with tempfile.TemporaryDirectory() as tmp:
        bids = [generate(20, 1000 + i) for i in range(n_bids)]
        files = []
        for i, bid in enumerate(bids):
            files.append(str(Path(tmp) / f"bid{i:05d}.json"))
            Path(files[-1]).write_text(json.dumps(bid), encoding="utf-8")
        floor = sum(floor_s(bid) for bid in bids)
        cpu, peak = cli_cpu(["assess", *files, "--json", "-"])
        print(
            f"assess {n_bids:,} bids of 20 parties --json -: {cpu:.1f} s CPU = "
            f"{n_bids / cpu:,.0f} bids/CPU-s, peak {peak:.0f} MB; floor {floor:.2f} s "
            f"(x{cpu / floor:.0f})"
        )
        # the same bids, each closing on its own day: no two share a screening call
        for i, bid in enumerate(bids):
            day = date(2022, 3, 31) - timedelta(days=i % 3000)
            bid["solicitation"]["closing_date"] = day.isoformat()
            Path(files[i]).write_text(json.dumps(bid), encoding="utf-8")
        cpu, peak = cli_cpu(["assess", *files, "--json", "-"])
        print(
            f"  the same, each bid on its own closing date: {cpu:.1f} s CPU = "
            f"{n_bids / cpu:,.0f} bids/CPU-s, peak {peak:.0f} MB (x{cpu / floor:.0f})"
        )
        big = generate(n_parties, 7)
        path = Path(tmp) / "big.json"
        path.write_text(json.dumps(big), encoding="utf-8")
        floor = floor_s(big)
        cpu, peak = cli_cpu(["assess", str(path), "--json", "-", "--quiet"])
        print(
            f"assess one bid of {n_parties:,} parties --json -: {cpu:.1f} s CPU, peak "
            f"{peak:.0f} MB; floor {floor:.2f} s (x{cpu / floor:.0f})"
        )


def render_time(n_parties: int) -> dict[str, float | int]:
    from bench_assessment import generate
    from rich.console import Console

    from scrisk.assessment import assess
    from scrisk.report.terminal.render import render_assessment

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
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 20_000])
    parser.add_argument("--bids", type=int, default=1000)
    parser.add_argument("--parties", type=int, default=20_000)
    parser.add_argument("--entry-point", help="an installed 'scrisk' script to time as well")
    args = parser.parse_args(argv)
    from bytecode import compile_package

    compile_package()  # as an installed copy has it (see bench/bytecode.py)
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
    cli_runs(args.bids, args.parties)
    for n in args.sizes:
        print("terminal report              ", render_time(n))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
