"""Reviewer workbooks: one assessment, or several bids side by side.

Reviewers (evaluation panels, auditors, legal) read a workbook, not a
terminal. The writer reads only the assessment document
(``Assessment.to_dict(lang)``, see docs/ARCHITECTURE.md), never the rules, so
what the workbook says is what the JSON says, in English or French.

Sheets of an assessment workbook: Summary, Flags, Parties, Paths, Review (one
row per name match, with a drop-down for the reviewer's decision, read back
by :func:`scrisk.decisions.load_decisions`) and Sources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scrisk.findings import RISK_LEVELS
from scrisk.i18n import LANGS, t
from scrisk.report.excel_cells import (
    COUNT_FORMAT,
    SCORE_FORMAT,
    append,
    cell,
    finish_table,
    footer,
    level_cell,
    new_workbook,
    number,
    save,
    sheet_title,
    start_table,
    status_cell,
)
from scrisk.report.excel_summary import write_flag_block, write_summary
from scrisk.report.excel_tables import (
    write_flags,
    write_parties,
    write_paths,
    write_review,
    write_sources,
)

CLAUSES = ("A3006T", "POW", "PN150", "CT9897", "CODE")
_LEVEL_RANK = {level: i for i, level in enumerate(reversed(RISK_LEVELS))}  # low = 0 (best)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def assessment_document(assessment: Any, lang: str) -> dict[str, Any]:
    """The assessment document in ``lang``; a document (mapping) passes through."""
    if isinstance(assessment, Mapping):
        return dict(assessment)
    return dict(assessment.to_dict(lang))


def write_assessment_workbook(assessment: Any, path: str | Path, *, lang: str = "en") -> Path:
    """Write the reviewer workbook of one assessment; returns the path written.

    ``assessment`` is an :class:`~scrisk.assessment.Assessment` or its
    document (``to_dict(lang)``). Same assessment, same bytes.
    """
    _check_lang(lang)
    doc = assessment_document(assessment, lang)
    wb = new_workbook(lang)
    taken: set[str] = set()
    names = {key: sheet_title(t(f"excel.sheet.{key}", lang), taken)
             for key in ("summary", "flags", "parties", "paths", "review", "sources")}
    sheets = {key: wb.create_sheet(name) for key, name in names.items()}
    write_summary(sheets["summary"], doc, lang, review_sheet=names["review"])
    write_flags(sheets["flags"], doc, lang)
    write_parties(sheets["parties"], doc, lang)
    write_paths(sheets["paths"], doc, lang)
    write_review(sheets["review"], doc, lang)
    write_sources(sheets["sources"], doc, lang)
    for ws in sheets.values():
        add_footer(ws, doc, lang)
    return save(wb, path)


def rank_documents(docs: Sequence[dict[str, Any]]) -> list[int]:
    """Indices of ``docs`` best first, by the order of :func:`scrisk.assessment.compare`.

    Bids without a critical flag or a failed clause first, then fewer critical
    flags, fewer failed clauses, lower risk level, lower score; ties keep
    input order.
    """
    def key(i: int) -> tuple[Any, ...]:
        d = docs[i]
        counts = (d.get("summary") or {}).get("flags_by_severity") or {}
        critical = int(counts.get("critical", 0))
        failed = sum(1 for c in d.get("clauses", []) if c.get("status") == "fail")
        score = d.get("score")
        return (int(critical > 0 or failed > 0), critical, failed,
                _LEVEL_RANK.get(d.get("risk_level") or "", len(_LEVEL_RANK)),
                score if isinstance(score, int | float) else float("inf"), i)

    return sorted(range(len(docs)), key=key)


def _ranking(items: Sequence[Any], docs: list[dict[str, Any]], lang: str
             ) -> tuple[list[int], list[str]]:
    """Ranked indices and the why of each: the engine's ``compare`` for Assessments."""
    if not any(isinstance(a, Mapping) for a in items):
        from scrisk.assessment import compare

        frame = compare(list(items), lang=lang)
        ranked = frame.attrs["assessments"]
        order = [next(i for i, a in enumerate(items) if a is r) for r in ranked]
        return order, [str(w) for w in frame["why"]]
    order = rank_documents(docs)
    return order, [_why(docs[i], lang) for i in order]


def _why(doc: dict[str, Any], lang: str) -> str:
    status = {c.get("clause"): c.get("status") for c in doc.get("clauses", [])}
    failed = [t(f"clause.short.{c}", lang) for c, s in status.items() if s == "fail"]
    review = [t(f"clause.short.{c}", lang) for c, s in status.items() if s == "review"]
    parts = []
    if failed:
        parts.append(t("excel.compare.failed", lang, clauses=", ".join(failed)))
    if review:
        parts.append(t("excel.compare.review", lang, clauses=", ".join(review)))
    return "; ".join(parts) or t("excel.compare.clean", lang)


def write_comparison_workbook(assessments: Sequence[Any], path: str | Path, *,
                              lang: str = "en") -> Path:
    """One workbook ranking the bids, best first, then one sheet per bid.

    ``assessments`` are Assessments (ranked by :func:`scrisk.assessment.compare`,
    so the workbook agrees with ``scrisk compare``) or assessment documents.

    The Ranking sheet puts the clause matrix of every bid side by side; each
    bid sheet holds that bid's summary (facts, clauses, next steps) and its flags.
    """
    _check_lang(lang)
    if not assessments:
        raise ValueError("write_comparison_workbook needs at least one assessment")
    docs = [assessment_document(a, lang) for a in assessments]
    order, whys = _ranking(assessments, docs, lang)
    wb = new_workbook(lang)
    taken: set[str] = set()
    ranking = wb.create_sheet(sheet_title(t("excel.sheet.ranking", lang), taken))
    bid_sheets = [
        sheet_title(t("excel.sheet.bid", lang, rank=rank) + " "
                    + str((docs[i].get("bidder") or {}).get("name") or ""), taken)
        for rank, i in enumerate(order, start=1)
    ]
    # the first printed page reads rank, bidder, level, score and why; clauses follow
    columns = [("rank", 7), ("bidder", 28), ("solicitation", 15), ("risk_level", 12),
               ("bid_score", 12), ("flags", 8)]
    start_table(ranking, [t(f"excel.col.{k}", lang) for k, _ in columns]
                + [t("excel.compare.why", lang)]
                + [_capital(t(f"clause.short.{c}", lang)) for c in CLAUSES]
                + [t("excel.col.sheet", lang)],
                [w for _, w in columns] + [44] + [14] * len(CLAUSES) + [30])
    widths = [w for _, w in columns] + [44] + [14] * len(CLAUSES) + [30]
    for rank, i in enumerate(order, start=1):
        d = docs[i]
        status = {c.get("clause"): c.get("status") for c in d.get("clauses", [])}
        bidder = d.get("bidder") or {}
        append(ranking, rank + 1, [
            cell(ranking, rank),
            cell(ranking, str(bidder.get("name") or bidder.get("id") or "")),
            cell(ranking, str((d.get("solicitation") or {}).get("id") or "")),
            level_cell(ranking, d.get("risk_level"), lang),
            cell(ranking, number(d.get("score")), number_format=SCORE_FORMAT),
            cell(ranking, len(d.get("flags", [])), number_format=COUNT_FORMAT),
            cell(ranking, whys[rank - 1]),
            *(status_cell(ranking, status.get(c), lang) if c in status else cell(ranking, "")
              for c in CLAUSES),
            cell(ranking, bid_sheets[rank - 1]),
        ], widths)
    finish_table(ranking, len(columns) + len(CLAUSES) + 2, len(docs))
    review = sheet_title(t("excel.sheet.review", lang), taken)
    for rank, i in enumerate(order, start=1):
        ws = wb.create_sheet(bid_sheets[rank - 1])
        written = write_summary(ws, docs[i], lang, review_sheet=review, chart=False)
        write_flag_block(ws, docs[i], lang, start=written)
        add_footer(ws, docs[i], lang)
    ws = wb.create_sheet(review)  # every bid's name matches, read back by --decisions
    write_review(ws, [docs[i] for i in order], lang)
    add_footer(ws, None, lang)
    add_footer(ranking, None, lang)
    return save(wb, path)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def add_footer(ws: Any, doc: Mapping[str, Any] | None, lang: str) -> None:
    """Printed footer: solicitation and bidder (or the comparison), page x of y, disclaimer."""
    if doc is None:
        left = t("excel.title.comparison", lang)
    else:
        sol = (doc.get("solicitation") or {}).get("id") or ""
        bidder = (doc.get("bidder") or {}).get("name") or ""
        left = " \u2013 ".join(x for x in (str(sol), str(bidder)) if x)
    disclaimer = str((doc or {}).get("disclaimer") or "")
    if not disclaimer or len(disclaimer) > 110:
        disclaimer = t("excel.footer.disclaimer", lang)
    footer(ws, left, disclaimer, lang)


__all__ = ["assessment_document", "rank_documents", "write_assessment_workbook",
           "write_comparison_workbook"]
