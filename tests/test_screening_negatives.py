"""Screening on 26,000 real company and facility names that are on no list
(bench/data/real_negatives.csv): no false strong match, false possible under 0.05 %."""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from scrisk.screening import default_screener

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 6, 30)  # the quality harness's as-of date
NEGATIVES = ROOT / "bench" / "data" / "real_negatives.csv"
REAL_NAMES = ROOT / "bench" / "data" / "real_names.csv"


def _harness():
    sys.path.insert(0, str(ROOT / "bench"))
    import real_names_quality

    return real_names_quality


@pytest.fixture(scope="module")
def screened():
    q = _harness()
    return q.screen_negatives(q.negative_cases(NEGATIVES), default_screener(), as_of=AS_OF)


def test_every_negative_is_a_sourced_real_name():
    with NEGATIVES.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 20_000
    assert list(rows[0]) == ["name", "country", "script", "source"]
    source = re.compile(r"^github:[\w.-]+/[\w.-]+/.+@[0-9a-f]{12,40}$")
    assert all(source.match(r["source"]) for r in rows), [
        r for r in rows if not source.match(r["source"])
    ][:3]
    assert {r["script"] for r in rows} <= {"Latn", "Hans", "Hant", "Zyyy"}
    assert all(r["country"] == "" or re.fullmatch("[A-Z]{2}", r["country"]) for r in rows)
    # both scripts and the sectors the issue names are there in numbers
    hans = sum(1 for r in rows if r["script"] == "Hans")
    factories = sum(1 for r in rows if "Manufacturing_Disclosure" in r["source"])
    assert hans >= 5_000 and factories >= 2_000
    # a name real_names.csv holds (a listed spelling found in these sources) is not here
    with REAL_NAMES.open(encoding="utf-8", newline="") as fh:
        elsewhere = {r["name"] for r in csv.DictReader(fh)}
    assert not elsewhere & {r["name"] for r in rows}


def test_no_real_unlisted_name_is_a_strong_match(screened):
    strong = [
        (c.name, m.matched_name) for c, _, m in screened if m is not None and m.cls == "strong"
    ]
    assert strong == []


def test_false_possible_matches_stay_under_the_target_rate(screened):
    q = _harness()
    stats = q.negative_stats(screened)
    assert stats.count == len(screened) >= 20_000
    possible = [(c.name, m.matched_name) for c, _, m in screened if m is not None]
    assert stats.possible / stats.count < q.TARGET_FALSE_POSSIBLE, possible


def test_the_upper_bound_is_the_clopper_pearson_bound():
    q = _harness()
    assert q.upper_bound(0, 1000) == pytest.approx(1 - 0.05 ** (1 / 1000))
    assert q.upper_bound(0, 3000) == pytest.approx(0.000998, abs=1e-6)  # about 3/n
    # one-sided 95 % bounds of the exact binomial interval
    assert q.upper_bound(1, 100) == pytest.approx(0.04656, abs=1e-4)
    assert q.upper_bound(12, 26002) == pytest.approx(0.000748, abs=2e-6)
    assert q.upper_bound(5, 5) == 1.0
