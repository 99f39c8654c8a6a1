"""The Sources sheet: each dataset's provenance, then scrisk's version and the policy."""

from __future__ import annotations

from typing import Any

from scrisk.assessment.document import AssessmentDocument, ProvenanceDoc
from scrisk.i18n import catalogue, t
from scrisk.report.excel_cells import DATE_FORMAT, append, as_date, cell, finish_table, styles
from scrisk.report.excel_columns import SOURCE_COLUMNS, begin


def write_sources(ws: Any, doc: AssessmentDocument, lang: str) -> int:
    begin(ws, SOURCE_COLUMNS, lang)
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
