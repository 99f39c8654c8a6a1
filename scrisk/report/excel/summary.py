"""The Summary sheet: what an evaluation panel reads first, on one printed page.

The verdict and why (the terminal's sentence), the facts of the bid with its
three dates, each clause's status, what to do next, and the chain picture. The
clause notes and the goods are on the Clauses sheet; each flag on the Flags sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from scrisk.assessment.document import AssessmentDocument
from scrisk.i18n import t
from scrisk.register.codec import Bearing
from scrisk.report.excel.cells import cell, level_cell, status_cell, styles
from scrisk.report.excel.page import LINE_POINTS, portrait_one_page
from scrisk.report.excel.summary_rows import (
    WIDTHS,
    Rows,
    data_warning_lines,
    section,
    verdict_text,
    write_clause_notes,
    write_facts,
    write_goods,
)
from scrisk.report.excel.summary_text import (
    clause_title,
    flagged_party,
    next_steps,
    party_label,
    party_names,
    pending_reviews,
)
from scrisk.vocab import UNKNOWN_LEVEL

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# the chain picture on the Summary: at most this wide and tall (pixels at 96 dpi)
PICTURE_WIDTH, PICTURE_HEIGHT = 700, 330


def write_summary(
    ws: WriteOnlyWorksheet,
    doc: AssessmentDocument,
    lang: str,
    *,
    review_sheet: str,
    sources_sheet: str | None = None,
    picture: bool = True,
    ranked: str | None = None,
) -> int:
    """Fill ``ws`` (already titled); returns the number of rows written.

    ``ranked``: the comparison's sentence for this bid (rank and why), under the verdict.
    ``picture``: the chain picture in its own row (never split by a page break).
    """
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if sources_sheet is not None:  # a one-bid workbook: the Summary is one portrait page
        portrait_one_page(ws)
    st = styles()
    rows = Rows(ws)
    rows.add([cell(ws, t("excel.title.assessment", lang), font=st.title_font, alignment=st.nowrap)])
    rows.add(
        [
            cell(ws, t("excel.summary.disclaimer", lang), font=st.header_font),
            cell(ws, doc.disclaimer or t("disclaimer.assessment", lang), alignment=st.wrap),
        ]
    )
    fill, font = st.level.get(doc.risk_level or UNKNOWN_LEVEL, st.level[UNKNOWN_LEVEL])
    rows.add(
        [
            cell(ws, t("excel.summary.verdict", lang), font=st.header_font),
            cell(ws, verdict_text(doc, lang), fill=fill, font=font, alignment=st.wrap),
            level_cell(ws, doc.risk_level, lang),
        ]
    )
    if ranked:
        rows.add(
            [
                cell(ws, t("excel.compare.why", lang), font=st.header_font),
                cell(ws, ranked, alignment=st.wrap),
            ]
        )
    write_facts(rows, doc, lang)

    section(
        rows,
        t("excel.summary.clauses", lang),
        [t("excel.col.clause", lang), t("excel.col.flags", lang), t("excel.col.status", lang)],
    )
    titles_of = _flag_titles(doc, lang)
    for clause in doc.clauses:
        rows.add(
            [
                cell(ws, clause_title(clause, lang), alignment=st.wrap),
                cell(ws, titles_of(clause.flags), alignment=st.wrap),
                status_cell(ws, clause.status, lang),
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
                cell(ws, titles.get(code, code), alignment=st.wrap),
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
    if sources_sheet is not None:
        rows.add(
            [
                cell(ws, ""),
                cell(
                    ws,
                    t(
                        "excel.summary.more",
                        lang,
                        clauses=t("excel.sheet.clauses", lang),
                        flags=t("excel.sheet.flags", lang),
                        sources=sources_sheet,
                    ),
                    alignment=st.wrap,
                ),
            ]
        )
    if picture:
        rows.add()
        add_picture(rows, doc, lang, keep_on_page=sources_sheet is None)
    return rows.n


def _flag_titles(doc: AssessmentDocument, lang: str) -> Callable[[Sequence[str]], str]:
    """A clause's flags as the distinct titles of their rules (counted past one)."""
    by_key: dict[str, str] = {}
    for f in doc.flags:
        by_key.setdefault(
            f"{f.rule}:{f.party or ''}:{f.good or ''}",
            str(f.title or t(f"rule.{f.rule}.title", lang)),
        )
        by_key.setdefault(f"{f.rule}:{f.party}:{f.good}", str(f.title or ""))

    def titles(keys: Sequence[str]) -> str:
        counts: dict[str, int] = {}
        for k in keys:
            title = by_key.get(k) or t(f"rule.{k.split(':')[0]}.title", lang)
            counts[title] = counts.get(title, 0) + 1
        return "\n".join(f"{title} (\u00d7{n})" if n > 1 else title for title, n in counts.items())

    return titles


def add_picture(rows: Rows, doc: AssessmentDocument, lang: str, *, keep_on_page: bool) -> int:
    """The supply-chain picture (scrisk.report.picture.chain) in one row as tall as the
    picture: a printed page never cuts a row, so never the picture. Returns its row.

    ``keep_on_page``: on a sheet printed over several pages (a comparison's bid sheet),
    a page break before the picture when the page it would start on cannot hold it."""
    import io

    from openpyxl.drawing.image import Image

    from scrisk.report.excel.page import keep_together
    from scrisk.report.picture.draw import render

    image = Image(io.BytesIO(render(doc, "png", lang=lang, dpi=150)))
    scale = min(PICTURE_WIDTH / max(image.width, 1), PICTURE_HEIGHT / max(image.height, 1), 1.0)
    image.width, image.height = int(image.width * scale), int(image.height * scale)
    height = max(LINE_POINTS, round(image.height * 0.75 + 4, 1))
    ws = rows.ws
    if keep_on_page:
        keep_together(ws, rows.n, height, WIDTHS)
    rows.n += 1  # the height first: a write-only sheet writes a row as it is appended
    ws.row_dimensions[rows.n].height = height
    ws.append([cell(ws, " ")])
    ws.add_image(image, f"A{rows.n}")
    return rows.n


def write_clauses(ws: WriteOnlyWorksheet, doc: AssessmentDocument, lang: str) -> int:
    """The Clauses sheet: each clause with its note and the flags behind it, then the goods."""
    from openpyxl.utils import get_column_letter

    from scrisk.report.excel.page import keep_together, landscape
    from scrisk.report.excel.summary_rows import CLAUSE_WIDTHS

    for i, width in enumerate(CLAUSE_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    landscape(ws, CLAUSE_WIDTHS)
    rows = Rows(ws, widths=CLAUSE_WIDTHS)
    write_clause_notes(rows, doc, lang)
    # the Goods heading stays with its header row and first good
    keep_together(ws, rows.n, 5 * LINE_POINTS, CLAUSE_WIDTHS)
    write_goods(rows, doc, lang)
    lines = data_warning_lines(doc, lang)
    if lines:
        st = styles()
        rows.add()
        rows.add(
            [
                cell(
                    ws,
                    t("excel.summary.data_warnings", lang),
                    font=st.section_font,
                    alignment=st.nowrap,
                )
            ]
        )
        for line in lines:
            rows.add([cell(ws, ""), cell(ws, line, alignment=st.wrap)])
    return rows.n


def write_flag_block(
    ws: WriteOnlyWorksheet,
    doc: AssessmentDocument,
    lang: str,
    *,
    start: int = 0,
    evidence: Sequence[Bearing] = (),
) -> None:
    """The bid's flags under its summary (comparison workbook: one sheet per bid), in the
    Summary's columns: whom and what, message, severity, evidence."""
    from scrisk.report.excel.labels import evidence_beside, evidence_text, flag_heading
    from scrisk.report.excel.page import keep_together
    from scrisk.report.excel.review import reviewed_text

    rows, st = Rows(ws, start), styles()
    names = party_names(doc)
    goods = {str(g.id): str(g.description or "") for g in doc.solicitation.goods}
    # the heading and the header row stay with the first flag (about five lines)
    keep_together(ws, rows.n, 8 * LINE_POINTS, WIDTHS)
    section(
        rows,
        t("excel.sheet.flags", lang),
        [t(f"excel.col.{k}", lang) for k in ("flag", "message", "severity", "evidence")],
    )
    if not doc.flags:
        rows.add([cell(ws, t("term.flags.none", lang), alignment=st.nowrap)])
    for f in doc.flags:
        reviewed = reviewed_text(f.review, lang)
        held = evidence_beside(f, evidence, lang)
        rows.add(
            [
                cell(ws, flag_heading(f, names, goods, lang), alignment=st.wrap),
                cell(ws, f.message or "", alignment=st.wrap),
                level_cell(ws, f.severity, lang),
                cell(
                    ws,
                    "\n".join(x for x in (evidence_text(f, names, lang), reviewed, *held) if x),
                    alignment=st.wrap,
                ),
            ]
        )


__all__ = [
    "WIDTHS",
    "add_picture",
    "flagged_party",
    "next_steps",
    "party_label",
    "pending_reviews",
    "write_clauses",
    "write_facts",
    "write_flag_block",
    "write_goods",
    "write_summary",
]
