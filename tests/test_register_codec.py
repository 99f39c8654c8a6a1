# ruff: noqa: F811  (pytest fixtures imported from register_support are used as arguments)
"""The register's codec: what it stores and reports is read back typed, and written back
as the very same JSON (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from register_support import GLOVE, register_url  # noqa: F401

import scrisk
from scrisk.jsontext import dumps
from scrisk.register import RegisterError
from scrisk.register.callups import callup
from scrisk.register.codec import (
    EVENT_KINDS,
    Action,
    CallUp,
    Event,
    Evidence,
    History,
    RescreenReport,
    S211Figures,
    read_document,
)
from scrisk.register.s211 import figures


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SCRISK_TODAY", "2022-06-01")


@pytest.fixture
def lived(register_url: str):
    """A glove standing offer with a call-up, evidence about its maker and an action."""
    with scrisk.open_register(register_url) as reg:
        rid = reg.record(scrisk.assess(GLOVE), declaration=GLOVE.read_bytes())
        award = reg.award(rid, contract="C-1", on="2021-12-15", instrument="standing_offer")
        assert (award.record, award.contract, award.instrument) == (rid, "C-1", "standing_offer")
        called = callup(reg, "C-1", number="CU-1", on="2022-01-10", value=1000)
        assert isinstance(called, CallUp) and called.record == rid
        kept = reg.add_evidence(
            supplier="Supermax Glove Manufacturing Sdn. Bhd.",
            country="MY",
            kind="audit",
            issuer="SGS",
            valid_from="2021-01-01",
            valid_to="2021-12-31",
        )
        assert isinstance(kept, Evidence) and kept.name_key is None
        action = reg.open_action(
            "C-1",
            flag="WATCHLIST:M1",
            due="2022-02-01",
            owner="A. T.",
            plan="trace",
            on="2022-01-05",
        )
        assert isinstance(action, Action) and action.flag == "WATCHLIST:M1"
        yield reg, rid


def test_the_register_json_reads_back_typed_and_writes_the_same_bytes(lived):
    reg, rid = lived
    text = dumps(reg.history())
    typed = History.read(json.loads(text))
    assert dumps(typed.to_dict()) == text
    assert typed == reg.read_history()
    assert [r.id for r in typed.records] == [rid]
    assert typed.records[0].contract is not None and typed.records[0].contract.number == "C-1"
    assert [c.number for c in typed.callups] == ["CU-1"]
    assert typed.evidence[0].status_on("2022-06-01") == "expired"
    assert typed.actions[0].overdue and typed.actions[0].status_on("2022-01-05") == "open"
    kinds = [e.event for e in typed.events]
    assert {"assessed", "awarded", "called_up", "evidence", "action"} <= set(kinds)
    assert [e.sort_key() for e in typed.events] == sorted(e.sort_key() for e in typed.events)
    assert set(kinds) <= set(EVENT_KINDS)


def test_an_event_keeps_the_keys_of_its_kind_only(lived):
    reg, _ = lived
    events = reg.history()["events"]
    awarded = next(e for e in events if e["event"] == "awarded")
    assert set(awarded) == {
        "event", "date", "recorded_at", "record", "solicitation", "bidder", "contract",
        "instrument",
    }  # fmt: skip
    assert awarded["instrument"] == "standing_offer" and awarded["date"] == "2021-12-15"
    back = Event.from_dict({**awarded, "new_key": 1})
    assert back.contract == "C-1" and back.to_dict() == {**awarded, "new_key": 1}


def test_the_s211_figures_and_the_rescreen_json_read_back_typed(lived):
    reg, _ = lived
    fig = figures(reg, year=2022, department="PSPC")
    assert S211Figures.read(json.loads(dumps(fig.to_dict()))) == fig
    assert fig.contracts.listed[0].contract == "C-1" and fig.callups.count == 1
    assert fig.to_dict()["contracts"]["list"][0]["contract"] == "C-1"
    report = scrisk.rescreen(reg, as_of="2022-06-01", record=False)
    typed = RescreenReport.from_dict(report)
    assert typed.to_dict() == report
    (contract,) = typed.contracts
    assert contract.contract == "C-1" and [c.number for c in contract.callups] == ["CU-1"]
    assert [a.flag for a in contract.actions_overdue] == ["WATCHLIST:M1"]


def test_a_stored_document_reads_back_typed_and_a_foreign_format_is_refused(lived):
    reg, rid = lived
    stored = reg.record_document(rid)
    doc = read_document(json.dumps(stored))
    assert doc.to_dict() == stored and doc.bidder.id == "B"
    with pytest.raises(RegisterError, match="scrisk-assessment/1"):
        read_document({**stored, "format": "scrisk-assessment/9"})
    with pytest.raises(RegisterError, match="scrisk-history/1"):
        History.read({**reg.history(), "format": "scrisk-history/2"})
