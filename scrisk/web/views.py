"""What each page shows, taken from the typed assessment document.

The same words as the terminal and the workbook: the verdict and its reasons
(:mod:`scrisk.report.terminal.verdict`), the next steps of the Summary sheet
(:mod:`scrisk.report.excel.summary_text`), the rule and clause titles of the
catalogues. Values stay plain data here; the templates escape them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from scrisk.i18n import t
from scrisk.i18n.format import decimal
from scrisk.report.excel.summary_text import next_steps, pending_reviews
from scrisk.report.terminal.verdict import reasons
from scrisk.vocab import SEVERITIES, UNKNOWN_LEVEL

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment import Assessment
    from scrisk.assessment.document import AssessmentDocument

LEVELS = (*SEVERITIES, UNKNOWN_LEVEL)  # what a page may colour


def level_name(level: str | None, lang: str) -> str:
    """A risk level or severity in words; anything unrated reads "unknown", never low."""
    if level in SEVERITIES:
        return t(f"severity.{level}", lang)
    return t("level.unknown", lang)


def score_text(value: object, lang: str) -> str:
    if not isinstance(value, int | float) or value != value:
        return t("level.unknown", lang)
    return decimal(value, lang)


def verdict(typed: AssessmentDocument, lang: str) -> dict[str, object]:
    """The first thing on the page: the level, the score and why."""
    level = str(typed.risk_level)
    return {
        "level": level if level in LEVELS else "unknown",
        "headline": _capital(
            t(
                "term.verdict.level",
                lang,
                level=level_name(level, lang),
                score=score_text(typed.score, lang),
            )
        ),
        "reasons": reasons(typed, lang, limit=3),
    }


class AssessmentView(TypedDict):
    """What the record page is given (besides the record): the document as plain data
    (the templates read its keys), the verdict, names, next steps and name matches."""

    doc: dict[str, object]
    verdict: dict[str, object]
    names: dict[str, str]
    steps: list[dict[str, str]]
    pending: int
    matches: list[dict[str, object]]
    flag_counts: list[tuple[str, int]]


def assessment_view(assessment: Assessment, lang: str) -> AssessmentView:
    """Everything the assessment page shows, in ``lang``."""
    typed = assessment.document(lang)
    doc = typed.to_dict()
    names = {p.id: p.name or p.id for p in typed.parties}
    decided = {(d["party"], d["entry_id"]): d for d in doc.get("decisions", [])}
    matches = [
        {
            **m,
            "party_name": names.get(m["party"], m["party"]),
            "decided": decided.get((m["party"], m["entry_id"])),
        }
        for m in doc.get("screening", [])
    ]
    steps = [
        {"clause": code, "status": status, "text": text}
        for code, status, text in next_steps(typed, lang, t("web.matches.title", lang))
    ]
    return {
        "doc": doc,
        "verdict": verdict(typed, lang),
        "names": names,
        "steps": steps,
        "pending": pending_reviews(typed),
        "matches": matches,
        "flag_counts": [(s, typed.summary.flags_by_severity.get(s, 0)) for s in SEVERITIES],
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = ["LEVELS", "assessment_view", "level_name", "score_text", "verdict"]
