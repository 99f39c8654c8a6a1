"""The Review sheet: one row per name match, with a drop-down for the reviewer's decision."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from scrisk.assessment.document import AssessmentDocument, DecisionDoc, ReviewNote, ScreeningDoc
from scrisk.i18n import t, term
from scrisk.report.excel.cells import (
    DATE_FORMAT,
    SCORE_FORMAT,
    as_date,
    cell,
    finish_table,
    number,
    yes_no,
)
from scrisk.report.excel.columns import BID_COLUMNS, REVIEW_COLUMNS, REVIEW_HIDDEN, begin
from scrisk.report.excel.page import append
from scrisk.vocab import DECISIONS

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


def decision_label(decision: str | None, lang: str) -> str:
    return t(f"excel.decision.{decision}", lang) if decision in DECISIONS else (decision or "")


def reviewed_text(review: ReviewNote | None, lang: str) -> str:
    """A flag's review in words (a document's ``reviewed``: decision, reviewer, date)."""
    if review is None:
        return ""
    return t(
        "excel.value.reviewed",
        lang,
        decision=decision_label(review.decision or None, lang),
        reviewer=review.reviewer or "?",
        date=review.date or "?",
    )


class ReviewRow(NamedTuple):
    """A row of the Review sheet: a name match (None when only a decision is left of it)
    and the decision already taken on it (if any)."""

    party: str
    entry_id: str
    match: ScreeningDoc | None
    decided: DecisionDoc | None


def review_rows(doc: AssessmentDocument) -> list[ReviewRow]:
    """Every name match, each with the decision already taken on it (if any).

    A decision whose match is no longer in ``screening`` (the assessment may
    drop a dismissed match) still gets its row, so an answer is never lost.
    """
    decisions = {(d.party, d.entry_id): d for d in doc.decisions}
    rows: list[ReviewRow] = []
    seen: set[tuple[str, str]] = set()
    for m in doc.screening:
        key = (m.party, m.entry_id)
        seen.add(key)
        rows.append(ReviewRow(m.party, m.entry_id, m, decisions.get(key)))
    for key, d in sorted(decisions.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        if key not in seen:
            rows.append(ReviewRow(key[0], key[1], None, d))
    return rows


def write_review(
    ws: WriteOnlyWorksheet, doc: AssessmentDocument | Sequence[AssessmentDocument], lang: str
) -> int:
    """One row per name match, with a drop-down for the reviewer's decision.

    ``doc`` may be a list of documents (the comparison workbook): the rows of
    every bid, each naming its bidder and solicitation. The sheet is read back
    by :func:`scrisk.decisions.load_decisions` (``--decisions``).
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    docs = [doc] if isinstance(doc, AssessmentDocument) else list(doc)
    several = not isinstance(doc, AssessmentDocument)
    shown = [c for c in REVIEW_COLUMNS if c[0] not in REVIEW_HIDDEN]
    hidden = [c for c in REVIEW_COLUMNS if c[0] in REVIEW_HIDDEN]
    columns = (*((BID_COLUMNS[:1]) if several else ()), *shown, *hidden)
    if several:
        columns = (*columns, *BID_COLUMNS[1:])
    # the keys the answers are read back by (party and entry ids) are hidden: not printed
    begin(
        ws,
        columns,
        lang,
        inputs=("decision", "reviewer", "date", "comment"),
        hidden=(*REVIEW_HIDDEN, "solicitation"),
    )
    keys = [k for k, _ in columns]
    widths = [w for _, w in columns]
    n = 1
    for one in docs:
        parties = {str(p.id): p for p in one.parties}
        bidder = one.bidder
        for r in review_rows(one):
            m, d = r.match, r.decided
            party = str(r.party or "")
            declared = parties.get(party)
            values = {
                "party": cell(ws, party),
                "party_name": cell(ws, (declared.name if declared else None) or ""),
                "entry_id": cell(ws, str(r.entry_id or "")),
                "list": cell(
                    ws, term("list", str(m.list or ""), lang) if m else term("list", "", lang)
                ),
                "entity": cell(ws, (m.entity if m else None) or ""),
                "matched_name": cell(ws, (m.matched_name if m else None) or ""),
                "match_score": cell(ws, number(m.score if m else None), number_format=SCORE_FORMAT),
                "class": cell(ws, t(f"excel.class.{m.class_}", lang) if m and m.class_ else ""),
                "active": cell(ws, yes_no(m.active, lang) if m else ""),
                "decision": cell(ws, decision_label(d.decision if d else None, lang)),
                "reviewer": cell(ws, (d.reviewer if d else None) or ""),
                "date": cell(ws, as_date(d.date if d else None) or None, number_format=DATE_FORMAT),
                "comment": cell(ws, (d.comment if d else None) or ""),
                "party_country": cell(
                    ws, (declared.country or declared.country_declared if declared else None) or ""
                ),
                "bidder": cell(ws, str(bidder.name or bidder.id or "")),
                "solicitation": cell(ws, str(one.solicitation.id or "")),
            }
            n += 1
            append(ws, n, [values[k] for k in keys], widths)
    column = get_column_letter(1 + [k for k, _ in columns].index("decision"))
    labels = ",".join(decision_label(k, lang) for k in DECISIONS)
    dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.prompt = t("excel.review.prompt", lang)
    dv.error = t("excel.review.error", lang)
    dv.add(f"{column}2:{column}{max(n, 2)}")
    ws.data_validations.append(dv)
    finish_table(ws, len(columns), n - 1)
    return n - 1
