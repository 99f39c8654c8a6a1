"""Screening quality on sourced real names (``screening_quality.py --real``).

bench/data/real_names.csv: spellings of listed entities and of firms that are not
listed, in Latin and Chinese script, each with the page it was read on; recall and
false matches by script and by cause. bench/data/real_negatives.csv: 26,000 real
company and facility names on no list; false strong and false possible matches by
script and source group, with a one-sided 95 % upper bound on the false-possible
rate (Clopper-Pearson).
"""

from __future__ import annotations

import csv
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))

from screening_quality import AS_OF, Case  # noqa: E402

REAL_NAMES = ROOT / "bench" / "data" / "real_names.csv"
REAL_NEGATIVES = ROOT / "bench" / "data" / "real_negatives.csv"
TARGET_FALSE_POSSIBLE = 0.0005


def real_cases(entries: Sequence[Any], path: Path = REAL_NAMES) -> tuple[list[Case], list[str]]:
    """Sourced real names; positives name an entry-id fragment. Returns (cases, left out)."""
    ids = [str(e.id) for e in entries]
    cases: list[Case] = []
    left_out: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            kind = f"real:{r['script']}:{r['cause']}"
            if not r["expected"]:
                cases.append(Case(r["name"], r["country"] or None, frozenset(), kind))
                continue
            expected = frozenset(i for i in ids if r["expected"] in i)
            if expected:
                cases.append(Case(r["name"], r["country"] or None, expected, kind))
            else:
                left_out.append(r["name"])
    return cases, left_out


def report_real(cases: Sequence[Case], screener: Any, *, as_of: date = AS_OF) -> list[str]:
    """Recall and false matches of the real names, by script and by cause."""
    found = screener.match([c.name for c in cases], [c.country for c in cases], as_of)
    groups: dict[str, list[tuple[Case, list[Any]]]] = {}
    for case, matches in zip(cases, found, strict=True):
        _, script, cause = case.kind.split(":")
        family = "Chinese" if script in ("Hans", "Hant") else "Latin"
        for key in (f"{family} (all)", f"{family} {cause}"):
            groups.setdefault(key, []).append((case, matches))
    lines = []
    misses = []
    for key in sorted(groups):
        pos = [(c, m) for c, m in groups[key] if c.expected]
        neg = [(c, m) for c, m in groups[key] if not c.expected]
        hit = sum(1 for c, m in pos if m and str(m[0].entry.id) in c.expected)
        strong = sum(1 for c, m in neg if m and m[0].cls == "strong")
        possible = sum(1 for c, m in neg if m and m[0].cls == "possible")
        text = f"{key:34}"
        if pos:
            text += f" recall {hit}/{len(pos)} = {hit / len(pos):.0%}"
        if neg:
            text += f"  false strong {strong}/{len(neg)}, false possible {possible}/{len(neg)}"
        lines.append(text)
        if key.endswith("(all)"):
            misses += [
                f"  missed {c.name!r}"
                for c, m in pos
                if not (m and str(m[0].entry.id) in c.expected)
            ]
            misses += [
                f"  false {m[0].cls} {c.name!r} -> {m[0].matched_name!r}" for c, m in neg if m
            ]
    return lines + misses


# ----------------------------------------------------------------------------- real negatives

# source (github:owner/repo/path@commit) -> group reported
SOURCE_GROUPS = (
    ("Database_Project_Manufacturing_Disclosure", "brand factory lists (Nike, adidas, VF, Puma)"),
    ("Nike-China", "brand factory lists (Nike, adidas, VF, Puma)"),
    ("opensupplyhub/", "Open Supply Hub fixtures"),
    ("A股列表.xlsx", "Shenzhen SE list (CN)"),
    ("GPLIST.xls", "Shanghai SE list (CN)"),
    ("astock/", "A-share short names (CN)"),
    ("vnstock/", "Vietnam listings (VN)"),
    ("EQUITY_L.csv", "NSE list (IN)"),
    ("nasdaq_screener", "NASDAQ screener (US and foreign)"),
    ("s-and-p-500", "S&P 500 (US)"),
    ("screener.csv", "TSX screener (CA)"),
    ("myData.csv", "SGX list (SG)"),
)


def source_group(source: str) -> str:
    return next((label for key, label in SOURCE_GROUPS if key in source), "other")


def negative_cases(path: Path = REAL_NEGATIVES) -> list[tuple[Case, str]]:
    """The real unlisted names, each with its source group."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            (
                Case(r["name"], r["country"] or None, frozenset(), f"negative:{r['script']}"),
                source_group(r["source"]),
            )
            for r in csv.DictReader(fh)
        ]


def _log_binom_cdf(k: int, n: int, p: float) -> float:
    """log P(X <= k) for X ~ Binomial(n, p), 0 < p < 1."""
    terms = [
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
        for i in range(k + 1)
    ]
    top = max(terms)
    return top + math.log(sum(math.exp(t - top) for t in terms))


def upper_bound(k: int, n: int, confidence: float = 0.95) -> float:
    """One-sided Clopper-Pearson upper bound on a rate seen k times in n trials."""
    if n == 0:
        return 1.0
    if k >= n:
        return 1.0
    if k == 0:
        return 1.0 - (1.0 - confidence) ** (1.0 / n)
    lo, hi, alpha = k / n, 1.0, math.log(1.0 - confidence)
    for _ in range(100):  # P(X <= k) falls as p grows: bisect for P(X <= k) = 1 - confidence
        mid = (lo + hi) / 2
        if _log_binom_cdf(k, n, mid) > alpha:
            lo = mid
        else:
            hi = mid
    return hi


@dataclass(frozen=True)
class NegativeStats:
    count: int
    strong: int
    possible: int

    @property
    def rate(self) -> float:
        return self.possible / self.count if self.count else 0.0

    @property
    def bound(self) -> float:
        return upper_bound(self.possible, self.count)


def screen_negatives(
    cases: Sequence[tuple[Case, str]], screener: Any, *, as_of: date = AS_OF
) -> list[tuple[Case, str, Any]]:
    """Each negative with its best match (None when nothing reached possible)."""
    found = screener.match([c.name for c, _ in cases], [c.country for c, _ in cases], as_of)
    return [(c, g, ms[0] if ms else None) for (c, g), ms in zip(cases, found, strict=True)]


def negative_stats(screened: Sequence[tuple[Case, str, Any]]) -> NegativeStats:
    return NegativeStats(
        len(screened),
        sum(1 for *_, m in screened if m is not None and m.cls == "strong"),
        sum(1 for *_, m in screened if m is not None and m.cls == "possible"),
    )


def report_negatives(screened: Sequence[tuple[Case, str, Any]]) -> list[str]:
    """False matches of the real unlisted names: all, by script, by source group."""
    groups: dict[str, list[tuple[Case, str, Any]]] = {"all": list(screened)}
    for item in screened:
        case, group, _ = item
        groups.setdefault(f"script {case.kind.split(':')[1]}", []).append(item)
        groups.setdefault(group, []).append(item)
    head = f"{'real negatives':46} {'names':>6} {'strong':>6} {'possible':>8} {'rate':>8}"
    lines = [f"{head} {'95% upper':>9}"]
    for key in (
        ["all"]
        + sorted(k for k in groups if k.startswith("script "))
        + sorted(k for k in groups if k != "all" and not k.startswith("script "))
    ):
        st = negative_stats(groups[key])
        lines.append(
            f"{key:46} {st.count:6} {st.strong:6} {st.possible:8} {st.rate:8.3%} {st.bound:9.3%}"
        )
    st = negative_stats(screened)
    verdict = st.strong == 0 and st.rate < TARGET_FALSE_POSSIBLE
    lines.append(
        f"target: no false strong, false possible under {TARGET_FALSE_POSSIBLE:.2%}: "
        f"{'met' if verdict else 'NOT met'} (upper bound {st.bound:.3%})"
    )
    lines += [
        f"  false {m.cls:8} {c.name!r} ({c.country}, {g}) -> {m.matched_name!r} {m.score}"
        for c, g, m in screened
        if m is not None
    ]
    return lines
