"""Build the typed assessment document (:mod:`scrisk.assessment.document`) from an assessment.

:meth:`Assessment.document` calls :func:`build_document` once per language and
keeps the result; ``to_dict()`` and ``to_json()`` serialise it. Every message
is rendered here, in the document's language, so renderers only read.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from functools import lru_cache
from operator import attrgetter, is_
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from scrisk.assessment.document import (
    AssessmentDocument,
    BidderDoc,
    ClauseDoc,
    DecisionDoc,
    EvidenceDoc,
    FlagDoc,
    GoodDoc,
    GraphDoc,
    PartyDoc,
    PathDoc,
    ProvenanceDoc,
    ScreeningDoc,
    SolicitationDoc,
    SummaryDoc,
    UnappliedDecisionDoc,
    WarningDoc,
)
from scrisk.assessment.document_part import maker, shared_fields, written_once
from scrisk.findings import Evidence, Flag
from scrisk.graph import makers as makers_of
from scrisk.graph import tiers
from scrisk.i18n import message, picked, t, text
from scrisk.i18n.format import as_written
from scrisk.vocab import SEVERITIES, worst

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Mapping

    import networkx as nx

    from scrisk.assessment.clauses import ClauseStatus
    from scrisk.assessment.decision_book import DecisionBook
    from scrisk.assessment.propagation import PartyScore, RiskPath
    from scrisk.assessment.provenance import Block
    from scrisk.decisions import Decision
    from scrisk.jsontypes import JsonValue
    from scrisk.model import Declaration, Good, Party
    from scrisk.policy import Settings
    from scrisk.reference.freshness import DataWarning
    from scrisk.reference.loader import Reference
    from scrisk.reference.model import DatasetInfo
    from scrisk.screening.match import Match

FORMAT = "scrisk-assessment/1"
# the parts a document has many of, made by their fast constructors (document_part.maker)
_FLAG_DOC = maker(FlagDoc)
_EVIDENCE_DOC = maker(EvidenceDoc)
_PATH_DOC = maker(PathDoc)
# shared by the documents of a process (one provenance block per policy and data, the
# same data warnings, the evidence records the rules keep) and an evidence record by
# the flags of a document: each written to JSON from one plain copy
written_once(ProvenanceDoc, WarningDoc)
written_once(EvidenceDoc, when_repeated=True)  # some 20 of a document's ~47 are its own
written_once(ClauseDoc, when_repeated=True)  # shared where the clause status is (_clause)
# the data warnings and the datasets' blocks: the same tuple in the documents of a process
# (_warnings_of, _data), written to compact JSON from one text
shared_fields(AssessmentDocument, "warnings", "data")
_ID, _PARTY, _SEVERITY = attrgetter("id"), attrgetter("party"), attrgetter("severity")


class Assessment(Protocol):
    """What a document is built from: the attributes of
    :class:`scrisk.assessment.result.Assessment` read here. Named as a protocol so that
    this module does not import the class that calls it (no import cycle)."""

    declaration: Declaration
    as_of: date
    stage: str
    contract_date: date
    graph: nx.DiGraph
    flag_list: list[Flag]
    clause_list: list[ClauseStatus]
    matches: dict[str, list[Match]]
    decisions: list[Decision]
    reference: Reference
    score: float
    risk_level: str
    paths: list[RiskPath]
    party_scores: dict[str, PartyScore]
    decision_book: DecisionBook | None

    def sorted_flags(self) -> list[Flag]: ...

    @property
    def warnings(self) -> list[DataWarning]: ...

    def provenance(self) -> dict[str, JsonValue]: ...

    @property
    def settings(self) -> Settings: ...


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 2**53 else round(f, 3)


def localised(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """Message parameters in ``lang``: a ``{"en": .., "fr": ..}`` value picks its language.

    Decimal numbers take a decimal comma in French (66,7), as the evidence lines do.
    """
    if lang == "en":  # English numbers are written as they are (i18n.format.as_written)
        out = dict(params)
        # the places of the dict values, by the values' types (a rule's flags share theirs)
        kinds = tuple(map(type, out.values()))
        at = _DICTS_AT.get(kinds)
        if at is None:
            if len(_DICTS_AT) >= 1024:
                _DICTS_AT.clear()
            at = _DICTS_AT[kinds] = tuple(i for i, k in enumerate(kinds) if issubclass(k, dict))
        if at:
            keys = [*out]
            for i in at:
                k = keys[i]
                v = out[k]
                if "en" in v:  # type: ignore[operator]
                    out[k] = v["en"]  # type: ignore[index]
        return out
    out = {}
    for k, v in params.items():
        if isinstance(v, dict) and "en" in v:
            v = v.get(lang, v.get("en"))
        out[k] = as_written(v, lang)
    return out


# by the types of a message's parameters, in order: the places of those that are dicts
_DICTS_AT: dict[tuple[type, ...], tuple[int, ...]] = {}


def _either(names: list[str], lang: str) -> str:
    """ "Chile or China", "Chili ou Chine", "A, B or C"."""
    word = "ou" if lang == "fr" else "or"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def _country_note(p: Party, lang: str) -> str | None:
    """ "read 'Malasia' as Malaysia" when the country came from a near-miss spelling."""
    from scrisk.countries import country_name

    if p.country_assumed:  # close to several: the riskiest assumed
        return t(
            "country.assumed",
            lang,
            country=p.country,
            suggestions=_either([country_name(c, lang) or c for c in p.country_suggestions], lang),
            assumed=country_name(p.country_code, lang) or p.country_code,
        )
    if not p.country_near:
        return None
    return t(
        "country.read_as",
        lang,
        country=p.country,
        read_as=country_name(p.country_code, lang) or p.country_code,
    )


def _text(key: str, lang: str, params: Mapping[str, object]) -> str:
    """A clause note or source in ``lang`` ("" when the clause has none); one whose
    parameters are all text (most: the department and dates) rendered once per process."""
    if not key:
        return ""
    if not _TEXT_ONLY.issuperset(map(type, params.values())):
        return t(key, lang, **localised(params, lang))
    about = (key, lang, tuple(params.items()))
    found = _TEXTS.get(about)
    if found is None:
        if len(_TEXTS) >= 4096:
            _TEXTS.clear()
        found = _TEXTS[about] = t(key, lang, **params)  # text: as localised gives it
    return found


_TEXT_ONLY = frozenset({str})
_TEXTS: dict[tuple[str, str, tuple[tuple[str, object], ...]], str] = {}


def _ilab(a: Assessment, g: Good) -> tuple[str, ...]:
    ref = a.reference
    found = tuple(ref.goods_for_hs(g.hs_code)) if g.hs_code else ()
    return tuple(found or ref.goods_for_material(g.description or ""))


def _evidence(e: Evidence) -> EvidenceDoc:
    return _EVIDENCE_DOC(
        source=e.source,
        edition=e.edition,
        record=e.record,
        score=e.score,
        url=e.url or None,
        jurisdiction=e.jurisdiction or None,
        # a read-only view, not a copy: to_dict() copies it out
        detail=MappingProxyType(e.detail) if e.detail else None,
    )


class _Flags:
    """Flags written as FlagDocs in one language: each rule's title rendered once per
    process, and each evidence record (rules share one among many flags: a country's
    profile) typed once (:func:`_shared_evidence`)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        # a rule's title depends on the rule and the language only: shared by the documents
        self.titles = _TITLES.setdefault(lang, {})
        # English messages: each key's renderer (i18n.picked: the parameters given in every
        # language read in English, as localised gives them), found once per document
        self.renders: dict[str, Callable[[Mapping[str, object]], str]] | None = (
            _RENDERS if lang == "en" else None
        )

    def __call__(self, f: Flag) -> FlagDoc:
        lang, rule, params, renders = self.lang, f.rule, f.params, self.renders
        title = self.titles.get(rule)
        if title is None:
            title = self.titles[rule] = t(f"rule.{rule}.title", lang)
        typed = _EVIDENCE_OF
        docs = []
        for e in f.evidence:
            found = typed.get(id(e))
            if found is None or found[0] is not e:  # the record is held there: its id is not reused
                found = _shared_evidence(e)
            docs.append(found[1])
        return _FLAG_DOC(
            rule=rule,
            severity=f.severity,
            party=f.party,
            good=f.good,
            title=title,
            message=(
                message(f.message_key, lang, localised(params, lang))
                if renders is None
                else (renders.get(f.message_key) or _render(f.message_key))(params)
            ),
            evidence=tuple(docs),
            path=tuple(f.path),
            reviewed=dict(f.reviewed) if f.reviewed else None,
            # CT9897: the labour type the tariff item names (prison, forced, child)
            labour_type=params.get("labour_type"),
        )


# by language: each rule's title (the rules and languages are few)
_TITLES: dict[str, dict[str, str]] = {}
# by message key: its English renderer (i18n.picked)
_RENDERS: dict[str, Callable[[Mapping[str, object]], str]] = {}


def _render(key: str) -> Callable[[Mapping[str, object]], str]:
    found = _RENDERS[key] = picked(key, "en")
    return found


# Evidence records shared by the assessments of a process (the rules keep one per
# country profile and per ILAB listing: rules/country.py, rules/goods.py), each typed
# once: by the record's id, held with it (EvidenceDoc has no language)
_EVIDENCE_OF: dict[int, tuple[Evidence, EvidenceDoc]] = {}


def _shared_evidence(e: Evidence) -> tuple[Evidence, EvidenceDoc]:
    found = _EVIDENCE_OF.get(id(e))
    if found is None or found[0] is not e:
        if len(_EVIDENCE_OF) >= 1024:
            _EVIDENCE_OF.clear()
        found = _EVIDENCE_OF[id(e)] = (e, _evidence(e))
    return found


def _goods(a: Assessment) -> tuple[GoodDoc, ...]:
    G, flags = a.graph, a.flag_list
    scores = a.party_scores
    goods = []
    for g in a.declaration.solicitation.goods:
        makers = tuple(makers_of(G, g.id))
        g_score = max((scores[m].score for m in makers), default=0.0)
        severities: list[str] = [
            f.severity for f in flags if f.good == g.id and f.severity != "info"
        ]
        levels = [scores[m].risk_level for m in makers]
        severities += [x for x in levels if x != "unknown"]
        level = worst(severities, "low")
        unknown = "unknown" in levels or any(f.rule == "DATA_GAP" and f.good == g.id for f in flags)
        if level == "low" and unknown:  # no reference data is unknown risk, never low
            level = "unknown"
        goods.append(
            maker(GoodDoc)(
                id=g.id,
                description=g.description,
                hs_code=g.hs_code,
                quantity=_num(g.quantity),
                unit=g.unit,
                ilab_goods=_ilab(a, g),
                makers=makers,
                risk_level=level,
                score=g_score,
            )
        )
    return tuple(goods)


def _parties(a: Assessment, lang: str, tier_of: Mapping[str, int | None]) -> tuple[PartyDoc, ...]:
    """The parties by id; ``tier_of``: each one's tier (None: not reachable from the bidder)."""
    scores = a.party_scores
    count_by_party = Counter(map(_PARTY, a.flag_list))  # (None: no party's, never read)
    make = maker(PartyDoc)
    out = []
    for p in sorted(a.declaration.parties, key=_ID):
        tier, s = tier_of[p.id], scores[p.id]
        out.append(
            make(
                id=p.id,
                name=p.name,
                role=p.role,
                address=p.address,
                city=p.city,
                region=p.region,
                # an assumed country (assessment/assumed.py) is not a resolved one
                country=None if p.country_assumed else p.country_code,
                country_assumed=p.country_code if p.country_assumed else None,
                country_declared=p.country,
                country_note=(
                    _country_note(p, lang) if p.country_assumed or p.country_near else None
                ),
                tier=tier,
                reachable=tier is not None,  # as scrisk.graph.build_graph marks it
                supplies_to=tuple(p.supplies_to),
                goods=tuple(p.goods),
                materials=tuple(p.materials),
                workers=p.workers,
                annual_capacity=_num(p.annual_capacity),
                intrinsic_score=s.intrinsic_score,
                score=s.score,
                # the same numbers named for what they are (reports label them alike)
                intrinsic_risk=s.intrinsic_score,  # the party's own findings
                party_risk=s.score,  # with the risk its suppliers carry in
                risk_level=s.risk_level,
                flags=count_by_party.get(p.id, 0),
            )
        )
    return tuple(out)


def _screening(a: Assessment) -> tuple[ScreeningDoc, ...]:
    rows = (
        ScreeningDoc(
            party=pid,
            entry_id=m.entry.id,
            list=m.entry.list_name,
            entity=m.entry.entity,
            matched_name=m.matched_name,
            score=round(float(m.score), 1),
            class_=m.cls,
            active=m.active,
            features={k: round(float(v), 3) for k, v in sorted(m.features.items())},
        )
        for pid, ms in a.matches.items()
        for m in ms
    )
    return tuple(sorted(rows, key=lambda r: (r.party, -r.score, r.entry_id)))


def _decisions(a: Assessment) -> tuple[DecisionDoc, ...]:
    rows = (
        DecisionDoc(
            party=d.party,
            entry_id=d.entry_id,
            decision=d.decision,
            reviewer=d.reviewer,
            date=str(d.date) if d.date else None,
            comment=d.comment,
        )
        for d in a.decisions
    )
    return tuple(sorted(rows, key=lambda r: (r.party, r.entry_id)))


def _clauses(a: Assessment, lang: str) -> tuple[ClauseDoc, ...]:
    return tuple(_clause(c, lang) for c in a.clause_list)


def _clause(c: ClauseStatus, lang: str) -> ClauseDoc:
    """A clause's part; one whose note's parameters are all text (most) made once per
    process and shared by the documents with that very clause status (frozen; written to
    JSON from one text: written_once)."""
    params = c.note_params
    flags = tuple(c.flags)
    if not _TEXT_ONLY.issuperset(map(type, params.values())):
        return _clause_doc(c, lang, flags)
    about = (lang, c.clause, c.status, flags, c.note_key, c.kind, c.source_key, *params.items())
    found = _CLAUSE_DOCS.get(about)
    if found is None:
        if len(_CLAUSE_DOCS) >= 1024:
            _CLAUSE_DOCS.clear()
        found = _CLAUSE_DOCS[about] = _clause_doc(c, lang, flags)
    return found


def _clause_doc(c: ClauseStatus, lang: str, flags: tuple[str, ...]) -> ClauseDoc:
    return _CLAUSE_DOC(
        clause=c.clause,
        title=text(f"clause.{c.clause}", lang),
        status=c.status,
        flags=flags,
        note=_text(c.note_key, lang, c.note_params),
        kind=c.kind,
        source=_text(c.source_key, lang, c.note_params),
    )


_CLAUSE_DOC = maker(ClauseDoc)
# by (language, the clause status's fields, its note's parameters): its part
_CLAUSE_DOCS: dict[tuple[object, ...], ClauseDoc] = {}


# The provenance block and the data warnings are the same in most documents of a
# process (same data, same policy): each distinct one is typed once and the frozen
# part shared (``to_dict`` copies it out).
_PROVENANCE_DOCS: dict[str, ProvenanceDoc] = {}


def _provenance_doc(block: Block) -> ProvenanceDoc:
    key = json.dumps(block, sort_keys=True, default=str)
    found = _PROVENANCE_DOCS.get(key)
    if found is None:
        if len(_PROVENANCE_DOCS) > 256:
            _PROVENANCE_DOCS.clear()
        found = _PROVENANCE_DOCS[key] = ProvenanceDoc.from_dict(block)
    return found


# The data blocks of a Reference (its datasets' provenance: the same in every document
# of a process), made once and shared (read only; ``to_dict`` copies them out): by the
# Reference's id, held with it and its list of datasets
_DATA_OF: dict[int, tuple[Reference, list[DatasetInfo], tuple[dict[str, JsonValue], ...]]] = {}


def _data(ref: Reference) -> tuple[dict[str, JsonValue], ...]:
    datasets = ref.datasets
    found = _DATA_OF.get(id(ref))
    if found is None or found[0] is not ref or found[1] is not datasets:
        if len(_DATA_OF) >= 16:
            _DATA_OF.clear()
        found = _DATA_OF[id(ref)] = (ref, datasets, tuple(ref.provenance(d.id) for d in datasets))
    return found[2]


# by the provenance block a process shares (assessment.provenance caches one per policy
# and data): no copy of it made, nor its JSON, for each document
_PROVENANCE_OF_BLOCK: dict[int, tuple[Block, ProvenanceDoc]] = {}


def _provenance_of(a: Assessment) -> ProvenanceDoc:
    from scrisk.assessment.provenance import provenance

    block = provenance(a.settings, a.reference.datasets)
    found = _PROVENANCE_OF_BLOCK.get(id(block))
    if found is not None and found[0] is block:  # held here: its id is not reused
        return found[1]
    doc = _provenance_doc(a.provenance())
    if len(_PROVENANCE_OF_BLOCK) > 16:
        _PROVENANCE_OF_BLOCK.clear()
    _PROVENANCE_OF_BLOCK[id(block)] = (block, doc)
    return doc


@lru_cache(maxsize=1024)
def _warning_doc(items: tuple[tuple[str, JsonValue], ...]) -> WarningDoc:
    return WarningDoc.from_dict(dict(items))


# by (id of a warning, language): the same warnings are shared by the assessments of a
# process (Assessment.warnings), each rendered once per language
_WARNING_OF: dict[tuple[int, str], tuple[DataWarning, WarningDoc]] = {}


def _warning_of(w: DataWarning, lang: str) -> WarningDoc:
    found = _WARNING_OF.get((id(w), lang))
    if found is None or found[0] is not w:  # held here: its id is not reused
        if len(_WARNING_OF) >= 1024:
            _WARNING_OF.clear()
        found = _WARNING_OF[id(w), lang] = (w, _warning_doc(tuple(w.to_dict(lang).items())))
    return found[1]


# by language: the last data warnings typed, held with the warnings (shared by the
# assessments of a process: Assessment.warnings), and their parts
_WARNINGS_OF: dict[str, tuple[tuple[DataWarning, ...], tuple[WarningDoc, ...]]] = {}


def _warnings_of(warnings: list[DataWarning], lang: str) -> tuple[WarningDoc, ...]:
    """The document's warnings: the same tuple as the last document's when they are the
    same warnings (the very objects), so that it is written once (shared_fields)."""
    found = _WARNINGS_OF.get(lang)
    if found is not None and len(found[0]) == len(warnings) and all(map(is_, found[0], warnings)):
        return found[1]
    docs = tuple(_warning_of(w, lang) for w in warnings)
    _WARNINGS_OF[lang] = (tuple(warnings), docs)
    return docs


def build_document(a: Assessment, lang: str) -> AssessmentDocument:
    """The assessment document of ``a`` in ``lang`` ("en" or "fr"), typed and frozen."""
    decl, G = a.declaration, a.graph
    sol, bidder = decl.solicitation, decl.bidder
    tier_of = tiers(G)
    tiered = [n for n in tier_of.values() if n is not None]
    by_sev = Counter(map(_SEVERITY, a.flag_list))  # by Severity: found by its text
    book = a.decision_book
    return maker(AssessmentDocument)(
        format=FORMAT,
        lang=lang,
        solicitation=maker(SolicitationDoc)(
            id=sol.id,
            title=sol.title,
            category=sol.category,
            closing_date=_iso(sol.closing_date),
            value_cad=_num(sol.value_cad),
            goods=_goods(a),
        ),
        bidder=maker(BidderDoc)(id=bidder.id, name=bidder.name),
        as_of=_iso(a.as_of) or "",
        stage=a.stage,
        contract_date=_iso(a.contract_date),
        risk_level=a.risk_level,
        score=round(a.score, 1),
        summary=maker(SummaryDoc)(
            flags_by_severity={s: by_sev.get(s, 0) for s in SEVERITIES},
            parties=len(decl.parties),
            max_tier=max(tiered, default=0),
        ),
        flags=tuple(map(_Flags(lang), a.sorted_flags())),
        parties=_parties(a, lang, tier_of),
        # path_score: the risk this path carries to the bidder (= score, named)
        paths=tuple(
            _PATH_DOC(
                source=p.source,
                path=p.path,
                score=p.score,
                path_score=p.score,
                risk_level=p.risk_level,
            )
            for p in a.paths
        ),
        clauses=_clauses(a, lang),
        graph=maker(GraphDoc)(
            cycles=tuple(tuple(c) for c in G.graph.get("cycles", [])),
            unreachable=tuple(G.graph.get("unreachable", [])),
        ),
        screening=_screening(a),
        decisions=_decisions(a),
        data=_data(a.reference),
        provenance=_provenance_of(a),
        decisions_unapplied=tuple(
            UnappliedDecisionDoc.from_dict(n)
            for n in (book.unapplied() if book is not None else [])
        ),
        disclaimer=text("disclaimer.assessment", lang),
        warnings=_warnings_of(a.warnings, lang),
    )


__all__ = ["FORMAT", "build_document", "localised"]
