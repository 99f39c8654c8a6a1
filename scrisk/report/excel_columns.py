"""The columns of the table sheets (key and width), and the header row they start with."""

from __future__ import annotations

from typing import Any

from scrisk.i18n import t
from scrisk.report.excel_cells import start_table

# The first printed page (about 125 wide) reads: rule, title, severity, party, message.
FLAG_COLUMNS = (
    ("rule", 11),
    ("title", 30),
    ("severity", 10),
    ("party", 9),
    ("message", 62),
    ("party_name", 30),
    ("good", 7),
    ("source", 30),
    ("edition", 18),
    ("record", 38),
    ("url", 30),
    ("match_score", 11),
    ("path", 22),
    ("reviewed", 32),
)
PARTY_COLUMNS = (
    ("id", 9),
    ("name", 34),
    ("role", 18),
    ("address", 34),
    ("city", 16),
    ("region", 16),
    ("country", 9),
    ("country_declared", 16),
    ("tier", 6),
    ("reachable", 11),
    ("supplies_to", 14),
    ("goods", 10),
    ("materials", 26),
    ("workers", 10),
    ("annual_capacity", 16),
    ("intrinsic_score", 16),
    ("party_score", 16),
    ("risk_level", 12),
    ("flag_count", 9),
)
PATH_COLUMNS = (
    ("path_source", 11),
    ("path_source_name", 32),
    ("risk_level", 12),
    ("path_score", 18),
    ("hops", 7),
    ("path", 26),
    ("path_names", 70),
)
REVIEW_COLUMNS = (
    ("party", 9),
    ("party_name", 30),
    ("entry_id", 40),
    ("list", 22),
    ("entity", 40),
    ("matched_name", 30),
    ("match_score", 11),
    ("class", 11),
    ("active", 12),
    ("decision", 22),
    ("reviewer", 20),
    ("date", 12),
    ("comment", 40),
    ("party_country", 10),
)
BID_COLUMNS = (("bidder", 30), ("solicitation", 18))
SOURCE_COLUMNS = (
    ("dataset", 26),
    ("title", 44),
    ("publisher", 36),
    ("edition", 22),
    ("date", 12),
    ("licence", 40),
    ("sha256", 66),
)


def headers(columns: tuple[tuple[str, int], ...], lang: str) -> list[str]:
    return [t(f"excel.col.{key}", lang) for key, _ in columns]


def begin(
    ws: Any, columns: tuple[tuple[str, int], ...], lang: str, inputs: tuple[str, ...] = ()
) -> None:
    keys = [k for k, _ in columns]
    start_table(
        ws, headers(columns, lang), [w for _, w in columns], inputs=[keys.index(k) for k in inputs]
    )
