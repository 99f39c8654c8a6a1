# ruff: noqa: F811  (pytest fixtures imported from register_support are used as arguments)
"""`rescreen` runs in one process by default (the least CPU); ``--workers N`` re-assesses in
N processes, with the same report, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from register_support import ROOT, glove_bid, register_url  # noqa: F401

import scrisk
from scrisk.cli import main


def _register(url: str, tmp_path: Path) -> None:
    bids = [
        glove_bid(tmp_path),
        glove_bid(tmp_path, closing="2020-10-15", maker="Top Glove Sdn. Bhd.", name="tg.json"),
        ROOT / "examples" / "clean_bid.json",
    ]
    with scrisk.open_register(url) as reg:
        for i, bid in enumerate(bids):
            rid = reg.record(scrisk.assess(bid), declaration=Path(bid).read_bytes())
            reg.award(rid, contract=f"C-{i}", on="2021-12-15")


def test_workers_give_the_same_report_byte_for_byte(register_url, tmp_path):
    _register(register_url, tmp_path)
    outs = []
    for extra in ([], ["--workers", "2"], ["--workers", "1"]):
        out = tmp_path / f"r{len(outs)}.json"
        argv = ["rescreen", "--as-of", "2024-01-15", "--register", register_url, "-q"]
        code = main([*argv, "--no-record", "--json", str(out), *extra])
        assert code in (0, 1)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    assert outs[0].count(b'"contract": "C-') == 3


def test_the_default_is_one_process(monkeypatch, tmp_path):
    from scrisk.register import rescreen as run

    url = str(tmp_path / "r.sqlite")
    _register(url, tmp_path)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("no worker process by default")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    with scrisk.open_register(url) as reg:
        assert len(run(reg, as_of="2024-01-15", record=False)["contracts"]) == 3


@pytest.mark.parametrize("bad", ["0", "-2", "two"])
def test_a_bad_worker_count_is_refused(bad, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["rescreen", "--workers", bad])
    assert exit_.value.code == 2
    assert "--workers" in capsys.readouterr().err
