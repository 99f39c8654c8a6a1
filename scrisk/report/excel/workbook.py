"""Reviewer workbooks: one assessment, or several bids side by side.

Reviewers (evaluation panels, auditors, legal) read a workbook, not a
terminal. The writer reads only the typed assessment document
(``Assessment.document(lang)``, see docs/ARCHITECTURE.md), never the rules, so
what the workbook says is what the JSON says, in English or French.

Sheets of an assessment workbook: Summary (one printed page: verdict and why,
dates, clauses, next steps, the chain picture), Clauses (notes, goods), Flags
(one printed row a flag), Parties, Paths, Review (one row per name match, with a
drop-down for the reviewer's decision, read back by
:func:`scrisk.decisions.load_decisions`) and Sources (datasets and the record
keys behind each flag; hidden, so not printed, like an empty Review sheet).
Reviewer sheets name records by label, never by key (scrisk.report.excel.labels).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from scrisk.assessment.clauses import CLAUSES
from scrisk.assessment.comparison import rank_documents
from scrisk.assessment.document import AssessmentDocument
from scrisk.i18n import LANGS, t
from scrisk.jsontypes import JsonObject
from scrisk.register.codec import Bearing
from scrisk.report.excel.cells import (
    COUNT_FORMAT,
    SCORE_FORMAT,
    cell,
    finish_table,
    level_cell,
    number,
    sheet_title,
    start_table,
    status_cell,
    styles,
)
from scrisk.report.excel.labels import supplier_evidence
from scrisk.report.excel.page import (
    append,
    footer,
    landscape,
    not_printed,
    nothing_to_print,
)
from scrisk.report.excel.review import write_review
from scrisk.report.excel.save import new_workbook, save
from scrisk.report.excel.sources import write_sources
from scrisk.report.excel.summary import write_clauses, write_flag_block, write_summary
from scrisk.report.excel.summary_rows import WIDTHS
from scrisk.report.excel.tables import write_flags, write_parties, write_paths

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from scrisk.assessment.comparison import Comparison


class Documented(Protocol):
    """What the writers read of an :class:`~scrisk.assessment.Assessment`: its document."""

    def document(self, lang: str = "en") -> AssessmentDocument: ...


# An assessment as the writers take it: an Assessment, its typed document, or its dict
Assessed = Documented | AssessmentDocument | JsonObject


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def assessment_document(assessment: Assessed, lang: str) -> AssessmentDocument:
    """The typed assessment document in ``lang``: an Assessment's own, a typed document as
    is, or a document's dict (a saved JSON) read back."""
    if isinstance(assessment, AssessmentDocument):
        return assessment
    found: AssessmentDocument = (
        AssessmentDocument.from_dict(assessment)
        if isinstance(assessment, Mapping)
        else assessment.document(lang)
    )
    return found


def write_assessment_workbook(
    assessment: Assessed,
    path: str | Path,
    *,
    lang: str = "en",
    evidence: Sequence[Bearing] | None = None,
) -> Path:
    """Write the reviewer workbook of one assessment; returns the path written.

    ``assessment`` is an :class:`~scrisk.assessment.Assessment` or its
    document (``document(lang)``, or ``to_dict(lang)``). Same assessment, same bytes.
    ``evidence``: the register's due-diligence evidence about its suppliers
    (:func:`scrisk.register.evidence.bearing`), shown beside the flags it bears on;
    by default the ``supplier_evidence`` a document's dict carries.
    """
    _check_lang(lang)
    doc = assessment_document(assessment, lang)
    held = supplier_evidence(doc, evidence)
    wb = new_workbook(lang)
    taken: set[str] = set()
    names = [
        sheet_title(t(f"excel.sheet.{key}", lang), taken)
        for key in ("summary", "clauses", "flags", "parties", "paths", "review", "sources")
    ]
    sheets = [wb.create_sheet(name) for name in names]
    summary, clauses, flags, parties, paths, review, sources = sheets
    *_, review_name, sources_name = names
    write_summary(summary, doc, lang, review_sheet=review_name, sources_sheet=sources_name)
    write_clauses(clauses, doc, lang)
    write_flags(flags, doc, lang, evidence=held)
    write_parties(parties, doc, lang)
    write_paths(paths, doc, lang)
    if not write_review(review, doc, lang):
        nothing_to_print(review)  # no name match: nothing to print or answer
    write_sources(sources, doc, lang)
    not_printed(sources)
    for ws in sheets:
        add_footer(ws, doc, lang)
    return save(wb, path)


def _ranking(items: Comparison | Sequence[Assessed], lang: str) -> Comparison:
    """The comparison of ``items``: a Comparison as is, else Assessments or documents
    ranked once by :mod:`scrisk.assessment.comparison` (the order of ``scrisk compare``)."""
    from scrisk.assessment.comparison import Comparison, rank

    if isinstance(items, Comparison):
        return items
    return rank([assessment_document(a, lang).to_dict() for a in items], lang)


def write_comparison_workbook(
    assessments: Comparison | Sequence[Assessed], path: str | Path, *, lang: str = "en"
) -> Path:
    """One workbook ranking the bids, best first, then one sheet per bid.

    ``assessments`` is a :class:`~scrisk.assessment.Comparison`, or Assessments
    or assessment documents (ranked as ``scrisk compare`` ranks them).

    The Ranking sheet puts the clause matrix of every bid side by side; each
    bid sheet holds that bid's summary (facts, clauses, next steps) and its flags.
    """
    _check_lang(lang)
    if not assessments:
        raise ValueError("write_comparison_workbook needs at least one assessment")
    comparison = _ranking(assessments, lang)
    docs = {b.index: assessment_document(b.document, lang) for b in comparison.bids}
    order = [b.index for b in comparison.bids]
    whys = [b.why for b in comparison.bids]
    wb = new_workbook(lang)
    taken: set[str] = set()
    ranking = wb.create_sheet(sheet_title(t("excel.sheet.ranking", lang), taken))
    bid_sheets = [
        sheet_title(
            t("excel.sheet.bid", lang, rank=rank) + " " + str(docs[i].bidder.name or ""), taken
        )
        for rank, i in enumerate(order, start=1)
    ]
    # one page wide: rank, bidder, level, score and why, then each clause's status
    columns = [
        ("rank", 6),
        ("bidder", 24),
        ("solicitation", 14),
        ("risk_level", 10),
        ("bid_score", 9),
        ("flags", 7),
    ]
    headers = (
        [t(f"excel.col.{k}", lang) for k, _ in columns]
        + [t("excel.compare.why", lang)]
        + [_capital(t(f"clause.short.{c}", lang)) for c in CLAUSES]
        + [t("excel.col.sheet", lang)]
    )
    widths = [w for _, w in columns] + [40] + [11] * len(CLAUSES) + [24]
    # the bid sheet's name is for the software's links: on screen, not on paper
    start_table(ranking, headers, widths, hidden=[len(widths) - 1])
    wrap = styles().wrap
    for rank, i in enumerate(order, start=1):
        d = docs[i]
        status = {c.clause: c.status for c in d.clauses}
        bidder = d.bidder
        append(
            ranking,
            rank + 1,
            [
                cell(ranking, rank),
                cell(ranking, str(bidder.name or bidder.id or ""), alignment=wrap),
                cell(ranking, str(d.solicitation.id or ""), alignment=wrap),
                level_cell(ranking, d.risk_level, lang),
                cell(ranking, number(d.score), number_format=SCORE_FORMAT),
                cell(ranking, len(d.flags), number_format=COUNT_FORMAT),
                cell(ranking, whys[rank - 1], alignment=wrap),
                *(
                    status_cell(ranking, status.get(c), lang) if c in status else cell(ranking, "")
                    for c in CLAUSES
                ),
                cell(ranking, bid_sheets[rank - 1]),
            ],
            widths,
        )
    finish_table(ranking, len(columns) + len(CLAUSES) + 2, len(docs))
    review = sheet_title(t("excel.sheet.review", lang), taken)
    for rank, i in enumerate(order, start=1):
        ws = wb.create_sheet(bid_sheets[rank - 1])
        landscape(ws, WIDTHS)
        ranked = t("excel.compare.rank_why", lang, rank=rank, count=len(order), why=whys[rank - 1])
        written = write_summary(ws, docs[i], lang, review_sheet=review, ranked=ranked)
        write_flag_block(
            ws, docs[i], lang, start=written, evidence=supplier_evidence(docs[i], None)
        )
        add_footer(ws, docs[i], lang)
    ws = wb.create_sheet(review)  # every bid's name matches, read back by --decisions
    if not write_review(ws, [docs[i] for i in order], lang):
        nothing_to_print(ws)
    add_footer(ws, None, lang)
    add_footer(ranking, None, lang)
    return save(wb, path)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def add_footer(ws: WriteOnlyWorksheet, doc: AssessmentDocument | None, lang: str) -> None:
    """Printed footer: solicitation and bidder (or the comparison), page x of y, disclaimer."""
    if doc is None:
        left = t("excel.title.comparison", lang)
    else:
        sol = doc.solicitation.id or ""
        bidder = doc.bidder.name or ""
        left = " \u2013 ".join(x for x in (str(sol), str(bidder)) if x)
    disclaimer = str((doc.disclaimer if doc is not None else None) or "")
    if not disclaimer or len(disclaimer) > 110:
        disclaimer = t("excel.footer.disclaimer", lang)
    footer(ws, left, disclaimer, lang)


__all__ = [
    "assessment_document",
    "rank_documents",
    "write_assessment_workbook",
    "write_comparison_workbook",
]
