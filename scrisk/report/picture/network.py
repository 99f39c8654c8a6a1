"""The declared chain as a network file (GraphML, GEXF) for Gephi or yEd."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from scrisk.assessment.document import AssessmentDocument, document_of
from scrisk.report.picture.layout import Doc, flagged_edges

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx


def _attrs(values: Mapping[str, object]) -> dict[str, str | int | float | bool]:
    """GraphML/GEXF attributes: only str, int, float, bool; lists joined, None left out."""
    out: dict[str, str | int | float | bool] = {}
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


def network(document: Doc) -> nx.DiGraph:
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


def graph_file(doc: AssessmentDocument, fmt: str) -> bytes:
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
