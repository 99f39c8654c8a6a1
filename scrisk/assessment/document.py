"""The assessment document, typed: frozen dataclasses built once by the assessment.

:meth:`scrisk.assessment.Assessment.document` builds an
:class:`AssessmentDocument` per language (``scrisk.assessment.document_build``)
and keeps it; ``Assessment.to_dict()`` and ``to_json()`` are its
serialisation (:meth:`Part.to_dict`, a fresh plain copy each call), and the
renderers read its attributes. ``AssessmentDocument.from_dict(doc)`` reads a
document back from its dict (a saved JSON, the register's copy) and
``.to_dict()`` writes the very same dict (tested on every example, both
languages).

Keys this module does not know (a newer document, or keys added by other
work) are kept, in order of appearance, in each object's ``extra`` and written
back, so the round trip never loses data; :func:`unknown_keys` lists them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar

from scrisk.assessment.document_part import Part
from scrisk.jsontypes import JsonObject

_OMIT_IF_NONE = {"omit_if_none": True}  # field metadata: key left out when None


def _texts(names: Iterable[str], found: JsonObject) -> dict[str, str]:
    """Each of ``names`` read from ``found`` as text (a value that is false reads as empty):
    how the typed views below read the JSON objects whose keys vary by writer."""
    return {name: str(v) if (v := found.get(name)) else "" for name in names}


@dataclass(frozen=True, slots=True)
class RecordDetail:
    """What an evidence record's ``detail`` says, for the fields readers show (each as
    text, empty when absent; ``inputs``: a CHAIN_GAP's risk inputs without a source).
    The ``detail`` itself stays as written: its keys differ by dataset."""

    inputs: tuple[str, ...] = ()
    entity: str = ""  # a listed entity's name (watch lists)
    list: str = ""  # the list it is on
    issued: str = ""  # the date the listing was issued
    status: str = ""  # the listing's status, from status_date
    status_date: str = ""
    good: str = ""  # ILAB: the good and the country listed
    country: str = ""
    listed_from: str = ""
    alias: str = ""  # a region matched: its alias and the text that matched
    matched_text: str = ""
    party: str = ""  # the party a good-level record is about

    @classmethod
    def of(cls, detail: JsonObject | None) -> RecordDetail:
        """The fields read from ``detail`` (a value that is false reads as empty)."""
        found = detail or {}
        given = found.get("inputs")
        inputs = tuple(str(i) for i in given) if isinstance(given, list | tuple) else ()
        return cls(inputs, **_texts((f.name for f in fields(cls) if f.name != "inputs"), found))


@dataclass(frozen=True, slots=True)
class EvidenceDoc(Part):
    """One dataset record behind a flag."""

    source: str
    edition: str
    record: str
    score: float | None
    url: str | None = field(default=None, metadata=_OMIT_IF_NONE)
    jurisdiction: str | None = field(default=None, metadata=_OMIT_IF_NONE)
    detail: JsonObject | None = field(default=None, metadata=_OMIT_IF_NONE)
    extra: JsonObject = field(default_factory=dict)

    @property
    def about(self) -> RecordDetail:
        """The record's ``detail``, typed (:class:`RecordDetail`)."""
        return RecordDetail.of(self.detail)


@dataclass(frozen=True, slots=True)
class ReviewNote:
    """A flag's ``reviewed``: the reviewer's decision on it (scrisk.decisions), typed;
    each key as text, empty when absent."""

    decision: str = ""  # scrisk.vocab.Decision
    reviewer: str = ""
    date: str = ""

    @classmethod
    def of(cls, reviewed: JsonObject) -> ReviewNote:
        """The fields read from a ``reviewed`` object."""
        return cls(**_texts((f.name for f in fields(cls)), reviewed))


@dataclass(frozen=True, slots=True)
class FlagDoc(Part):
    """One flag, rendered in the document's language."""

    rule: str
    severity: str  # scrisk.vocab.Severity
    party: str | None
    good: str | None
    title: str
    message: str
    evidence: tuple[EvidenceDoc, ...]
    path: tuple[str, ...]
    reviewed: JsonObject | None
    labour_type: str | None = field(
        default=None, metadata=_OMIT_IF_NONE
    )  # CT9897: scrisk.vocab.LabourType
    extra: JsonObject = field(default_factory=dict)

    @property
    def review(self) -> ReviewNote | None:
        """The reviewer's decision on the flag, typed (None when not reviewed)."""
        return ReviewNote.of(self.reviewed) if self.reviewed else None


@dataclass(frozen=True, slots=True)
class GoodDoc(Part):
    """A solicitation good with its makers and risk."""

    id: str
    description: str | None
    hs_code: str | None
    quantity: float | None
    unit: str | None
    ilab_goods: tuple[str, ...]
    makers: tuple[str, ...]
    risk_level: str  # RiskLevel or "unknown"
    score: float
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SolicitationDoc(Part):
    """The solicitation the bid answers."""

    id: str
    title: str | None
    category: str  # scrisk.vocab.Category
    closing_date: str | None
    value_cad: float | None
    goods: tuple[GoodDoc, ...]
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BidderDoc(Part):
    """The bidder's id and name."""

    id: str
    name: str | None
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SummaryDoc(Part):
    """Counts for the first screen."""

    flags_by_severity: Mapping[str, int]
    parties: int
    max_tier: int
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyDoc(Part):
    """A declared party with its tier, scores and level.

    Keys added after the first documents were saved (``country_note``, ``country_assumed``,
    ``intrinsic_risk``, ``party_risk``) default to None when a saved document lacks them.
    """

    id: str
    name: str | None
    role: str  # scrisk.vocab.Role
    address: str | None
    city: str | None
    region: str | None
    country: str | None
    country_assumed: str | None = None  # the riskiest country an ambiguous spelling is close to
    country_declared: str | None
    country_note: str | None = None  # how a near-miss spelling was read (issue 12), else None
    tier: int | None
    reachable: bool
    supplies_to: tuple[str, ...]
    goods: tuple[str, ...]
    materials: tuple[str, ...]
    workers: int | None
    annual_capacity: float | None
    intrinsic_score: float
    score: float
    intrinsic_risk: float | None = None  # = intrinsic_score, named for reports (issue 15)
    party_risk: float | None = None  # = score, named for reports (issue 15)
    risk_level: str
    flags: int
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class PathDoc(Part):
    """One of the riskiest supply paths, source first, bidder last (``path_score`` None
    when a saved document predates it)."""

    source: str
    path: tuple[str, ...]
    score: float
    path_score: float | None = None  # = score, named for reports (issue 15)
    risk_level: str
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClauseDoc(Part):
    """One row of the clause matrix."""

    clause: str
    title: str
    status: str  # scrisk.vocab.ClauseStatus
    flags: tuple[str, ...]
    note: str
    kind: str | None = field(
        default=None, metadata=_OMIT_IF_NONE
    )  # "documentary" | "risk" (rules v2)
    source: str | None = field(default=None, metadata=_OMIT_IF_NONE)  # the text the clause rests on
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GraphDoc(Part):
    """Structure problems of the declared chain."""

    cycles: tuple[tuple[str, ...], ...]
    unreachable: tuple[str, ...]
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScreeningDoc(Part):
    """One name match (for the Review sheet)."""

    party: str
    entry_id: str
    list: str
    entity: str
    matched_name: str
    score: float
    class_: str  # "strong" | "possible" (JSON key "class")
    active: bool | None
    features: Mapping[str, float]
    extra: JsonObject = field(default_factory=dict)

    json_names: ClassVar[Mapping[str, str]] = {"class_": "class"}


@dataclass(frozen=True, slots=True)
class DecisionDoc(Part):
    """A reviewer decision applied to a name match."""

    party: str
    entry_id: str
    decision: str  # scrisk.vocab.Decision
    reviewer: str | None
    date: str | None
    comment: str | None
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WarningDoc(Part):
    """A data-freshness warning about one dataset (scrisk.reference.freshness)."""

    code: str  # scrisk.vocab.DataWarningCode
    message: str
    dataset: str
    horizon: str | None
    months: int | None
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DatasetUsedDoc(Part):
    """One dataset the assessment read, as its provenance names it."""

    id: str
    edition: str | None
    sha256: str | None
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ProvenanceDoc(Part):
    """What reproduces the verdict (scrisk.assessment.provenance)."""

    scrisk: str
    datasets: tuple[DatasetUsedDoc, ...]
    policy_sha256: str
    policy_overrides: JsonObject  # dotted key -> value, from the typed settings
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UnappliedDecisionDoc(Part):
    """A decision given but not applied (scrisk.assessment.decision_book), with why."""

    reason: str  # no_party | no_match | reopened | other_supplier
    party: str | None
    name: str | None
    country: str | None
    entry_id: str
    decision: str  # scrisk.vocab.Decision
    reviewer: str | None
    date: str | None
    decided_against: str | None
    entry_state: str | None = field(
        default=None, metadata=_OMIT_IF_NONE
    )  # the entry's state now (reopened only)
    extra: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DataBlock:
    """One dataset's provenance block of the document's ``data`` (as the reference data
    gives it: ``Reference.provenance``), typed; each key as text, empty when absent."""

    id: str = ""
    source: str = ""  # the dataset's title
    title: str = ""  # the title's key in blocks written by other tools
    publisher: str = ""
    edition: str = ""
    date: str = ""
    licence: str = ""
    horizon: str = ""
    jurisdiction: str = ""
    sha256: str = ""

    @classmethod
    def of(cls, block: JsonObject) -> DataBlock:
        """The fields read from a ``data`` block (a value that is false reads as empty)."""
        return cls(**_texts((f.name for f in fields(cls)), block))


@dataclass(frozen=True, slots=True)
class AssessmentDocument(Part):
    """The whole assessment document (docs/ARCHITECTURE.md), typed."""

    format: str
    lang: str
    solicitation: SolicitationDoc
    bidder: BidderDoc
    as_of: str
    risk_level: str  # scrisk.vocab.RiskLevel
    score: float
    summary: SummaryDoc
    flags: tuple[FlagDoc, ...]
    parties: tuple[PartyDoc, ...]
    paths: tuple[PathDoc, ...]
    clauses: tuple[ClauseDoc, ...]
    graph: GraphDoc
    screening: tuple[ScreeningDoc, ...]
    decisions: tuple[DecisionDoc, ...]
    data: tuple[JsonObject, ...]  # each dataset's provenance block (read: ``datasets``)
    stage: str = "bid"  # scrisk.vocab.Stage
    # rules.md v3: the date deciding which clauses the instrument carries (documents
    # written before it have none)
    contract_date: str | None = field(default=None, metadata=_OMIT_IF_NONE)
    disclaimer: str | None = field(
        default=None, metadata=_OMIT_IF_NONE
    )  # one sentence: flags are indicators, not findings
    warnings: tuple[WarningDoc, ...] | None = field(default=None, metadata=_OMIT_IF_NONE)
    provenance: ProvenanceDoc | None = field(
        default=None, metadata=_OMIT_IF_NONE
    )  # the register's reproducibility record
    decisions_unapplied: tuple[UnappliedDecisionDoc, ...] | None = field(
        default=None, metadata=_OMIT_IF_NONE
    )
    # supplier_evidence (scrisk.register.evidence) among others, read by their own codecs
    extra: JsonObject = field(default_factory=dict)

    @property
    def datasets(self) -> tuple[DataBlock, ...]:
        """The ``data`` blocks, typed (:class:`DataBlock`)."""
        return tuple(DataBlock.of(d) for d in self.data)


def document_of(value: AssessmentDocument | JsonObject) -> AssessmentDocument:
    """The typed document: as is, or read back from its dict (a saved JSON, the register)."""
    if isinstance(value, AssessmentDocument):
        return value
    found: AssessmentDocument = AssessmentDocument.from_dict(value)
    return found


__all__ = [
    "AssessmentDocument",
    "BidderDoc",
    "ClauseDoc",
    "DatasetUsedDoc",
    "DataBlock",
    "DecisionDoc",
    "EvidenceDoc",
    "FlagDoc",
    "GoodDoc",
    "GraphDoc",
    "PartyDoc",
    "PathDoc",
    "ProvenanceDoc",
    "ReviewNote",
    "RecordDetail",
    "ScreeningDoc",
    "SolicitationDoc",
    "SummaryDoc",
    "UnappliedDecisionDoc",
    "WarningDoc",
    "document_of",
]
