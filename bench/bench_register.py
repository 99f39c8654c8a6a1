"""Speed of `rescreen`: 10,000 recorded contracts of 20 parties, on SQLite and PostgreSQL.

    python bench/bench_register.py                          # SQLite; PostgreSQL too when
                                                            # SCRISK_TEST_POSTGRES is set
    python bench/bench_register.py --contracts 1000 --postgres postgresql://u@host/db
    python bench/bench_register.py --profile                # cProfile of the SQLite run

Setup (not timed): distinct generated bids (bench_assessment.generate, seeded)
are assessed at the bid stage as of their closing date, recorded and awarded;
the database is then vacuumed and analysed (PostgreSQL) or checkpointed (SQLite),
as a register in use long since is, so that no clean-up of the bulk load runs
beside the timed work.
Timed: one `rescreen` as of 2024-01-15 in a fresh process (reference data
loaded first, as a scheduled job would), which re-assesses every contract,
diffs it with its last record and records the re-assessment: by default in
that one process (rescreen's default, the least CPU); ``--workers N`` in N
worker processes, whose CPU counts too. Peak memory is the child process's
peak resident memory (its VmHWM; and the workers' largest).

``--runs N`` (default 3): N timed re-screens, each of its own fresh copy of the
populated register (a file copy; a database made from it as a template). The
figures printed are the median run's (by contracts per CPU second; of an even
number, the slower middle one); ``runs_per_cpu_second`` has every run's, so the
spread a shared machine adds is seen, not hidden.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def populate(url: str, n: int, parties: int) -> None:
    from bench_assessment import generate
    from sqlalchemy import insert

    import scrisk
    from scrisk.register import open_register
    from scrisk.register import schema as S
    from scrisk.register.rows import now_utc

    scrisk.get_reference().load_all()
    reg = open_register(url)
    rows, stored, awards = [], [], []
    for i in range(n):
        doc = generate(parties, seed=i)
        doc["solicitation"]["id"] = f"W{i:05d}-BENCH/A"
        body = (json.dumps(doc, sort_keys=True) + "\n").encode()
        a = scrisk.assess(doc)
        row, declaration = reg._record_row(a, body, f"bid{i}.json", None, None, str(uuid.uuid4()))
        rows.append(row)
        stored.append(declaration)
        awards.append(
            {
                "record": row["id"],
                "contract": f"C-{i:05d}",
                "awarded_on": "2022-04-15",
                "recorded_at": now_utc(),
            }
        )
        if len(rows) == 500 or i == n - 1:
            with reg.engine.begin() as conn:  # record_many stores records of stored declarations
                reg._insert_declarations(conn, stored)
            reg.record_many(rows)
            with reg.engine.begin() as conn:
                conn.execute(insert(S.awards), awards)
            rows, stored, awards = [], [], []
    reg.close()


def _cpu(system_only: bool = False) -> float:
    import resource

    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    if system_only:
        return me.ru_stime + kids.ru_stime
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def own_peak_mib() -> float:
    """This process's peak resident memory (MiB): VmHWM, its own; ru_maxrss where there is
    no /proc (on Linux, ru_maxrss survives exec: it would report the bench's own peak,
    the 10,000 bids it generated and recorded, as the re-screen's)."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            found = [line for line in fh if line.startswith("VmHWM:")]
    except OSError:
        found = []
    if found:
        return int(found[0].split()[1]) / 1024  # kB -> MiB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(url: str, profile: bool, workers: int | None) -> dict:
    """Run in the child: load the data, then one rescreen, timed."""
    import resource

    import scrisk
    from scrisk.register import open_register, rescreen

    scrisk.get_reference().load_all()
    scrisk.assess(str(ROOT / "examples" / "glove_bid.json"))  # screener built
    reg = open_register(url)
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
    t0, c0, s0 = time.perf_counter(), _cpu(), _cpu(system_only=True)
    report = rescreen(reg, as_of="2024-01-15", workers=workers)
    took, cpu, system = time.perf_counter() - t0, _cpu() - c0, _cpu(system_only=True) - s0
    if profile:
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats(
            os.environ.get("SCRISK_BENCH_SORT", "cumulative")
        ).print_stats(35)
    n = len(report["contracts"])
    peak = own_peak_mib()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "contracts": n,
        "seconds": round(took, 2),
        "per_second": round(n / took, 1),
        "cpu_seconds": round(cpu, 1),
        "per_cpu_second": round(n / cpu, 1),
        "system_seconds": round(system, 1),  # of cpu_seconds: the kernel (file writes ...)
        "peak_rss_mib": round(peak, 1),
        "worker_peak_rss_mib": round(workers, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "changed": sum(1 for c in report["contracts"] if c["changes"]),
        "rose": sum(1 for c in report["contracts"] if c["rose"]),
    }


def child(url: str, profile: bool, workers: int | None) -> dict:
    """One timed re-screen of ``url`` in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", url]
        + (["--profile"] if profile else [])
        + (["--workers", str(workers)] if workers else []),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    if profile:
        sys.stderr.write(out.stderr)
    result: dict = json.loads(out.stdout)
    return result


def settle(url: str) -> None:
    """After the bulk load: the state of a register in use long since (PostgreSQL's
    autovacuum done, SQLite's log checkpointed), so neither runs beside the timed work."""
    from sqlalchemy import create_engine, text

    if url.startswith("postgresql"):
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        engine = create_engine(f"sqlite:///{url}")
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def made(url: str, n: int, parties: int) -> float:
    """The register populated and settled (the setup, not timed): its seconds."""
    t0 = time.perf_counter()
    populate(url, n, parties)
    settle(url)
    return time.perf_counter() - t0


def median_run(name: str, runs: list[dict], setup: float) -> dict:
    """The run of median contracts per CPU second (of an even number of runs, the slower
    of the two middle ones), with every run's."""
    ordered = sorted(runs, key=lambda r: r["per_cpu_second"])
    result = dict(ordered[(len(ordered) - 1) // 2])
    result.update(
        backend=name,
        setup_seconds=round(setup, 1),
        runs=len(runs),
        runs_per_cpu_second=[r["per_cpu_second"] for r in runs],
    )
    return result


def run_sqlite(
    tmp: str, n: int, parties: int, profile: bool, workers: int | None, runs: int
) -> dict:
    import shutil

    base = str(Path(tmp) / "base.sqlite")
    setup = made(base, n, parties)
    done = []
    for i in range(runs):
        url = str(Path(tmp) / f"run{i}.sqlite")
        shutil.copyfile(base, url)
        done.append(child(url, profile and i == 0, workers))
        Path(url).unlink()
        for suffix in ("-wal", "-shm"):
            Path(url + suffix).unlink(missing_ok=True)
    return median_run("sqlite", done, setup)


def run_postgres(server: str, n: int, parties: int, workers: int | None, runs: int) -> dict:
    base, base_name = fresh_postgres(server)
    try:
        setup = made(base, n, parties)
        done = []
        for _ in range(runs):
            url, name = fresh_postgres(server, template=base_name)
            try:
                done.append(child(url, False, workers))
            finally:
                drop_postgres(server, name)
    finally:
        drop_postgres(server, base_name)
    return median_run("postgresql", done, setup)


def fresh_postgres(server: str, template: str | None = None) -> tuple[str, str]:
    import psycopg

    name = f"scrisk_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return server.rsplit("/", 1)[0] + "/" + name, name


def drop_postgres(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--contracts", type=int, default=10_000)
    p.add_argument("--parties", type=int, default=20)
    p.add_argument(
        "--postgres",
        default=os.environ.get("SCRISK_TEST_POSTGRES"),
        help="a PostgreSQL server URL (a fresh database is made and dropped)",
    )
    p.add_argument("--profile", action="store_true")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes (default: rescreen's own, 1)",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=3,
        help="timed re-screens, each of a fresh copy of the register (median printed)",
    )
    p.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(timed(args.child, args.profile, args.workers)))
        return 0
    os.environ.setdefault("SCRISK_HOME", tempfile.mkdtemp(prefix="scrisk-bench-home-"))
    from bytecode import compile_package

    compile_package()  # as an installed copy has it (see bench/bytecode.py)
    if args.runs < 1:
        p.error("--runs must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        result = run_sqlite(
            tmp, args.contracts, args.parties, args.profile, args.workers, args.runs
        )
        print(json.dumps(result), flush=True)
    if args.postgres:
        result = run_postgres(args.postgres, args.contracts, args.parties, args.workers, args.runs)
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
