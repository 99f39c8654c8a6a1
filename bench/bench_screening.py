"""Speed of name screening: 100,000 declared names against the full enforcement lists.

    python bench/bench_screening.py [--names 100000] [--naive-sample 0] [--seed 1]
                                    [--workers 1]
    python bench/bench_screening.py --synthetic-entries 20000 --names 20000
    python bench/bench_screening.py --real-entries 20000 --names 20000

With ``--synthetic-entries N`` the list is N made-up entries (the shipped
entries plus synthetic firms built like the declared names, firm words of two
or three syllables) instead of the shipped lists: the candidate index must
keep the cost flat as lists grow. Built from the same 32 syllables, list and
declared firm words collide often (a much harder case than real lists: each
declared word finds about 17 list words at ratio 80). With ``--real-entries
N`` the N extra entries are real company names (a seeded sample of
bench/data/real_negatives.csv): a list with the word distribution of real
lists.

Reports names/second of ``Screener.match`` (wall clock, and CPU seconds of
this process and of its workers), the same for a naive loop of
``rapidfuzz.process.extractOne`` per name over the same normalised list names
(in the same run), their ratio, and the peak resident memory of the process
after screening (``resource.getrusage``). ``--workers N`` screens on N
processes (``Screener.match(..., workers=N)``).

The declared names are synthetic, made by rule: made-up firm names
(syllables, generic trade words, places, legal forms) with 5% bidder-style
rewrites of real list names, so the candidate stage sees realistic hits.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from screening_quality import SYLLABLES, list_entries, perturb  # noqa: E402

GENERIC = (
    "Glove",
    "Textile",
    "Garment",
    "Apparel",
    "Cotton",
    "Knitting",
    "Industrial",
    "Group",
    "Trading",
    "International",
    "Manufacturing",
    "Footwear",
    "Shoes",
    "Fashion",
    "Rubber",
    "Medical",
    "Latex",
    "Products",
    "Technology",
    "Holdings",
    "Clothing",
    "Weaving",
)
PLACES = (
    "Xinjiang",
    "Guangdong",
    "Ningbo",
    "Dongguan",
    "Shanghai",
    "Selangor",
    "Klang",
    "Dhaka",
    "Hanoi",
    "Tiruppur",
    "Karachi",
    "Istanbul",
    "Jiangsu",
    "Zhejiang",
    "Penang",
    "",
)
LEGAL = (
    "Co., Ltd.",
    "Sdn. Bhd.",
    "Ltd",
    "Limited",
    "Pvt Ltd",
    "Inc.",
    "Corporation",
    "LLC",
    "S.A. de C.V.",
    "",
    "Bhd",
    "Company Limited",
)
COUNTRIES = ("CN", "MY", "VN", "BD", "IN", "PK", "TR", None)


def synthetic_names(
    n: int, entries: list, seed: int, firm_syllables: tuple[int, int] = (1, 3)
) -> tuple[list[str], list[str | None]]:
    rng = random.Random(seed)
    from scrisk.screening.entries import TRADE_WORDS_OFF, entry_names

    # the names the lists write (not the screener's own short forms without trade words)
    listed = [
        (name.text, e.country)
        for e in entries
        for name in entry_names(e)
        if name.alias_kind != TRADE_WORDS_OFF
    ] or [("", None)]
    names: list[str] = []
    countries: list[str | None] = []
    for _ in range(n):
        if rng.random() < 0.05:
            text, country = rng.choice(listed)
            names.append(perturb(text, rng))
            countries.append(country if rng.random() < 0.6 else None)
            continue
        firm = "".join(
            rng.choice(SYLLABLES) for _ in range(rng.randint(*firm_syllables))
        ).capitalize()
        words = [
            rng.choice(PLACES),
            firm,
            *rng.sample(GENERIC, rng.randint(1, 3)),
            rng.choice(LEGAL),
        ]
        names.append(" ".join(w for w in words if w))
        countries.append(rng.choice(COUNTRIES))
    return names, countries


def children_cpu() -> float:
    """CPU seconds of the finished worker processes of this process."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    rss = resource.getrusage(who).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=0,
        help="time the naive loop on this many names and extrapolate (0: all)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--synthetic-entries",
        type=int,
        default=0,
        help="screen against this many synthetic entries (plus the shipped ones)",
    )
    parser.add_argument(
        "--real-entries",
        type=int,
        default=0,
        help="screen against this many real company names as entries (plus the shipped ones)",
    )
    parser.add_argument("--workers", type=int, default=1, help="processes (-1: every core)")
    args = parser.parse_args()

    from datetime import date

    from rapidfuzz import process

    from scrisk.screening import Screener, normalize_name

    entries = list(list_entries())
    names, countries = synthetic_names(args.names, entries, args.seed)
    if args.synthetic_entries:
        from dataclasses import replace

        firms, firm_countries = synthetic_names(
            args.synthetic_entries, [], args.seed + 1000, firm_syllables=(2, 3)
        )
        base = entries[0]
        entries += [
            replace(base, id=f"SYN-{i}", entity=f, aliases=(), country=c, covers_subsidiaries=False)
            for i, (f, c) in enumerate(zip(firms, firm_countries, strict=True))
        ]
    if args.real_entries:
        import csv
        from dataclasses import replace

        path = ROOT / "bench" / "data" / "real_negatives.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        random.Random(args.seed + 2000).shuffle(rows)
        base = entries[0]
        entries += [
            replace(
                base,
                id=f"REAL-{i}",
                entity=r["name"],
                aliases=(),
                country=r["country"] or None,
                covers_subsidiaries=False,
            )
            for i, r in enumerate(rows[: args.real_entries])
        ]
    rss_before = peak_rss_mb()

    t0 = time.perf_counter()
    screener = Screener(entries)
    t_build = time.perf_counter() - t0
    t0, c0, k0 = time.perf_counter(), time.process_time(), children_cpu()
    results = screener.match(names, countries, date(2025, 6, 30), workers=args.workers)
    t_match = time.perf_counter() - t0
    c_match = time.process_time() - c0 + children_cpu() - k0
    rss_after = peak_rss_mb()
    strong = sum(1 for r in results if r and r[0].cls == "strong")
    possible = sum(1 for r in results if r and r[0].cls == "possible")

    choices = [c for _, c, _ in ((e, normalize_name(n), k) for e, n, k in screener.names)]
    sample = names if args.naive_sample <= 0 else names[: args.naive_sample]
    t0, c0 = time.perf_counter(), time.process_time()
    for name in sample:
        process.extractOne(normalize_name(name), choices)
    t_naive = (time.perf_counter() - t0) * len(names) / len(sample)
    c_naive = (time.process_time() - c0) * len(names) / len(sample)

    print(f"list names screened against: {len(choices)} (from {len(entries)} entries)")
    print(f"declared names: {len(names):,} (strong {strong:,}, possible {possible:,})")
    print(f"screener build: {t_build:.2f} s; workers: {args.workers}")
    rate, cpu_rate = len(names) / t_match, len(names) / c_match
    print(f"screening: {t_match:.2f} s wall = {rate:,.0f} names/s")
    label = "" if len(sample) == len(names) else f" (timed on {len(sample):,}, extrapolated)"
    print(f"naive extractOne loop: {t_naive:.2f} s = {len(names) / t_naive:,.0f} names/s{label}")
    print(f"speed-up over naive: {t_naive / t_match:.1f}x wall clock")
    # CPU seconds (all threads and workers): steadier than wall clock on a shared machine
    print(
        f"CPU time: screening {c_match:.2f} s ({cpu_rate:,.0f} names per CPU second), "
        f"naive {c_naive:.2f} s; speed-up {c_naive / c_match:.1f}x"
    )
    workers_rss = peak_rss_mb(resource.RUSAGE_CHILDREN)
    print(
        f"peak RSS: {rss_before:.0f} MB before screening, {rss_after:.0f} MB after"
        + (f"; largest worker {workers_rss:.0f} MB" if args.workers != 1 else "")
    )
    rss_after = max(rss_after, workers_rss)
    # issue 14's targets beside the measured numbers, wall clock and CPU seconds
    if args.synthetic_entries or args.real_entries:
        ok = rate >= 10_000 and rss_after < 1024
        print(
            f"target (issue 14): >= 10,000 names/s and peak RSS < 1,024 MB; measured "
            f"{rate:,.0f} names/s wall ({cpu_rate:,.0f} per CPU second), "
            f"{rss_after:.0f} MB: {'met' if ok else 'not met'}"
        )
    else:
        ok = rate >= 50_000 and t_naive / t_match >= 10
        print(
            f"target (issue 14): >= 50,000 names/s and >= 10x the naive loop; measured "
            f"{rate:,.0f} names/s wall ({cpu_rate:,.0f} per CPU second), "
            f"{t_naive / t_match:.1f}x: {'met' if ok else 'not met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
