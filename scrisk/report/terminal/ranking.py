"""Rich tables of several bids: the overview after ``scrisk assess`` of many inputs,
and the ranking of ``scrisk compare`` (best first, with why)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, SupportsInt

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


@dataclass(frozen=True, slots=True)
class RankingLine:
    """One row of the ranking frame (:func:`scrisk.compare`), read by its columns; the
    values as pandas holds them (text, numbers, None or NaN when missing)."""

    counts: tuple[object, ...]  # flags by severity: critical, high, medium
    rank: object = None
    bidder: object = None
    bidder_name: object = None
    solicitation: object = None
    source: object = None
    risk_level: object = None
    score: object = None
    why: object = None

    @classmethod
    def of(cls, record: Mapping[Hashable, object]) -> RankingLine:
        """The line of one record of the frame (``frame.to_dict("records")``)."""
        counts = tuple(record.get(s) for s in SEVERITIES[:3])
        return cls(counts, **{f.name: record.get(f.name) for f in fields(cls)[1:]})


def render_comparison(
    frame: pd.DataFrame, console: Console, *, lang: str = "en", warn: bool = True
) -> None:
    """Print a ranking from :func:`scrisk.assessment.compare`, best first, with why.

    With ``warn``, bids for different solicitations get a warning line above the table.
    """

    lines = [RankingLine.of(r) for r in frame.to_dict("records")]
    ids = sorted({str(line.solicitation) for line in lines})
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
    for line in lines:
        # declared text inert: no escape sequence from a bidder's name reaches the terminal
        bidder = Text(inert(line.bidder_name or line.bidder or "?"), style="bold")
        bidder.append(f" ({inert(line.bidder)})", style="dim")
        if line.source:
            bidder.append("\n" + inert(line.source), style="dim")
        level = line.risk_level
        table.add_row(
            Text(str(line.rank)),
            bidder,
            level_text(level if isinstance(level, str) else None, lang),
            Text(number(line.score, lang)),
            Text("/".join(str(_count(c)) for c in line.counts)),
            Text(inert(line.why or "")),
        )
    console.print(table)
    console.print(Text(t("disclaimer.assessment", lang), style="italic"))


def _count(value: object) -> int:
    """A count of the frame (a number; missing counts none)."""
    return int(value) if isinstance(value, SupportsInt) and value else 0


__all__ = ["RankingLine", "render_comparison", "render_overview"]
