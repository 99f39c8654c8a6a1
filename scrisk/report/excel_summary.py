"""The Summary sheet: what an evaluation panel reads first.

Bid, as-of date, risk level and score in a colour band, the clause matrix,
flag counts by severity, what to do next for each failed or review clause,
and a bar chart of the parties by risk level.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from scrisk.assessment.document import AssessmentDocument
from scrisk.i18n import t
from scrisk.report.excel_cells import (
    COUNT_FORMAT,
    cell,
    join,
    landscape,
    level_cell,
    status_cell,
    styles,
)
from scrisk.report.excel_summary_rows import WIDTHS, Rows, section, write_facts, write_goods
from scrisk.report.excel_summary_text import (
    clause_title,
    flag_references,
    flagged_party,
    next_steps,
    party_label,
    party_names,
    pending_reviews,
)
from scrisk.vocab import PARTY_LEVELS, SEVERITIES


def write_summary(
    ws: Any, doc: AssessmentDocument, lang: str, *, review_sheet: str, chart: bool = True
) -> int:
    """Fill ``ws`` (already titled); returns the number of rows written."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    landscape(ws, WIDTHS)
    st = styles()
    rows = Rows(ws)
    rows.add([cell(ws, t("excel.title.assessment", lang), font=st.title_font, alignment=st.nowrap)])
    # the disclaimer under the title, in the wide column B (a write-only sheet: no merging)
    rows.add(
        [
            cell(ws, t("excel.summary.disclaimer", lang), font=st.header_font),
            cell(ws, doc.disclaimer or t("disclaimer.assessment", lang), alignment=st.wrap),
        ]
    )
    write_facts(rows, doc, lang)
    write_goods(rows, doc, lang)

    section(
        rows,
        t("excel.summary.clauses", lang),
        [t(f"excel.col.{k}", lang) for k in ("clause", "note", "status", "flags", "clause_id")],
    )
    for clause in doc.clauses:
        rows.add(
            [
                cell(ws, clause_title(clause, lang)),
                cell(ws, clause.note or "", alignment=st.wrap),
                status_cell(ws, clause.status, lang),
                cell(ws, flag_references(clause.flags, doc, lang), alignment=st.wrap),
                cell(ws, clause.clause or ""),
            ]
        )

    section(
        rows,
        t("excel.summary.flag_counts", lang),
        [t("excel.col.severity", lang), t("excel.col.count", lang)],
    )
    counts = doc.summary.flags_by_severity or Counter(f.severity for f in doc.flags)
    for severity in SEVERITIES:
        rows.add(
            [
                level_cell(ws, severity, lang),
                cell(ws, int(counts.get(severity, 0)), number_format=COUNT_FORMAT),
            ]
        )

    # advice in the wide column B, status under the clause matrix's status column C
    section(
        rows,
        t("excel.summary.next_steps", lang),
        [t("excel.col.clause", lang), t("excel.col.advice", lang), t("excel.col.status", lang)],
    )
    steps = next_steps(doc, lang, review_sheet)
    pending = pending_reviews(doc)
    if not steps and not pending:
        rows.add([cell(ws, ""), cell(ws, t("excel.summary.no_next_steps", lang))])
    titles = {c.clause: clause_title(c, lang) for c in doc.clauses}
    for code, status, advice in steps:
        rows.add(
            [
                cell(ws, titles.get(code, code)),
                cell(ws, advice, alignment=st.wrap),
                status_cell(ws, status, lang),
            ]
        )
    if pending:
        rows.add(
            [
                cell(ws, ""),
                cell(
                    ws,
                    t("excel.summary.review_pending", lang, count=pending, sheet=review_sheet),
                    alignment=st.wrap,
                ),
            ]
        )

    section(
        rows,
        t("excel.summary.parties_by_level", lang),
        [t("excel.col.level", lang), t("excel.col.parties", lang)],
    )
    by_level = Counter(p.risk_level or "unknown" for p in doc.parties)
    first = rows.n + 1
    for level in PARTY_LEVELS:
        rows.add(
            [
                level_cell(ws, level, lang),
                cell(ws, by_level.get(level, 0), number_format=COUNT_FORMAT),
            ]
        )
    if chart:
        _chart(ws, lang, first - 1, first, rows.n)
        _picture(ws, doc, lang, max(rows.n, first + 15) + 2)
    return rows.n


def _picture(ws: Any, doc: AssessmentDocument, lang: str, row: int) -> None:
    """The supply-chain picture (scrisk.report.picture) as an image below the chart."""
    import io

    from openpyxl.drawing.image import Image

    from scrisk.report.picture import render

    image = Image(io.BytesIO(render(doc, "png", lang=lang, dpi=150)))
    scale = min(0.96, 1150 / max(image.width, 1))  # crisp, at most columns A to F wide
    image.width, image.height = int(image.width * scale), int(image.height * scale)
    ws.add_image(image, f"A{row}")


def _chart(ws: Any, lang: str, header_row: int, first: int, last: int) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.title = t("excel.summary.chart_title", lang)
    chart.y_axis.title = t("excel.summary.chart_axis", lang)
    chart.legend = None
    data = Reference(ws, min_col=2, min_row=header_row, max_row=last)
    categories = Reference(ws, min_col=1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    from openpyxl.chart.marker import DataPoint

    from scrisk.report.excel_cells import LEVEL_COLOURS

    series = chart.series[0]
    for idx, level in enumerate(PARTY_LEVELS):  # each bar in its level's colour
        point = DataPoint(idx=idx)
        point.graphicalProperties.solidFill = LEVEL_COLOURS[level][0]
        point.graphicalProperties.line.solidFill = "404040"
        series.dPt.append(point)
    chart.height, chart.width = 7.5, 12
    ws.add_chart(chart, f"D{header_row}")  # beside its table


def write_flag_block(ws: Any, doc: AssessmentDocument, lang: str, *, start: int = 0) -> None:
    """The bid's flags under its summary (comparison workbook: one sheet per bid)."""
    from scrisk.report.excel_tables import reviewed_text

    rows, st = Rows(ws, start), styles()
    names = party_names(doc)
    # the flag's title and message in the wide columns, its rule id in the narrow last one
    section(
        rows,
        t("excel.sheet.flags", lang),
        [
            t(f"excel.col.{k}", lang)
            for k in ("title", "message", "severity", "party", "record", "rule")
        ],
    )
    for f in doc.flags:
        party = flagged_party(f)
        records = join((e.record for e in f.evidence), "\n")
        reviewed = reviewed_text(f.reviewed, lang)
        rows.add(
            [
                cell(ws, f.title or t(f"rule.{f.rule}.title", lang)),
                cell(ws, f.message or "", alignment=st.wrap),
                level_cell(ws, f.severity, lang),
                cell(ws, party_label(party, names) if party else ""),
                cell(ws, "\n".join(x for x in (records, reviewed) if x), alignment=st.wrap),
                cell(ws, f.rule or ""),
            ]
        )


__all__ = [
    "WIDTHS",
    "next_steps",
    "pending_reviews",
    "write_facts",
    "write_flag_block",
    "write_goods",
    "write_summary",
]
