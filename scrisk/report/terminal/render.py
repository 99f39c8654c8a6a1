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

from rich.console import Console, RenderableType
from rich.text import Text
from rich.tree import Tree

from scrisk.assessment.document import AssessmentDocument
from scrisk.i18n import dataset_name, edition_name, t, tn
from scrisk.jsontypes import JsonObject
from scrisk.report.terminal.data_warnings import typed_warnings_text
from scrisk.report.terminal.facts import clauses, goods, header
from scrisk.report.terminal.flags import flags
from scrisk.report.terminal.ranking import render_comparison, render_overview
from scrisk.report.terminal.style import inert_part, level_text, number, party_label
from scrisk.report.terminal.verdict import decisions, steps, verdict
from scrisk.report.terminal.verdict import policy as policy_line

WIDE = 160  # columns from which the full flag list is shown without --details


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
    nodes: dict[tuple[str, ...], Tree] = {(bidder,): root}
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
    return title.rstrip()  # a French title leaves its no-break space before the colon


def _footer(doc: AssessmentDocument, lang: str) -> Text:
    sources = "; ".join(  # a dataset's provenance block, as the reference data gives it
        f"{_short_title(dataset_name(d.id, d.source or d.id, lang))}"
        f" ({edition_name(d.edition or '?', lang)})"
        for d in doc.datasets
    )
    return Text(t("term.data", lang, sources=sources or t("term.none", lang)), style="dim")


def _data_count(doc: AssessmentDocument, lang: str) -> Text:
    return Text(tn("term.data_count", len(doc.data), lang), style="dim")


def render_assessment(
    document: AssessmentDocument | JsonObject,
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
    console.print(header(doc, lang))
    used = policy_line(doc, lang, policy)
    if used is not None:
        console.print(used)
    console.print(clauses(doc, lang, details=details))
    advice = steps(doc, lang)
    if advice is not None:
        console.print(advice)
    applied = decisions(doc, lang)
    if applied is not None:
        console.print(applied)
    if details:
        console.print(goods(doc, lang))
        for part in flags(doc, lang, max_flags, max_evidence):
            console.print(part)
    console.print(_paths(doc, lang, top_paths))
    if details:
        console.print(_footer(doc, lang))
        if (warned := typed_warnings_text(doc, lang)) is not None:
            console.print(warned)
    else:
        # the data's warnings, titled with the count of datasets (the short report counts
        # the datasets of a warning past two; --details names them), then where the flags are
        title = tn("term.data_warnings", len(doc.data), lang)
        if (warned := typed_warnings_text(doc, lang, limit=2, title=title)) is not None:
            console.print(warned)
        else:
            console.print(_data_count(doc, lang))
        if doc.flags:
            console.print(Text(tn("term.details_hint", len(doc.flags), lang), style="dim"))
    console.print(Text(str(doc.disclaimer or t("disclaimer.assessment", lang)), style="italic"))


__all__ = ["render_assessment", "render_comparison", "render_overview"]
