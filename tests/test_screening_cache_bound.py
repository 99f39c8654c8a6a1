"""The screener's per-word caches are emptied when full (memory flat in the names read):
a block that fills them still finds every word it needs, and the matches do not change."""

from __future__ import annotations

from datetime import date

import pytest

from scrisk.screening import index, scoring
from scrisk.screening.matcher import default_screener

NAMES = [
    "Supermax Glove Manufacturing Sdn. Bhd.",
    "Hetian Taida Apparel Co., Ltd.",
    "Jiangsu Xiang Textile Holdings",
    "Maple Harbour Textiles Ltd.",
    "Xinjiang Zhongtai Chemical Co Ltd",
    "Top Glove Corporation Bhd",
    "Summit Cedar Weaving 12 Ltd.",
    "Dongguan Mei Rubber Medical Bhd",
]


def _found(names: list[str]) -> list[list[tuple[str, str, float]]]:
    screener = default_screener()
    found = screener.match(names, [None] * len(names), date(2025, 6, 30))
    return [[(m.entry.id, m.cls, round(float(m.score), 6)) for m in ms] for ms in found]


def test_a_block_larger_than_the_caches_finds_the_same_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = NAMES[:4], NAMES  # the second block: words seen before and new ones
    expected = _found(first), _found(second)
    assert any(expected[1])  # list names are among them
    monkeypatch.setattr(index, "MAX_CACHED_WORDS", 3)
    monkeypatch.setattr(scoring, "MAX_CACHED_WORDS", 3)
    default_screener.cache_clear()  # a screener whose caches start empty
    assert (_found(first), _found(second)) == expected
