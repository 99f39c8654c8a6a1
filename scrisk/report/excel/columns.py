"""The columns of the table sheets (key and width), and the header row they start with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrisk.i18n import t
from scrisk.report.excel.cells import start_table

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# A flag is one printed row, one page wide (164: about 76 %): whom and what, severity,
# message, the evidence by label, a name match's score, reviews and supplier evidence.
# Record keys, links and editions are on the Sources sheet (EVIDENCE_COLUMNS).
FLAG_COLUMNS = (
    ("flag", 28),
    ("severity", 10),
    ("message", 54),
    ("evidence", 36),
    ("name_match", 8),
    ("review_evidence", 28),
)
# A party is one printed row, one page wide (170): who (name, id, role, tier), where,
# whom it supplies, what it makes from what, its size, its scores and level.
PARTY_COLUMNS = (
    ("party_role", 30),
    ("where", 34),
    ("supplies_to", 24),
    ("goods_materials", 24),
    ("size", 16),
    ("intrinsic_score", 12),
    ("party_score", 12),
    ("risk_level", 10),
    ("flag_count", 8),
)
PATH_COLUMNS = (
    ("path_source_name", 32),
    ("risk_level", 12),
    ("path_score", 16),
    ("hops", 7),
    ("path_names", 80),
)
# What a reviewer prints and answers first (172: one page wide); the keys the answers are
# read back by (party id, entry id) at the right, hidden from print.
REVIEW_COLUMNS = (
    ("party_name", 26),
    ("party_country", 8),
    ("list", 14),
    ("entity", 28),
    ("matched_name", 20),
    ("match_score", 8),
    ("active", 9),
    ("decision", 16),
    ("reviewer", 12),
    ("date", 11),
    ("comment", 20),
    ("class", 10),
    ("party", 8),
    ("entry_id", 30),
)
REVIEW_HIDDEN = ("class", "party", "entry_id")  # read back, not printed
BID_COLUMNS = (("bidder", 20), ("solicitation", 18))
# Sources sheet, second table: every record behind a flag, by its key, link and edition.
EVIDENCE_COLUMNS = (
    ("flag", 30),
    ("evidence", 40),
    ("record", 44),
    ("source", 30),
    ("edition", 22),
    ("url", 50),
    ("match_score", 10),
)
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
    ws: WriteOnlyWorksheet,
    columns: tuple[tuple[str, int], ...],
    lang: str,
    inputs: tuple[str, ...] = (),
    hidden: tuple[str, ...] = (),
) -> None:
    keys = [k for k, _ in columns]
    start_table(
        ws,
        headers(columns, lang),
        [w for _, w in columns],
        inputs=[keys.index(k) for k in inputs],
        hidden=[keys.index(k) for k in hidden if k in keys],
    )
