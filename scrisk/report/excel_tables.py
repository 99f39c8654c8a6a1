"""The table sheets of the reviewer workbook: Flags, Parties, Paths, Review, Sources.

Each is one header row (frozen, filtered) and one row per item of the
assessment document, in the document's order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from scrisk.assessment.document import (
    AssessmentDocument,
    DecisionDoc,
    PartyDoc,
    ProvenanceDoc,
    ScreeningDoc,
)
from scrisk.i18n import catalogue, source_name, t, term
from scrisk.report.excel_cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    SCORE_FORMAT,
    append,
    as_date,
    cell,
    finish_table,
    join,
    level_cell,
    number,
    start_table,
    styles,
    yes_no,
)
from scrisk.vocab import Decision, values

DECISIONS = values(Decision)

# The first printed page (about 125 wide) reads: rule, title, severity, party, message.
FLAG_COLUMNS = (
    ("rule", 11),
    ("title", 30),
    ("severity", 10),
    ("party", 9),
    ("message", 62),
    ("party_name", 30),
    ("good", 7),
    ("source", 30),
    ("edition", 18),
    ("record", 38),
    ("url", 30),
    ("match_score", 11),
    ("path", 22),
    ("reviewed", 32),
)
PARTY_COLUMNS = (
    ("id", 9),
    ("name", 34),
    ("role", 18),
    ("address", 34),
    ("city", 16),
    ("region", 16),
    ("country", 9),
    ("country_declared", 16),
    ("tier", 6),
    ("reachable", 11),
    ("supplies_to", 14),
    ("goods", 10),
    ("materials", 26),
    ("workers", 10),
    ("annual_capacity", 16),
    ("intrinsic_score", 16),
    ("party_score", 16),
    ("risk_level", 12),
    ("flag_count", 9),
)
PATH_COLUMNS = (
    ("path_source", 11),
    ("path_source_name", 32),
    ("risk_level", 12),
    ("path_score", 18),
    ("hops", 7),
    ("path", 26),
    ("path_names", 70),
)
REVIEW_COLUMNS = (
    ("party", 9),
    ("party_name", 30),
    ("entry_id", 40),
    ("list", 22),
    ("entity", 40),
    ("matched_name", 30),
    ("match_score", 11),
    ("class", 11),
    ("active", 12),
    ("decision", 22),
    ("reviewer", 20),
    ("date", 12),
    ("comment", 40),
    ("party_country", 10),
)
BID_COLUMNS = (("bidder", 30), ("solicitation", 18))
SOURCE_COLUMNS = (
    ("dataset", 26),
    ("title", 44),
    ("publisher", 36),
    ("edition", 22),
    ("date", 12),
    ("licence", 40),
    ("sha256", 66),
)


def headers(columns: tuple[tuple[str, int], ...], lang: str) -> list[str]:
    return [t(f"excel.col.{key}", lang) for key, _ in columns]


def _begin(
    ws: Any, columns: tuple[tuple[str, int], ...], lang: str, inputs: tuple[str, ...] = ()
) -> None:
    keys = [k for k, _ in columns]
    start_table(
        ws, headers(columns, lang), [w for _, w in columns], inputs=[keys.index(k) for k in inputs]
    )


def decision_label(decision: str | None, lang: str) -> str:
    return t(f"excel.decision.{decision}", lang) if decision in DECISIONS else (decision or "")


def reviewed_text(reviewed: Mapping[str, Any] | None, lang: str) -> str:
    if not reviewed:
        return ""
    return t(
        "excel.value.reviewed",
        lang,
        decision=decision_label(reviewed.get("decision"), lang),
        reviewer=reviewed.get("reviewer") or "?",
        date=reviewed.get("date") or "?",
    )


def party_names(doc: AssessmentDocument) -> dict[str, str]:
    return {str(p.id): p.name or "" for p in doc.parties}


def write_flags(ws: Any, doc: AssessmentDocument, lang: str) -> int:
    _begin(ws, FLAG_COLUMNS, lang)
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
    _begin(ws, PARTY_COLUMNS, lang)
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
    _begin(ws, PATH_COLUMNS, lang)
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


def write_review(ws: Any, doc: AssessmentDocument | Sequence[AssessmentDocument], lang: str) -> int:
    """One row per name match, with a drop-down for the reviewer's decision.

    ``doc`` may be a list of documents (the comparison workbook): the rows of
    every bid, each naming its bidder and solicitation. The sheet is read back
    by :func:`scrisk.decisions.load_decisions` (``--decisions``).
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    docs = [doc] if isinstance(doc, AssessmentDocument) else list(doc)
    several = not isinstance(doc, AssessmentDocument)
    columns = REVIEW_COLUMNS + (BID_COLUMNS if several else ())
    _begin(ws, columns, lang, inputs=("decision", "reviewer", "date", "comment"))
    widths = [w for _, w in columns]
    n = 1
    for one in docs:
        parties = {str(p.id): p for p in one.parties}
        bidder = one.bidder
        for r in review_rows(one):
            m, d = r.match, r.decided
            party = str(r.party or "")
            declared = parties.get(party)
            row = [
                cell(ws, party),
                cell(ws, (declared.name if declared else None) or ""),
                cell(ws, str(r.entry_id or "")),
                cell(ws, term("list", str(m.list or ""), lang) if m else term("list", "", lang)),
                cell(ws, (m.entity if m else None) or ""),
                cell(ws, (m.matched_name if m else None) or ""),
                cell(ws, number(m.score if m else None), number_format=SCORE_FORMAT),
                cell(ws, t(f"excel.class.{m.class_}", lang) if m and m.class_ else ""),
                cell(ws, yes_no(m.active, lang) if m else ""),
                cell(ws, decision_label(d.decision if d else None, lang)),
                cell(ws, (d.reviewer if d else None) or ""),
                cell(ws, as_date(d.date if d else None) or None, number_format=DATE_FORMAT),
                cell(ws, (d.comment if d else None) or ""),
                cell(
                    ws, (declared.country or declared.country_declared if declared else None) or ""
                ),
            ]
            if several:
                row += [
                    cell(ws, str(bidder.name or bidder.id or "")),
                    cell(ws, str(one.solicitation.id or "")),
                ]
            n += 1
            append(ws, n, row, widths)
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


def write_sources(ws: Any, doc: AssessmentDocument, lang: str) -> int:
    _begin(ws, SOURCE_COLUMNS, lang)
    wrap = styles().wrap
    data = doc.data  # each dataset's provenance block, as the reference data gives it
    sha = {d.id: d.sha256 or "" for d in (doc.provenance.datasets if doc.provenance else ())}
    widths = [w for _, w in SOURCE_COLUMNS]
    for row, d in enumerate(data, start=2):
        when = as_date(d.get("date")) if len(str(d.get("date") or "")) == 10 else d.get("date")
        append(
            ws,
            row,
            [
                cell(ws, d.get("id") or ""),
                cell(
                    ws,
                    t(
                        f"dataset_title.{d.get('id')}",
                        lang,
                        original=d.get("source") or d.get("title") or "",
                    )
                    if f"dataset_title.{d.get('id')}" in catalogue(lang)
                    else d.get("source") or d.get("title") or "",
                    alignment=wrap,
                ),
                cell(ws, d.get("publisher") or ""),
                cell(ws, str(d.get("edition") or "")),
                cell(
                    ws, when or "", number_format=DATE_FORMAT if not isinstance(when, str) else None
                ),
                cell(ws, d.get("licence") or ""),
                cell(ws, sha.get(str(d.get("id")), "")),
            ],
            widths,
        )
    extra = provenance_rows(doc.provenance, lang)
    for row, prov_row in enumerate(extra, start=len(data) + 2):
        append(ws, row, [cell(ws, v) for v in prov_row], widths)
    finish_table(ws, len(SOURCE_COLUMNS), len(data) + len(extra))
    return len(data) + len(extra)


def provenance_rows(prov: ProvenanceDoc | None, lang: str) -> list[list[str]]:
    """Sources rows for the document's provenance: scrisk version, policy, its overrides."""
    if prov is None:
        return []
    blank = ["", "", ""]
    rows = [
        ["scrisk", t("excel.provenance.scrisk", lang), "", str(prov.scrisk or ""), *blank],
        [
            "policy",
            t("excel.provenance.policy", lang),
            "",
            "",
            "",
            "",
            str(prov.policy_sha256 or ""),
        ],
    ]
    for key, value in sorted((prov.policy_overrides or {}).items()):
        rows.append(
            [
                f"policy:{key}",
                t("excel.provenance.override", lang, key=key),
                "",
                json_text(value),
                *blank,
            ]
        )
    return rows


def json_text(value: Any) -> str:
    import json

    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def declared_country(party: PartyDoc) -> str:
    """The country as declared, with the reading of a near-miss spelling:
    "Malasia (read 'Malasia' as Malaysia)"."""
    declared = party.country_declared or ""
    note = party.country_note
    return f"{declared} ({note})" if note else declared
