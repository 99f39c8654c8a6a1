"""The supply-chain picture drawn with matplotlib, and its SVG or PNG bytes.

Fixed font (DejaVu Sans, shipped with matplotlib), fixed SVG hash salt, no dates
in the metadata: same document, same bytes (scrisk.report.picture.chain).
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from scrisk.assessment.document import PartyDoc, document_of
from scrisk.i18n import t
from scrisk.report.picture.layout import COLOURS, LEVELS, MAX_DRAWN, Doc, layout, level_of
from scrisk.textsafe import inert
from scrisk.vocab import Severity

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

NAME_CHARS = 20  # a line of a box's label
NAME_LINES = 3  # a declared name wraps over at most this many lines (about 60 characters)
_RC: dict[RcKeyType, str | float | bool] = {  # same drawing, same bytes
    "svg.hashsalt": "scrisk",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "path.simplify": False,
}


def _short(text: str, limit: int = NAME_CHARS) -> str:
    """Declared text for a label: inert (no control character reaches the drawing or a
    warning on the terminal), on one line, cut at ``limit``."""
    text = " ".join(inert(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _name_lines(text: str) -> str:
    """A declared name wrapped at word boundaries over at most ``NAME_LINES`` lines of
    ``NAME_CHARS``: readable whole where it fits, cut only past that."""
    text = " ".join(inert(text).split())
    lines = textwrap.wrap(text, NAME_CHARS, break_long_words=True, break_on_hyphens=False)
    if len(lines) > NAME_LINES:
        lines = lines[:NAME_LINES]
        lines[-1] = _short(lines[-1] + " \u2026", NAME_CHARS)
        if not lines[-1].endswith("\u2026"):
            lines[-1] = lines[-1][: NAME_CHARS - 1].rstrip() + "\u2026"
    return "\n".join(lines)


def _label(pid: str, party: PartyDoc | None) -> str:
    country = (party.country or party.country_declared if party is not None else None) or "?"
    name = _name_lines(str((party.name if party is not None else None) or ""))
    return "\n".join(x for x in (_short(pid, 16), name, _short(str(country), 16)) if x)


def figure(document: Doc, *, lang: str = "en", limit: int = MAX_DRAWN) -> Figure:
    """A matplotlib Figure of the chain (no pyplot, no global state)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

    doc = document_of(document)
    lay = layout(doc, limit=limit)
    parties = {str(p.id): p for p in doc.parties}
    rows = max((len(ids) for ids in lay.columns.values()), default=1)
    first = 0 if lay.unreachable else 1
    n_shown = lay.n_columns - first
    pitch, top, bottom = 0.9, 0.75, 0.75  # inches: one row, title band, legend band
    # 1.45 inches a tier: a five-tier chain still fits a portrait page at a legible size
    width = max(6.0, 1.45 * n_shown + 0.4)
    sol, bidder = doc.solicitation, doc.bidder
    # the title wrapped to the picture's width (about 11 bold characters of 10 pt an inch)
    title = "\n".join(
        textwrap.wrap(
            t(
                "picture.title",
                lang,
                solicitation=inert(sol.id or "?"),
                bidder=inert(bidder.name or bidder.id or "?"),
            ),
            int(width * 11),
        )
    )
    top += 0.18 * title.count("\n")
    height = (rows + 0.4) * pitch + top + bottom
    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_axes((0.01, bottom / height, 0.98, (rows + 0.4) * pitch / height))
    ax.set_axis_off()
    box_w, box_h = 0.86, 0.86
    half = rows / 2 + 0.2
    ax.set_xlim(first - 0.55, lay.n_columns - 0.45)
    ax.set_ylim(-half, half)
    # column headings: tiers, and the column of parties not linked to the bidder
    max_tier = lay.n_columns - 2
    for column in range(lay.n_columns):
        if column == 0:
            if not lay.unreachable:
                continue
            heading = t("picture.unreachable", lang)
        else:
            tier = max_tier - column + 1
            heading = t("picture.bidder", lang) if tier == 0 else t("picture.tier", lang, tier=tier)
        ax.text(
            column,
            half,
            heading,
            ha="center",
            va="bottom",
            fontsize=8.5,
            color="#404040",
            fontweight="bold",
        )
    for a, b in lay.edges:
        (x1, y1), (x2, y2) = lay.pos[a], lay.pos[b]
        severity = lay.hot.get((a, b))
        backward = x2 <= x1
        start = (x1 + box_w / 2, y1) if not backward else (x1, y1 - box_h / 2)
        end = (x2 - box_w / 2, y2) if not backward else (x2, y2 - box_h / 2)
        arrow = FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=9,
            connectionstyle="arc3,rad=0.0" if not backward else "arc3,rad=0.5",
            color=COLOURS[severity][0] if severity else "#8C8C8C",
            linewidth=2.6 if severity else 0.8,
            linestyle="--" if (a, b) in lay.cyclic else "-",
            zorder=3 if severity else 1,
        )
        ax.add_patch(arrow)
    for pid, (x, y) in lay.pos.items():
        party = parties.get(pid)
        level = level_of(party)
        fill, ink = COLOURS[level]
        box = FancyBboxPatch(
            (x - box_w / 2, y - box_h / 2),
            box_w,
            box_h,
            boxstyle="round,pad=0.0,rounding_size=0.06",
            facecolor=fill,
            edgecolor="#7030A0" if pid in lay.unreachable else "#404040",
            linewidth=1.6 if pid in lay.unreachable else 0.7,
            linestyle="--" if pid in lay.unreachable else "-",
            hatch="///" if level == "unknown" else None,
            zorder=4,
        )
        ax.add_patch(box)
        # on a hatched (unknown) box the label sits on a plain band, so it stays legible
        band = {"facecolor": fill, "edgecolor": "none", "pad": 1.0} if level == "unknown" else None
        ax.text(
            x,
            y,
            _label(pid, party),
            ha="center",
            va="center",
            fontsize=7,
            color=ink,
            zorder=5,
            linespacing=1.1,
            bbox=band,
            parse_math=False,
        )  # a "$" in a declared name is a dollar sign
    fig.text(
        0.01,
        1 - 0.12 / height,
        title,
        ha="left",
        va="top",
        fontsize=10,
        fontweight="bold",
        parse_math=False,
    )
    handles: list[Artist] = [
        Patch(
            facecolor=COLOURS[lv][0],
            edgecolor="#404040",
            hatch="///" if lv == "unknown" else None,
            label=_level_name(lv, lang),
        )
        for lv in LEVELS
    ]
    handles.append(
        Line2D(
            [],
            [],
            color=COLOURS[Severity.CRITICAL][0],
            linewidth=2.6,
            label=t("picture.legend.flagged", lang),
        )
    )
    handles.append(
        Line2D([], [], color="#8C8C8C", linewidth=0.8, label=t("picture.legend.supplies", lang))
    )
    if lay.cyclic:
        handles.append(
            Line2D(
                [],
                [],
                color="#8C8C8C",
                linewidth=0.8,
                linestyle="--",
                label=t("picture.legend.cycle", lang),
            )
        )
    if lay.unreachable:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="#7030A0",
                linestyle="--",
                label=t("picture.legend.unreachable", lang),
            )
        )
    fig.legend(
        handles=handles,
        loc="lower left",
        ncol=min(len(handles), 5),
        fontsize=7,
        frameon=False,
        bbox_to_anchor=(0.01, 0.0),
    )
    if lay.left_out:
        counts = ", ".join(
            f"{lay.left_out[lv]}\u00a0{_level_name(lv, lang)}" for lv in LEVELS if lay.left_out[lv]
        )
        fig.text(
            0.99,
            0.35 / height,
            t("picture.left_out", lang, count=sum(lay.left_out.values()), levels=counts),
            ha="right",
            va="bottom",
            fontsize=8,
            color="#404040",
        )
    return fig


def _level_name(level: str, lang: str) -> str:
    return t("level.unknown", lang) if level == "unknown" else t(f"severity.{level}", lang)


def render(
    doc: Doc, fmt: str, *, lang: str = "en", limit: int = MAX_DRAWN, dpi: int = 110
) -> bytes:
    """The picture as ``svg`` or ``png`` bytes (deterministic)."""
    import warnings

    import matplotlib

    if fmt not in ("svg", "png"):
        raise ValueError(f"picture format must be svg or png, not {fmt!r}")
    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        # a declared name in a script the font lacks is drawn as boxes, not a terminal warning
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        fig = figure(doc, lang=lang, limit=limit)
        buffer = io.BytesIO()
        metadata: dict[str, str | None] = (
            {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        )
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()
