"""Rich tables of several bids: the overview after ``scrisk assess`` of many inputs,
and the ranking of ``scrisk compare`` (best first, with why)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scrisk.assessment.document import AssessmentDocument
from scrisk.i18n import t
from scrisk.report.terminal.style import level_text, number
from scrisk.textsafe import inert
from scrisk.vocab import SEVERITIES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def render_overview(
    docs: Sequence[AssessmentDocument],
    files: Sequence[str],
    console: Console,
    *,
    lang: str = "en",
) -> None:
    """One line per assessed bid, in input order (printed after several bids)."""
    table = Table(
        title=t("term.overview.title", lang),
        title_justify="left",
        expand=True,
        caption=t("term.col.flags_caption", lang),
        caption_justify="left",
    )
    table.add_column(t("term.col.file", lang), overflow="fold", ratio=3)
    table.add_column(t("term.col.bidder", lang), overflow="fold", ratio=4)
    table.add_column(t("term.col.risk", lang), no_wrap=True)
    table.add_column(t("term.col.score", lang), justify="right", no_wrap=True)
    table.add_column(t("term.col.flags_chm", lang), justify="right", no_wrap=True)
    for doc, file in zip(docs, files, strict=True):
        counts = doc.summary.flags_by_severity
        bidder = doc.bidder
        table.add_row(
            Text(inert(file)),
            Text(inert(bidder.name or bidder.id or "?")),
            level_text(doc.risk_level, lang),
            Text(number(doc.score, lang)),
            Text("/".join(str(counts.get(s, 0)) for s in SEVERITIES[:3])),
        )
    console.print(table)


def render_comparison(
    frame: pd.DataFrame, console: Console, *, lang: str = "en", warn: bool = True
) -> None:
    """Print a ranking from :func:`scrisk.assessment.compare`, best first, with why.

    With ``warn``, bids for different solicitations get a warning line above the table.
    """

    ids = sorted({str(s) for s in frame["solicitation"]}) if len(frame) else []
    if warn and len(ids) > 1:
        console.print(
            Text(
                t("term.compare.other_solicitation", lang, ids=inert(", ".join(ids))),
                style="bold yellow",
            )
        )
    levels = [t(f"severity.{lv}", lang) for lv in SEVERITIES] + [t("level.unknown", lang)]
    table = Table(
        title=t("term.compare.title", lang),
        title_justify="left",
        expand=True,
        caption=t("term.col.flags_caption", lang),
        caption_justify="left",
    )
    table.add_column(
        t("term.col.rank", lang),
        justify="right",
        no_wrap=True,
        min_width=len(t("term.col.rank", lang)),
    )
    table.add_column(
        t("term.col.bidder", lang),
        overflow="fold",
        ratio=4,
        min_width=len(t("term.col.bidder", lang)),
    )
    table.add_column(
        t("term.col.risk", lang), no_wrap=True, min_width=max(len(lv) for lv in levels)
    )
    table.add_column(t("term.col.score", lang), justify="right", no_wrap=True)
    table.add_column(t("term.col.flags_chm", lang), justify="right", no_wrap=True)
    table.add_column(t("term.col.why", lang), overflow="fold", ratio=6)
    for row in frame.to_dict("records"):
        # declared text inert: no escape sequence from a bidder's name reaches the terminal
        bidder = Text(inert(row.get("bidder_name") or row.get("bidder") or "?"), style="bold")
        bidder.append(f" ({inert(row.get('bidder'))})", style="dim")
        if row.get("source"):
            bidder.append("\n" + inert(row["source"]), style="dim")
        table.add_row(
            Text(str(row.get("rank"))),
            bidder,
            level_text(row.get("risk_level"), lang),
            Text(number(row.get("score"), lang)),
            Text("/".join(str(int(row.get(s) or 0)) for s in SEVERITIES[:3])),
            Text(inert(row.get("why") or "")),
        )
    console.print(table)
    console.print(Text(t("disclaimer.assessment", lang), style="italic"))


__all__ = ["render_comparison", "render_overview"]
