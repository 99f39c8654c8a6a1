"""The table sheets of the reviewer workbook: Flags, Parties, Paths, Review, Sources.

Each is one header row (frozen, filtered) and one row per item of the
assessment document, in the document's order.
"""

from __future__ import annotations

from typing import Any

from scrisk.assessment.document import (
    AssessmentDocument,
    PartyDoc,
)
from scrisk.i18n import source_name, t
from scrisk.report.excel_cells import (
    COUNT_FORMAT,
    SCORE_FORMAT,
    append,
    cell,
    finish_table,
    join,
    level_cell,
    number,
    styles,
    yes_no,
)
from scrisk.report.excel_columns import FLAG_COLUMNS, PARTY_COLUMNS, PATH_COLUMNS, begin, headers
from scrisk.report.excel_review import (
    decision_label,
    review_rows,
    reviewed_text,
    write_review,
)
from scrisk.report.excel_sources import provenance_rows, write_sources
from scrisk.report.excel_summary_text import party_names


def write_flags(ws: Any, doc: AssessmentDocument, lang: str) -> int:
    begin(ws, FLAG_COLUMNS, lang)
    names, wrap = party_names(doc), styles().wrap
    flags = doc.flags
    for row, f in enumerate(flags, start=2):
        evidence = f.evidence
        scores = [e.score for e in evidence if isinstance(e.score, int | float)]
        party = f.party
        cells = [
            cell(ws, f.rule or ""),
            cell(ws, f.title or t(f"rule.{f.rule}.title", lang)),
            level_cell(ws, f.severity, lang),
            cell(ws, party or ""),
            cell(ws, f.message or "", alignment=wrap),
            cell(ws, names.get(party, "") if party else ""),
            cell(ws, f.good or ""),
            # one evidence record per line: wrapped, or only the first line would show
            cell(
                ws, join((source_name(str(e.source), lang) for e in evidence), "\n"), alignment=wrap
            ),
            cell(ws, join((e.edition for e in evidence), "\n"), alignment=wrap),
            cell(ws, join((e.record for e in evidence), "\n"), alignment=wrap),
            cell(ws, join((e.url or "" for e in evidence), "\n").rstrip() or None, alignment=wrap),
            cell(ws, max(scores) if scores else None, number_format=SCORE_FORMAT),
            cell(ws, join(f.path, " > ")),
            cell(ws, reviewed_text(f.reviewed, lang)),
        ]
        append(ws, row, cells, [w for _, w in FLAG_COLUMNS])
    finish_table(ws, len(FLAG_COLUMNS), len(flags))
    return len(flags)


def write_parties(ws: Any, doc: AssessmentDocument, lang: str) -> int:
    begin(ws, PARTY_COLUMNS, lang)
    parties = doc.parties
    widths = [w for _, w in PARTY_COLUMNS]
    for row, p in enumerate(parties, start=2):
        role = p.role
        append(
            ws,
            row,
            [
                cell(ws, str(p.id or "")),
                cell(ws, p.name or ""),
                cell(ws, t(f"role.{role}", lang) if role else ""),
                cell(ws, p.address or ""),
                cell(ws, p.city or ""),
                cell(ws, p.region or ""),
                cell(ws, p.country or ""),
                cell(ws, declared_country(p)),
                cell(ws, number(p.tier)),
                cell(ws, yes_no(p.reachable, lang)),
                cell(ws, join(p.supplies_to)),
                cell(ws, join(p.goods)),
                cell(ws, join(p.materials, "; ")),
                cell(ws, number(p.workers), number_format=COUNT_FORMAT),
                cell(ws, number(p.annual_capacity), number_format=COUNT_FORMAT),
                cell(ws, number(p.intrinsic_score), number_format=SCORE_FORMAT),
                cell(ws, number(p.score), number_format=SCORE_FORMAT),
                level_cell(ws, p.risk_level, lang),
                cell(ws, number(p.flags), number_format=COUNT_FORMAT),
            ],
            widths,
        )
    finish_table(ws, len(PARTY_COLUMNS), len(parties))
    return len(parties)


def write_paths(ws: Any, doc: AssessmentDocument, lang: str) -> int:
    begin(ws, PATH_COLUMNS, lang)
    names = party_names(doc)
    paths = doc.paths
    widths = [w for _, w in PATH_COLUMNS]
    for row, p in enumerate(paths, start=2):
        hops = [str(h) for h in p.path]
        source = str(p.source or (hops[0] if hops else ""))
        append(
            ws,
            row,
            [
                cell(ws, source),
                cell(ws, names.get(source, "")),
                level_cell(ws, p.risk_level, lang),
                cell(ws, number(p.score), number_format=SCORE_FORMAT),
                cell(ws, max(len(hops) - 1, 0)),
                cell(ws, " > ".join(hops)),
                cell(ws, " > ".join(names.get(h) or h for h in hops)),
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
