"""Dates as scrisk reads them: one parser for every date a user, a file or a setting gives.

A date is ``YYYY-MM-DD``. Where a source may carry a time after it (a workbook
cell typed as a date and time, a decisions CSV written by a spreadsheet), the
time is read and dropped (``with_time=True``). Where a policy date may be known
only to the month (``YYYY-MM``, rules.md v2), the month counts from its first
day (``month=True``); a month is 01 to 12, nothing else. Anything else is a
``ValueError`` naming the text, which each door turns into its own fault
(an input fault, a ``PolicyError``, a usage error, a ``RegisterError``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
_DAY_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def month_only(value: object) -> bool:
    """Whether ``value`` is a date known only to the month: text ``YYYY-MM``, month 01-12."""
    if not isinstance(value, str):
        return False
    m = _MONTH.fullmatch(value)
    return m is not None and 1 <= int(m.group(2)) <= 12


def parse_date(value: object, *, with_time: bool = False, month: bool = False) -> date:
    """The day of a ``date`` or ``datetime``, or of ISO text ``YYYY-MM-DD`` (spaces around
    it ignored); ``with_time``: a time may follow the day; ``month``: ``YYYY-MM`` is the
    month's first day. Anything else raises ``ValueError``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if month and month_only(text):
            return date(int(text[:4]), int(text[5:7]), 1)
        m = (_DAY_TIME if with_time else _DAY).fullmatch(text)
        if m is not None:
            try:
                return date.fromisoformat(m.group(1))
            except ValueError:  # 2021-02-30
                pass
    raise ValueError(f"not a date (YYYY-MM-DD): {value!r}")


def to_date(value: object, *, with_time: bool = True, month: bool = True) -> date | None:
    """:func:`parse_date`, with None for None or blank text. As the library's options
    (``as_of=``, ``contract_date=``) and the policy's clause dates are read: a time after
    the day and a month-only date are accepted unless turned off."""
    if value is None:
        return None
    if type(value) is str:  # the same texts over and over (policy dates, award dates)
        key = (value, with_time, month)
        found = _TEXT_DAYS.get(key)
        if found is None:
            if not value.strip():
                return None
            found = parse_date(value, with_time=with_time, month=month)
            if len(_TEXT_DAYS) >= _TEXT_DAYS_MOST:
                _TEXT_DAYS.clear()
            _TEXT_DAYS[key] = found
        return found
    if isinstance(value, str) and not value.strip():
        return None
    return parse_date(value, with_time=with_time, month=month)


# the days of texts read so far, by (text, with_time, month); emptied when full
_TEXT_DAYS: dict[tuple[str, bool, bool], date] = {}
_TEXT_DAYS_MOST = 4096


__all__ = ["month_only", "parse_date", "to_date"]
