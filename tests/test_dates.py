"""One date parser for every door (scrisk.dates): what it takes, what it refuses."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scrisk.dates import month_only, parse_date, to_date


def test_a_day_in_every_form_a_source_gives() -> None:
    assert parse_date("2021-08-01") == date(2021, 8, 1)
    assert parse_date(" 2021-08-01 ") == date(2021, 8, 1)
    assert parse_date(date(2021, 8, 1)) == date(2021, 8, 1)
    day = parse_date(datetime(2021, 8, 1, 13, 5))
    assert day == date(2021, 8, 1) and type(day) is date


@pytest.mark.parametrize(
    "text", ["2021-8-1", "20210801", "2021-W31-7", "2021-02-30", "2021-08-01x", "", "2021-08"]
)
def test_anything_else_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date(text)


def test_a_time_after_the_day_only_where_a_source_may_carry_one() -> None:
    for text in ("2021-03-15 00:00:00", "2021-03-15T00:00:00Z", "2021-03-15T08:30+02:00"):
        with pytest.raises(ValueError):
            parse_date(text)
        assert parse_date(text, with_time=True) == date(2021, 3, 15)


def test_month_only_is_a_real_month() -> None:
    assert month_only("2021-08") and month_only("2021-12") and month_only("2021-01")
    for text in ("2021-13", "2021-00", "2021-8", "202108", "2021-08-01", 202108, None):
        assert not month_only(text)
    assert parse_date("2021-08", month=True) == date(2021, 8, 1)
    with pytest.raises(ValueError):
        parse_date("2021-13", month=True)


def test_to_date_reads_the_library_options() -> None:
    assert to_date(None) is None and to_date("") is None and to_date("  ") is None
    assert to_date("2021-08") == date(2021, 8, 1)
    assert to_date("2021-08-01T10:00") == date(2021, 8, 1)
    with pytest.raises(ValueError):
        to_date("2021-08", month=False)


def test_the_cli_date_options_share_one_message() -> None:
    import argparse

    from scrisk.cli.common import as_of_date

    assert as_of_date("2026-12-01") == date(2026, 12, 1)
    with pytest.raises(
        argparse.ArgumentTypeError, match=r"not a date \(YYYY-MM-DD\): '2026-13-01'"
    ):
        as_of_date("2026-13-01")
