"""What ``scrisk data`` says about each dataset: horizon, age, edition in use, known gaps."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference import Reference
    from scrisk.reference.model import DatasetInfo

Value = str | int | bool | list[str] | dict[str, str] | None  # a JSON value of a row


@dataclass(frozen=True, slots=True)
class DatasetRow:
    """One dataset as ``scrisk data`` lists it (``--json``: the keys of the Data JSON)."""

    id: str
    title: str
    publisher: str
    edition: str
    date: str | None
    licence: str
    rows: int
    url: str | None
    source: dict[str, str]
    files: list[str]
    folder: str
    notes: str
    horizon: str | None  # the date its content is current to (ISO), None: not time-bound
    age_months: int | None
    stale: bool
    in_use: str  # "shipped" or "updated: FILE"
    jurisdiction: str | None
    sha256: str
    gaps: list[str]

    def to_dict(self) -> dict[str, Value]:
        """The row of the Data JSON."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def dataset_status(ref: Reference, info: DatasetInfo) -> DatasetRow:
    """One dataset with its horizon, age in months (from today, ``SCRISK_TODAY`` honoured),
    staleness, edition in use ("shipped" or the updated file) and known gaps."""
    from scrisk.policy import load_policy
    from scrisk.reference.freshness import age_months, horizon_of, months_before, settings, today

    max_age, _ = settings(load_policy())
    horizon = horizon_of(info)
    updated = ref.updated.get(info.id)
    return DatasetRow(
        id=info.id,
        title=info.title,
        publisher=info.publisher,
        edition=info.edition,
        date=info.date or None,
        licence=info.licence,
        rows=info.rows,
        url=info.url or None,
        source=info.source,
        files=list(info.files),
        folder=info.folder,
        notes=info.notes,
        horizon=horizon.isoformat() if horizon else None,
        age_months=age_months(info),
        stale=bool(horizon and max_age and horizon < months_before(today(), max_age)),
        in_use=f"updated: {updated['file']}" if updated else "shipped",
        jurisdiction=info.jurisdiction or None,
        sha256=info.sha256,
        gaps=list(info.gaps),
    )


__all__ = ["DatasetRow", "dataset_status"]
