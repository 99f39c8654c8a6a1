"""Screen results as rows: one per declared name, in input order, matches or not.

Each row is a frozen, typed :class:`ScreenRow`; its :meth:`ScreenRow.to_dict`
is the Screen JSON record. Shared by ``scrisk.screen()`` (a DataFrame), the
``scrisk screen`` JSON, its terminal report and its Excel workbook, so they
always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.screening.match import Match
from scrisk.screening.matcher import Screener, default_screener

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

FORMAT = "scrisk-screen/1"
COLUMNS = (
    "row",
    "name",
    "country",
    "class",
    "active",
    "list",
    "entity",
    "matched_name",
    "score",
    "features",
    "entry_id",
    "lists",
    "other_matches",
)


@dataclass(frozen=True, slots=True)
class ScreenRow:
    """One declared name and its best match (the ``*_`` fields None when none matched)."""

    row: int  # the input's row number
    name: str  # as declared
    country: str | None  # ISO alpha-2, or None
    class_: str  # "strong" | "possible" | "none" (JSON key "class")
    active: bool | None = None  # the entry is in force on the as-of date
    list: str | None = None
    entity: str | None = None
    matched_name: str | None = None
    score: float | None = None
    features: Mapping[str, float] = field(default_factory=dict)
    entry_id: str | None = None
    # every list the name matches (the best match's first), and the other entries it
    # matches, best first: XPCC is on the UFLPA Entity List and under a CBP order
    lists: tuple[str, ...] = ()
    other_matches: tuple[Mapping[str, Any], ...] = ()

    def at_row(self, row: int) -> ScreenRow:
        """The same result numbered as the input's row ``row``."""
        return replace(self, row=row)

    def to_dict(self) -> dict[str, Any]:
        """The Screen JSON record (keys in :data:`COLUMNS` order)."""
        return {
            "row": self.row,
            "name": self.name,
            "country": self.country,
            "class": self.class_,
            "active": self.active,
            "list": self.list,
            "entity": self.entity,
            "matched_name": self.matched_name,
            "score": self.score,
            "features": dict(self.features),
            "entry_id": self.entry_id,
            "lists": list(self.lists),
            "other_matches": [dict(m) for m in self.other_matches],
        }


def _other(match: Match) -> dict[str, Any]:
    entry = match.entry
    return {
        "active": match.active,
        "class": match.cls,
        "entity": entry.entity,
        "entry_id": str(entry.id),
        "list": entry.list_name,
        "matched_name": match.matched_name,
        "score": match.score,
    }


def screen_result(
    row: int,
    name: str,
    country: str | None,
    match: Match | None,
    others: Sequence[Match] = (),
) -> ScreenRow:
    """The typed result of one declared name (``match`` is its best match or None;
    ``others`` the other entries it matches, best first)."""
    if match is None:
        return ScreenRow(row=row, name=name, country=country, class_="none")
    entry = match.entry
    lists = tuple(dict.fromkeys(str(m.entry.list_name) for m in (match, *others)))
    return ScreenRow(
        row=row,
        name=name,
        country=country,
        class_=match.cls,
        active=match.active,
        list=entry.list_name,
        entity=entry.entity,
        matched_name=match.matched_name,
        score=match.score,
        features=dict(sorted(match.features.items())),
        entry_id=str(entry.id),
        lists=lists,
        other_matches=tuple(_other(m) for m in others),
    )


def result_row(row: int, name: str, country: str | None, match: Match | None) -> dict[str, Any]:
    """The Screen JSON record of one declared name (``match`` is its best match or None)."""
    return screen_result(row, name, country, match).to_dict()


def screen_rows(
    names: Sequence[str],
    countries: Sequence[str | None],
    *,
    as_of: date,
    screener: Screener,
    progress: Any = None,
    workers: int = 1,
) -> list[ScreenRow]:
    """Rows for ``names`` (countries already resolved to ISO-2 or None).

    ``progress`` (optional) is called with the number of names done after each block;
    ``workers``: processes per block (``Screener.match``).
    """
    rows: list[ScreenRow] = []
    block = max(1, screener.policy.chunk_size)
    for start in range(0, len(names), block):
        part = list(names[start : start + block])
        found = screener.match(part, list(countries[start : start + block]), as_of, workers=workers)
        for i, (name, matches) in enumerate(zip(part, found, strict=True)):
            idx = start + i
            rows.append(
                screen_result(
                    idx + 1,
                    name,
                    countries[idx],
                    matches[0] if matches else None,
                    matches[1:],
                )
            )
        if progress is not None:
            progress(len(part))
    return rows


def _screener_for(policy: Mapping[str, Any] | str | Path | None) -> Screener:
    return default_screener() if policy is None else Screener(policy=policy)


def screen(
    names_or_dataframe: Any,
    *,
    countries: Sequence[str | None] | None = None,
    as_of: date | str | None = None,
    policy: Mapping[str, Any] | str | Path | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    """Screen names against the enforcement lists; one DataFrame row per name, input order.

    ``names_or_dataframe``: a sequence of names, or a DataFrame with a ``name``
    column and optionally ``country`` (headers case-insensitive). Countries are
    resolved to ISO alpha-2 (``scrisk.resolve_country``); unresolvable ones
    become None. Columns: ``row, name, country, class, active, list, entity,
    matched_name, score, features, entry_id, lists, other_matches`` (the Screen
    JSON keys; ``lists``: every list the name matches). ``workers``:
    processes for large batches (-1: every core), the same rows as one.
    """
    import pandas as pd

    from scrisk.countries import resolve_country

    if isinstance(names_or_dataframe, pd.DataFrame):
        frame = names_or_dataframe
        lower = {str(c).strip().lower(): c for c in frame.columns}
        if "name" not in lower:
            raise ValueError("the DataFrame has no 'name' column")
        names = ["" if _missing(v) else str(v) for v in frame[lower["name"]]]
        if countries is None and "country" in lower:
            countries = [None if _missing(v) else str(v) for v in frame[lower["country"]]]
    elif isinstance(names_or_dataframe, str):
        names = [names_or_dataframe]
    else:
        names = ["" if _missing(v) else str(v) for v in names_or_dataframe]
    if countries is None:
        countries = [None] * len(names)
    if len(countries) != len(names):
        raise ValueError(f"countries has {len(countries)} items for {len(names)} names")
    resolved = [resolve_country(c) if c else None for c in countries]
    from scrisk.reference.freshness import today  # SCRISK_TODAY honoured

    day = date.fromisoformat(as_of) if isinstance(as_of, str) else (as_of or today())
    rows = [
        r.to_dict()
        for r in screen_rows(
            names, resolved, as_of=day, screener=_screener_for(policy), workers=workers
        )
    ]
    # object columns keep None as None (pandas would turn it into NaN in a string column)
    data = {col: pd.Series([r[col] for r in rows], dtype=object) for col in COLUMNS}
    data["row"] = pd.Series([r["row"] for r in rows], dtype="int64")
    data["score"] = pd.Series([r["score"] for r in rows], dtype="float64")
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    from scrisk.reference.freshness import list_warnings  # data freshness (issue 10)

    frame.attrs["warnings"] = [w.to_dict() for w in list_warnings(day)]
    from scrisk.i18n import t

    frame.attrs["disclaimer"] = t("disclaimer.screen", "en")  # a match is an indicator
    return frame


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):
        return False


__all__ = ["COLUMNS", "FORMAT", "ScreenRow", "result_row", "screen", "screen_result", "screen_rows"]
