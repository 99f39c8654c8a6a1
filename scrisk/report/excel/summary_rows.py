"""The Summary sheet's rows: the row writer, section headings, the verdict, the facts, and
the Clauses sheet's clause notes and goods."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

from scrisk.assessment.document import AssessmentDocument, WarningDoc
from scrisk.i18n import dataset_name, t, term
from scrisk.report.excel.cells import (
    COUNT_FORMAT,
    SCORE_FORMAT,
    CellValue,
    cell,
    join,
    level_cell,
    number,
    styles,
)
from scrisk.report.excel.page import RowValue, fit_row
from scrisk.report.excel.summary_text import (
    clause_title,
    flag_references,
    party_label,
    party_names,
)
from scrisk.vocab import UNKNOWN_LEVEL

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


class CellFormat(TypedDict, total=False):
    """How a fact's value cell is styled (the keyword arguments of :func:`cell`)."""

    number_format: str
    font: Font
    fill: PatternFill
    alignment: Alignment


# Summary: A labels and clause titles; B values, flags, advice; C status or level (98 wide:
# a portrait page). A comparison's bid sheet adds D, the evidence of its flags.
WIDTHS = (26, 58, 14, 40)
# Clauses sheet: A clause or good; B note or description; C status or level; D flags behind
# a clause, makers; E ILAB goods; F score (160 wide: one landscape page wide).
CLAUSE_WIDTHS = (26, 58, 14, 36, 16, 10)


class Rows:
    """Appends rows to a write-only sheet and knows the row number reached."""

    def __init__(self, ws: WriteOnlyWorksheet, start: int = 0, *, widths: Sequence[float] = WIDTHS):
        self.ws = ws
        self.n = start
        self.widths = widths

    def add(self, cells: list[RowValue] | None = None) -> int:
        self.n += 1
        fit_row(self.ws, self.n, cells or [], self.widths)
        self.ws.append(cells or [])
        return self.n


def verdict_text(doc: AssessmentDocument, lang: str) -> str:
    """The terminal's verdict sentence: level, score and the one or two flags that drive it
    (scrisk.report.terminal.verdict.reasons, the same words)."""
    from scrisk.report.terminal.style import number as shown
    from scrisk.report.terminal.verdict import reasons
    from scrisk.vocab import Severity, values

    level = doc.risk_level
    name = t(f"severity.{level}", lang) if level in values(Severity) else t("level.unknown", lang)
    head = t("term.verdict.level", lang, level=name, score=shown(doc.score, lang))
    why = reasons(doc, lang)
    tail = (
        t("term.verdict.because", lang, reasons="; ".join(why))
        if why
        else t("term.verdict.no_flags", lang)
    )
    return head[:1].upper() + head[1:] + tail


def section(rows: Rows, title: str, headers: list[str]) -> None:
    ws, st = rows.ws, styles()
    rows.add()
    rows.add([cell(ws, title, font=st.section_font, alignment=st.nowrap)])
    rows.add([cell(ws, h, font=st.header_font, fill=st.header_fill) for h in headers])


def write_facts(rows: Rows, doc: AssessmentDocument, lang: str) -> None:
    """The Item / Value block: solicitation, bidder, the three dates, score, parties."""
    ws, st = rows.ws, styles()
    sol, bidder, graph = doc.solicitation, doc.bidder, doc.graph
    level = doc.risk_level
    fill, font = st.level.get(level or UNKNOWN_LEVEL, st.level[UNKNOWN_LEVEL])
    category = sol.category
    facts: list[tuple[str, CellValue, CellFormat]] = [
        ("solicitation", sol.id or "", {}),
        ("solicitation_title", sol.title or "", {}),
        ("category", t(f"category.{category}", lang) if category else "", {}),
        ("value_cad", number(sol.value_cad), {"number_format": COUNT_FORMAT}),
        (
            "bidder",
            party_label(str(bidder.id or ""), {str(bidder.id or ""): bidder.name or ""}),
            {},
        ),
        # the three dates side by side: which clauses the contract carries, the evidence's day
        ("dates", _dates(doc, lang), {}),
        ("score", number(doc.score), {"number_format": SCORE_FORMAT, "fill": fill, "font": font}),
        ("parties", _parties(doc, lang), {}),
    ]
    if graph.cycles:
        facts.append(("cycles", join((" > ".join(c) for c in graph.cycles), "; "), {}))
    if graph.unreachable:
        facts.append(("unreachable", join(graph.unreachable), {}))
    # freshness of the data (scrisk.reference.freshness): the datasets the as-of date is
    # past the horizon of, by name; those only older than the policy's limit, counted
    # (the Clauses sheet names them all: data_warning_lines), so the Summary stays one page
    warned = doc.warnings or ()
    lines = data_warning_lines(doc, lang, [w for w in warned if w.code != "stale_data"])
    stale = [w for w in warned if w.code == "stale_data"]
    if stale:
        lines.append(
            t(
                "excel.summary.stale",
                lang,
                count=len(stale),
                months=next((w.months for w in stale if w.months), 12),
                sheet=t("excel.sheet.clauses", lang),
            )
        )
    for i, line in enumerate(lines):
        facts.append(("data_warnings" if i == 0 else "", line, {"alignment": st.wrap}))
    rows.add()
    rows.add(
        [
            cell(ws, t("excel.col.item", lang), font=st.header_font, fill=st.header_fill),
            cell(ws, t("excel.col.value", lang), font=st.header_font, fill=st.header_fill),
        ]
    )
    for key, value, fmt in facts:
        label = cell(ws, t(f"excel.summary.{key}", lang) if key else "", font=st.header_font)
        rows.add([label, cell(ws, value, **fmt)])


def data_warning_lines(
    doc: AssessmentDocument, lang: str, rows: Sequence[WarningDoc] | None = None
) -> list[str]:
    """The terminal's data-warning sentences (scrisk.report.terminal.data_warnings), each
    dataset named with its horizon; ``rows``: by default every warning of the document."""
    from scrisk.report.terminal.data_warnings import warning_lines

    if rows is None:
        rows = doc.warnings or ()
    titles = {  # each dataset by its name in ``lang`` (the sourced table of French names)
        d.id: dataset_name(d.id, d.source or d.id, lang) for d in doc.datasets
    }
    return warning_lines(rows, lang, titles=titles, as_of=str(doc.as_of or ""))


def _dates(doc: AssessmentDocument, lang: str) -> str:
    """Closing date, contract date (which clauses apply) and as-of date (the evidence's day)."""
    sol = doc.solicitation
    parts = [
        t("excel.summary.date_closing", lang, date=sol.closing_date or "?"),
        t("excel.summary.date_contract", lang, date=doc.contract_date or sol.closing_date or "?"),
        t("excel.summary.date_as_of", lang, date=doc.as_of or "?"),
    ]
    return "; ".join(parts)


def _parties(doc: AssessmentDocument, lang: str) -> str:
    summary = doc.summary
    return t(
        "excel.summary.parties_tiers",
        lang,
        parties=summary.parties if summary.parties is not None else "?",
        tier=summary.max_tier if summary.max_tier is not None else "?",
    )


def write_clause_notes(rows: Rows, doc: AssessmentDocument, lang: str) -> None:
    """The clause matrix in full: each clause's note and the flags behind it."""
    ws, st = rows.ws, styles()
    rows.add([cell(ws, t("excel.summary.clauses", lang), font=st.title_font, alignment=st.nowrap)])
    rows.add(
        [
            cell(ws, h, font=st.header_font, fill=st.header_fill)
            for h in (
                t("excel.col.clause", lang),
                t("excel.col.note", lang),
                t("excel.col.status", lang),
                t("excel.col.flags", lang),
            )
        ]
    )
    from scrisk.report.excel.cells import status_cell

    for clause in doc.clauses:
        rows.add(
            [
                cell(ws, clause_title(clause, lang), alignment=st.wrap),
                cell(ws, clause.note or "", alignment=st.wrap),
                status_cell(ws, clause.status, lang),
                cell(ws, flag_references(clause.flags, doc, lang), alignment=st.wrap),
            ]
        )


GOOD_COLUMNS = ("good", "description", "risk_level", "makers", "ilab_goods", "good_score")


def write_goods(rows: Rows, doc: AssessmentDocument, lang: str) -> None:
    """One row per solicitation good: its risk, makers and the ILAB goods it maps to."""
    ws, st = rows.ws, styles()
    names = party_names(doc)
    section(rows, t("excel.summary.goods", lang), [t(f"excel.col.{k}", lang) for k in GOOD_COLUMNS])
    for g in doc.solicitation.goods:
        facts = [str(g.description or "")]
        if g.hs_code:
            facts.append(t("excel.summary.hs_code", lang, code=g.hs_code))
        if g.quantity is not None:
            facts.append(
                t(
                    "excel.summary.quantity",
                    lang,
                    quantity=_count(g.quantity, lang),
                    unit=g.unit or "",
                )
            )
        rows.add(
            [
                cell(ws, str(g.id or "")),
                cell(ws, "\n".join(f for f in facts if f), alignment=st.wrap),
                level_cell(ws, g.risk_level, lang),
                cell(
                    ws, "\n".join(party_label(str(m), names) for m in g.makers), alignment=st.wrap
                ),
                cell(
                    ws,
                    join((term("ilab_good", str(x), lang) for x in g.ilab_goods), "\n"),
                    alignment=st.wrap,
                ),
                cell(ws, number(g.score), number_format=SCORE_FORMAT),
            ]
        )


def _count(value: object, lang: str) -> str:
    """A quantity with thousands separators (narrow no-break space in French)."""
    if not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text
