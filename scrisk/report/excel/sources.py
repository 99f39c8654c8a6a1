"""The Sources sheet: each dataset's provenance, then scrisk's version and the policy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrisk.assessment.document import AssessmentDocument, ProvenanceDoc
from scrisk.i18n import catalogue, edition_name, t
from scrisk.jsontypes import JsonValue
from scrisk.report.excel.cells import DATE_FORMAT, as_date, cell, finish_table, styles
from scrisk.report.excel.columns import SOURCE_COLUMNS, begin
from scrisk.report.excel.page import append

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


def write_sources(ws: WriteOnlyWorksheet, doc: AssessmentDocument, lang: str) -> int:
    begin(ws, SOURCE_COLUMNS, lang)
    wrap = styles().wrap
    data = doc.datasets  # each dataset's provenance block, as the reference data gives it
    sha = {d.id: d.sha256 or "" for d in (doc.provenance.datasets if doc.provenance else ())}
    widths = [w for _, w in SOURCE_COLUMNS]
    for row, d in enumerate(data, start=2):
        when = as_date(d.date) if len(d.date) == 10 else d.date
        title = d.source or d.title
        key = f"dataset_title.{d.id}"
        append(
            ws,
            row,
            [
                cell(ws, d.id),
                cell(
                    ws,
                    t(key, lang, original=title) if key in catalogue(lang) else title,
                    alignment=wrap,
                ),
                cell(ws, d.publisher),
                cell(ws, edition_name(d.edition, lang)),
                cell(
                    ws, when or "", number_format=DATE_FORMAT if not isinstance(when, str) else None
                ),
                cell(ws, d.licence),
                cell(ws, sha.get(d.id, "")),
            ],
            widths,
        )
    extra = provenance_rows(doc.provenance, lang)
    for row, prov_row in enumerate(extra, start=len(data) + 2):
        append(ws, row, [cell(ws, v) for v in prov_row], widths)
    finish_table(ws, len(SOURCE_COLUMNS), len(data) + len(extra))
    _records(ws, doc, lang, len(data) + len(extra) + 1)
    return len(data) + len(extra)


def _records(ws: WriteOnlyWorksheet, doc: AssessmentDocument, lang: str, last: int) -> None:
    """Below the datasets: every record behind a flag, by its key, link and edition (the
    reviewer's sheets name records by label; the keys are here, to trace them)."""
    from scrisk.i18n import source_name
    from scrisk.report.excel.cells import SCORE_FORMAT, number
    from scrisk.report.excel.columns import EVIDENCE_COLUMNS
    from scrisk.report.excel.labels import evidence_label, flag_heading
    from scrisk.report.excel.summary_text import party_names

    st = styles()
    names = party_names(doc)
    goods = {str(g.id): str(g.description or "") for g in doc.solicitation.goods}
    widths = [w for _, w in SOURCE_COLUMNS]
    row = last + 2
    ws.append([])
    ws.append(
        [cell(ws, t("excel.sources.records", lang), font=st.section_font, alignment=st.nowrap)]
    )
    row += 1
    ws.append(
        [
            cell(ws, t(f"excel.col.{k}", lang), font=st.header_font, fill=st.header_fill)
            for k, _ in EVIDENCE_COLUMNS
        ]
    )
    for f in doc.flags:
        heading = " \u2013 ".join(flag_heading(f, names, goods, lang).split("\n"))
        for e in f.evidence:
            row += 1
            append(
                ws,
                row,
                [
                    cell(ws, heading, alignment=st.wrap),
                    cell(ws, evidence_label(e, lang), alignment=st.wrap),
                    cell(ws, str(e.record or ""), alignment=st.wrap),
                    cell(ws, source_name(str(e.source), lang), alignment=st.wrap),
                    cell(ws, edition_name(str(e.edition or ""), lang), alignment=st.wrap),
                    cell(ws, e.url or "", alignment=st.wrap),
                    cell(ws, number(e.score), number_format=SCORE_FORMAT),
                ],
                widths,
            )


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


def json_text(value: JsonValue) -> str:
    import json

    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
