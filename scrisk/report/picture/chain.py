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

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.assessment.document import AssessmentDocument, document_of
from scrisk.report.picture.draw import figure, render
from scrisk.report.picture.layout import (
    MAX_DRAWN,
    SUMMARY_DRAWN,
    Doc,
    drawn_parties,
    flagged_edges,
    layout,
)
from scrisk.report.picture.network import graph_file, network

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment.result import Assessment

FORMATS = (".svg", ".png", ".graphml", ".gexf")


def write_graph(assessment: Assessment | Doc, path: str | Path, *, lang: str = "en") -> Path:
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
        else graph_file(doc, suffix[1:])
    )
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


__all__ = [
    "FORMATS",
    "MAX_DRAWN",
    "SUMMARY_DRAWN",
    "drawn_parties",
    "figure",
    "flagged_edges",
    "layout",
    "network",
    "render",
    "write_graph",
]
