"""The data-warnings lines of the terminal reports (assessment and screen).

The JSON holds one warning per dataset and code with its full message; the
terminal folds them into one line per code, naming each dataset briefly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text

from scrisk.assessment.document import AssessmentDocument
from scrisk.i18n import dataset_name, t
from scrisk.vocab import DataWarningCode, values

CODES = values(DataWarningCode)  # declared once in scrisk.vocab


def _short(title: str) -> str:
    """A dataset title up to its first parenthesis (what follows a colon is kept: it
    tells two datasets of one index apart)."""
    return title.split(" (", 1)[0]


def warnings_text(
    warnings: Sequence[Mapping[str, Any]],
    lang: str = "en",
    *,
    titles: Mapping[str, str] | None = None,
    as_of: str = "",
    limit: int | None = None,
) -> Text | None:
    """One yellow line per warning code, naming each dataset and its horizon; None if none.

    With ``limit``, a code concerning more datasets than that counts them instead, on one
    line (the short terminal report; ``--details`` and the JSON name them all)."""
    rows = [(w.get("code"), w.get("dataset"), w.get("horizon"), w.get("months")) for w in warnings]
    return _text(rows, lang, titles=titles or {}, as_of=as_of, limit=limit)


def warning_lines(
    warnings: Sequence[tuple[Any, Any, Any, Any]],
    lang: str,
    *,
    titles: Mapping[str, str],
    as_of: str,
    limit: int | None = None,
) -> list[str]:
    """One sentence per warning code, naming each dataset briefly with its horizon, from
    (code, dataset, horizon, months) rows; with ``limit``, a code concerning more datasets
    than that counts them instead (the terminal and the Excel Summary share this)."""
    out: list[str] = []
    for code in CODES:
        found = [w for w in warnings if w[0] == code]
        if not found:
            continue
        names = "; ".join(
            f"{_short(str(titles.get(str(dataset), dataset)))} ({horizon or '?'})"
            for _, dataset, horizon, _ in found
        )
        months = next((w[3] for w in found if w[3]), 12)
        key = "count" if limit is not None and len(found) > limit else "short"
        out.append(
            t(
                f"data.warnings.{code}.{key}",
                lang,
                datasets=names,
                as_of=as_of,
                months=months,
                count=len(found),
            )
        )
    return out


def _text(
    warnings: Sequence[tuple[Any, Any, Any, Any]],
    lang: str,
    *,
    titles: Mapping[str, str],
    as_of: str,
    limit: int | None,
    title: str = "",
) -> Text | None:
    """The lines of :func:`warnings_text`, from (code, dataset, horizon, months) rows."""
    if not warnings:
        return None
    colon = "\u00a0:" if lang == "fr" else ":"  # OQLF: a non-breaking space before « : »
    out = Text(title or t("data.warnings.title", lang) + colon, style="bold yellow")
    for line in warning_lines(warnings, lang, titles=titles, as_of=as_of, limit=limit):
        out.append("\n  ! ", style="yellow")
        out.append(line, style="yellow")
    return out


def document_warnings_text(
    doc: Mapping[str, Any], lang: str = "en", *, limit: int | None = None
) -> Text | None:
    """The warnings of an assessment or screen document, titled from its ``data`` block."""
    titles = {
        str(d.get("id")): dataset_name(str(d.get("id")), str(d.get("source") or d.get("id")), lang)
        for d in doc.get("data") or []
    }
    return warnings_text(
        doc.get("warnings") or [],
        lang,
        titles=titles,
        as_of=str(doc.get("as_of") or ""),
        limit=limit,
    )


def typed_warnings_text(
    doc: AssessmentDocument, lang: str = "en", *, limit: int | None = None, title: str = ""
) -> Text | None:
    """The warnings of a typed assessment document, titled from its ``data`` block
    (``title``: another title than "Data warnings", e.g. one that counts the datasets)."""
    titles = {d.id: dataset_name(d.id, d.source or d.id, lang) for d in doc.datasets}
    rows = [(w.code, w.dataset, w.horizon, w.months) for w in doc.warnings or ()]
    return _text(rows, lang, titles=titles, as_of=str(doc.as_of or ""), limit=limit, title=title)


__all__ = ["document_warnings_text", "typed_warnings_text", "warning_lines", "warnings_text"]
