"""The facts of the terminal report: the header, the clause matrix and the goods table.

Names, titles and notes are printed inert (scrisk.report.terminal.render); a count stands
for what a header line has no room for.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scrisk.assessment.document import AssessmentDocument, BidderDoc, PartyDoc
from scrisk.i18n import t, term, tn
from scrisk.report.terminal.style import (
    ARROW,
    LEVEL_STYLE,
    level_text,
    number,
    party_label,
    status_text,
)
from scrisk.textsafe import inert
from scrisk.vocab import SEVERITIES, UNKNOWN_LEVEL


def _some(items: list[str], lang: str, *, sep: str = ", ", limit: int = 20) -> str:
    """The first ``limit`` items and a count of the rest (a header line stays readable)."""
    shown = sep.join(items[:limit])
    if len(items) > limit:
        shown += sep + t("term.and_more", lang, count=len(items) - limit)
    return shown


def header(doc: AssessmentDocument, lang: str) -> RenderableType:
    sol, bidder, summary = doc.solicitation, doc.bidder, doc.summary
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    sol_text = Text(inert(sol.id or "?"), style="bold")
    if sol.title:
        sol_text.append(" " + inert(sol.title))
    grid.add_row(t("term.solicitation", lang), sol_text)
    if sol.category:
        grid.add_row(t("term.category", lang), Text(t(f"category.{sol.category}", lang)))
    bidder_party: PartyDoc | BidderDoc = next((p for p in doc.parties if p.id == bidder.id), bidder)
    grid.add_row(t("term.bidder", lang), party_label(bidder_party, str(bidder.id or "?"), lang))
    grid.add_row(
        t("term.dates", lang),
        Text(
            t(
                # rules.md v3: the contract date shows where it is not the closing date
                "term.dates_value"
                if doc.contract_date in (None, sol.closing_date)
                else "term.dates_value_contract",
                lang,
                closing=inert(sol.closing_date or "?"),
                as_of=inert(doc.as_of or "?"),
                contract=inert(doc.contract_date or "?"),
            )
        ),
    )
    counts = summary.flags_by_severity
    flags = Text()
    for sev in SEVERITIES:
        if flags:
            flags.append(" · ")
        flags.append(f"{counts.get(sev, 0)}\u00a0", style="bold")
        flags.append(tn(f"term.count.{sev}", int(counts.get(sev, 0)), lang), style=LEVEL_STYLE[sev])
    grid.add_row(t("term.flags", lang), flags)
    tier = summary.max_tier
    grid.add_row(
        t("term.chain", lang),
        Text(
            tn(
                "term.chain_value",
                int(summary.parties),
                lang,
                tier=tier if tier is not None else t("level.unknown", lang),
            )
        ),
    )
    unknown = [inert(p.id) for p in doc.parties if p.risk_level not in SEVERITIES]
    if unknown:
        grid.add_row(
            "",
            Text(
                t("term.unknown_parties", lang, ids=_some(unknown, lang)),
                style=LEVEL_STYLE[UNKNOWN_LEVEL],
            ),
        )
    graph = doc.graph
    if graph.unreachable:
        ids = _some([inert(i) for i in graph.unreachable], lang)
        grid.add_row("", Text(t("term.unreachable", lang, ids=ids), style="yellow"))
    if graph.cycles:
        cycles = _some([ARROW.join(inert(i) for i in c) for c in graph.cycles], lang, sep="; ")
        grid.add_row("", Text(t("term.cycles", lang, cycles=cycles), style="yellow"))
    # a titled rule above the facts, not a box: two lines fewer on a small screen
    colour = LEVEL_STYLE.get(str(doc.risk_level), "magenta").split()[-1]
    return Group(Rule(Text(t("term.title", lang), style="bold"), align="left", style=colour), grid)


def _behind(key: str, lang: str) -> str:
    """A clause's ``RULE:party:good`` reference as the rule's title and whom it is about."""
    rule, *about = key.split(":")
    title = t(f"rule.{rule}.title", lang)
    who = [a for a in about if a and a != "None"]
    return f"{title} ({', '.join(who)})" if who else title


def clauses(doc: AssessmentDocument, lang: str, *, details: bool) -> RenderableType:
    table = Table(
        title=t("term.clauses.title", lang),
        title_justify="left",
        expand=True,
        show_edge=False,
        show_header=details,
    )  # two columns say what they are
    table.add_column(t("term.col.clause", lang), overflow="fold", ratio=3)
    table.add_column(t("term.col.status", lang), no_wrap=True)
    if details:  # the short report: the status here, what to do under Next steps
        table.add_column(t("term.col.behind", lang), overflow="fold", ratio=3)
        table.add_column(t("term.col.note", lang), overflow="fold", ratio=5)
    for c in doc.clauses:
        clause = str(c.clause or "?")
        title = str(c.title or t(f"clause.{clause}", lang))  # the title, never the id
        row: list[RenderableType] = [Text(title), status_text(c.status, lang)]
        if details:
            row.append(Text("; ".join(_behind(str(f), lang) for f in c.flags) or "-"))
            row.append(Text(str(c.note or ""), style="dim"))
        table.add_row(*row)
    return table


def goods(doc: AssessmentDocument, lang: str) -> RenderableType:
    table = Table(title=t("term.goods.title", lang), title_justify="left", expand=True)
    table.add_column(t("term.col.good", lang), overflow="fold", ratio=5)
    table.add_column(t("term.col.makers", lang), overflow="fold", ratio=2)
    table.add_column(t("term.col.ilab", lang), overflow="fold", ratio=2)
    table.add_column(t("term.col.risk", lang), overflow="fold", ratio=2)
    for g in doc.solicitation.goods:
        label = Text(str(g.id), style="bold")
        label.append(" " + str(g.description or ""))
        if g.hs_code:
            label.append(f" (HS {g.hs_code})", style="dim")
        risk = level_text(g.risk_level, lang)
        risk.append(" " + number(g.score, lang))
        table.add_row(
            label,
            Text(", ".join(g.makers) or t("term.none", lang)),
            Text(", ".join(term("ilab_good", str(x), lang) for x in g.ilab_goods) or "-"),
            risk,
        )
    return table
