"""Rich terminal rendering of an assessment document and of a ranking of bids, in en/fr.

The renderer reads only the typed assessment document (``Assessment.document(lang)``,
docs/ARCHITECTURE.md), never the rules, so what the officer reads on screen is
what the JSON and the workbook say. Declared text (names, addresses, messages
quoting them) is always wrapped in :class:`rich.text.Text`, so a party named
``[bold]ACME`` is printed as written and never read as markup. Missing values
are shown as "unknown", never as low or zero.

    from rich.console import Console
    render_assessment(a.document("fr"), Console(), lang="fr")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scrisk.assessment.document import (
    AssessmentDocument,
    BidderDoc,
    EvidenceDoc,
    FlagDoc,
    GoodDoc,
    PartyDoc,
)
from scrisk.i18n import source_name, t, term, tn
from scrisk.report.terminal_ranking import render_comparison, render_overview
from scrisk.report.terminal_style import (
    ARROW,
    LEVEL_STYLE,
    SEVERITIES,
    inert_part,
    level_text,
    number,
    party_label,
    status_text,
)
from scrisk.report.terminal_verdict import decisions, steps, verdict
from scrisk.report.terminal_verdict import policy as policy_line
from scrisk.report.terminal_warnings import typed_warnings_text
from scrisk.textsafe import inert

WIDE = 160  # columns from which the full flag list is shown without --details


def _some(items: list[str], lang: str, *, sep: str = ", ", limit: int = 20) -> str:
    """The first ``limit`` items and a count of the rest (a header line stays readable)."""
    shown = sep.join(items[:limit])
    if len(items) > limit:
        shown += sep + t("term.and_more", lang, count=len(items) - limit)
    return shown


def _header(doc: AssessmentDocument, lang: str) -> RenderableType:
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
                "term.dates_value",
                lang,
                closing=inert(sol.closing_date or "?"),
                as_of=inert(doc.as_of or "?"),
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
                style=LEVEL_STYLE["unknown"],
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


def _clauses(doc: AssessmentDocument, lang: str, *, details: bool) -> RenderableType:
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


def _goods(doc: AssessmentDocument, lang: str) -> RenderableType:
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


def _evidence_line(ev: EvidenceDoc, lang: str) -> RenderableType:
    """``• source (edition) · record R · score S · via P``, wrapped under its bullet."""
    line = Text(source_name(str(ev.source or "?"), lang))
    if ev.edition:
        line.append(f" ({ev.edition})", style="dim")
    if ev.record:
        line.append(" · " + t("term.flag.record", lang, record=ev.record))
    if isinstance(ev.score, int | float):
        line.append(" · " + t("term.flag.score", lang, score=number(ev.score, lang)))
    detail = ev.detail
    via = detail.get("party") if isinstance(detail, Mapping) else None
    if via:
        line.append(" · " + t("term.flag.via", lang, party=via), style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    grid.add_row("•", line)
    return grid


def _flag_block(
    flag: FlagDoc,
    parties: Mapping[str, PartyDoc],
    goods: Mapping[str, GoodDoc],
    lang: str,
    max_evidence: int,
) -> RenderableType:
    rule = str(flag.rule or "?")
    head = Text(rule, style=LEVEL_STYLE.get(str(flag.severity), "bold"))
    head.append("  " + str(flag.title or t(f"rule.{rule}.title", lang)), style="bold")
    lines: list[RenderableType] = [head]
    about = Text()
    if flag.party:
        about.append(t("term.flag.party", lang) + " ", style="dim")
        party = parties.get(flag.party)
        about.append_text(party_label(party, str(flag.party), lang))
        if party is not None:
            about.append(" · ", style="dim")
            about.append_text(level_text(party.risk_level, lang))
    if flag.good:
        if about:
            about.append("  ")
        good = goods.get(flag.good)
        about.append(t("term.flag.good", lang) + " ", style="dim")
        about.append(str(flag.good), style="bold")
        if good is not None and good.description:
            about.append(" " + str(good.description))
    if about:
        lines.append(about)
    if flag.message:
        lines.append(Text(str(flag.message)))
    path = flag.path
    if len(path) > 1:
        lines.append(Text(t("term.flag.path", lang) + " " + ARROW.join(map(str, path)), "dim"))
    evidence = flag.evidence
    lines.append(Text(t("term.flag.evidence", lang), style="dim"))
    for ev in evidence[:max_evidence]:
        lines.append(Padding(_evidence_line(ev, lang), (0, 0, 0, 2)))
    if not evidence:
        lines.append(Padding(Text(t("term.flag.no_evidence", lang), "dim"), (0, 0, 0, 2)))
    if len(evidence) > max_evidence:
        more = t("term.flag.more_evidence", lang, count=len(evidence) - max_evidence)
        lines.append(Padding(Text(more, "dim"), (0, 0, 0, 2)))
    reviewed = flag.reviewed
    if isinstance(reviewed, Mapping) and reviewed.get("decision"):
        decision = t(f"term.decision.{reviewed['decision']}", lang)
        lines.append(
            Text(
                t(
                    "term.flag.reviewed",
                    lang,
                    decision=decision,
                    reviewer=reviewed.get("reviewer") or "?",
                    date=reviewed.get("date") or "?",
                ),
                style="italic",
            )
        )
    return Padding(Group(*lines), (0, 0, 1, 2))


def _flags(
    doc: AssessmentDocument, lang: str, max_flags: int, max_evidence: int
) -> list[RenderableType]:
    out: list[RenderableType] = [Rule(t("term.flags.title", lang), align="left")]
    flags = doc.flags
    if not flags:
        out.append(Text(t("term.flags.none", lang), style="green"))
        return out
    parties = {p.id: p for p in doc.parties}
    goods = {g.id: g for g in doc.solicitation.goods}
    for sev in SEVERITIES:
        group = [f for f in flags if f.severity == sev]
        if not group:
            continue
        name = t(f"severity.{sev}", lang)
        heading = t(
            "term.flags.group", lang, severity=name[:1].upper() + name[1:], count=len(group)
        )
        out.append(Text(heading, style=LEVEL_STYLE[sev]))
        out.extend(_flag_block(f, parties, goods, lang, max_evidence) for f in group[:max_flags])
        if len(group) > max_flags:
            out.append(
                Text(
                    t("term.flags.more", lang, count=len(group) - max_flags, severity=name),
                    style="dim",
                )
            )
    return out


def _paths(doc: AssessmentDocument, lang: str, top: int) -> RenderableType:
    """The riskiest paths merged into one tree rooted at the bidder."""
    parties = {p.id: p for p in doc.parties}
    bidder = str(doc.bidder.id or "?")

    def label(pid: str) -> Text:
        party = parties.get(pid)
        text = party_label(party, pid, lang)
        text.append("  ")
        text.append_text(level_text(party.risk_level if party else None, lang))
        score = number(party.score if party else None, lang)
        text.append(" " + t("term.paths.party_risk", lang, score=score), style="dim")
        return text

    title = Text(t("term.paths.title", lang), style="bold")
    paths = doc.paths
    if not paths:
        tree = Tree(title)
        tree.add(Text(t("term.paths.none", lang), style="green"))
        return tree
    tree = Tree(title, guide_style="dim")
    root = tree.add(label(bidder))
    nodes: dict[tuple[str, ...], Any] = {(bidder,): root}
    for p in paths[:top]:
        chain = [str(i) for i in reversed(p.path)]
        if not chain or chain[0] != bidder:
            continue
        for depth in range(2, len(chain) + 1):
            key = tuple(chain[:depth])
            if key not in nodes:
                nodes[key] = nodes[key[:-1]].add(label(key[-1]))
    if len(paths) > top:
        tree.add(Text(t("term.paths.more", lang, count=len(paths) - top), style="dim"))
    return tree


def _short_title(title: str) -> str:
    """A dataset title up to its first parenthesis or colon, to keep the footer short."""
    for mark in (" (", ": "):
        if mark in title:
            title = title.split(mark, 1)[0]
    return title


def _footer(doc: AssessmentDocument, lang: str) -> Text:
    sources = "; ".join(  # a dataset's provenance block, as the reference data gives it
        f"{_short_title(str(d.get('source') or d.get('id')))} ({d.get('edition') or '?'})"
        for d in doc.data
    )
    return Text(t("term.data", lang, sources=sources or t("term.none", lang)), style="dim")


def _data_count(doc: AssessmentDocument, lang: str) -> Text:
    return Text(tn("term.data_count", len(doc.data), lang), style="dim")


def render_assessment(
    document: AssessmentDocument | Mapping[str, Any],
    console: Console,
    *,
    lang: str = "en",
    top_paths: int = 5,
    max_flags: int = 25,
    max_evidence: int = 4,
    details: bool | None = None,
    policy: str | None = None,
) -> None:
    """Print one assessment document, verdict first.

    Default (fits a screen): the verdict in plain words, the facts, the clause
    matrix, the next steps, decisions applied, the policy when not the default,
    the riskiest paths, a count of the data sources, the data warnings and the
    disclaimer. With ``details`` (or on
    a terminal at least ``WIDE`` columns wide when ``details`` is None) also the
    goods, every flag with its evidence, and the sources by name. Flags past
    ``max_flags`` per severity and evidence past ``max_evidence`` per flag are
    counted, not shown (the JSON and workbook hold them all). Declared text is
    printed inert: no escape sequence or markup in a name reaches the terminal.
    ``document`` is ``Assessment.document(lang)``, or its dict (a saved JSON), read
    back into the typed document.
    """
    if details is None:
        details = console.width >= WIDE
    typed: AssessmentDocument = (
        document
        if isinstance(document, AssessmentDocument)
        else AssessmentDocument.from_dict(document)
    )
    doc = inert_part(typed)
    console.print(verdict(doc, lang))
    console.print(_header(doc, lang))
    used = policy_line(doc, lang, policy)
    if used is not None:
        console.print(used)
    console.print(_clauses(doc, lang, details=details))
    advice = steps(doc, lang)
    if advice is not None:
        console.print(advice)
    applied = decisions(doc, lang)
    if applied is not None:
        console.print(applied)
    if details:
        console.print(_goods(doc, lang))
        for part in _flags(doc, lang, max_flags, max_evidence):
            console.print(part)
    console.print(_paths(doc, lang, top_paths))
    if details:
        console.print(_footer(doc, lang))
    else:
        line = _data_count(doc, lang)
        if doc.flags:
            line.append(" " + tn("term.details_hint", len(doc.flags), lang))
        console.print(line)
    # the short report counts the datasets of a warning past two; --details names them
    if (warned := typed_warnings_text(doc, lang, limit=None if details else 2)) is not None:
        console.print(warned)
    console.print(Text(str(doc.disclaimer or t("disclaimer.assessment", lang)), style="italic"))


__all__ = ["render_assessment", "render_comparison", "render_overview"]
