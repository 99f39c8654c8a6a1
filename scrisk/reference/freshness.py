"""Freshness of the reference data: horizons, ages and the warnings they give.

Each dataset's manifest declares its ``horizon``: the date its content is
current to ("2026-07-09"; a year or month means its last day). Two checks:

- ``past_horizon``: the as-of date lies after the horizon of a dataset used:
  what happened after it is not in the data (an entity listed later is missed);
- ``stale_data``: the horizon lies more than ``[data] max_age_months`` before
  today (policy, default 12).

"Today" comes from :func:`today`: ``SCRISK_TODAY`` (YYYY-MM-DD) when set, so a
test or an audit can reproduce a run exactly; otherwise the system date. Every
function also takes ``today=`` explicitly.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from scrisk.dates import parse_date
from scrisk.errors import PolicyError

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy import Settings
from scrisk.reference.model import DatasetInfo
from scrisk.vocab import DataWarningCode, values

TODAY_ENV = "SCRISK_TODAY"
CODES = values(DataWarningCode)  # declared once in scrisk.vocab
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def today() -> date:
    """The date freshness is measured from: ``SCRISK_TODAY`` if set, else the system date."""
    text = os.environ.get(TODAY_ENV, "").strip()
    if not text:
        return date.today()
    try:
        return parse_date(text)
    except ValueError:
        raise PolicyError(f"{TODAY_ENV}={text!r} is not a date (expected YYYY-MM-DD)") from None


def period_end(text: str) -> date | None:
    """The last day of "2023", "2022-09" or "2024-09-04"; None for "" or no date."""
    m = _PARTIAL.match((text or "").strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 12), m[3]
    if day:
        return date(year, month, int(day))
    return date(year, month, calendar.monthrange(year, month)[1])


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (0 when not later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(0, months)


def months_before(d: date, months: int) -> date:
    """``d`` moved back by ``months`` (the day clamped to the month's length)."""
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def settings(policy: Settings | Mapping[str, Any]) -> tuple[int, tuple[str, ...]]:
    """(max_age_months, screening_datasets) of the policy's ``[data]`` table: typed
    settings as they are, plain tables merged over the defaults and checked
    (``PolicyError`` naming the setting)."""
    from scrisk.policy import Settings, load_policy

    typed = policy if isinstance(policy, Settings) else load_policy(policy)
    return typed.data.max_age_months, tuple(typed.data.screening_datasets)


@dataclass(frozen=True)
class DataWarning:
    """One freshness warning about one dataset; ``message(lang)`` renders it."""

    code: str  # a DataWarningCode: "past_horizon" | "stale_data"
    dataset: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def message(self, lang: str = "en") -> str:
        """The warning in ``lang``: the dataset and its edition named from the sourced table
        of names (:func:`scrisk.i18n.dataset_name`, :func:`scrisk.i18n.edition_name`)."""
        from scrisk.i18n import dataset_name, edition_name, t

        params = dict(self.params)
        if "title" in params:
            params["title"] = dataset_name(self.dataset, str(params["title"]), lang)
        if "edition" in params:
            params["edition"] = edition_name(str(params["edition"]), lang)
        return t(f"data.warning.{self.code}", lang, **params)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The ``warnings`` entry of a document: code, message, dataset, horizon, months."""
        return {
            "code": self.code,
            "message": self.message(lang),
            "dataset": self.dataset,
            "horizon": self.params.get("horizon"),
            "months": self.params.get("months"),
        }


def horizon_of(info: DatasetInfo) -> date | None:
    """The date a dataset's content is current to (None = not declared: not time-bound)."""
    return period_end(info.horizon)


def age_months(info: DatasetInfo, *, on: date | None = None) -> int | None:
    """Whole months from the dataset's horizon to ``on`` (today); None without a horizon."""
    h = horizon_of(info)
    return None if h is None else months_between(h, on or today())


def data_warnings(
    datasets: Iterable[DatasetInfo],
    *,
    as_of: date,
    policy: Settings | Mapping[str, Any],
    now: date | None = None,
) -> list[DataWarning]:
    """Warnings for the datasets used by a verdict on ``as_of``, in dataset order.

    ``now`` is "today" for the staleness check (default :func:`today`).
    """
    max_age, _ = settings(policy)
    limit = months_before(now or today(), max_age) if max_age else None
    out: list[DataWarning] = []
    for info in datasets:
        h = horizon_of(info)
        if h is None:
            continue
        params = {
            "dataset": info.id,
            "title": info.title,
            "edition": info.edition,
            "horizon": h.isoformat(),
            "as_of": as_of.isoformat(),
            "months": max_age,
            "limit": limit.isoformat() if limit else "",
        }
        if as_of > h:
            out.append(DataWarning("past_horizon", info.id, params))
        if limit is not None and h < limit:
            out.append(DataWarning("stale_data", info.id, params))
    return out


def list_warnings(
    as_of: date,
    *,
    policy: Settings | Mapping[str, Any] | None = None,
    reference: Any = None,
    now: date | None = None,
) -> list[DataWarning]:
    """Warnings for the enforcement-list datasets a name screening on ``as_of`` uses."""
    if reference is None:
        from scrisk.reference.loader import get_reference

        reference = get_reference()
    if policy is None:
        from scrisk.policy import default_policy

        policy = default_policy()
    used = {e.dataset for e in reference.list_entries()}
    infos = [d for d in reference.datasets if d.id in used]
    return data_warnings(infos, as_of=as_of, policy=policy, now=now)


def past_horizon(info: DatasetInfo, as_of: date) -> bool:
    """True when ``as_of`` lies after the dataset's horizon."""
    h = horizon_of(info)
    return h is not None and as_of > h


__all__ = [
    "CODES",
    "TODAY_ENV",
    "DataWarning",
    "age_months",
    "data_warnings",
    "horizon_of",
    "list_warnings",
    "months_before",
    "months_between",
    "past_horizon",
    "period_end",
    "settings",
    "today",
]
