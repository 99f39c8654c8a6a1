"""The re-screen workbook: one row per change (or per unchanged contract), filterable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.i18n import t
from scrisk.jsontypes import JsonObject
from scrisk.register.codec import Change, RescreenReport
from scrisk.vocab import UNKNOWN_LEVEL

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl import Workbook

# One page wide (176, landscape): contract and solicitation, bidder, level and score
# before -> after, the change, the flag (rule title and party), its severity before ->
# after, and why; the rule id, party id and record id at the right, hidden from print.
COLUMNS = (
    ("register.excel.contract", 18),
    ("register.col.bidder", 22),
    ("register.col.level", 16),
    ("register.col.score", 12),
    ("register.col.change", 10),
    ("register.excel.flag", 28),
    ("register.col.severity", 14),
    ("register.col.because", 56),
    ("register.col.rule", 12),
    ("register.col.party", 9),
    ("register.col.record", 38),
)
HIDDEN = (8, 9, 10)  # rule, party, record: for filters and the register, not for paper
ARROW = " \u2192 "


def label(level: str | None, lang: str) -> str:
    """A level or severity in ``lang`` ("" when none)."""
    if not level:
        return ""
    return t("level.unknown", lang) if level == UNKNOWN_LEVEL else t(f"severity.{level}", lang)


def _pair(before: str | None, after: str | None) -> str:
    """``medium -> high``; a side without a value is a dash."""
    return ARROW.join(x if x else "-" for x in (before, after))


def _score(value: float | None, lang: str) -> str:
    if not isinstance(value, int | float):
        return ""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _sentence(text: str) -> str:
    """A reason as a cell starts it: its first letter a capital (a list's name may not be)."""
    return text[:1].upper() + text[1:]


def _report(report: RescreenReport | JsonObject) -> RescreenReport:
    if isinstance(report, RescreenReport):
        return report
    found: RescreenReport = RescreenReport.from_dict(report)
    return found


def write_rescreen_workbook(
    report: RescreenReport | JsonObject, path: str | Path, *, lang: str = "en"
) -> Path:
    """Write the Rescreen JSON as a reviewer workbook (declared text stays text), one
    change a printed row, each row as tall as its text (nothing printed over another)."""
    from scrisk.report.excel.cells import cell, finish_table, start_table, styles
    from scrisk.report.excel.page import append, footer
    from scrisk.report.excel.save import new_workbook, save

    typed = _report(report)
    wb = new_workbook(lang)
    ws = wb.create_sheet(t("register.excel.sheet", lang))
    widths = [w for _, w in COLUMNS]
    start_table(ws, [t(k, lang) for k, _ in COLUMNS], widths, hidden=HIDDEN)
    wrap = styles().wrap
    rows = 0
    for c in typed.contracts:
        changes: tuple[Change | None, ...] = c.changes or (None,)
        for ch in changes:
            head = [
                cell(
                    ws,
                    "\n".join(x for x in (c.contract, c.solicitation or "") if x),
                    alignment=wrap,
                ),
                cell(ws, c.bidder_name or c.bidder or "", alignment=wrap),
                cell(
                    ws,
                    _pair(label(c.before.risk_level, lang), label(c.after.risk_level, lang)),
                    alignment=wrap,
                ),
                cell(ws, _pair(_score(c.before.score, lang), _score(c.after.score, lang))),
            ]
            if ch is None:
                tail = [cell(ws, t("register.rescreen.unchanged", lang)), "", "", "", "", ""]
            else:
                title = t(f"rule.{ch.rule}.title", lang)
                whom = ch.party or ch.good or ""
                tail = [
                    cell(ws, t(f"register.change.{ch.change}", lang), alignment=wrap),
                    cell(ws, f"{title} ({whom})" if whom else title, alignment=wrap),
                    cell(
                        ws,
                        _pair(label(ch.severity_before, lang), label(ch.severity_after, lang)),
                        alignment=wrap,
                    ),
                    cell(ws, _sentence(ch.because or ""), alignment=wrap),
                    cell(ws, ch.rule),
                    cell(ws, ch.party or ""),
                ]
            rows += 1
            append(ws, rows + 1, [*head, *tail, cell(ws, c.record)], widths)
    finish_table(ws, len(COLUMNS), rows)
    # every printed page says what it is: the re-screening, its as-of date, page x of y
    title = t("register.rescreen.title", lang, count=len(typed.contracts), as_of=typed.as_of)
    footer(ws, title, t("disclaimer.assessment", lang), lang)
    _life_sheet(wb, typed, lang)
    _sources_sheet(wb, typed, lang)
    return save(wb, path)


SOURCE_COLUMNS = (
    ("register.excel.contract", 18),
    ("register.excel.flag", 28),
    ("register.col.rule", 12),
    ("register.col.party", 9),
    ("register.excel.records", 60),
    ("register.col.record", 38),
)


def _sources_sheet(wb: Workbook, report: RescreenReport, lang: str) -> None:
    """The evidence records' keys behind each change, for whoever traces them (the
    Because texts name records by label): a sheet of its own, not printed."""
    from scrisk.report.excel.cells import cell, finish_table, start_table, styles
    from scrisk.report.excel.page import append, not_printed

    found = [(c, ch) for c in report.contracts for ch in c.changes if ch.records]
    if not found:
        return
    ws = wb.create_sheet(t("register.excel.sources", lang))
    widths = [w for _, w in SOURCE_COLUMNS]
    start_table(ws, [t(k, lang) for k, _ in SOURCE_COLUMNS], widths)
    wrap = styles().wrap
    for n, (c, ch) in enumerate(found, start=2):
        row = [
            c.contract,
            t(f"rule.{ch.rule}.title", lang),
            ch.rule,
            ch.party or ch.good or "",
            "\n".join(ch.records),
            c.record,
        ]
        append(ws, n, [cell(ws, v, alignment=wrap) for v in row], widths)
    finish_table(ws, len(SOURCE_COLUMNS), len(found))
    not_printed(ws)


LIFE_COLUMNS = (
    ("register.excel.contract", 22),
    ("life.col.what", 18),
    ("life.col.date", 12),
    ("life.col.detail", 100),
)


def _life_sheet(wb: Workbook, report: RescreenReport, lang: str) -> None:
    """Call-ups, overdue corrective actions and supplier evidence, one row each (v3)."""
    from scrisk.report.excel.cells import cell, finish_table, start_table, styles
    from scrisk.report.excel.labels import evidence_note
    from scrisk.report.excel.page import append

    found = []
    for c in report.contracts:
        for cu in c.callups:
            detail = t(
                "life.excel.callup",
                lang,
                number=cu.number,
                level=label(cu.risk_level, lang) or "?",
            )
            found.append((c.contract, t("life.excel.what.callup", lang), cu.called_on, detail))
        for a in c.actions_overdue:
            detail = t(
                "life.rescreen.overdue",
                lang,
                id=a.id[:8],
                flag=a.flag,
                owner=a.owner,
                due=a.due,
            )
            found.append((c.contract, t("life.excel.what.action", lang), a.due, detail))
        for e in c.supplier_evidence:
            detail = t(
                "excel.evidence.of",
                lang,
                supplier=e.supplier,
                party=e.party,
                note=evidence_note(e, lang),
            )
            found.append((c.contract, t("life.excel.what.evidence", lang), e.valid_to, detail))
    if not found:
        return
    ws = wb.create_sheet(t("life.excel.sheet", lang))
    widths = [w for _, w in LIFE_COLUMNS]
    start_table(ws, [t(k, lang) for k, _ in LIFE_COLUMNS], widths)
    wrap = styles().wrap
    for n, row in enumerate(found, start=2):
        append(ws, n, [cell(ws, v, alignment=wrap) for v in row], widths)
    finish_table(ws, len(LIFE_COLUMNS), len(found))


__all__ = ["label", "write_rescreen_workbook"]
