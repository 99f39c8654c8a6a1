"""The data-warnings lines of the terminal reports (assessment and screen).

The JSON holds one warning per dataset and code with its full message; the
terminal folds them into one line per code, naming each dataset briefly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from scrisk.assessment.document import AssessmentDocument, DataBlock, WarningDoc
from scrisk.i18n import dataset_name, t
from scrisk.jsontypes import JsonObject, JsonValue
from scrisk.vocab import DataWarningCode, values

CODES = values(DataWarningCode)  # declared once in scrisk.vocab


def _short(title: str) -> str:
    """A dataset title up to its first parenthesis (what follows a colon is kept: it
    tells two datasets of one index apart)."""
    return title.split(" (", 1)[0]


def warnings_text(
    warnings: Sequence[WarningDoc],
    lang: str = "en",
    *,
    titles: Mapping[str, str] | None = None,
    as_of: str = "",
    limit: int | None = None,
) -> Text | None:
    """One yellow line per warning code, naming each dataset and its horizon; None if none.

    With ``limit``, a code concerning more datasets than that counts them instead, on one
    line (the short terminal report; ``--details`` and the JSON name them all)."""
    return _text(warnings, lang, titles=titles or {}, as_of=as_of, limit=limit)


def warning_lines(
    warnings: Sequence[WarningDoc],
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
        found = [w for w in warnings if w.code == code]
        if not found:
            continue
        names = "; ".join(
            f"{_short(titles.get(w.dataset, w.dataset))} ({w.horizon or '?'})" for w in found
        )
        months = next((w.months for w in found if w.months), 12)
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
    warnings: Sequence[WarningDoc],
    lang: str,
    *,
    titles: Mapping[str, str],
    as_of: str,
    limit: int | None,
    title: str = "",
) -> Text | None:
    """The lines of :func:`warnings_text`."""
    if not warnings:
        return None
    colon = "\u00a0:" if lang == "fr" else ":"  # OQLF: a non-breaking space before « : »
    out = Text(title or t("data.warnings.title", lang) + colon, style="bold yellow")
    for line in warning_lines(warnings, lang, titles=titles, as_of=as_of, limit=limit):
        out.append("\n  ! ", style="yellow")
        out.append(line, style="yellow")
    return out


def _objects(value: JsonValue) -> list[JsonObject]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def document_warnings_text(
    doc: JsonObject, lang: str = "en", *, limit: int | None = None
) -> Text | None:
    """The warnings of an assessment or screen document's JSON form, titled from its
    ``data`` block (each block and warning read typed)."""
    blocks = [DataBlock.of(d) for d in _objects(doc.get("data"))]
    titles = {d.id: dataset_name(d.id, d.source or d.id, lang) for d in blocks}
    warnings = [WarningDoc.from_dict(w) for w in _objects(doc.get("warnings"))]
    as_of = doc.get("as_of")
    return warnings_text(
        warnings, lang, titles=titles, as_of=str(as_of) if as_of else "", limit=limit
    )


def typed_warnings_text(
    doc: AssessmentDocument, lang: str = "en", *, limit: int | None = None, title: str = ""
) -> Text | None:
    """The warnings of a typed assessment document, titled from its ``data`` block
    (``title``: another title than "Data warnings", e.g. one that counts the datasets)."""
    titles = {d.id: dataset_name(d.id, d.source or d.id, lang) for d in doc.datasets}
    return _text(
        doc.warnings or (),
        lang,
        titles=titles,
        as_of=str(doc.as_of or ""),
        limit=limit,
        title=title,
    )


__all__ = ["document_warnings_text", "typed_warnings_text", "warning_lines", "warnings_text"]
