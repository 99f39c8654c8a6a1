"""The top of the terminal report: the verdict in plain words, next steps, decisions, policy.

An officer reads the first line and knows the answer: the risk level, the
score and the one or two findings that drive it. Below the clause matrix come
the next steps (the same advice as the workbook's Summary), the reviewer
decisions applied ("M1: not a match, A. Tremblay, 2026-11-30") and the policy
when it is not the default. Declared text is printed inert (no escape
sequence, no markup) through :func:`scrisk.textsafe.inert`.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from scrisk.assessment.document import AssessmentDocument, PartyDoc
from scrisk.i18n import t, tn
from scrisk.report.excel.summary_text import advice as advice_of
from scrisk.report.excel.summary_text import pending_reviews
from scrisk.report.terminal.style import LEVEL_STYLE, number, status_text
from scrisk.textsafe import inert
from scrisk.vocab import SEVERITIES, UNKNOWN_LEVEL, severity_rank


def who(party_id: str | None, parties: Mapping[str, PartyDoc]) -> str:
    """``Supermax Glove Manufacturing Sdn. Bhd. (M1)``, declared text made inert."""
    if not party_id:
        return ""
    party = parties.get(party_id)
    name = party.name if party is not None else None
    pid = inert(party_id)
    return f"{inert(name)} ({pid})" if name and name != party_id else pid


def reasons(doc: AssessmentDocument, lang: str, *, limit: int = 2) -> list[str]:
    """The worst flags, one per rule, as "title: party or good" (at most ``limit``)."""
    parties = {str(p.id): p for p in doc.parties}
    goods = {str(g.id): g for g in doc.solicitation.goods}
    flags = sorted(
        (f for f in doc.flags if f.severity in SEVERITIES[:3]),
        key=lambda f: (severity_rank(f.severity, 9), str(f.rule), str(f.party)),
    )
    out: list[str] = []
    seen: set[str] = set()
    for f in flags:
        rule = str(f.rule)
        if rule in seen:
            continue
        seen.add(rule)
        title = str(f.title or t(f"rule.{rule}.title", lang))
        if f.party:
            about = who(str(f.party), parties)
        elif f.good:
            good = goods.get(str(f.good))
            description = good.description if good is not None else None
            about = f"{inert(description or '')} ({inert(f.good)})".strip()
        else:
            about = ""
        out.append(t("term.verdict.reason", lang, title=title, about=about) if about else title)
        if len(out) == limit:
            break
    return out


def verdict(doc: AssessmentDocument, lang: str) -> Text:
    """One line: "Critical risk, score 92.3 out of 100: <reason>; <reason>"."""
    level = doc.risk_level
    name = t(f"severity.{level}", lang) if level in SEVERITIES else t("level.unknown", lang)
    why = reasons(doc, lang)
    head = t("term.verdict.level", lang, level=name, score=number(doc.score, lang))
    text = Text(
        head[:1].upper() + head[1:],
        style=LEVEL_STYLE.get(str(level), LEVEL_STYLE[UNKNOWN_LEVEL]),
    )
    text.append(
        t("term.verdict.because", lang, reasons="; ".join(why))
        if why
        else t("term.verdict.no_flags", lang)
    )
    return text


def steps(doc: AssessmentDocument, lang: str) -> RenderableType | None:
    """What to do next: the Summary sheet's advice, one numbered line each."""
    advice = advice_of(doc, lang, t("excel.sheet.review", lang))
    pending = pending_reviews(doc)
    if not advice and not pending:
        return None
    table = Table(
        title=t("term.next.title", lang),
        title_justify="left",
        expand=True,
        show_header=False,
        box=None,
        padding=(0, 1),
    )
    # the status opens the step's text (not a column of its own): the text keeps the width
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold", ratio=1)
    n = 0
    for step in advice:
        text = step.text
        if pending and step.rule == "WATCHLIST":  # the matches to answer, and how, in one step
            text = tn("term.next.review", pending, lang, parties=step.parties)
            pending = 0
        n += 1
        table.add_row(f"{n}.", Text.assemble(status_text(step.status, lang), " ", inert(text)))
    if pending:
        n += 1
        table.add_row(f"{n}.", Text(tn("term.next.pending", pending, lang)))
    return table


def decisions(doc: AssessmentDocument, lang: str) -> RenderableType | None:
    """Reviewer decisions applied: "M1: not a match, A. Tremblay, 2026-11-30"."""
    applied = doc.decisions
    if not applied:
        return None
    parties = {str(p.id): p for p in doc.parties}
    lines: list[RenderableType] = [Text(t("term.decisions.title", lang), style="bold")]
    for d in applied:
        decision = t(f"term.decision.{d.decision}", lang) if d.decision else "?"
        line = Text(
            "  "
            + t(
                "term.decisions.line",
                lang,
                party=who(str(d.party), parties),
                decision=decision,
                reviewer=inert(d.reviewer or "?"),
                date=inert(d.date or "?"),
            )
        )
        if d.entry_id:
            line.append(" · " + inert(d.entry_id), style="dim")
        lines.append(line)
    return Group(*lines)


def policy(doc: AssessmentDocument, lang: str, path: str | None) -> Text | None:
    """The policy used, when it is not the default (a file, or overrides in the provenance)."""
    overrides = doc.provenance.policy_overrides if doc.provenance is not None else {}
    if not path and not overrides:
        return None
    parts = []
    if path:
        parts.append(inert(path))
    if overrides:
        parts.append(", ".join(f"{inert(k)} = {inert(v)}" for k, v in sorted(overrides.items())))
    return Text(t("term.policy.custom", lang, policy="; ".join(parts)), style="bold yellow")


__all__ = ["decisions", "policy", "reasons", "steps", "verdict", "who"]
