"""The draft of a department's annual report under the Fighting Against Forced Labour and
Child Labour in Supply Chains Act (s. 11), in Word, English or French.

One section per item the Act's section 11 asks of a government institution,
in its order. Where the register knows something the section gets the
figures (a small table of counts); every section keeps a paragraph of
guidance (what the section should say) and a marked place for the officer's
own text: a draft is never a finished report, and nothing is written in the
department's name that the register cannot show. Declared text (department,
contract numbers) is written as text runs, with characters XML cannot hold
replaced, never interpreted.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.i18n import t
from scrisk.register.codec import S211Figures

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as WordDocument

# the sections of s. 11, in the Act's order (i18n s211.section.<id>.title / .guide)
SECTIONS = (
    "structure",
    "policies",
    "risks",
    "remediation",
    "income",
    "training",
    "effectiveness",
)


Row = tuple[str, str | int | float]  # (label, value) of a section's table


def _figures(fig: S211Figures, section: str, lang: str) -> list[Row]:
    """(label, value) rows a section shows; none for narrative-only sections."""
    c, ac = fig.contracts, fig.actions

    def tab(key: str, counts: Mapping[str, int]) -> list[Row]:
        return [(f"{t(f's211.fig.{key}', lang)}: {k}", n) for k, n in counts.items()]

    if section == "structure":
        return [
            (t("s211.fig.contracts", lang), c.count),
            (t("s211.fig.awarded_in_year", lang), c.awarded_in_year),
            *tab("by_instrument", c.by_instrument),
            *tab("by_category", c.by_category),
            *tab("by_country", c.by_country),
            (t("s211.fig.callups", lang), fig.callups.count),
            (t("s211.fig.value_cad", lang), fig.callups.value_cad),
        ]
    if section == "policies":
        return [
            (t("s211.fig.decisions", lang), fig.decisions.count),
            *tab("decisions", fig.decisions.by_decision),
            (t("s211.fig.evidence", lang), fig.evidence.count),
            *tab("evidence", fig.evidence.by_kind),
        ]
    if section == "risks":
        return [
            *tab("by_level", c.by_level),
            *[
                (f"{t('s211.fig.flags', lang)}: {f.rule} ({f.severity})", f.count)
                for f in fig.flags.found
            ],
            *[
                (f"{t('s211.fig.changes', lang)}: {ch.rule} ({ch.change})", ch.count)
                for ch in fig.flags.rescreen_changes
            ],
            (t("s211.fig.opened", lang), ac.opened),
        ]
    if section == "remediation":
        return [(t("s211.fig.closed", lang), ac.closed)]
    if section == "effectiveness":
        return [
            (t("s211.fig.overdue_at_year_end", lang), ac.overdue_at_year_end),
            (t("s211.fig.closed", lang), ac.closed),
            (t("s211.fig.valid_at_year_end", lang), fig.evidence.valid_at_year_end),
        ]
    return []


def write_s211_docx(fig: S211Figures, path: str | Path, *, lang: str = "en") -> Path:
    """Write the Word draft of the report whose figures are ``fig`` (``scrisk-s211/1``)."""
    from docx import Document

    from scrisk.i18n.format import whole
    from scrisk.xlsx_io import clean_text

    period = fig.period
    doc = Document()
    doc.core_properties.title = clean_text(
        t("s211.title", lang, department=fig.department, year=fig.year)
    )
    doc.core_properties.language = lang
    doc.add_heading(doc.core_properties.title, level=0)
    doc.add_paragraph(
        clean_text(t("s211.period", lang, start=period.start, end=period.end, due=period.due))
    )
    doc.add_paragraph(t("s211.draft_note", lang)).runs[0].italic = True
    for number, section in enumerate(SECTIONS, 1):
        doc.add_heading(f"{number}. {t(f's211.section.{section}.title', lang)}", level=1)
        guide = doc.add_paragraph(t(f"s211.section.{section}.guide", lang))
        guide.runs[0].italic = True
        rows = _figures(fig, section, lang)
        if rows:
            table = doc.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            head = table.rows[0].cells
            head[0].text, head[1].text = t("s211.col.item", lang), t("s211.col.value", lang)
            for label, value in rows:
                cells = table.add_row().cells
                cells[0].text = clean_text(str(label))
                cells[1].text = whole(value, lang) if not isinstance(value, str) else value
        doc.add_paragraph(t("s211.officer_text", lang))
    return _save(doc, Path(path))


def _save(doc: WordDocument, path: Path) -> Path:
    """Save through :func:`scrisk.xlsx_io.save` (an OOXML package like a workbook): fixed
    document and zip times, the same bytes for the same figures, and the report marker
    that lets a later run replace the draft (an officer's saved edits are never replaced)."""
    from datetime import datetime
    from types import SimpleNamespace

    from scrisk.xlsx_io import REPORT_MARKER, save

    props = doc.core_properties
    props.keywords = REPORT_MARKER
    props.author = props.last_modified_by = "scrisk"
    props.created = props.modified = datetime(2000, 1, 1)
    props.revision = 1
    package = SimpleNamespace(properties=SimpleNamespace(), save=doc.save)
    return save(package, path)


__all__ = ["SECTIONS", "write_s211_docx"]
