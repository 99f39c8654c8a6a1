"""A batch screens its bids' names together (one matcher call for a few bids read ahead,
whatever their closing dates) and every bid's document is still the one it gets alone."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from scrisk.assessment import assess
from scrisk.assessment.engine import screen_declarations, screen_names
from scrisk.cli import batch, main
from scrisk.policy import load_policy
from scrisk.readers import load_declaration

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INPUTS = ["glove_bid.json", "apparel_bid.json", "clean_bid.json", "prison_labour_bid.json"]


def _portfolio(tmp_path: Path) -> list[str]:
    """The examples, one of them moved to another closing date, and a broken file
    among them (kept in place by the batch)."""
    paths = [str(EXAMPLES / name) for name in INPUTS]
    moved = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    moved["solicitation"]["closing_date"] = "2019-06-01"  # before the Supermax WRO
    moved_path = tmp_path / "glove_2019.json"
    moved_path.write_text(json.dumps(moved), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    return [paths[0], str(moved_path), str(broken), *paths[1:]]


def test_screened_together_each_declaration_gets_what_it_gets_alone(tmp_path):
    paths = [p for p in _portfolio(tmp_path) if not p.endswith("broken.json")]
    decls = [load_declaration(p) for p in paths]
    together = screen_declarations(decls)
    pol = load_policy(None)
    assert len(together) == len(decls)
    for decl, screened in zip(decls, together, strict=True):
        alone = screen_names(
            [(p.name or "", p.country_code) for p in decl.parties],
            pol,
            decl.solicitation.closing_date,
        )
        for key, matches in alone.items():
            assert list(screened[key]) == list(matches)
    # the 2019 glove bid, screened with the others (as of the first one's date), has its
    # matches set as of its own date: its maker's WRO not yet in force
    glove, moved = together[0], together[1]
    maker = next(p for p in decls[0].parties if p.role == "manufacturer")
    key = (maker.name or "", maker.country_code)
    assert any(m.active for m in glove[key])
    assert moved[key] and not any(m.active for m in moved[key])


@pytest.mark.parametrize("ahead", [1, 2, 64])
def test_batch_documents_are_byte_for_byte_those_of_single_runs(tmp_path, monkeypatch, ahead):
    monkeypatch.setattr(batch, "PREREAD_BIDS", ahead)
    inputs = _portfolio(tmp_path)
    out = tmp_path / "batch.json"
    assert main(["assess", *inputs, "--json", str(out), "--quiet"]) == 2  # the broken one
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == len(inputs)  # every input in order, the broken one as a fault
    assert items[2]["format"] == "scrisk-fault/1"
    for path, item in zip(inputs, items, strict=True):
        if path.endswith("broken.json"):
            continue
        single = tmp_path / "single.json"
        assert main(["assess", path, "--json", str(single), "--quiet"]) in (0, 1)
        assert item == json.loads(single.read_text(encoding="utf-8"))


def test_read_ahead_is_bounded_by_bids_and_by_parties(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "PREREAD_BIDS", 3)
    inputs = _portfolio(tmp_path)
    groups = list(batch._read_ahead(inputs))
    assert [len(g) for g in groups] == [3, 3]
    assert [typed for g in groups for typed, _ in g] == inputs  # input order kept
    sizes = {
        typed: len(item.parties)
        for g in groups
        for typed, item in g
        if not isinstance(item, batch.Unusable)
    }
    monkeypatch.setattr(batch, "PREREAD_BIDS", 64)
    monkeypatch.setattr(batch, "PREREAD_PARTIES", max(sizes.values()))
    groups = list(batch._read_ahead(inputs))
    for g in groups:  # a group past the bound is one declaration alone
        held = sum(sizes.get(typed, 0) for typed, _ in g)
        assert held <= max(sizes.values()) or len(g) == 1
    assert [typed for g in groups for typed, _ in g] == inputs


def test_assess_with_screened_matches_the_unscreened_document():
    decl = load_declaration(str(EXAMPLES / "glove_bid.json"))
    (screened,) = screen_declarations([decl])
    assert assess(copy.deepcopy(decl), screened=screened).to_json() == assess(decl).to_json()


@pytest.mark.parametrize("first", ["2015-01-01", "2021-11-01", "2026-12-01"])
def test_matches_set_again_as_of_another_date_are_that_dates_screen(first):
    from datetime import date

    from scrisk.screening.match import matches_as_of

    names = {
        (p.name or "", p.country_code)
        for name in INPUTS
        for p in load_declaration(str(EXAMPLES / name)).parties
    }
    pol = load_policy(None)
    start = screen_names(sorted(names), pol, date.fromisoformat(first))
    assert any(start.values())  # the examples name listed firms
    for other in ("2015-01-01", "2019-06-01", "2021-11-01", "2024-06-01", "2026-12-01"):
        when = date.fromisoformat(other)
        direct = screen_names(sorted(names), pol, when)
        for key, matches in start.items():
            assert matches_as_of(matches, when) == list(direct[key])
