"""The Summary sheet's rows: the row writer, section headings, the facts and goods blocks."""

from __future__ import annotations

from typing import Any

from scrisk.assessment.document import AssessmentDocument
from scrisk.i18n import t, term
from scrisk.report.excel_cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    SCORE_FORMAT,
    as_date,
    cell,
    fit_row,
    join,
    level_cell,
    number,
    styles,
)
from scrisk.report.excel_summary_text import party_label, party_names

# A: labels, clause and good titles; B: values, notes, advice; C: status or level;
# D: flags behind a clause, makers; E: ILAB goods; F: score. 174 wide: one page wide.
WIDTHS = (28, 56, 14, 36, 30, 10)


class Rows:
    """Appends rows to a write-only sheet and knows the row number reached."""

    def __init__(self, ws: Any, start: int = 0):
        self.ws = ws
        self.n = start

    def add(self, cells: list[Any] | None = None) -> int:
        self.n += 1
        fit_row(self.ws, self.n, cells or [], WIDTHS)
        self.ws.append(cells or [])
        return self.n


def section(rows: Rows, title: str, headers: list[str]) -> None:
    ws, st = rows.ws, styles()
    rows.add()
    rows.add([cell(ws, title, font=st.section_font, alignment=st.nowrap)])
    rows.add([cell(ws, h, font=st.header_font, fill=st.header_fill) for h in headers])


def write_facts(rows: Rows, doc: AssessmentDocument, lang: str) -> None:
    """The Item / Value block: solicitation, bidder, as-of date, level and score."""
    ws, st = rows.ws, styles()
    sol, bidder, summary, graph = doc.solicitation, doc.bidder, doc.summary, doc.graph
    level = doc.risk_level
    fill, font = st.level.get(level or "unknown", st.level["unknown"])
    category = sol.category
    facts: list[tuple[str, Any, dict[str, Any]]] = [
        ("solicitation", sol.id or "", {}),
        ("solicitation_title", sol.title or "", {}),
        ("category", t(f"category.{category}", lang) if category else "", {}),
        ("closing_date", as_date(sol.closing_date), {"number_format": DATE_FORMAT}),
        ("value_cad", number(sol.value_cad), {"number_format": COUNT_FORMAT}),
        (
            "bidder",
            party_label(str(bidder.id or ""), {str(bidder.id or ""): bidder.name or ""}),
            {},
        ),
        ("as_of", as_date(doc.as_of), {"number_format": DATE_FORMAT}),
        ("risk_level", None, {}),
        ("score", number(doc.score), {"number_format": SCORE_FORMAT, "fill": fill, "font": font}),
        ("parties", number(summary.parties), {"number_format": COUNT_FORMAT}),
        ("max_tier", number(summary.max_tier), {}),
    ]
    if graph.cycles:
        facts.append(("cycles", join((" > ".join(c) for c in graph.cycles), "; "), {}))
    if graph.unreachable:
        facts.append(("unreachable", join(graph.unreachable), {}))
    # freshness of the data (scrisk.reference.freshness): one row per kind of warning,
    # each dataset named briefly with its horizon (the full messages are in the JSON;
    # horizons and editions on the Sources sheet), so the verdict stays on page one
    from scrisk.report.terminal_warnings import warning_lines

    titles = {str(d.get("id")): str(d.get("source") or d.get("id")) for d in doc.data}
    lines = warning_lines(
        [(w.code, w.dataset, w.horizon, w.months) for w in doc.warnings or ()],
        lang,
        titles=titles,
        as_of=str(doc.as_of or ""),
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
        if key == "risk_level":
            rows.add([label, level_cell(ws, level, lang)])
        else:
            rows.add([label, cell(ws, value, **fmt)])


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


def _count(value: Any, lang: str) -> str:
    """A quantity with thousands separators (narrow no-break space in French)."""
    if not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text
