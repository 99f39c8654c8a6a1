"""Regions found once per distinct address texts and country while a Reference lives:
the same answer every time, a caller's change to it never seen by the next, the memo
bounded (issue 25)."""

from __future__ import annotations

import pytest

from scrisk.reference import loader
from scrisk.reference.loader import Reference


def test_the_memo_gives_the_finders_answer_and_a_fresh_list_each_time() -> None:
    ref = Reference(updates=False)
    first = ref.find_regions("No. 8 Road", "Hotan", None, country="CN")
    assert [m.region_id for m in first] == ["CN-XJ"]
    assert first == ref._regions.find("No. 8 Road", "Hotan", None, country="CN")
    first.clear()  # a caller's list is its own
    again = ref.find_regions("No. 8 Road", "Hotan", None, country="CN")
    assert [m.region_id for m in again] == ["CN-XJ"]
    # the country is part of the key: each answer is the finder's for that country
    for country in ("MY", None, "CN"):
        got = ref.find_regions("No. 8 Road", "Hotan", None, country=country)
        assert got == ref._regions.find("No. 8 Road", "Hotan", None, country=country)


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "REGION_MEMO", 50)
    ref = Reference(updates=False)
    for i in range(500):
        assert ref.find_regions(f"{i} Road", "Metro", None, country="CA") == []
        assert len(ref._region_memo) <= 50
    assert [m.region_id for m in ref.find_regions("Aksu", country="CN")] == ["CN-XJ"]
