"""Blocking never breaks: any order, size, worker count and list size gives the results
of scoring every list name.

The candidate index works on spans of queries with a dense table row per query; a
long run of names finding nothing used to be folded into the next span and overflow
the table (``IndexError``). The tests below put such runs in every position.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from list_entries import list_entry

from scrisk.screening import Screener, blocking, parallel
from scrisk.screening.blocking import _spans, candidate_pairs
from scrisk.screening.index import NameIndex

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 6, 30)
SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vor", "quin", "zel", "dar", "fen", "gul", "hop")
THAI = ("บริษัท สยามผ้าไหม จำกัด", "โรงงานทอผ้า เชียงใหม่", "สหกรณ์ฝ้าย ขอนแก่น")


def _key(results):
    return [
        [(m.entry.id, m.cls, m.score, m.matched_name, sorted(m.features.items())) for m in ms]
        for ms in results
    ]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _unmatched(rng: random.Random, n: int) -> list[str]:
    """Names sharing no word with any list: codes, numbers, Thai script."""
    kinds = (
        lambda: f"QX-{rng.randint(0, 10**9):09d}",
        lambda: str(rng.randint(0, 10**12)),
        lambda: f"{rng.choice(THAI)} {rng.randint(1, 999)}",
        lambda: f"Zz{rng.randint(0, 10**6)} Wq{rng.randint(0, 10**6)}",
    )
    return [rng.choice(kinds)() for _ in range(n)]


@given(
    per_query=st.lists(
        st.one_of(st.just(0), st.just(0), st.integers(0, 50)), min_size=0, max_size=300
    ),
    budget=st.integers(1, 200),
    most=st.integers(1, 40),
)
def test_spans_never_hold_more_queries_than_the_table_and_cover_every_posting(
    per_query, budget, most
):
    counts = np.array(per_query, dtype=np.int64)
    spans = _spans(counts, budget, most)
    covered = []
    for q0, q1 in spans:
        assert 0 < q1 - q0 <= most
        assert counts[q0] > 0 and counts[q1 - 1] > 0
        assert counts[q0:q1].sum() <= budget or np.count_nonzero(counts[q0:q1]) == 1
        covered.extend(range(q0, q1))
    assert covered == sorted(set(covered))  # in order, no overlap
    assert set(np.flatnonzero(counts).tolist()) <= set(covered)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n_entries=st.integers(1, 40),
    run=st.integers(0, 60),
    cells=st.integers(1, 400),
)
def test_any_order_and_list_size_gives_the_results_of_scoring_every_list_name(
    seed, n_entries, run, cells
):
    rng = random.Random(seed)
    entries = [
        list_entry(
            f"E{i}",
            f"{_word(rng)} {_word(rng)} {rng.choice(('Textile', 'Glove', 'Cotton'))} Co., Ltd.",
            country=rng.choice(("MY", "CN", None)),
            covers=rng.random() < 0.2,
        )
        for i in range(n_entries)
    ]
    listed = [e.entity for e in rng.sample(entries, min(3, n_entries))]
    typo = [n.replace("a", "e", 1) for n in listed]
    names = _unmatched(rng, run) + listed + typo + _unmatched(rng, rng.randint(0, 20))
    rng.shuffle(names)
    names = _unmatched(rng, run) + names  # and a long leading run, always
    countries = [rng.choice(("MY", "CN", None)) for _ in names]
    # a small table: spans of a few queries, as on a list of 250,000 names
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(blocking._Bound, "CELLS", cells)
        blocked = Screener(entries, aliases=[]).match(names, countries, AS_OF)
    full = Screener(entries, aliases=[], blocking=False).match(names, countries, AS_OF)
    assert _key(blocked) == _key(full)
    assert all(blocked[names.index(n)] for n in listed)  # the listed names are found


@pytest.fixture(scope="module")
def big_index():
    """250,000 list names of two or three made-up words (built in a few seconds)."""
    rng = random.Random(5)
    vocabulary = sorted({_word(rng) for _ in range(3000)})
    names = [
        tuple(rng.choice(vocabulary).lower() for _ in range(rng.randint(2, 3)))
        for _ in range(250_000)
    ]
    index = NameIndex(
        names,
        lambda t: 1.0,
        min_coverage=0.6,
        share=0.5,
        similar=lambda a, b: a == b,
        cutoff=100.0,
        glue_cutoff=100.0,
    )
    return index, names


def _pairs(index, queries):
    pairs = candidate_pairs(
        index,
        queries,
        lambda words: [1.0] * len(words),
        lambda q, c: np.full(len(q), 0.6),
    )
    return sorted(
        zip(pairs.q.tolist(), pairs.c.tolist(), np.round(pairs.coverage, 9).tolist(), strict=True)
    )


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), run=st.integers(0, 40))
def test_a_list_of_250000_names_gives_each_query_the_pairs_it_has_alone(big_index, seed, run):
    index, names = big_index
    assert len(index.always) == 250_000
    rng = random.Random(seed)
    queries = [(f"zq{rng.randint(0, 10**6)}",) for _ in range(run)]
    queries += [names[rng.randrange(len(names))] for _ in range(3)]
    queries += [(f"zq{rng.randint(0, 10**6)}", "x") for _ in range(rng.randint(0, 10))]
    rng.shuffle(queries)
    queries = [("nothing",)] * run + queries
    together = _pairs(index, queries)
    alone = sorted(
        (q, c, cov) for q, query in enumerate(queries) for _, c, cov in _pairs(index, [query])
    )
    assert together == alone
    assert together  # the listed names are found


def _mixed_batch(n_unmatched: int) -> tuple[list[str], list[str]]:
    rng = random.Random(19)
    planted = [
        "Supermax Glove Manufacturing Sdn. Bhd.",
        "Hetian Taida Apparel Co., Ltd.",
        "Xinjiang Production and Construction Corps",
    ]
    names = _unmatched(rng, n_unmatched) + planted + _unmatched(rng, 200) + planted
    return names, planted


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers are used on Linux only")
def test_one_to_four_workers_after_a_long_unmatched_run_give_the_same_results(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 100)
    names, planted = _mixed_batch(3_000)
    screener = Screener()
    results = {w: _key(screener.match(names, None, AS_OF, workers=w)) for w in (1, 2, 3, 4)}
    assert results[1] == results[2] == results[3] == results[4]
    found = {n: r for n, r in zip(names, results[1], strict=True) if n in planted}
    assert all(r and r[0][1] == "strong" for r in found.values())
    # and what scoring every list name gives, on a sample of the batch
    sample = list(range(0, len(names), 97)) + [names.index(p) for p in planted]
    full = Screener(blocking=False).match([names[i] for i in sample], None, AS_OF)
    assert [results[1][i] for i in sample] == _key(full)


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrisk", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_screen_of_15000_names_with_a_long_unmatched_run_does_not_crash(tmp_path):
    names, planted = _mixed_batch(14_800)
    path = tmp_path / "exchange.csv"
    path.write_text("name\n" + "\n".join(f'"{n}"' for n in names) + "\n", encoding="utf-8")
    done = _run(["screen", str(path), "--json", "-", "--as-of", "2025-06-30"])
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    rows = json.loads(done.stdout)["results"]
    hits = {r["name"] for r in rows if r["class"] == "strong"}
    assert set(planted) <= hits


def test_assess_of_a_15000_party_declaration_does_not_crash(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_assessment import generate

    doc = generate(15_000, 3)
    rng = random.Random(4)
    codes = _unmatched(rng, len(doc["parties"]))
    for i, party in enumerate(doc["parties"][1:-5], start=1):
        party["name"] = codes[i]  # a long run of names finding nothing ...
    doc["parties"][-1]["name"] = "Supermax Glove Manufacturing Sdn. Bhd."  # ... then a listed one
    path = tmp_path / "bid.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = _run(["assess", str(path), "--json", "-"])
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Supermax" in done.stdout
