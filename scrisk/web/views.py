"""What each page shows, taken from the typed assessment document.

The same words as the terminal and the workbook: the verdict and its reasons
(:mod:`scrisk.report.terminal.verdict`), the next steps of the Summary sheet
(:mod:`scrisk.report.excel.summary_text`), the rule and clause titles of the
catalogues. Values stay plain data here; the templates escape them.
"""

from __future__ import annotations

from typing import Any

from scrisk.i18n import t
from scrisk.i18n.format import decimal
from scrisk.report.excel.summary_text import next_steps, pending_reviews
from scrisk.report.terminal.verdict import reasons
from scrisk.vocab import SEVERITIES, UNKNOWN_LEVEL

LEVELS = (*SEVERITIES, UNKNOWN_LEVEL)  # what a page may colour


def level_name(level: str | None, lang: str) -> str:
    """A risk level or severity in words; anything unrated reads "unknown", never low."""
    if level in SEVERITIES:
        return t(f"severity.{level}", lang)
    return t("level.unknown", lang)


def score_text(value: Any, lang: str) -> str:
    if not isinstance(value, int | float) or value != value:
        return t("level.unknown", lang)
    return decimal(value, lang)


def verdict(typed: Any, lang: str) -> dict[str, Any]:
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


def assessment_view(assessment: Any, lang: str) -> dict[str, Any]:
    """Everything the assessment page shows, in ``lang``."""
    typed = assessment.document(lang)
    doc = typed.to_dict()
    names = {p["id"]: p.get("name") or p["id"] for p in doc["parties"]}
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
        "flag_counts": [(s, doc["summary"]["flags_by_severity"].get(s, 0)) for s in SEVERITIES],
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = ["LEVELS", "assessment_view", "level_name", "score_text", "verdict"]
