"""The :class:`Assessment`: flags, scores, clause matrix, and the document renderers read.

``document(lang)`` is the typed assessment document (scrisk.assessment.document:
spec Assessment JSON plus the keys in docs/ARCHITECTURE.md), built once per
language with every message rendered in English or French; ``to_dict(lang)``
and ``to_json`` are its serialisation, byte-identical across runs (sorted
keys, no timestamps); the DataFrames are built lazily from the document.
"""

from __future__ import annotations

from datetime import date
from operator import is_
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.assessment.document import AssessmentDocument
from scrisk.assessment.document_build import build_document
from scrisk.assessment.pause import collector_paused
from scrisk.findings import Flag
from scrisk.jsontext import dumps, plain
from scrisk.jsontypes import JsonValue
from scrisk.model import Declaration

# the document built with the collector paused (wrapped once, not at each build)
_build_paused = collector_paused(build_document)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

    from scrisk.assessment.clauses import ClauseStatus
    from scrisk.assessment.decision_book import DecisionBook
    from scrisk.assessment.propagation import PartyScore, RiskPath
    from scrisk.decisions import Decision
    from scrisk.policy import Settings
    from scrisk.reference.freshness import DataWarning
    from scrisk.reference.loader import Reference
    from scrisk.screening.match import Match


# the data warnings of (datasets, policy, as-of date, today), with the objects they are of
_WARNINGS: dict[tuple[int, int, date, date], tuple[object, object, tuple[DataWarning, ...]]] = {}


class Assessment:
    """Everything scrisk found about one bid, as of one date."""

    def __init__(
        self,
        *,
        declaration: Declaration,
        as_of: date,
        policy: Settings,
        graph: nx.DiGraph,
        flag_list: list[Flag],
        clause_list: list[ClauseStatus],
        matches: dict[str, list[Match]],
        decisions: list[Decision],
        reference: Reference,
        score: float,
        risk_level: str,
        paths: list[RiskPath],
        party_scores: dict[str, PartyScore],
        stage: str = "bid",
        contract_date: date | None = None,
        flags_sorted: bool = False,
    ) -> None:
        self.declaration = declaration
        self.as_of = as_of
        self.stage = stage  # "bid" or "contract"
        # rules.md v3: which clauses the instrument carries (None: the as-of date)
        self.contract_date = contract_date or as_of
        self._policy = policy  # typed and frozen
        self.graph = graph
        self.flag_list = flag_list
        # the flags as given, when the caller gave them in document order (Flag.sort_key):
        # the document then sorts them again only if the list has changed since
        self._sorted: tuple[Flag, ...] | None = tuple(flag_list) if flags_sorted else None
        self.clause_list = clause_list
        self.matches = matches
        self.decisions = decisions
        self.reference = reference
        self.score = score
        self.risk_level = risk_level
        self.paths = paths
        self.party_scores = party_scores  # by party id (also on the graph's nodes)
        self._frames: dict[tuple[str, str], pd.DataFrame] = {}
        self._documents: dict[str, AssessmentDocument] = {}
        self._provenance: dict[str, JsonValue] | None = None
        self.decision_book: DecisionBook | None = None
        self._warnings: list[DataWarning] | None = None

    @property
    def warnings(self) -> list[DataWarning]:
        """Freshness warnings about the data used (``DataWarning``: code, dataset, message()).

        The document's ``warnings`` list holds them as ``{"code", "message", "dataset",
        "horizon"}``: ``past_horizon`` when the as-of date lies after a dataset's horizon,
        ``stale_data`` when a dataset is older than ``[data] max_age_months`` before today
        (``SCRISK_TODAY`` fixes "today" for a reproducible run).
        """
        if self._warnings is None:
            from scrisk.reference.freshness import data_warnings, today

            # the same in most assessments of a process (same data, policy, dates): worked
            # out once for each, the (frozen) warnings shared, each list its own
            datasets, policy = self.reference.datasets, self._policy
            key = (id(datasets), id(policy), self.as_of, today())
            known = _WARNINGS.get(key)
            if known is None or known[0] is not datasets or known[1] is not policy:
                if len(_WARNINGS) >= 256:
                    _WARNINGS.clear()
                found = data_warnings(datasets, as_of=self.as_of, policy=policy, now=key[3])
                known = _WARNINGS[key] = (datasets, policy, tuple(found))
            self._warnings = list(known[2])
        return self._warnings

    @property
    def policy(self) -> dict[str, JsonValue]:
        """The policy the assessment was made with, as plain tables (a copy: changing it
        changes nothing)."""
        tables: dict[str, JsonValue] = plain(self._policy)
        return tables

    @property
    def settings(self) -> Settings:
        """The policy the assessment was made with, typed (frozen)."""
        return self._policy

    def __repr__(self) -> str:
        sol = self.declaration.solicitation
        return (
            f"<Assessment {sol.id} bidder={self.declaration.bidder.id} as_of={self.as_of} "
            f"{self.risk_level} {self.score:.1f} flags={len(self.flag_list)}>"
        )

    def sorted_flags(self) -> list[Flag]:
        """The flags in document order (``Flag.sort_key``)."""
        given, known = self.flag_list, self._sorted
        if known is not None and len(given) == len(known) and all(map(is_, given, known)):
            return list(given)
        return sorted(given, key=Flag.sort_key)

    # -- document ---------------------------------------------------------------------------
    def document(self, lang: str = "en") -> AssessmentDocument:
        """The typed assessment document in ``lang`` ("en" or "fr"), built once and kept.

        Frozen: every renderer reads this one object; ``to_dict``/``to_json`` serialise it.
        """
        doc = self._documents.get(lang)
        if doc is None:
            doc = self._documents[lang] = _build_paused(self, lang)
        return doc

    def to_dict(self, lang: str = "en") -> dict[str, JsonValue]:
        """The assessment document in ``lang`` ("en" or "fr") as plain data (typed: read
        :meth:`document`); a fresh copy each call (written with the collector paused: a
        large bid's copy is hundreds of thousands of new dicts and lists, which would set
        off collections of the heap)."""
        return collector_paused(self.document(lang).to_dict)()

    def to_json(self, lang: str = "en", indent: int | None = 2) -> str:
        """The document as JSON: sorted keys, UTF-8 text, trailing newline, no timestamps.

        Written from the typed document itself (no plain copy made first: a 100,000-party
        document's copy is some 170 MB), the bytes of ``dumps(self.to_dict(lang))``;
        from the plain copy where orjson's text may differ, or with another indent."""
        if indent == 2:
            from scrisk.assessment.document_part import part_fields
            from scrisk.jsontext import typed_json

            text = typed_json(self.document(lang), part_fields, indent=True)
            if text is not None:
                return text
        return dumps(self.to_dict(lang), indent=indent)

    def to_excel(self, path: str | Path, *, lang: str = "en") -> Path:
        """The reviewer workbook (scrisk.report.excel.workbook)."""
        from scrisk.report.excel.workbook import write_assessment_workbook

        out = write_assessment_workbook(self, path, lang=lang)
        return Path(out) if out is not None else Path(path)

    def provenance(self) -> dict[str, JsonValue]:
        """scrisk version, datasets (id, edition, sha256), policy sha256 and overrides."""
        from scrisk.assessment.provenance import provenance

        cached = self._provenance
        if cached is None:
            cached = self._provenance = provenance(self._policy, self.reference.datasets)
        out: dict[str, JsonValue] = plain(cached)  # a copy: the cached block stays as it was
        return out

    # -- DataFrames -------------------------------------------------------------------------
    def _frame(self, key: str, lang: str = "en") -> pd.DataFrame:
        frame = self._frames.get((key, lang))
        if frame is None:
            import pandas as pd

            doc = self.document(lang)
            rows: list[dict[str, object]]  # one row per flag, party or clause
            if key == "flags":
                rows = [
                    {
                        **f.to_dict(),
                        "evidence": [e.record for e in f.evidence],
                        "sources": sorted({e.source for e in f.evidence}),
                        "path": " > ".join(f.path),
                    }
                    for f in doc.flags
                ]
            else:
                parts = doc.parties if key == "parties" else doc.clauses
                rows = [p.to_dict() for p in parts]
            frame = pd.DataFrame(rows, columns=_COLUMNS[key])
            if key == "parties":  # counts stay whole numbers when some are missing (not 1.0)
                for column in ("tier", "workers"):
                    frame[column] = frame[column].astype("Int64")
            self._frames[(key, lang)] = frame
        return frame.copy()

    @property
    def flags(self) -> pd.DataFrame:
        """One row per flag: rule, severity, party, good, title, message, evidence, path ..."""
        return self._frame("flags")

    @property
    def parties(self) -> pd.DataFrame:
        """One row per declared party: id, name, country, tier, scores, risk level ..."""
        return self._frame("parties")

    @property
    def clauses(self) -> pd.DataFrame:
        """The clause matrix: clause, title, status, flags behind it, note."""
        return self._frame("clauses")


_COLUMNS = {
    "flags": [
        "rule",
        "severity",
        "party",
        "good",
        "title",
        "message",
        "evidence",
        "sources",
        "path",
        "reviewed",
    ],
    "parties": [
        "id",
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
        "address",
        "city",
        "region",
        "supplies_to",
        "goods",
        "materials",
        "workers",
        "annual_capacity",
    ],
    "clauses": ["clause", "title", "status", "flags", "note", "kind", "source"],
}


__all__ = ["Assessment"]
