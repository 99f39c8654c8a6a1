"""The flags of the terminal report (--details): by severity, each with its evidence.

Past ``max_flags`` per severity and ``max_evidence`` per flag the rest are counted,
not shown (the JSON and the workbook hold them all).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scrisk.assessment.document import AssessmentDocument, EvidenceDoc, FlagDoc, GoodDoc, PartyDoc
from scrisk.i18n import dataset_name, edition_name, source_name, t
from scrisk.report.terminal.style import (
    ARROW,
    LEVEL_STYLE,
    level_text,
    number,
    party_label,
)
from scrisk.vocab import SEVERITIES


def _evidence_line(ev: EvidenceDoc, lang: str, names: Mapping[str, str]) -> RenderableType:
    """``• source (edition) · record R · score S · via P``, wrapped under its bullet;
    ``names``: a dataset's title -> its name in ``lang``."""
    source = str(ev.source or "?")
    line = Text(names.get(source) or source_name(source, lang))
    if ev.edition:
        line.append(f" ({edition_name(str(ev.edition), lang)})", style="dim")
    if ev.record:
        line.append(" · " + t("term.flag.record", lang, record=ev.record))
    if isinstance(ev.score, int | float):
        line.append(" · " + t("term.flag.score", lang, score=number(ev.score, lang)))
    via = ev.about.party
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
    names: Mapping[str, str],
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
        lines.append(Padding(_evidence_line(ev, lang, names), (0, 0, 0, 2)))
    if not evidence:
        lines.append(Padding(Text(t("term.flag.no_evidence", lang), "dim"), (0, 0, 0, 2)))
    if len(evidence) > max_evidence:
        more = t("term.flag.more_evidence", lang, count=len(evidence) - max_evidence)
        lines.append(Padding(Text(more, "dim"), (0, 0, 0, 2)))
    review = flag.review
    if review is not None and review.decision:
        decision = t(f"term.decision.{review.decision}", lang)
        lines.append(
            Text(
                t(
                    "term.flag.reviewed",
                    lang,
                    decision=decision,
                    reviewer=review.reviewer or "?",
                    date=review.date or "?",
                ),
                style="italic",
            )
        )
    return Padding(Group(*lines), (0, 0, 1, 2))


def flags(
    doc: AssessmentDocument, lang: str, max_flags: int, max_evidence: int
) -> list[RenderableType]:
    out: list[RenderableType] = [Rule(t("term.flags.title", lang), align="left")]
    flags = doc.flags
    if not flags:
        out.append(Text(t("term.flags.none", lang), style="green"))
        return out
    parties = {p.id: p for p in doc.parties}
    goods = {g.id: g for g in doc.solicitation.goods}
    names = {  # the datasets in the output's language
        d.source: dataset_name(d.id, d.source, lang) for d in doc.datasets if d.source
    }
    for sev in SEVERITIES:
        group = [f for f in flags if f.severity == sev]
        if not group:
            continue
        name = t(f"severity.{sev}", lang)
        heading = t(
            "term.flags.group", lang, severity=name[:1].upper() + name[1:], count=len(group)
        )
        out.append(Text(heading, style=LEVEL_STYLE[sev]))
        out.extend(
            _flag_block(f, parties, goods, lang, max_evidence, names) for f in group[:max_flags]
        )
        if len(group) > max_flags:
            out.append(
                Text(
                    t("term.flags.more", lang, count=len(group) - max_flags, severity=name),
                    style="dim",
                )
            )
    return out
