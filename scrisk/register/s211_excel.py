"""The S-211 figures as a workbook: one row per figure, and the contracts counted.

Written cell by cell through :func:`scrisk.xlsx_io.put` (declared text such
as a contract number stays text, never a formula) and saved by
:func:`scrisk.xlsx_io.save` (fixed times: the same register gives the same bytes).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from scrisk.i18n import t
from scrisk.register.codec import S211Contract, S211Figures


def rows(fig: S211Figures, lang: str) -> Iterator[tuple[str, str, str | int | float]]:
    """(section, item, value) for every figure, in the report's order."""
    c = fig.contracts
    yield t("s211.fig.contracts", lang), t("s211.fig.count", lang), c.count
    yield t("s211.fig.contracts", lang), t("s211.fig.awarded_in_year", lang), c.awarded_in_year
    by: tuple[tuple[str, Mapping[str, int]], ...] = (
        ("by_instrument", c.by_instrument),
        ("by_category", c.by_category),
        ("by_country", c.by_country),
        ("by_level", c.by_level),
    )
    for key, counts in by:
        for item, n in counts.items():
            yield t(f"s211.fig.{key}", lang), item, n
    cu = fig.callups
    yield t("s211.fig.callups", lang), t("s211.fig.count", lang), cu.count
    yield t("s211.fig.callups", lang), t("s211.fig.value_cad", lang), cu.value_cad
    for item, n in cu.by_level.items():
        yield t("s211.fig.callups", lang), item, n
    for f in fig.flags.found:
        yield t("s211.fig.flags", lang), f"{f.rule} ({f.severity})", f.count
    for ch in fig.flags.rescreen_changes:
        yield t("s211.fig.changes", lang), f"{ch.rule} ({ch.change})", ch.count
    yield t("s211.fig.decisions", lang), t("s211.fig.count", lang), fig.decisions.count
    for item, n in fig.decisions.by_decision.items():
        yield t("s211.fig.decisions", lang), item, n
    ev = fig.evidence
    yield t("s211.fig.evidence", lang), t("s211.fig.count", lang), ev.count
    for item, n in ev.by_kind.items():
        yield t("s211.fig.evidence", lang), item, n
    yield (
        t("s211.fig.evidence", lang),
        t("s211.fig.valid_at_year_end", lang),
        ev.valid_at_year_end,
    )
    ac = fig.actions
    yield t("s211.fig.actions", lang), t("s211.fig.opened", lang), ac.opened
    yield (
        t("s211.fig.actions", lang),
        t("s211.fig.overdue_at_year_end", lang),
        ac.overdue_at_year_end,
    )
    yield t("s211.fig.actions", lang), t("s211.fig.closed", lang), ac.closed


def write_s211_workbook(fig: S211Figures, path: str | Path, *, lang: str = "en") -> Path:
    """Write the figures (``scrisk-s211/1``) to ``path`` as .xlsx."""
    from openpyxl import Workbook

    from scrisk.xlsx_io import put, save

    wb = Workbook()
    ws = wb.active
    ws.title = t("s211.sheet.figures", lang)
    period = fig.period
    put(ws, 1, 1, t("s211.title", lang, department=fig.department, year=fig.year))
    put(
        ws,
        2,
        1,
        t("s211.period", lang, start=period.start, end=period.end, due=period.due),
    )
    head = ("s211.col.section", "s211.col.item", "s211.col.value")
    for col, key in enumerate(head, 1):
        put(ws, 4, col, t(key, lang))
    n = 4
    for n, row in enumerate(rows(fig, lang), 5):
        for col, value in enumerate(row, 1):
            put(ws, n, col, value)
    ws.auto_filter.ref = f"A4:C{n}"
    ws.freeze_panes = "A5"
    for letter, width in zip("ABC", (28, 40, 14), strict=True):
        ws.column_dimensions[letter].width = width
    listed = wb.create_sheet(t("s211.sheet.contracts", lang))
    for col, key in enumerate(S211Contract.COLUMNS, 1):
        put(listed, 1, col, t(f"s211.col.{key}", lang))
        listed.column_dimensions[chr(64 + col)].width = 22
    contracts = fig.contracts.listed
    for r, c in enumerate(contracts, 2):
        for col, value in enumerate(c.cells(), 1):
            put(listed, r, col, value)
    listed.auto_filter.ref = f"A1:G{max(1, len(contracts) + 1)}"
    listed.freeze_panes = "A2"
    return save(wb, path)


__all__ = ["rows", "write_s211_workbook"]
