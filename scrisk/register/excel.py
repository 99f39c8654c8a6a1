"""The re-screen workbook: one row per change (or per unchanged contract), filterable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrisk.i18n import t

COLUMNS = (
    ("register.excel.contract", 22),
    ("register.col.solicitation", 20),
    ("register.col.bidder", 30),
    ("register.excel.before_level", 13),
    ("register.excel.after_level", 13),
    ("register.excel.before_score", 11),
    ("register.excel.after_score", 11),
    ("register.col.change", 12),
    ("register.col.rule", 12),
    ("register.col.party", 9),
    ("register.excel.severity_before", 14),
    ("register.excel.severity_after", 14),
    ("register.col.because", 90),
    ("register.col.record", 38),
)


def label(level: str | None, lang: str) -> str:
    """A level or severity in ``lang`` ("" when none)."""
    if not level:
        return ""
    return t("level.unknown", lang) if level == "unknown" else t(f"severity.{level}", lang)


def write_rescreen_workbook(report: dict[str, Any], path: str | Path, *, lang: str = "en") -> Path:
    """Write the Rescreen JSON as a reviewer workbook (declared text stays text)."""
    from scrisk.report.excel_cells import cell, finish_table, start_table
    from scrisk.report.excel_save import new_workbook, save

    wb = new_workbook(lang)
    ws = wb.create_sheet(t("register.excel.sheet", lang))
    start_table(ws, [t(k, lang) for k, _ in COLUMNS], [w for _, w in COLUMNS])
    rows = 0
    for c in report["contracts"]:
        changes = c["changes"] or [None]
        for ch in changes:
            head = [
                cell(ws, c["contract"]),
                cell(ws, c["solicitation"] or ""),  # fresh cells
                cell(ws, c.get("bidder_name") or c["bidder"] or ""),  # for each row
                cell(ws, label(c["before"]["risk_level"], lang)),
                cell(ws, label(c["after"]["risk_level"], lang)),
                cell(ws, c["before"]["score"]),
                cell(ws, c["after"]["score"]),
            ]
            if ch is None:
                tail = [cell(ws, t("register.rescreen.unchanged", lang)), "", "", "", "", ""]
            else:
                tail = [
                    cell(ws, t(f"register.change.{ch['change']}", lang)),
                    cell(ws, ch["rule"]),
                    cell(ws, ch["party"] or ""),
                    cell(ws, label(ch["severity_before"], lang)),
                    cell(ws, label(ch["severity_after"], lang)),
                    cell(ws, ch["because"]),
                ]
            ws.append([*head, *tail, cell(ws, c["record"])])
            rows += 1
    finish_table(ws, len(COLUMNS), rows)
    _life_sheet(wb, report, lang)
    return save(wb, path)


LIFE_COLUMNS = (
    ("register.excel.contract", 22),
    ("life.col.what", 18),
    ("life.col.date", 12),
    ("life.col.detail", 100),
)


def _life_sheet(wb: Any, report: dict[str, Any], lang: str) -> None:
    """Call-ups, overdue corrective actions and supplier evidence, one row each (v3)."""
    from scrisk.report.excel_cells import cell, finish_table, start_table

    found = []
    for c in report["contracts"]:
        for cu in c.get("callups") or ():
            detail = t(
                "life.excel.callup",
                lang,
                number=cu["number"],
                level=label(cu["risk_level"], lang) or "?",
            )
            found.append(
                (c["contract"], t("life.excel.what.callup", lang), cu["called_on"], detail)
            )
        for a in c.get("actions_overdue") or ():
            detail = t(
                "life.rescreen.overdue",
                lang,
                id=a["id"][:8],
                flag=a["flag"],
                owner=a["owner"],
                due=a["due"],
            )
            found.append((c["contract"], t("life.excel.what.action", lang), a["due"], detail))
        for e in c.get("supplier_evidence") or ():
            detail = f"{e['party']} {e['supplier']} — {e['note']}"
            found.append(
                (c["contract"], t("life.excel.what.evidence", lang), e["valid_to"], detail)
            )
    if not found:
        return
    ws = wb.create_sheet(t("life.excel.sheet", lang))
    start_table(ws, [t(k, lang) for k, _ in LIFE_COLUMNS], [w for _, w in LIFE_COLUMNS])
    for row in found:
        ws.append([cell(ws, v) for v in row])
    finish_table(ws, len(LIFE_COLUMNS), len(found))


__all__ = ["label", "write_rescreen_workbook"]
