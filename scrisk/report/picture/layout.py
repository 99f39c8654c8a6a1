"""What the supply-chain picture draws: columns by tier, rows, edges, what is left out.

The layout is read from the assessment document alone (``parties`` with their
``supplies_to``, ``tier``, ``risk_level``; the flags' paths; ``graph`` cycles);
past ``MAX_DRAWN`` parties only the riskiest paths are kept (scrisk.report.picture.chain).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from scrisk.assessment.document import AssessmentDocument, FlagDoc, PartyDoc, document_of
from scrisk.jsontypes import JsonObject
from scrisk.vocab import PARTY_LEVELS, Severity, level_risk, severity_rank

MAX_DRAWN = 40  # a chain this small is drawn whole
SUMMARY_DRAWN = 20  # a bigger one: the riskiest paths, up to this many parties
# fill, text colour: the workbook's level colours (excel_cells.LEVEL_COLOURS)
COLOURS = {
    "critical": ("#C00000", "#FFFFFF"),
    "high": ("#F8696B", "#000000"),
    "medium": ("#FFD966", "#000000"),
    "low": ("#A9D08E", "#000000"),
    "info": ("#D9E1F2", "#000000"),
    "unknown": ("#D9D9D9", "#000000"),
}
LEVELS = PARTY_LEVELS  # the legend's order


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


Doc = AssessmentDocument | JsonObject  # typed, or its dict (a saved JSON)


def level_of(party: PartyDoc | None) -> str:
    level = party.risk_level if party is not None else None
    return level if level in COLOURS and level != "info" else "unknown"


def flagged_edges(document: Doc) -> dict[tuple[str, str], str]:
    """Every edge on a flag's path, with the worst severity of the flags through it."""
    hot: dict[tuple[str, str], str] = {}
    for flag in document_of(document).flags:
        severity = str(flag.severity)  # plain text: written as graph data (GraphML, GEXF)
        if severity_rank(severity, 9) >= Severity.INFO.rank:
            continue
        path = [str(p) for p in flag.path]
        for edge in zip(path, path[1:], strict=False):
            if edge not in hot or severity_rank(severity) < severity_rank(hot[edge]):
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
            severity_rank(f.severity, 9),
            -level_risk(level),
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
    out.left_out = Counter(level_of(p) for pid, p in parties.items() if pid not in drawn_set)
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


def drawn_parties(doc: Doc, *, limit: int = MAX_DRAWN) -> Iterable[str]:
    """The party ids the picture draws (for tests and the summary's caption)."""
    return list(layout(doc, limit=limit).pos)
