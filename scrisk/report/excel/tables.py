"""The table sheets of the reviewer workbook: Flags, Parties, Paths, Review, Sources.

Each is one header row (frozen, filtered) and one row per item of the
assessment document, in the document's order.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scrisk.assessment.document import (
    AssessmentDocument,
    PartyDoc,
)
from scrisk.i18n import t
from scrisk.register.codec import Bearing
from scrisk.report.excel.cells import (
    COUNT_FORMAT,
    SCORE_FORMAT,
    cell,
    finish_table,
    join,
    level_cell,
    number,
    styles,
)
from scrisk.report.excel.columns import FLAG_COLUMNS, PARTY_COLUMNS, PATH_COLUMNS, begin, headers
from scrisk.report.excel.labels import (
    evidence_beside,
    evidence_text,
    flag_heading,
    name_match_score,
)
from scrisk.report.excel.page import append
from scrisk.report.excel.review import (
    decision_label,
    review_rows,
    reviewed_text,
    write_review,
)
from scrisk.report.excel.sources import provenance_rows, write_sources
from scrisk.report.excel.summary_text import party_names

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


def write_flags(
    ws: WriteOnlyWorksheet,
    doc: AssessmentDocument,
    lang: str,
    *,
    evidence: Sequence[Bearing] = (),
) -> int:
    """One row per flag, one page wide: whom and what (the row's name on paper), severity,
    message, evidence by label, a name match's score, reviews and the register's
    due-diligence evidence bearing on it (``evidence``: ``supplier_evidence`` entries)."""
    begin(ws, FLAG_COLUMNS, lang)
    names, wrap = party_names(doc), styles().wrap
    goods = {str(g.id): str(g.description or "") for g in doc.solicitation.goods}
    flags = doc.flags
    for row, f in enumerate(flags, start=2):
        reviewed = reviewed_text(f.review, lang)
        held = evidence_beside(f, evidence, lang)
        cells = [
            cell(ws, flag_heading(f, names, goods, lang), alignment=wrap),
            level_cell(ws, f.severity, lang),
            cell(ws, f.message or "", alignment=wrap),
            # one evidence record per line: wrapped, or only the first line would show
            cell(ws, evidence_text(f, names, lang), alignment=wrap),
            cell(ws, name_match_score(f), number_format=SCORE_FORMAT),
            cell(ws, "\n".join(x for x in (reviewed, *held) if x), alignment=wrap),
        ]
        append(ws, row, cells, [w for _, w in FLAG_COLUMNS])
    finish_table(ws, len(FLAG_COLUMNS), len(flags))
    return len(flags)


def write_parties(ws: WriteOnlyWorksheet, doc: AssessmentDocument, lang: str) -> int:
    """One row per party, one page wide; declared values as declared, ids beside names."""
    begin(ws, PARTY_COLUMNS, lang)
    parties = doc.parties
    names = party_names(doc)
    widths = [w for _, w in PARTY_COLUMNS]
    wrap = styles().wrap
    for row, p in enumerate(parties, start=2):
        role = p.role
        pid = str(p.id or "")
        who = f"{p.name} ({pid})" if p.name and p.name != pid else pid
        tier = (
            t("excel.party.tier", lang, tier=p.tier)
            if isinstance(p.tier, int) and p.reachable is not False
            else t("excel.party.not_linked", lang)
        )
        about = ", ".join(x for x in (t(f"role.{role}", lang) if role else "", tier) if x)
        where = ", ".join(str(x) for x in (p.address, p.city, p.region) if x)
        country = declared_country(p) or str(p.country or "")
        size = [
            t("excel.party.workers", lang, count=_count(p.workers, lang))
            if isinstance(p.workers, numbers.Real)
            else "",
            t("excel.party.capacity", lang, count=_count(p.annual_capacity, lang))
            if isinstance(p.annual_capacity, numbers.Real)
            else "",
        ]
        made = [
            join((f"{goods_of(doc).get(str(g)) or g} ({g})" for g in p.goods), "; "),
            join(p.materials, "; "),
        ]
        append(
            ws,
            row,
            [
                cell(ws, f"{who}\n{about}", alignment=wrap),
                cell(ws, "\n".join(x for x in (where, country) if x), alignment=wrap),
                cell(
                    ws,
                    join((f"{names.get(str(s)) or s} ({s})" for s in p.supplies_to), "\n"),
                    alignment=wrap,
                ),
                cell(ws, "\n".join(x for x in made if x), alignment=wrap),
                cell(ws, "\n".join(x for x in size if x), alignment=wrap),
                cell(ws, number(p.intrinsic_score), number_format=SCORE_FORMAT),
                cell(ws, number(p.score), number_format=SCORE_FORMAT),
                level_cell(ws, p.risk_level, lang),
                cell(ws, number(p.flags), number_format=COUNT_FORMAT),
            ],
            widths,
        )
    finish_table(ws, len(PARTY_COLUMNS), len(parties))
    return len(parties)


def goods_of(doc: AssessmentDocument) -> dict[str, str]:
    """Good id -> its declared description."""
    return {str(g.id): str(g.description or "") for g in doc.solicitation.goods}


def _count(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def write_paths(ws: WriteOnlyWorksheet, doc: AssessmentDocument, lang: str) -> int:
    begin(ws, PATH_COLUMNS, lang)
    names = party_names(doc)
    paths = doc.paths
    widths = [w for _, w in PATH_COLUMNS]
    wrap = styles().wrap

    def named(pid: str) -> str:
        name = names.get(pid)
        return f"{name} ({pid})" if name and name != pid else pid

    for row, p in enumerate(paths, start=2):
        hops = [str(h) for h in p.path]
        source = str(p.source or (hops[0] if hops else ""))
        append(
            ws,
            row,
            [
                cell(ws, named(source), alignment=wrap),
                level_cell(ws, p.risk_level, lang),
                cell(ws, number(p.score), number_format=SCORE_FORMAT),
                cell(ws, max(len(hops) - 1, 0)),
                cell(ws, " > ".join(named(h) for h in hops), alignment=wrap),
            ],
            widths,
        )
    finish_table(ws, len(PATH_COLUMNS), len(paths))
    return len(paths)


def declared_country(party: PartyDoc) -> str:
    """The country as declared, with the reading of a near-miss spelling:
    "Malasia (read 'Malasia' as Malaysia)"."""
    declared = party.country_declared or ""
    note = party.country_note
    return f"{declared} ({note})" if note else declared


__all__ = [
    "decision_label",
    "declared_country",
    "headers",
    "party_names",
    "provenance_rows",
    "review_rows",
    "reviewed_text",
    "write_flags",
    "write_parties",
    "write_paths",
    "write_review",
    "write_sources",
]
