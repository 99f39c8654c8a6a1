"""Dates of ILAB listings (rules.md v3: "every measure is dated").

The 2022 List of Goods says *what* is listed, not *since when*. DOL's own
ImportWatch data (``ilab_importwatch_core_first_listed.csv``: the list as of
2021, with DOL's year ranges per labour type, "2009-" = listed since 2009,
"2009-2017" = the listing ended in 2017) gives the year each listing started.
Joined on (country, good) with the 2022 file:

* a listing found there starts in the edition of its first year, per labour
  type; a closed range stops at the end of its last year;
* a listing of the 2022 file not found there (the list as of 2021 lacks it) is
  a 2022 addition: it starts with the 2022 edition;
* a few goods were renamed in 2022 ("Oil (palm)" -> "Palm Fruit"): the authored
  table ``ilab_name_pairs.csv`` pairs them, each with its reason.

An edition's publication date is known to the day, the month or the year only
(``sources.json`` ``ilab_goods_2022.editions``). A listing counts from the
**last** day its edition may have been published, so no message cites a
listing before it existed; a closed range counts through the last day of its
final year.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Any

from scrisk.reference._io import BuildError, read_csv, slug

NAME_PAIRS = "ilab_name_pairs.csv"
# DOL's interval columns in the first-listed file, by the labour type they date
INTERVALS = {"child": "cl_interval", "forced": "fl_interval", "forced_child": "fcl_interval"}
_RANGE = re.compile(r"^(\d{4})-(\d{4})?$")


def edition_day(value: str) -> date:
    """The last day an edition given as YYYY, YYYY-MM or YYYY-MM-DD may have appeared."""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def year_start(year: int, editions: dict[str, str]) -> date:
    """From when a listing first listed in ``year`` is in force (its edition's last day)."""
    return edition_day(editions.get(str(year), str(year)))


def parse_range(text: str) -> tuple[int, int | None] | None:
    """'2009-' -> (2009, None); '2009-2017' -> (2009, 2017); '' -> None."""
    text = (text or "").strip()
    if not text:
        return None
    m = _RANGE.match(text)
    if m is None:
        raise BuildError(f"ILAB interval {text!r} is not YYYY- or YYYY-YYYY")
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def read_pairs(path: Path) -> dict[tuple[str, str], str]:
    """(iso2, 2022 name) -> the name the first-listed file gives the same listing."""
    out: dict[tuple[str, str], str] = {}
    for row in read_csv(path):
        if not row.get("reason", "").strip():
            raise BuildError(f"{path.name}: pair {row['iso2']}/{row['good_2022']} gives no reason")
        out[(row["iso2"], slug(row["good_2022"]))] = row["good_first_listed"]
    return out


def date_listings(
    rows: dict[str, dict[str, Any]],
    first_listed: Path,
    pairs: Path,
    editions: dict[str, str],
    *,
    new_edition: str,
) -> dict[str, Any]:
    """Fill each 2022 row's ``*_from``/``*_until`` dates and ``dated_by``; return stats."""
    core: dict[tuple[str, str], dict[str, str]] = {}
    for r in read_csv(first_listed):
        core[(r["country_iso2"].strip(), slug(r["good"].strip()))] = r
    renamed = read_pairs(pairs)
    new_from = edition_day(editions[new_edition]).isoformat()
    dated = added = 0
    for row in rows.values():
        key = (row["iso2"], slug(row["good"]))
        src = core.get(key) or core.get((row["iso2"], slug(renamed.get(key, ""))))
        if src is None:  # not in the list as of 2021: a 2022 addition
            added += 1
            for labour in ("child", "forced", "tainted"):
                row[f"{labour}_from"] = new_from if _listed(row, labour) else ""
                row[f"{labour}_until"] = ""
            row["dated_by"] = (
                f"not in the list as of 2021: first listed in the {new_edition} edition"
            )
            continue
        dated += 1
        for labour in ("child", "forced"):
            found = _dates(src, labour, editions)
            if found is None and _listed(row, labour):  # listed in 2022, not in 2021
                found = (new_from, "")
            start, until = found or ("", "")
            if not _listed(row, labour):  # only what the 2022 edition lists is shipped
                start = until = ""
            elif until:  # a range DOL closed before 2021 that the 2022 edition lists again
                until = ""
            row[f"{labour}_from"], row[f"{labour}_until"] = start, until
        row["tainted_from"] = new_from if _listed(row, "tainted") else ""
        row["tainted_until"] = ""
        row["dated_by"] = (
            f"first listed {src['first_listed_year']} (DOL ImportWatch: "
            f"child {src['cl_interval'] or '-'}, forced {src['fl_interval'] or '-'})"
        )
    return {"dated_from_first_listed": dated, "dated_as_new": added}


def _listed(row: dict[str, Any], labour: str) -> bool:
    key = {"child": "child_labour", "forced": "forced_labour", "tainted": "tainted_input"}[labour]
    return bool(row[key]) and row[key] != "false"


def _dates(src: dict[str, str], labour: str, editions: dict[str, str]) -> tuple[str, str] | None:
    """(from, until) of one labour type: the earliest start of its ranges (forced labour
    also counts the forced child labour range), the end of a closed one."""
    cols = [INTERVALS[labour]] + ([INTERVALS["forced_child"]] if labour == "forced" else [])
    ranges = [r for r in (parse_range(src.get(c, "")) for c in cols) if r is not None]
    if not ranges:
        return None
    start = min(a for a, _ in ranges)
    ends = [b for _, b in ranges if b is not None]
    until = "" if len(ends) < len(ranges) else date(max(ends) + 1, 1, 1).isoformat()
    return year_start(start, editions).isoformat(), until


__all__ = ["NAME_PAIRS", "date_listings", "edition_day", "parse_range", "year_start"]
