"""The Summary sheet: what an evaluation panel reads first.

Bid, as-of date, risk level and score in a colour band, the clause matrix,
flag counts by severity, what to do next for each failed or review clause,
and a bar chart of the parties by risk level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from scrisk.assessment.document import AssessmentDocument, ClauseDoc, FlagDoc
from scrisk.findings import RISK_LEVELS, SEVERITIES
from scrisk.i18n import catalogue, t, term
from scrisk.report.excel_cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    SCORE_FORMAT,
    as_date,
    cell,
    fit_row,
    join,
    landscape,
    level_cell,
    number,
    status_cell,
    styles,
)
from scrisk.vocab import UNKNOWN_LEVEL

# A: labels, clause and good titles; B: values, notes, advice; C: status or level;
# D: flags behind a clause, makers; E: ILAB goods; F: score. 174 wide: one page wide.
WIDTHS = (28, 56, 14, 36, 30, 10)
PARTY_LEVELS = (*RISK_LEVELS, UNKNOWN_LEVEL)


def flag_key(flag: FlagDoc) -> str:
    """The clause matrix's reference to a flag: ``RULE:party:good``."""
    return f"{flag.rule}:{flag.party or ''}:{flag.good or ''}"


# A name longer than this is shortened on the Summary (the Parties and Flags sheets keep it
# whole), so a clause row stays within a printed page.
SUMMARY_NAME_CHARS = 60


def party_label(party_id: str, names: dict[str, str]) -> str:
    name = names.get(party_id)
    if name and len(name) > SUMMARY_NAME_CHARS:
        name = name[: SUMMARY_NAME_CHARS - 1].rstrip() + "\u2026"
    return f"{name} ({party_id})" if name and name != party_id else party_id


MAX_LISTED = 20


MAX_REFERENCES = 6


def flag_references(keys: Sequence[str], doc: AssessmentDocument, lang: str) -> str:
    """The flags behind a clause, one a line; past six, the rest are counted (the Flags
    sheet lists all), so the row fits a printed page."""
    shown = "\n".join(flag_reference(k, doc, lang) for k in keys[:MAX_REFERENCES])
    more = len(keys) - MAX_REFERENCES
    return shown + (f"\n\u2026 (+{more})" if more > 0 else "")


def party_list(ids: list[str], names: dict[str, str]) -> str:
    """Parties named in advice; past twenty, the rest are counted (the Flags sheet lists all)."""
    ids = [p for p in ids if p]
    shown = "; ".join(party_label(p, names) for p in ids[:MAX_LISTED])
    return shown + (f"; \u2026 (+{len(ids) - MAX_LISTED})" if len(ids) > MAX_LISTED else "")


def flagged_party(flag: FlagDoc) -> str | None:
    """The party a flag is about; a good-level flag names the first party of its path."""
    if flag.party:
        return str(flag.party)
    return str(flag.path[0]) if flag.path else None


def flag_parties(flag: FlagDoc) -> set[str]:
    """The flagged party, and for a good-level flag every party its evidence is about."""
    out = {p} if (p := flagged_party(flag)) else set()
    for e in flag.evidence:
        party = (e.detail or {}).get("party")
        if party:
            out.add(str(party))
    return out


def clause_title(clause: ClauseDoc, lang: str) -> str:
    """A clause as people name it ("PN-150 Anti-forced-labour contract clauses"), never its id."""
    return str(clause.title or t(f"clause.{clause.clause}", lang))


def flag_reference(key: str, doc: AssessmentDocument, lang: str) -> str:
    """A clause's ``RULE:party:good`` reference as the rule's title and whom it is about."""
    rule, *about = key.split(":")
    names = _names(doc)
    goods = {str(g.id): g.description or "" for g in doc.solicitation.goods}
    whom = []
    for i, part in enumerate(about):
        if not part or part == "None":
            continue
        whom.append(
            party_label(part, names)
            if i == 0
            else (f"{goods[part]} ({part})" if goods.get(part) else part)
        )
    title = t(f"rule.{rule}.title", lang)
    return t("excel.summary.flag_ref", lang, title=title, whom=", ".join(whom)) if whom else title


def _names(doc: AssessmentDocument) -> dict[str, str]:
    """Party id -> declared name ("" when none)."""
    return {str(p.id): p.name or "" for p in doc.parties}


def next_steps(doc: AssessmentDocument, lang: str, review_sheet: str) -> list[tuple[str, str, str]]:
    """(clause, status, advice) for every failed or review clause, then per rule behind it."""
    names = _names(doc)
    by_key: dict[str, FlagDoc] = {}
    for f in doc.flags:  # "RULE:party:good", a missing part empty or "None"
        by_key.setdefault(flag_key(f), f)
        by_key.setdefault(f"{f.rule}:{f.party}:{f.good}", f)
    bidder = doc.bidder.id or ""
    known = catalogue(lang)
    out: list[tuple[str, str, str]] = []
    advised_rules: set[str] = set()
    for clause in doc.clauses:
        status = clause.status
        if status not in ("fail", "high_risk", "review"):
            continue
        flags = [by_key[k] for k in clause.flags if k in by_key]
        parties = sorted(set().union(*(flag_parties(f) for f in flags))) or [bidder]
        listed = party_list(parties, names)
        code = clause.clause or ""
        key = f"excel.next.{code}.{status}"
        if key in known:
            out.append((code, status, t(key, lang, parties=listed)))
        for rule in sorted({f.rule or "" for f in flags}):
            rule_key = f"excel.next.rule.{rule}"
            if rule in advised_rules or rule_key not in known:
                continue
            advised_rules.add(rule)
            with_rule = sorted(set().union(*(flag_parties(f) for f in flags if f.rule == rule)))
            out.append(
                (
                    code,
                    status,
                    t(
                        rule_key,
                        lang,
                        sheet=review_sheet,
                        parties=party_list(with_rule, names) or listed,
                    ),
                )
            )
    return out


def pending_reviews(doc: AssessmentDocument) -> int:
    """Name matches no reviewer decision answers yet."""
    decided = {(d.party, d.entry_id) for d in doc.decisions}
    return sum(1 for m in doc.screening if (m.party, m.entry_id) not in decided)


class _Rows:
    """Appends rows to a write-only sheet and knows the row number reached."""

    def __init__(self, ws: Any, start: int = 0):
        self.ws = ws
        self.n = start

    def add(self, cells: list[Any] | None = None) -> int:
        self.n += 1
        fit_row(self.ws, self.n, cells or [], WIDTHS)
        self.ws.append(cells or [])
        return self.n


def _section(rows: _Rows, title: str, headers: list[str]) -> None:
    ws, st = rows.ws, styles()
    rows.add()
    rows.add([cell(ws, title, font=st.section_font, alignment=st.nowrap)])
    rows.add([cell(ws, h, font=st.header_font, fill=st.header_fill) for h in headers])


def write_summary(
    ws: Any, doc: AssessmentDocument, lang: str, *, review_sheet: str, chart: bool = True
) -> int:
    """Fill ``ws`` (already titled); returns the number of rows written."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    landscape(ws, WIDTHS)
    st = styles()
    rows = _Rows(ws)
    rows.add([cell(ws, t("excel.title.assessment", lang), font=st.title_font, alignment=st.nowrap)])
    # the disclaimer under the title, in the wide column B (a write-only sheet: no merging)
    rows.add(
        [
            cell(ws, t("excel.summary.disclaimer", lang), font=st.header_font),
            cell(ws, doc.disclaimer or t("disclaimer.assessment", lang), alignment=st.wrap),
        ]
    )
    write_facts(rows, doc, lang)
    write_goods(rows, doc, lang)

    _section(
        rows,
        t("excel.summary.clauses", lang),
        [t(f"excel.col.{k}", lang) for k in ("clause", "note", "status", "flags", "clause_id")],
    )
    for clause in doc.clauses:
        rows.add(
            [
                cell(ws, clause_title(clause, lang)),
                cell(ws, clause.note or "", alignment=st.wrap),
                status_cell(ws, clause.status, lang),
                cell(ws, flag_references(clause.flags, doc, lang), alignment=st.wrap),
                cell(ws, clause.clause or ""),
            ]
        )

    _section(
        rows,
        t("excel.summary.flag_counts", lang),
        [t("excel.col.severity", lang), t("excel.col.count", lang)],
    )
    counts = doc.summary.flags_by_severity or Counter(f.severity for f in doc.flags)
    for severity in SEVERITIES:
        rows.add(
            [
                level_cell(ws, severity, lang),
                cell(ws, int(counts.get(severity, 0)), number_format=COUNT_FORMAT),
            ]
        )

    # advice in the wide column B, status under the clause matrix's status column C
    _section(
        rows,
        t("excel.summary.next_steps", lang),
        [t("excel.col.clause", lang), t("excel.col.advice", lang), t("excel.col.status", lang)],
    )
    steps = next_steps(doc, lang, review_sheet)
    pending = pending_reviews(doc)
    if not steps and not pending:
        rows.add([cell(ws, ""), cell(ws, t("excel.summary.no_next_steps", lang))])
    titles = {c.clause: clause_title(c, lang) for c in doc.clauses}
    for code, status, advice in steps:
        rows.add(
            [
                cell(ws, titles.get(code, code)),
                cell(ws, advice, alignment=st.wrap),
                status_cell(ws, status, lang),
            ]
        )
    if pending:
        rows.add(
            [
                cell(ws, ""),
                cell(
                    ws,
                    t("excel.summary.review_pending", lang, count=pending, sheet=review_sheet),
                    alignment=st.wrap,
                ),
            ]
        )

    _section(
        rows,
        t("excel.summary.parties_by_level", lang),
        [t("excel.col.level", lang), t("excel.col.parties", lang)],
    )
    by_level = Counter(p.risk_level or "unknown" for p in doc.parties)
    first = rows.n + 1
    for level in PARTY_LEVELS:
        rows.add(
            [
                level_cell(ws, level, lang),
                cell(ws, by_level.get(level, 0), number_format=COUNT_FORMAT),
            ]
        )
    if chart:
        _chart(ws, lang, first - 1, first, rows.n)
        _picture(ws, doc, lang, max(rows.n, first + 15) + 2)
    return rows.n


def _picture(ws: Any, doc: AssessmentDocument, lang: str, row: int) -> None:
    """The supply-chain picture (scrisk.report.picture) as an image below the chart."""
    import io

    from openpyxl.drawing.image import Image

    from scrisk.report.picture import render

    image = Image(io.BytesIO(render(doc, "png", lang=lang, dpi=150)))
    scale = min(0.96, 1150 / max(image.width, 1))  # crisp, at most columns A to F wide
    image.width, image.height = int(image.width * scale), int(image.height * scale)
    ws.add_image(image, f"A{row}")


def write_facts(rows: _Rows, doc: AssessmentDocument, lang: str) -> None:
    """The Item / Value block: solicitation, bidder, as-of date, level and score."""
    ws, st = rows.ws, styles()
    sol, bidder, summary, graph = doc.solicitation, doc.bidder, doc.summary, doc.graph
    level = doc.risk_level
    fill, font = st.level.get(level or "unknown", st.level["unknown"])
    category = sol.category
    facts: list[tuple[str, Any, dict[str, Any]]] = [
        ("solicitation", sol.id or "", {}),
        ("solicitation_title", sol.title or "", {}),
        ("category", t(f"category.{category}", lang) if category else "", {}),
        ("closing_date", as_date(sol.closing_date), {"number_format": DATE_FORMAT}),
        ("value_cad", number(sol.value_cad), {"number_format": COUNT_FORMAT}),
        (
            "bidder",
            party_label(str(bidder.id or ""), {str(bidder.id or ""): bidder.name or ""}),
            {},
        ),
        ("as_of", as_date(doc.as_of), {"number_format": DATE_FORMAT}),
        ("risk_level", None, {}),
        ("score", number(doc.score), {"number_format": SCORE_FORMAT, "fill": fill, "font": font}),
        ("parties", number(summary.parties), {"number_format": COUNT_FORMAT}),
        ("max_tier", number(summary.max_tier), {}),
    ]
    if graph.cycles:
        facts.append(("cycles", join((" > ".join(c) for c in graph.cycles), "; "), {}))
    if graph.unreachable:
        facts.append(("unreachable", join(graph.unreachable), {}))
    # freshness of the data (scrisk.reference.freshness): one row per kind of warning,
    # each dataset named briefly with its horizon (the full messages are in the JSON;
    # horizons and editions on the Sources sheet), so the verdict stays on page one
    from scrisk.report.terminal_warnings import warning_lines

    titles = {str(d.get("id")): str(d.get("source") or d.get("id")) for d in doc.data}
    lines = warning_lines(
        [(w.code, w.dataset, w.horizon, w.months) for w in doc.warnings or ()],
        lang,
        titles=titles,
        as_of=str(doc.as_of or ""),
    )
    for i, line in enumerate(lines):
        facts.append(("data_warnings" if i == 0 else "", line, {"alignment": st.wrap}))
    rows.add()
    rows.add(
        [
            cell(ws, t("excel.col.item", lang), font=st.header_font, fill=st.header_fill),
            cell(ws, t("excel.col.value", lang), font=st.header_font, fill=st.header_fill),
        ]
    )
    for key, value, fmt in facts:
        label = cell(ws, t(f"excel.summary.{key}", lang) if key else "", font=st.header_font)
        if key == "risk_level":
            rows.add([label, level_cell(ws, level, lang)])
        else:
            rows.add([label, cell(ws, value, **fmt)])


GOOD_COLUMNS = ("good", "description", "risk_level", "makers", "ilab_goods", "good_score")


def write_goods(rows: _Rows, doc: AssessmentDocument, lang: str) -> None:
    """One row per solicitation good: its risk, makers and the ILAB goods it maps to."""
    ws, st = rows.ws, styles()
    names = _names(doc)
    _section(
        rows, t("excel.summary.goods", lang), [t(f"excel.col.{k}", lang) for k in GOOD_COLUMNS]
    )
    for g in doc.solicitation.goods:
        facts = [str(g.description or "")]
        if g.hs_code:
            facts.append(t("excel.summary.hs_code", lang, code=g.hs_code))
        if g.quantity is not None:
            facts.append(
                t(
                    "excel.summary.quantity",
                    lang,
                    quantity=_count(g.quantity, lang),
                    unit=g.unit or "",
                )
            )
        rows.add(
            [
                cell(ws, str(g.id or "")),
                cell(ws, "\n".join(f for f in facts if f), alignment=st.wrap),
                level_cell(ws, g.risk_level, lang),
                cell(
                    ws, "\n".join(party_label(str(m), names) for m in g.makers), alignment=st.wrap
                ),
                cell(
                    ws,
                    join((term("ilab_good", str(x), lang) for x in g.ilab_goods), "\n"),
                    alignment=st.wrap,
                ),
                cell(ws, number(g.score), number_format=SCORE_FORMAT),
            ]
        )


def _count(value: Any, lang: str) -> str:
    """A quantity with thousands separators (narrow no-break space in French)."""
    if not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def _chart(ws: Any, lang: str, header_row: int, first: int, last: int) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.title = t("excel.summary.chart_title", lang)
    chart.y_axis.title = t("excel.summary.chart_axis", lang)
    chart.legend = None
    data = Reference(ws, min_col=2, min_row=header_row, max_row=last)
    categories = Reference(ws, min_col=1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    from openpyxl.chart.marker import DataPoint

    from scrisk.report.excel_cells import LEVEL_COLOURS

    series = chart.series[0]
    for idx, level in enumerate(PARTY_LEVELS):  # each bar in its level's colour
        point = DataPoint(idx=idx)
        point.graphicalProperties.solidFill = LEVEL_COLOURS[level][0]
        point.graphicalProperties.line.solidFill = "404040"
        series.dPt.append(point)
    chart.height, chart.width = 7.5, 12
    ws.add_chart(chart, f"D{header_row}")  # beside its table


def write_flag_block(ws: Any, doc: AssessmentDocument, lang: str, *, start: int = 0) -> None:
    """The bid's flags under its summary (comparison workbook: one sheet per bid)."""
    from scrisk.report.excel_tables import reviewed_text

    rows, st = _Rows(ws, start), styles()
    names = _names(doc)
    # the flag's title and message in the wide columns, its rule id in the narrow last one
    _section(
        rows,
        t("excel.sheet.flags", lang),
        [
            t(f"excel.col.{k}", lang)
            for k in ("title", "message", "severity", "party", "record", "rule")
        ],
    )
    for f in doc.flags:
        party = flagged_party(f)
        records = join((e.record for e in f.evidence), "\n")
        reviewed = reviewed_text(f.reviewed, lang)
        rows.add(
            [
                cell(ws, f.title or t(f"rule.{f.rule}.title", lang)),
                cell(ws, f.message or "", alignment=st.wrap),
                level_cell(ws, f.severity, lang),
                cell(ws, party_label(party, names) if party else ""),
                cell(ws, "\n".join(x for x in (records, reviewed) if x), alignment=st.wrap),
                cell(ws, f.rule or ""),
            ]
        )
