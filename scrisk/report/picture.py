"""The supply chain as a picture: sources on the left, the bidder on the right.

Reviewers and managers would rather look at the chain than read paths: who
supplies whom, at which tier, in which country, where the risk enters. The
picture is drawn from the assessment document alone (``parties`` with their
``supplies_to``, ``tier``, ``risk_level``; the flags' paths; ``graph`` cycles
and unreachable parties), like every other renderer.

- one column per tier, the bidder at the far right, parties not linked to the
  bidder in their own column at the far left;
- each party a box labelled id, short name and country, filled with its risk
  level colour (the workbook's colours); **unknown** is grey and hatched, so it
  never reads as low;
- edges on a flagged path drawn thick in the flag's severity colour, edges in a
  cycle dashed;
- past ``MAX_DRAWN`` parties the picture is summarised: the parties on flagged
  and riskiest paths are drawn (up to the limit) and the rest counted by level.

matplotlib (pure pip wheels, no system graphviz) draws it; output is
deterministic: fixed font (DejaVu Sans, shipped with matplotlib), fixed SVG
hash salt, no dates in the metadata. Same document, same bytes.

    write_graph(a.document("en"), "chain.svg")    # or .png, .graphml, .gexf
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrisk.assessment.document import AssessmentDocument, FlagDoc, PartyDoc, document_of
from scrisk.i18n import t
from scrisk.textsafe import inert
from scrisk.vocab import Severity, values

MAX_DRAWN = 40  # a chain this small is drawn whole
SUMMARY_DRAWN = 20  # a bigger one: the riskiest paths, up to this many parties
NAME_CHARS = 24
FORMATS = (".svg", ".png", ".graphml", ".gexf")
# fill, text colour: the workbook's level colours (excel_cells.LEVEL_COLOURS)
COLOURS = {
    "critical": ("#C00000", "#FFFFFF"),
    "high": ("#F8696B", "#000000"),
    "medium": ("#FFD966", "#000000"),
    "low": ("#A9D08E", "#000000"),
    "info": ("#D9E1F2", "#000000"),
    "unknown": ("#D9D9D9", "#000000"),
}
LEVELS = ("critical", "high", "medium", "low", "unknown")
_RANK = {lv: i for i, lv in enumerate(values(Severity))}
_RC: Any = {  # matplotlib types rc keys as a Literal of every setting
    "svg.hashsalt": "scrisk",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "path.simplify": False,
}


@dataclass
class Layout:
    """What is drawn: party positions, edges and what was left out."""

    pos: dict[str, tuple[float, float]] = field(default_factory=dict)
    columns: dict[int, list[str]] = field(default_factory=dict)  # x -> party ids
    edges: list[tuple[str, str]] = field(default_factory=list)
    hot: dict[tuple[str, str], str] = field(default_factory=dict)  # edge -> severity
    cyclic: set[tuple[str, str]] = field(default_factory=set)
    unreachable: set[str] = field(default_factory=set)
    left_out: Counter[str] = field(default_factory=Counter)  # level -> parties not drawn
    n_columns: int = 1


Doc = AssessmentDocument | Mapping[str, Any]  # typed, or its dict (a saved JSON)


def _level(party: PartyDoc | None) -> str:
    level = party.risk_level if party is not None else None
    return level if level in COLOURS and level != "info" else "unknown"


def flagged_edges(document: Doc) -> dict[tuple[str, str], str]:
    """Every edge on a flag's path, with the worst severity of the flags through it."""
    hot: dict[tuple[str, str], str] = {}
    for flag in document_of(document).flags:
        severity = flag.severity
        if severity not in _RANK or severity == "info":
            continue
        path = [str(p) for p in flag.path]
        for edge in zip(path, path[1:], strict=False):
            if edge not in hot or _RANK[severity] < _RANK[hot[edge]]:
                hot[edge] = severity
    return hot


def _chosen(doc: AssessmentDocument, parties: dict[str, PartyDoc], limit: int) -> list[str]:
    """The parties drawn: all of them, or (past ``limit``) the riskiest paths first."""
    if len(parties) <= limit:
        return list(parties)
    limit = min(limit, SUMMARY_DRAWN)
    bidder = str(doc.bidder.id or "")
    keep: dict[str, None] = {bidder: None} if bidder in parties else {}

    def risk(f: FlagDoc) -> tuple[int, int, float]:
        party = parties.get(str(f.party))
        score = party.score if party is not None else None
        level = party.risk_level if party is not None else None
        return (
            _RANK.get(str(f.severity), 9),
            _RANK.get(str(level), 9),
            -float(score) if isinstance(score, int | float) else 0.0,
        )

    ranked_flags = sorted(doc.flags, key=risk)
    chains: list[tuple[str, ...]] = [f.path for f in ranked_flags if f.severity != "info"]
    chains += [p.path for p in doc.paths]
    for chain in chains:
        ids = [str(i) for i in chain if str(i) in parties]
        if len(keep) + len([i for i in ids if i not in keep]) > limit:
            continue
        keep.update(dict.fromkeys(ids))
    return list(keep)


def layout(document: Doc, *, limit: int = MAX_DRAWN) -> Layout:
    """Columns by tier (bidder right), rows ordered to keep suppliers beside whom they supply."""
    doc = document_of(document)
    parties = {str(p.id): p for p in doc.parties}
    out = Layout()
    drawn = _chosen(doc, parties, limit)
    drawn_set = set(drawn)
    out.left_out = Counter(_level(p) for pid, p in parties.items() if pid not in drawn_set)
    tiers = [p.tier for p in parties.values() if isinstance(p.tier, int)]
    max_tier = max(tiers, default=0)
    by_column: dict[int, list[str]] = {}
    for pid in drawn:
        tier = parties[pid].tier
        if isinstance(tier, int):
            column = max_tier - tier + 1
        else:
            column = 0
            out.unreachable.add(pid)
        by_column.setdefault(column, []).append(pid)
    out.n_columns = max_tier + 2
    # rows: bidder column first, then each column ordered by where its parties deliver
    y: dict[str, float] = {}
    for column in sorted(by_column, reverse=True):
        ids = by_column[column]

        def key(pid: str) -> tuple[float, str]:
            targets = [y[s] for s in map(str, parties[pid].supplies_to) if s in y]
            return (sum(targets) / len(targets) if targets else 1e9, pid)

        ids.sort(key=key)
        height = len(ids)
        for row, pid in enumerate(ids):
            y[pid] = -(row - (height - 1) / 2)
            out.pos[pid] = (float(column), y[pid])
        out.columns[column] = ids
    cycles = [[str(i) for i in c] for c in doc.graph.cycles]
    cyclic_nodes = [set(c) for c in cycles]
    hot = flagged_edges(doc)
    for pid in drawn:
        for target in map(str, parties[pid].supplies_to):
            if target not in drawn_set:
                continue
            edge = (pid, target)
            out.edges.append(edge)
            if edge in hot:
                out.hot[edge] = hot[edge]
            if any(pid in c and target in c for c in cyclic_nodes):
                out.cyclic.add(edge)
    return out


def _short(text: str, limit: int = NAME_CHARS) -> str:
    """Declared text for a label: inert (no control character reaches the drawing or a
    warning on the terminal), on one line, cut at ``limit``."""
    text = " ".join(inert(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _label(pid: str, party: PartyDoc | None) -> str:
    country = (party.country or party.country_declared if party is not None else None) or "?"
    name = _short(str((party.name if party is not None else None) or ""))
    return "\n".join(x for x in (_short(pid, 16), name, _short(str(country), 16)) if x)


def figure(document: Doc, *, lang: str = "en", limit: int = MAX_DRAWN) -> Any:
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
    pitch, top, bottom = 0.62, 0.75, 0.75  # inches: one row, title band, legend band
    width = max(7.5, 2.2 * n_shown + 0.6)
    height = (rows + 0.4) * pitch + top + bottom
    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_axes((0.01, bottom / height, 0.98, (rows + 0.4) * pitch / height))
    ax.set_axis_off()
    box_w, box_h = 0.8, 0.8
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
        level = _level(party)
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
    sol, bidder = doc.solicitation, doc.bidder
    fig.text(
        0.01,
        1 - 0.12 / height,
        t(
            "picture.title",
            lang,
            solicitation=inert(sol.id or "?"),
            bidder=inert(bidder.name or bidder.id or "?"),
        ),
        ha="left",
        va="top",
        fontsize=10,
        fontweight="bold",
        parse_math=False,
    )
    handles: list[Any] = [
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
            color=COLOURS["critical"][0],
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
        metadata: dict[str, Any] = (
            {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        )
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def _attrs(values: Mapping[str, Any]) -> dict[str, Any]:
    """GraphML/GEXF attributes: only str, int, float, bool; lists joined, None left out."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, str | int | float | bool):
            out[key] = value
    return out


NODE_FIELDS = (
    "name",
    "role",
    "country",
    "country_declared",
    "tier",
    "reachable",
    "intrinsic_score",
    "score",
    "risk_level",
    "flags",
)


def network(document: Doc) -> Any:
    """The declared chain as a networkx DiGraph for Gephi/yEd: risk on nodes, flags on edges."""
    import networkx as nx

    doc = document_of(document)
    g = nx.DiGraph()
    hot = flagged_edges(doc)
    parties = doc.parties
    ids = {str(p.id) for p in parties}
    for p in parties:
        attrs = _attrs({k: getattr(p, k) for k in NODE_FIELDS})
        attrs.setdefault("risk_level", "unknown")
        g.add_node(str(p.id), label=str(p.id), **attrs)
    for p in parties:
        for target in map(str, p.supplies_to):
            if target in ids:
                edge = (str(p.id), target)
                g.add_edge(*edge, flagged=edge in hot, severity=hot.get(edge, "none"))
    return g


def _graph_file(doc: AssessmentDocument, fmt: str) -> bytes:
    import networkx as nx

    g = network(doc)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buffer, encoding="utf-8")
        return buffer.getvalue()
    nx.write_gexf(g, buffer, encoding="utf-8")
    stamp = str(doc.as_of or "2000-01-01").encode()  # not today: same input, same bytes
    return re.sub(
        rb'lastmodifieddate="[^"]*"', b'lastmodifieddate="' + stamp + b'"', buffer.getvalue()
    )


def write_graph(assessment: Any, path: str | Path, *, lang: str = "en") -> Path:
    """Write the chain to ``path``: ``.svg``/``.png`` picture, ``.graphml``/``.gexf`` network."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in FORMATS:
        raise ValueError(
            f"{path}: the graph is written as {', '.join(FORMATS)}; "
            f"not {path.suffix or 'a file without a suffix'}"
        )
    # a document passes through; an Assessment gives its document in ``lang``
    doc = document_of(
        assessment
        if isinstance(assessment, AssessmentDocument | Mapping)
        else assessment.document(lang)
    )
    data = (
        render(doc, suffix[1:], lang=lang)
        if suffix in (".svg", ".png")
        else _graph_file(doc, suffix[1:])
    )
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def drawn_parties(doc: Doc, *, limit: int = MAX_DRAWN) -> Iterable[str]:
    """The party ids the picture draws (for tests and the summary's caption)."""
    return list(layout(doc, limit=limit).pos)


__all__ = [
    "FORMATS",
    "MAX_DRAWN",
    "drawn_parties",
    "figure",
    "flagged_edges",
    "layout",
    "network",
    "render",
    "write_graph",
]
