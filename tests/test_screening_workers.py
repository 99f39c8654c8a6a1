"""A large batch screened on several processes gives the results of one."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from scrisk.cli import main
from scrisk.screening import Screener, parallel

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 6, 30)


def _names(n: int) -> tuple[list[str], list[str | None]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_screening import synthetic_names
    from screening_quality import list_entries

    return synthetic_names(n, list(list_entries()), 11)


def _key(results):
    return [
        [
            (m.entry.id, m.cls, m.score, m.matched_name, sorted(m.features.items()), m.active)
            for m in ms
        ]
        for ms in results
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers are used on Linux only")
def test_two_workers_give_the_results_of_one_name_for_name(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 100)
    names, countries = _names(1_500)
    screener = Screener()
    one = screener.match(names, countries, AS_OF)
    assert parallel.worker_count(2, len(names)) == 2
    two = screener.match(names, countries, AS_OF, workers=2)
    assert _key(two) == _key(one)
    assert sum(1 for ms in one if ms) > 20  # the batch does hold matches
    # the matches are over the caller's own entries, not copies
    assert all(
        m.entry is screener.entries[screener.entries.index(m.entry)] for ms in two for m in ms
    )


def test_small_batches_and_bad_counts():
    assert parallel.worker_count(2, 10) == 1  # not worth a process
    assert parallel.worker_count(1, 1_000_000) == 1
    for bad in (0, -2):
        with pytest.raises(ValueError, match="workers"):
            parallel.worker_count(bad, 100)


def test_cli_workers_gives_the_same_json_and_refuses_a_bad_count(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 50)
    names, countries = _names(300)
    path = tmp_path / "names.csv"
    path.write_text(
        "name,country\n"
        + "".join(f'"{n}",{c or ""}\n' for n, c in zip(names, countries, strict=True)),
        encoding="utf-8",
    )
    outs = []
    for workers in ("1", "2"):
        code = main(
            ["screen", str(path), "--as-of", "2025-06-30", "--json", "-", "--workers", workers]
        )
        assert code in (0, 1)
        outs.append(json.loads(capsys.readouterr().out))
    assert outs[0] == outs[1] and len(outs[0]["results"]) == 300
    with pytest.raises(SystemExit) as exc:
        main(["screen", str(path), "--workers", "0"])
    assert exc.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_the_cycle_collector_is_left_as_it_was():
    import gc

    screener = Screener()
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            screener.match(["Supermax Glove Manufacturing"], ["MY"], AS_OF)
            assert gc.isenabled() is enabled
            with pytest.raises(ValueError):
                screener.match(["a", "b"], ["MY"], AS_OF)  # countries do not line up
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
