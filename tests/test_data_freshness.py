"""Freshness of the reference data: horizons, the policy's age limit and where they show."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

import scrisk
from scrisk.cli import main
from scrisk.errors import PolicyError
from scrisk.reference import get_reference
from scrisk.reference.freshness import (
    data_warnings,
    months_before,
    period_end,
    settings,
    today,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GLOVE = str(EXAMPLES / "glove_bid.json")
CLEAN = str(EXAMPLES / "clean_bid.json")
PAST = "2026-10-01"  # after the CBP (2026-06-23) and UFLPA (2026-07-09) horizons


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_TODAY", "2026-12-01")


def test_partial_dates_end_their_period_and_months_go_back() -> None:
    assert period_end("2023") == date(2023, 12, 31)
    assert period_end("2022-09") == date(2022, 9, 30)
    assert period_end("2024-09-04") == date(2024, 9, 4)
    assert period_end("") is None and period_end("scrisk v1") is None
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 12, 1), 12) == date(2025, 12, 1)


def test_the_clock_is_injectable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert today() == date(2026, 12, 1)
    monkeypatch.setenv("SCRISK_TODAY", "01/12/2026")
    with pytest.raises(PolicyError, match="SCRISK_TODAY"):
        today()


def test_policy_data_settings_are_checked() -> None:
    assert settings({"data": {"max_age_months": 6, "screening_datasets": []}}) == (6, ())
    with pytest.raises(PolicyError, match="max_age_months"):
        settings({"data": {"max_age_months": -1}})
    with pytest.raises(PolicyError, match="max_age_mnths"):
        settings({"data": {"max_age_mnths": 3}})


def test_warnings_follow_the_horizon_and_the_age_limit() -> None:
    ref = get_reference()
    policy = scrisk.load_policy()
    cbp = [ref.dataset("cbp_wro_findings")]
    assert data_warnings(cbp, as_of=date(2026, 6, 23), policy=policy) == []
    [past] = data_warnings(cbp, as_of=date(2026, 6, 24), policy=policy)
    assert (past.code, past.params["horizon"]) == ("past_horizon", "2026-06-23")
    ilab = [ref.dataset("ilab_goods_2022")]
    codes = [w.code for w in data_warnings(ilab, as_of=date(2022, 1, 1), policy=policy)]
    assert codes == ["stale_data"]  # current to 2024-09-04, today 2026-12-01
    young = data_warnings(ilab, as_of=date(2022, 1, 1), policy=policy, now=date(2025, 1, 1))
    assert young == []
    off = {"data": {"max_age_months": 0, "screening_datasets": []}}
    assert data_warnings(ilab, as_of=date(2022, 1, 1), policy=off) == []


def test_assessment_past_a_horizon_warns_and_flags_data_gap() -> None:
    a = scrisk.assess(GLOVE, as_of=PAST)
    doc = a.to_dict()
    past = {w["dataset"] for w in doc["warnings"] if w["code"] == "past_horizon"}
    assert {"cbp_wro_findings", "uflpa_entity_list"} <= past
    gaps = [f for f in doc["flags"] if f["rule"] == "DATA_GAP"]
    records = {ev["record"] for f in gaps for ev in f["evidence"]}
    assert {"horizon:2026-06-23", "horizon:2026-07-09"} <= records
    assert all(f["severity"] == "info" for f in gaps)
    # on its closing date the lists were current: no horizon gap, no past_horizon for them
    on_time = scrisk.assess(GLOVE).to_dict()
    assert not [f for f in on_time["flags"] if f["rule"] == "DATA_GAP"]
    assert not {"cbp_wro_findings", "uflpa_entity_list"} & {
        w["dataset"] for w in on_time["warnings"] if w["code"] == "past_horizon"
    }
    # the data block names exactly which data was used
    data = {d["id"]: d for d in doc["data"]}
    assert len(data["uflpa_entity_list"]["sha256"]) == 64
    assert data["uflpa_entity_list"]["horizon"] == "2026-07-09"


def test_a_clean_bid_past_the_horizon_is_told_but_stays_low() -> None:
    # rules.md v3: stale data informs (a DATA_GAP info and a warning), never decides
    assert scrisk.assess(CLEAN).risk_level == "low"
    late = scrisk.assess(CLEAN, as_of=PAST)
    assert late.risk_level == "low"
    assert any(f.message_key == "rule.DATA_GAP.past_horizon" for f in late.flag_list)
    assert any(w.code == "past_horizon" for w in late.warnings)
    assert {c.clause: c.status for c in late.clause_list}["PN150"] == "no_indicator"


def test_same_day_same_bytes_and_french(monkeypatch: pytest.MonkeyPatch) -> None:
    first = scrisk.assess(GLOVE, as_of=PAST).to_json()
    assert scrisk.assess(GLOVE, as_of=PAST).to_json() == first
    fr = scrisk.assess(GLOVE, as_of=PAST).to_dict(lang="fr")
    assert any("postérieure à l'horizon" in w["message"] for w in fr["warnings"])
    monkeypatch.setenv("SCRISK_TODAY", "2024-10-01")  # the ILAB list was then 1 month old
    younger = scrisk.assess(GLOVE, as_of=PAST).to_dict()
    stale = {w["dataset"] for w in younger["warnings"] if w["code"] == "stale_data"}
    assert "ilab_goods_2022" not in stale


def test_every_assessment_output_carries_the_warning(tmp_path: Path, capsys) -> None:
    book = tmp_path / "r.xlsx"
    assert main(["assess", GLOVE, "--as-of", PAST, "--excel", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Data warnings" in out and "past the horizon of" in out
    ws = load_workbook(book).worksheets[0]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert "Data warnings" in cells
    # the Summary folds the warnings into one line per kind, naming each dataset
    assert any("past the horizon of" in c and "UFLPA Entity List (" in c for c in cells)
    assert main(["assess", GLOVE, "--as-of", PAST, "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert any(w["code"] == "past_horizon" for w in doc["warnings"])


def test_screen_outputs_carry_the_warning(tmp_path: Path, capsys) -> None:
    names = tmp_path / "n.csv"
    names.write_text("name\nTBEA Co., Ltd.\n", encoding="utf-8")
    assert main(["screen", str(names), "--as-of", PAST, "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"cbp_wro_findings", "uflpa_entity_list"} <= {
        w["dataset"] for w in doc["warnings"] if w["code"] == "past_horizon"
    }
    book = tmp_path / "s.xlsx"
    assert main(["screen", str(names), "--as-of", PAST, "--excel", str(book)]) == 0
    assert "past the horizon of" in capsys.readouterr().out
    summary = load_workbook(book)["Summary"]
    assert any(c.value == "data warning" for row in summary.iter_rows() for c in row)
    assert main(["screen", str(names), "--as-of", "2026-06-01", "--json", "-"]) == 0
    early = json.loads(capsys.readouterr().out)
    assert not [w for w in early["warnings"] if w["dataset"] == "uflpa_entity_list"]
    frame = scrisk.screen(["TBEA Co., Ltd."], as_of=PAST)
    assert any(w["code"] == "past_horizon" for w in frame.attrs["warnings"])


def test_compare_says_it_too(capsys) -> None:
    assert main(["compare", CLEAN, GLOVE, "--as-of", PAST]) == 0
    out = capsys.readouterr().out
    assert "Data warnings" in out and "past the horizon of" in out


def test_scrisk_data_shows_horizon_age_edition_in_use_and_the_ilab_gap(capsys) -> None:
    assert main(["data", "--json", "-"]) == 0
    rows = {d["id"]: d for d in json.loads(capsys.readouterr().out)["datasets"]}
    uflpa = rows["uflpa_entity_list"]
    assert (uflpa["horizon"], uflpa["age_months"], uflpa["stale"]) == ("2026-07-09", 4, False)
    assert uflpa["in_use"] == "shipped" and len(uflpa["sha256"]) == 64
    ilab = rows["ilab_goods_2022"]
    assert (ilab["horizon"], ilab["age_months"], ilab["stale"]) == ("2024-09-04", 26, True)
    assert any("72 additions" in g for g in ilab["gaps"])
    assert rows["scrisk_regions"]["horizon"] is None  # authored rules: not time-bound
    assert rows["ca_sema_prc_2021"]["jurisdiction"] == "CA"
    assert main(["data"]) == 0
    out = capsys.readouterr().out
    assert "26 months" in out and "ILAB 2024 edition" in out and "not time-bound" in out


def test_today_is_the_injected_one_for_contract_stage_and_screening() -> None:
    a = scrisk.assess(CLEAN, stage="contract")
    assert a.as_of == date(2026, 12, 1)  # SCRISK_TODAY, past the lists' horizons
    assert a.risk_level == "low"  # all-Canadian: stale foreign lists never decide (v3)
    assert {w.dataset for w in a.warnings if w.code == "past_horizon"} >= {"uflpa_entity_list"}
    frame = scrisk.screen(["TBEA Co., Ltd."])
    assert any(w["code"] == "past_horizon" for w in frame.attrs["warnings"])
