"""ILAB goods list (2022, annotated with 2024 removals) and its listings.

Build: ``ilab_tvpra_list_of_goods_2022.csv`` + ``ilab_2024_changes_compiled.csv``
-> ``sector_data/ilab_goods_2022.csv`` and ``sector_data/ilab_2024_changes.csv``.
Both editions' facts stay visible: a 2022 row removed in 2024 keeps its 2022
flags plus ``removed_on``/``removed_labour``; :meth:`GoodsListing.current_on`
applies the change from its effective date.

The classification rules built on top (HS -> good, material word -> good,
good <- inputs) are in :mod:`scrisk.reference.taxonomy`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from scrisk.dates import to_date
from scrisk.reference._io import BuildError, as_bool, read_csv, slug, write_csv
from scrisk.reference.goods_dates import date_listings
from scrisk.reference.model import GoodsListing
from scrisk.reference.names import CountryMapper

GOODS_FILE = "ilab_goods_2022.csv"
CHANGES_FILE = "ilab_2024_changes.csv"

GOODS_HEADER = [
    "record",
    "good",
    "sector",
    "country",
    "iso2",
    "ilab_region",
    "child_labour",
    "forced_labour",
    "forced_child_labour",
    "tainted_input",
    "tainted_input_source_country",
    "tainted_input_source_iso2",
    "removed_on",
    "removed_labour",
    "change_record",
    "note",
    "dataset",
    "edition",
    # rules.md v3: from when (and until when) each labour type is listed; see goods_dates
    "child_from",
    "child_until",
    "forced_from",
    "forced_until",
    "tainted_from",
    "tainted_until",
    "dated_by",
]
CHANGES_HEADER = [
    "record",
    "good",
    "country",
    "iso2",
    "labour_type",
    "change",
    "effective",
    "applies_to",
    "source_url",
    "dataset",
    "edition",
]


def build_goods(
    raw_goods: Path,
    raw_changes: Path,
    out: Path,
    mapper: CountryMapper,
    *,
    goods_dataset: str,
    goods_edition: str,
    changes_dataset: str,
    changes_edition: str,
    changes_effective: str,
    first_listed: Path | None = None,
    name_pairs: Path | None = None,
    editions: dict[str, str] | None = None,
) -> dict[str, dict[str, Any]]:
    """Write the goods listings and the 2024 changes; return per-dataset stats.

    With ``first_listed`` (DOL's first-listed years), ``name_pairs`` and
    ``editions`` every listing is dated (:mod:`scrisk.reference.goods_dates`)."""
    rows: dict[str, dict[str, Any]] = {}
    for src in read_csv(raw_goods):
        iso2 = mapper(goods_dataset, src["country"])
        if iso2 is None:
            raise BuildError(f"{raw_goods.name}: no ISO code for {src['country']!r}")
        tainted_src = src["tainted_input_source_country"]
        tainted_iso2 = mapper(goods_dataset, tainted_src, column="tainted_input_source_country")
        record = f"ILAB-{goods_edition}:{iso2}:{slug(src['good'])}"
        if record in rows:
            raise BuildError(f"{raw_goods.name}: duplicate good x country {record}")
        rows[record] = {
            "record": record,
            "good": src["good"],
            "sector": src["sector"],
            "country": src["country"],
            "iso2": iso2,
            "ilab_region": src["region"],
            "child_labour": as_bool(src["child_labor"]),
            "forced_labour": as_bool(src["forced_labor"]),
            "forced_child_labour": as_bool(src["forced_child_labor"]),
            "tainted_input": as_bool(src["produced_with_tainted_inputs"]),
            "tainted_input_source_country": tainted_src,
            "tainted_input_source_iso2": tainted_iso2 or "",
            "removed_on": "",
            "removed_labour": "",
            "change_record": "",
            "note": "",
            "dataset": goods_dataset,
            "edition": goods_edition,
            **dict.fromkeys(GOODS_HEADER[GOODS_HEADER.index("child_from") :], ""),
        }

    changes: list[dict[str, Any]] = []
    for src in read_csv(raw_changes):
        iso2 = mapper(changes_dataset, src["country"])
        if iso2 is None:
            raise BuildError(f"{raw_changes.name}: no ISO code for {src['country']!r}")
        target = f"ILAB-{goods_edition}:{iso2}:{slug(src['good'])}"
        record = f"ILAB-{changes_edition}-{src['change']}:{iso2}:{slug(src['good'])}"
        if src["change"] != "removed":
            raise BuildError(f"{raw_changes.name}: change {src['change']!r} is not handled")
        if target not in rows:  # "Fluorspar" in 2024 is "Fluorspar (mineral)" in 2022
            base = [
                r
                for r in rows.values()
                if r["iso2"] == iso2 and slug(r["good"].split(" (")[0]) == slug(src["good"])
            ]
            if len(base) != 1:
                raise BuildError(
                    f"{raw_changes.name}: {src['good']}/{src['country']} not in the 2022 list"
                )
            target = base[0]["record"]
        row = rows[target]
        labour = src["labour_type"]
        row["removed_on"] = changes_effective
        row["removed_labour"] = labour
        row["change_record"] = record
        remaining = [
            name
            for name, flag in (("child", row["child_labour"]), ("forced", row["forced_labour"]))
            if flag and name != labour and labour != "both"
        ]
        row["note"] = (
            f"{labour} labour listing removed in the {changes_edition} edition "
            f"(effective {changes_effective})"
            + (
                f"; whether the {' and '.join(remaining)} labour listing remains was not "
                "confirmed in the pages read, so it is kept"
                if remaining
                else ""
            )
        )
        changes.append(
            {
                "record": record,
                "good": src["good"],
                "country": src["country"],
                "iso2": iso2,
                "labour_type": labour,
                "change": src["change"],
                "effective": changes_effective,
                "applies_to": target,
                "source_url": src["source_url"],
                "dataset": changes_dataset,
                "edition": changes_edition,
            }
        )
    dating: dict[str, Any] = {}
    if first_listed is not None and name_pairs is not None and editions:
        dating = date_listings(rows, first_listed, name_pairs, editions, new_edition=goods_edition)
    out_rows = sorted(rows.values(), key=lambda r: (r["iso2"], r["good"].casefold()))
    n_goods = write_csv(out / GOODS_FILE, GOODS_HEADER, out_rows)
    changes.sort(key=lambda r: r["record"])
    n_changes = write_csv(out / CHANGES_FILE, CHANGES_HEADER, changes)
    return {
        goods_dataset: {
            "rows": n_goods,
            "files": [GOODS_FILE],
            "countries": len({r["iso2"] for r in out_rows}),
            "goods": len({r["good"] for r in out_rows}),
            **dating,
        },
        changes_dataset: {"rows": n_changes, "files": [CHANGES_FILE]},
    }


def _day(text: str | None) -> date | None:
    return to_date(text, with_time=False, month=False)


def load_listings(folder: Path) -> tuple[GoodsListing, ...]:
    """Every ILAB listing as shipped (2022 flags, 2024 removals annotated)."""
    out: list[GoodsListing] = []
    for row in read_csv(folder / GOODS_FILE):
        out.append(
            GoodsListing(
                good=row["good"],
                iso2=row["iso2"],
                country=row["country"],
                child_labour=row["child_labour"] == "true",
                forced_labour=row["forced_labour"] == "true",
                forced_child_labour=row["forced_child_labour"] == "true",
                tainted_input=row["tainted_input"] == "true",
                tainted_input_source_iso2=row["tainted_input_source_iso2"] or None,
                dataset=row["dataset"],
                edition=row["edition"],
                record=row["record"],
                sector=row["sector"],
                removed_on=date.fromisoformat(row["removed_on"]) if row["removed_on"] else None,
                removed_labour=row["removed_labour"],
                change_record=row["change_record"],
                note=row["note"],
                child_from=_day(row.get("child_from")),
                child_until=_day(row.get("child_until")),
                forced_from=_day(row.get("forced_from")),
                forced_until=_day(row.get("forced_until")),
                tainted_from=_day(row.get("tainted_from")),
                tainted_until=_day(row.get("tainted_until")),
                dated_by=row.get("dated_by") or "",
            )
        )
    return tuple(out)


__all__ = ["CHANGES_FILE", "GOODS_FILE", "build_goods", "load_listings"]
