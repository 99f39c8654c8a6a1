"""The screen results are typed rows; the Screen JSON record is their serialisation."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from scrisk.screening.matcher import default_screener
from scrisk.screening.results import COLUMNS, ScreenRow, result_row, screen_rows


def test_screen_rows_are_frozen_typed_rows_serialised_as_the_json_record():
    rows = screen_rows(
        ["Supermax Glove Manufacturing Sdn. Bhd.", "Maple Cedar Textiles Ltd."],
        ["MY", None],
        as_of=date(2024, 1, 1),
        screener=default_screener(),
    )
    hit, miss = rows
    assert isinstance(hit, ScreenRow) and hit.class_ == "strong" and hit.entry_id
    assert (miss.class_, miss.score, miss.entry_id, dict(miss.features)) == ("none", None, None, {})
    assert list(hit.to_dict()) == list(COLUMNS)  # "class", not "class_"
    assert hit.to_dict()["class"] == "strong" and hit.to_dict()["score"] == hit.score
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.row = 7  # type: ignore[misc]
    moved = hit.at_row(7)
    assert (moved.row, hit.row) == (7, 1) and moved.to_dict() == {**hit.to_dict(), "row": 7}


def test_result_row_is_the_typed_rows_record():
    [row] = screen_rows(
        ["Hetian Taida Apparel Co., Ltd."],
        ["CN"],
        as_of=date(2024, 1, 1),
        screener=default_screener(),
    )
    assert result_row(1, "x", None, None) == ScreenRow(1, "x", None, "none").to_dict()
    assert row.to_dict()["name"] == "Hetian Taida Apparel Co., Ltd."
