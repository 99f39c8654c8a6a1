"""Issue 20, "Flagged chains": a chain where every party is flagged must cost time in
proportion to its size. Timing belongs in bench/ (bench_flagged_chain.py: 10,000
parties in about 7.5 s of CPU); this test counts work instead, which does not depend
on the machine: the reference lookups a CT9897 scope check makes (rules/_scope.py)
were once made per flag over the whole chain (quadratic: 33 million calls at 10,000
parties), and must now grow linearly with the number of parties."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_flagged_chain import generate  # noqa: E402

import scrisk  # noqa: E402
from scrisk.assessment.context import Context  # noqa: E402
from scrisk.readers import load_declaration  # noqa: E402


def _lookups(n_parties: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, scrisk.Assessment]:
    calls = 0
    real = Context.goods_for_text

    def counted(self: Context, text: str) -> tuple[str, ...]:
        nonlocal calls
        calls += 1
        return real(self, text)

    with monkeypatch.context() as m:
        m.setattr(Context, "goods_for_text", counted)
        result = scrisk.assess(load_declaration(generate(n_parties)))
    return calls, result


def test_every_party_is_flagged_and_the_work_grows_linearly(monkeypatch):
    small, a_small = _lookups(300, monkeypatch)
    large, a_large = _lookups(1200, monkeypatch)
    for a, n in ((a_small, 300), (a_large, 1200)):
        doc = a.to_dict()
        assert doc["risk_level"] == "critical"
        assert sum(1 for p in doc["parties"] if p["flags"]) == n  # every party flagged
        assert any(f["rule"] == "CT9897" for f in doc["flags"])
    # four times the parties: about four times the lookups (quadratic would be sixteen)
    assert large <= 5 * small, (small, large)
