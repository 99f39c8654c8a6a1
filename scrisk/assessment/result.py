"""The :class:`Assessment`: flags, scores, clause matrix, and the document renderers read.

``to_dict(lang)`` gives the assessment document (spec Assessment JSON plus the
keys in docs/ARCHITECTURE.md), with every message rendered in English or
French; ``to_json`` writes it byte-identically across runs (sorted keys, no
timestamps); the DataFrames are built lazily from the document.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.findings import SEVERITIES, Flag, worst
from scrisk.i18n import t
from scrisk.i18n.format import as_written
from scrisk.model import Declaration

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

    from scrisk.assessment.clauses import ClauseStatus
    from scrisk.policy import Settings

FORMAT = "scrisk-assessment/1"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 2**53 else round(f, 3)


class Assessment:
    """Everything scrisk found about one bid, as of one date."""

    def __init__(
        self,
        *,
        declaration: Declaration,
        as_of: date,
        policy: Mapping[str, Any],
        graph: nx.DiGraph,
        flag_list: list[Flag],
        clause_list: list[ClauseStatus],
        matches: dict[str, list[Any]],
        decisions: list[Any],
        reference: Any,
        score: float,
        risk_level: str,
        paths: list[dict[str, Any]],
        stage: str = "bid",
    ) -> None:
        self.declaration = declaration
        self.as_of = as_of
        self.stage = stage  # "bid" or "contract"
        self._policy = policy  # may be the shared default: never handed out as is
        self.graph = graph
        self.flag_list = flag_list
        self.clause_list = clause_list
        self.matches = matches
        self.decisions = decisions
        self.reference = reference
        self.score = score
        self.risk_level = risk_level
        self.paths = paths
        self._frames: dict[tuple[str, str], pd.DataFrame] = {}
        self._provenance: dict[str, Any] | None = None
        self.decision_book: Any = None  # scrisk.assessment.decision_book.DecisionBook
        self._warnings: list[Any] | None = None

    @property
    def warnings(self) -> list[Any]:
        """Freshness warnings about the data used (``DataWarning``: code, dataset, message()).

        The document's ``warnings`` list holds them as ``{"code", "message", "dataset",
        "horizon"}``: ``past_horizon`` when the as-of date lies after a dataset's horizon,
        ``stale_data`` when a dataset is older than ``[data] max_age_months`` before today
        (``SCRISK_TODAY`` fixes "today" for a reproducible run).
        """
        if self._warnings is None:
            from scrisk.reference.freshness import data_warnings

            self._warnings = data_warnings(
                self.reference.datasets, as_of=self.as_of, policy=self._policy
            )
        return self._warnings

    @property
    def policy(self) -> dict[str, Any]:
        """The policy the assessment was made with, as plain tables (a copy: changing it
        changes nothing)."""
        from scrisk.policy.schema import plain

        return plain(self._policy)  # type: ignore[no-any-return]

    @property
    def settings(self) -> Settings:
        """The policy the assessment was made with, typed (frozen)."""
        from scrisk.policy import check_settings

        return check_settings(self._policy)

    def __repr__(self) -> str:
        sol = self.declaration.solicitation
        return (
            f"<Assessment {sol.id} bidder={self.declaration.bidder.id} as_of={self.as_of} "
            f"{self.risk_level} {self.score:.1f} flags={len(self.flag_list)}>"
        )

    # -- document ---------------------------------------------------------------------------
    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The assessment document in ``lang`` ("en" or "fr"); a fresh copy each call."""
        return _document(self, lang)

    def to_json(self, lang: str = "en", indent: int | None = 2) -> str:
        """The document as JSON: sorted keys, UTF-8 text, trailing newline, no timestamps."""
        doc = _document(self, lang)
        text = json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=indent, allow_nan=False)
        return text + "\n"

    def to_excel(self, path: str | Path, *, lang: str = "en") -> Path:
        """The reviewer workbook (scrisk.report.excel)."""
        from scrisk.report.excel import write_assessment_workbook

        out = write_assessment_workbook(self, path, lang=lang)
        return Path(out) if out is not None else Path(path)

    def provenance(self) -> dict[str, Any]:
        """scrisk version, datasets (id, edition, sha256), policy sha256 and overrides."""
        from scrisk.assessment.provenance import provenance

        cached = self._provenance
        if cached is None:
            cached = self._provenance = provenance(self._policy, self.reference.datasets)
        out: dict[str, Any] = _plain(cached)  # a copy: the cached block stays as it was
        return out

    # -- DataFrames -------------------------------------------------------------------------
    def _frame(self, key: str, lang: str = "en") -> pd.DataFrame:
        frame = self._frames.get((key, lang))
        if frame is None:
            import pandas as pd

            doc = _document(self, lang)
            rows = doc[key]
            if key == "flags":
                rows = [
                    {
                        **f,
                        "evidence": [e["record"] for e in f["evidence"]],
                        "sources": sorted({e["source"] for e in f["evidence"]}),
                        "path": " > ".join(f["path"]),
                    }
                    for f in rows
                ]
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


def localised(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Message parameters in ``lang``: a ``{"en": .., "fr": ..}`` value picks its language.

    Decimal numbers take a decimal comma in French (66,7), as the evidence lines do.
    """
    out = {
        k: (v.get(lang, v.get("en")) if isinstance(v, dict) and "en" in v else v)
        for k, v in params.items()
    }
    return {k: as_written(v, lang) for k, v in out.items()}


def _either(names: list[str], lang: str) -> str:
    """"Chile or China", "Chili ou Chine", "A, B or C"."""
    word = "ou" if lang == "fr" else "or"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def _country_note(p: Any, lang: str) -> str | None:
    """"read 'Malasia' as Malaysia" when the country came from a near-miss spelling."""
    from scrisk.countries import country_name

    if getattr(p, "country_assumed", False):  # close to several: the riskiest assumed
        return t("country.assumed", lang, country=p.country,
                 suggestions=_either([country_name(c, lang) or c
                                      for c in p.country_suggestions], lang),
                 assumed=country_name(p.country_code, lang) or p.country_code)
    if not getattr(p, "country_near", False):
        return None
    return t("country.read_as", lang, country=p.country,
             read_as=country_name(p.country_code, lang) or p.country_code)


def _plain(value: Any) -> Any:
    """A copy of nested dicts/lists (the document never shares state with the assessment)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _flag_doc(f: Flag, lang: str) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "party": f.party,
        "good": f.good,
        "title": t(f"rule.{f.rule}.title", lang),
        "message": t(f.message_key, lang, **localised(f.params, lang)),
        "evidence": [_plain(e.to_dict()) for e in f.evidence],
        "path": list(f.path),
        "reviewed": dict(f.reviewed) if f.reviewed else None,
        # CT9897: the labour type the tariff item names (prison, forced, child)
        **({"labour_type": f.params["labour_type"]} if "labour_type" in f.params else {}),
    }


def _document(a: Assessment, lang: str) -> dict[str, Any]:
    decl, G = a.declaration, a.graph
    sol = decl.solicitation
    nodes = G.nodes
    flags = a.flag_list
    count_by_party = Counter(f.party for f in flags if f.party)
    goods = []
    for g in sol.goods:
        makers = list(G.graph.get("makers", {}).get(g.id, []))
        g_score = max((nodes[m]["score"] for m in makers), default=0.0)
        severities = [f.severity for f in flags if f.good == g.id and f.severity != "info"]
        severities += [
            nodes[m]["risk_level"] for m in makers if nodes[m]["risk_level"] != "unknown"
        ]
        level = worst(severities, "low")
        unknown = any(nodes[m]["risk_level"] == "unknown" for m in makers) or any(
            f.rule == "DATA_GAP" and f.good == g.id for f in flags
        )
        if level == "low" and unknown:  # no reference data is unknown risk, never low
            level = "unknown"
        goods.append(
            {
                "id": g.id,
                "description": g.description,
                "hs_code": g.hs_code,
                "quantity": _num(g.quantity),
                "unit": g.unit,
                "ilab_goods": _ilab(a, g),
                "makers": makers,
                "risk_level": level,
                "score": g_score,
            }
        )
    parties = []
    for p in sorted(decl.parties, key=lambda p: p.id):
        d = nodes[p.id]
        parties.append(
            {
                "id": p.id,
                "name": p.name,
                "role": p.role,
                "address": p.address,
                "city": p.city,
                "region": p.region,
                # an assumed country (assessment/assumed.py) is not a resolved one
                "country": None if p.country_assumed else p.country_code,
                "country_assumed": p.country_code if p.country_assumed else None,
                "country_declared": p.country,
                "country_note": _country_note(p, lang),
                "tier": d.get("tier"),
                "reachable": bool(d.get("reachable")),
                "supplies_to": list(p.supplies_to),
                "goods": list(p.goods),
                "materials": list(p.materials),
                "workers": p.workers,
                "annual_capacity": _num(p.annual_capacity),
                "intrinsic_score": d["intrinsic_score"],
                "score": d["score"],
                # the same numbers named for what they are (reports label them alike)
                "intrinsic_risk": d["intrinsic_score"],  # the party's own findings
                "party_risk": d["score"],  # with the risk its suppliers carry in
                "risk_level": d["risk_level"],
                "flags": count_by_party.get(p.id, 0),
            }
        )
    tiers = [d.get("tier") for _, d in G.nodes(data=True) if d.get("tier") is not None]
    by_sev = Counter(f.severity for f in flags)
    screening = sorted(
        (
            {
                "party": pid,
                "entry_id": m.entry.id,
                "list": m.entry.list_name,
                "entity": m.entry.entity,
                "matched_name": m.matched_name,
                "score": round(float(m.score), 1),
                "class": m.cls,
                "active": m.active,
                "features": {k: round(float(v), 3) for k, v in sorted(m.features.items())},
            }
            for pid, ms in a.matches.items()
            for m in ms
        ),
        key=lambda r: (r["party"], -r["score"], r["entry_id"]),
    )
    decisions = sorted(
        (
            {
                "party": d.party,
                "entry_id": d.entry_id,
                "decision": d.decision,
                "reviewer": d.reviewer,
                "date": str(d.date) if d.date else None,
                "comment": d.comment,
            }
            for d in a.decisions
        ),
        key=lambda r: (r["party"], r["entry_id"]),
    )
    bidder = decl.bidder
    return {
        "format": FORMAT,
        "lang": lang,
        "solicitation": {
            "id": sol.id,
            "title": sol.title,
            "category": sol.category,
            "closing_date": _iso(sol.closing_date),
            "value_cad": _num(sol.value_cad),
            "goods": goods,
        },
        "bidder": {"id": bidder.id, "name": bidder.name},
        "as_of": _iso(a.as_of),
        "stage": a.stage,
        "risk_level": a.risk_level,
        "score": round(a.score, 1),
        "summary": {
            "flags_by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
            "parties": len(decl.parties),
            "max_tier": max(tiers, default=0),
        },
        "flags": [_flag_doc(f, lang) for f in sorted(flags, key=Flag.sort_key)],
        "parties": parties,
        # path_score: the risk this path carries to the bidder (= score, named)
        "paths": [{**p, "path_score": p.get("score")} for p in _plain(a.paths)],
        "clauses": [
            {
                "clause": c.clause,
                "title": t(f"clause.{c.clause}", lang),
                "status": c.status,
                "flags": list(c.flags),
                "note": _text(c.note_key, lang, c.note_params),
                "kind": c.kind,
                "source": _text(c.source_key, lang, c.note_params),
            }
            for c in a.clause_list
        ],
        "graph": {
            "cycles": [list(c) for c in G.graph.get("cycles", [])],
            "unreachable": list(G.graph.get("unreachable", [])),
        },
        "screening": screening,
        "decisions": decisions,
        "data": [a.reference.provenance(d.id) for d in a.reference.datasets],
        "provenance": a.provenance(),
        "decisions_unapplied": a.decision_book.unapplied() if a.decision_book is not None else [],
        "disclaimer": t("disclaimer.assessment", lang),
        "warnings": [w.to_dict(lang) for w in a.warnings],
    }


def _text(key: str, lang: str, params: dict[str, Any]) -> str:
    """A clause note or source in ``lang`` ("" when the clause has none)."""
    return t(key, lang, **localised(params, lang)) if key else ""


def _ilab(a: Assessment, g: Any) -> list[str]:
    ref = a.reference
    found = tuple(ref.goods_for_hs(g.hs_code)) if g.hs_code else ()
    return list(found or ref.goods_for_material(g.description or ""))


__all__ = ["FORMAT", "Assessment"]
