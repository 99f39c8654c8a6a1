"""The register's one versioned codec: what it stores and hands back, read as typed objects.

Every kind of thing the register keeps or reports is a frozen dataclass here,
built on the assessment document's :class:`~scrisk.assessment.document_part.Part`:
``from_dict`` reads it back from its JSON form (a stored row, a saved Register
JSON, S-211 JSON) and ``to_dict`` writes the very same dict (keys it does not
know are kept in ``extra`` and written back), so the bytes of every JSON the
register writes are what they were when it wrote dicts.

- the stored assessment documents: :func:`read_document` (the register's copy, a
  call-up's document) gives an :class:`~scrisk.assessment.document.AssessmentDocument`;
- the Register JSON (``scrisk-history/1``): :class:`History` with its
  :class:`Record`, :class:`RescreenRun`, :class:`DecisionEntry`, :class:`CallUp`,
  :class:`Evidence`, :class:`Action` and :class:`Event`;
- the S-211 figures (``scrisk-s211/1``): :class:`S211Figures`.

The version: each JSON form names its format (``FORMATS``); a stored text of a
format this codec does not read is a :class:`RegisterError`, never a guess.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import ClassVar

from scrisk.assessment.document import AssessmentDocument
from scrisk.assessment.document_part import Part
from scrisk.jsontypes import JsonObject, JsonValue
from scrisk.register.connect import RegisterError

CODEC_VERSION = 1
DOCUMENT_FORMAT = "scrisk-assessment/1"  # the assessment document as the register keeps it
HISTORY_FORMAT = "scrisk-history/1"  # the Register JSON
S211_FORMAT = "scrisk-s211/1"  # the S-211 figures
FORMATS = (DOCUMENT_FORMAT, HISTORY_FORMAT, S211_FORMAT)
# the key of an assessment document under which the register adds its Bearing entries
SUPPLIER_EVIDENCE = "supplier_evidence"

Extra = JsonObject  # keys this codec does not know, kept and written back
Counts = Mapping[str, int]  # a figure by item, sorted by item

_OMIT_IF_NONE = {"omit_if_none": True}


def _check(data: JsonObject, expected: str, what: str) -> None:
    """A stored JSON's ``format`` is the one this codec reads, or a RegisterError."""
    found = data.get("format")
    if found != expected:
        raise RegisterError(
            f"register: {what} has format {found!r}; this scrisk reads {expected!r} "
            f"(codec version {CODEC_VERSION})"
        )


def read_document(stored: str | bytes | JsonObject) -> AssessmentDocument:
    """A stored assessment document (its JSON text, or the dict read from it), typed."""
    data = json.loads(stored) if isinstance(stored, (str, bytes)) else stored
    _check(data, DOCUMENT_FORMAT, "a stored assessment document")
    found: AssessmentDocument = AssessmentDocument.from_dict(data)
    return found


# -- the Register JSON -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contract(Part):
    """The contract a record was awarded as."""

    number: str
    awarded_on: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Award(Part):
    """An ``awards`` row: the record a contract was awarded on."""

    record: str
    contract: str
    awarded_on: str
    instrument: str  # scrisk.vocab.Instrument
    recorded_at: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Record(Part):
    """One recorded assessment as the Register JSON lists it."""

    id: str
    solicitation: str | None
    bidder: str | None
    bidder_name: str | None
    as_of: str | None
    stage: str | None
    risk_level: str | None
    score: float | None
    recorded_at: str
    declaration_sha256: str
    rescreen_of: str | None  # the record re-assessed, for a re-screen
    rescreen: str | None  # the re-screen run
    instrument: str | None  # of the contract, once awarded (schema v3)
    contract: Contract | None
    extra: Extra = field(default_factory=dict)

    @property
    def bidder_shown(self) -> str:
        """The bidder's name as declared, else its id."""
        return self.bidder_name or self.bidder or ""


@dataclass(frozen=True, slots=True)
class RescreenRun(Part):
    """One ``scrisk rescreen`` run."""

    id: str
    as_of: str
    contracts: int
    rose: int
    recorded_at: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DecisionEntry(Part):
    """A reviewer's decision as the register keeps it."""

    name: str | None
    country: str | None
    entry_id: str
    decision: str  # scrisk.vocab.Decision
    reviewer: str | None
    date: str | None
    comment: str | None
    party: str | None
    record: str | None
    recorded_at: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CallUp(Part):
    """A call-up against a standing offer or supply arrangement, screened as of its date."""

    id: str
    contract: str
    record: str
    number: str
    called_on: str
    value: float | None
    risk_level: str | None
    score: float | None
    recorded_at: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence(Part):
    """One piece of due-diligence evidence about a supplier (``name_key``: the normalised
    supplier name it is matched by; left out of the Register JSON)."""

    id: str
    supplier: str
    country: str | None
    kind: str  # scrisk.vocab.EvidenceKind
    issuer: str
    scheme: str | None
    material: str | None
    valid_from: str
    valid_to: str
    file: str | None
    file_sha256: str | None
    recorded_at: str
    name_key: str | None = field(default=None, metadata=_OMIT_IF_NONE)
    extra: Extra = field(default_factory=dict)

    def status_on(self, as_of: str) -> str:
        """``valid``, ``expired`` or ``not_yet`` on the date ``as_of`` (ISO text)."""
        if self.valid_to < as_of:
            return "expired"
        if self.valid_from > as_of:
            return "not_yet"
        return "valid"


@dataclass(frozen=True, slots=True)
class ActionNote(Part):
    """One step of an action: its status from ``on``, with a note."""

    status: str  # scrisk.vocab.ActionStatus
    note: str | None
    on: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Action(Part):
    """A corrective action plan on a flag of an awarded contract."""

    id: str
    contract: str
    record: str
    flag: str  # RULE:PARTY
    rule: str
    party: str
    owner: str
    plan: str
    opened_on: str
    due: str
    status: str  # scrisk.vocab.ActionStatus
    closed_on: str | None
    notes: tuple[ActionNote, ...]
    overdue: bool
    extra: Extra = field(default_factory=dict)

    def status_on(self, day: str) -> str | None:
        """The status on ``day`` (from the notes); None when not yet open."""
        found = None
        for n in self.notes:
            if n.on <= day:
                found = n.status
        return found


@dataclass(frozen=True, slots=True)
class ActionMoved(Part):
    """An action moved forward (or noted): its id, the status before and after, the day."""

    id: str
    status: str
    before: str
    on: str
    extra: Extra = field(default_factory=dict)


# The keys of each kind of event, in the Register JSON (``events``).
_EVENT_KEYS: dict[str, tuple[str, ...]] = {
    "assessed": ("record", "solicitation", "bidder", "risk_level", "score", "stage"),
    "rescreened": ("record", "solicitation", "bidder", "risk_level", "score", "stage", "contract"),
    "awarded": ("record", "solicitation", "bidder", "contract", "instrument"),
    "called_up": (
        "record",
        "solicitation",
        "contract",
        "number",
        "value",
        "risk_level",
        "score",
    ),
    "decided": (
        "name",
        "country",
        "entry_id",
        "decision",
        "reviewer",
        "comment",
        "party",
        "record",
    ),
    "evidence": (
        "id",
        "supplier",
        "country",
        "kind",
        "issuer",
        "scheme",
        "material",
        "valid_from",
        "valid_to",
        "file",
        "file_sha256",
    ),
    "action": (
        "id",
        "record",
        "solicitation",
        "contract",
        "flag",
        "owner",
        "due",
        "status",
        "note",
        "opened",
        "overdue",
    ),
}
EVENT_KINDS = tuple(_EVENT_KEYS)  # in the order events of one day are listed


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Part):
    """One event of a contract's life (``event`` names its kind, which decides its keys)."""

    event: str
    date: str | None = None
    recorded_at: str = ""
    record: str | None = None
    solicitation: str | None = None
    bidder: str | None = None
    risk_level: str | None = None
    score: float | None = None
    stage: str | None = None
    contract: str | None = None
    instrument: str | None = None
    number: str | None = None
    value: float | None = None
    name: str | None = None
    country: str | None = None
    entry_id: str | None = None
    decision: str | None = None
    reviewer: str | None = None
    comment: str | None = None
    party: str | None = None
    id: str | None = None
    supplier: str | None = None
    kind: str | None = None
    issuer: str | None = None
    scheme: str | None = None
    material: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    file: str | None = None
    file_sha256: str | None = None
    flag: str | None = None
    owner: str | None = None
    due: str | None = None
    status: str | None = None
    note: str | None = None
    opened: bool | None = None
    overdue: bool | None = None
    extra: Extra = field(default_factory=dict)

    def to_dict(self) -> dict[str, JsonValue]:
        """The event's keys: the common three and those of its kind."""
        out: dict[str, JsonValue] = {
            "event": self.event,
            "date": self.date,
            "recorded_at": self.recorded_at,
        }
        for key in _EVENT_KEYS.get(self.event, ()):
            out[key] = getattr(self, key)
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: JsonObject) -> Event:
        """An event read back (keys its kind does not have kept in ``extra``)."""
        own = {"event", "date", "recorded_at", *_EVENT_KEYS.get(str(data.get("event")), ())}
        found: Event = super(Event, cls).from_dict({k: v for k, v in data.items() if k in own})
        return replace(found, extra={k: v for k, v in data.items() if k not in own})

    def sort_key(self) -> tuple[str, int, str]:
        """Date, then kind, then time of recording: the same order on every database."""
        return (self.date or "", EVENT_KINDS.index(self.event), self.recorded_at)


@dataclass(frozen=True, slots=True)
class History(Part):
    """The Register JSON (``scrisk-history/1``)."""

    format: str
    records: tuple[Record, ...]
    rescreens: tuple[RescreenRun, ...]
    decisions: tuple[DecisionEntry, ...]
    callups: tuple[CallUp, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    actions: tuple[Action, ...] = ()
    events: tuple[Event, ...] = ()
    extra: Extra = field(default_factory=dict)

    @classmethod
    def read(cls, data: JsonObject) -> History:
        """A saved Register JSON, typed (its format checked)."""
        _check(data, HISTORY_FORMAT, "a Register JSON")
        found: History = cls.from_dict(data)
        return found


@dataclass(frozen=True, slots=True)
class FlagBorne(Part):
    """A flag a piece of evidence bears on, and whether it settles it."""

    rule: str
    good: str | None
    settles: bool
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bearing(Part):
    """A piece of kept evidence about one party of a document (a ``supplier_evidence`` entry)."""

    id: str
    supplier: str
    country: str | None
    kind: str  # scrisk.vocab.EvidenceKind
    issuer: str
    scheme: str | None
    material: str | None
    valid_from: str
    valid_to: str
    file_sha256: str | None
    party: str
    status: str  # valid | expired | not_yet
    counts: bool
    flags: tuple[FlagBorne, ...]
    note: str
    extra: Extra = field(default_factory=dict)


# -- the Rescreen JSON ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Side(Part):
    """A contract's level and score on one date (before or after a re-screen)."""

    as_of: str | None
    risk_level: str | None
    score: float | None
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Change(Part):
    """One flag added, removed or changed between two assessments of a contract."""

    change: str  # added | changed | removed
    rule: str
    party: str | None
    good: str | None
    records: tuple[str, ...] = ()  # the evidence records' keys (for machines)
    severity_before: str | None
    severity_after: str | None
    because: str | None
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class RescreenContract(Part):
    """One awarded contract re-assessed, with what changed and its life (v3)."""

    record: str
    contract: str
    solicitation: str | None
    bidder: str | None
    bidder_name: str | None
    before: Side
    after: Side
    rose: bool = False  # the level after is riskier than the one before
    changes: tuple[Change, ...]
    callups: tuple[CallUp, ...] = ()
    actions_overdue: tuple[Action, ...] = ()
    supplier_evidence: tuple[Bearing, ...] = ()
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RescreenReport(Part):
    """The Rescreen JSON (``scrisk-rescreen/1``), read back."""

    format: str
    as_of: str
    contracts: tuple[RescreenContract, ...]
    extra: Extra = field(default_factory=dict)


# -- the S-211 figures -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class S211Period(Part):
    """The financial year: first day, last day, the report's due date."""

    start: str
    end: str
    due: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211Contract(Part):
    """One contract the year counts."""

    contract: str
    instrument: str
    awarded_on: str
    awarded_in_year: bool
    category: str
    countries: tuple[str, ...]
    risk_level: str
    rescreens: int
    extra: Extra = field(default_factory=dict)

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "contract",
        "instrument",
        "awarded_on",
        "category",
        "countries",
        "risk_level",
        "rescreens",
    )

    def cells(self) -> tuple[str | int, ...]:
        """The row of the contracts sheet, in :attr:`COLUMNS` order."""
        return (
            self.contract,
            self.instrument,
            self.awarded_on,
            self.category,
            ", ".join(self.countries),
            self.risk_level,
            self.rescreens,
        )


@dataclass(frozen=True, slots=True)
class S211Contracts(Part):
    """The contracts of the year, counted."""

    count: int
    awarded_in_year: int
    by_instrument: Counts
    by_category: Counts
    by_country: Counts
    by_level: Counts
    listed: tuple[S211Contract, ...]
    extra: Extra = field(default_factory=dict)

    json_names: ClassVar[Mapping[str, str]] = {"listed": "list"}


@dataclass(frozen=True, slots=True)
class S211Callups(Part):
    """The call-ups of the year."""

    count: int
    value_cad: float
    by_level: Counts
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211FlagCount(Part):
    """How many flags of a rule and severity the year's contracts carry."""

    rule: str
    severity: str
    count: int
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211ChangeCount(Part):
    """How many changes of a kind re-screening found for a rule."""

    change: str
    rule: str
    count: int
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211Flags(Part):
    """Flags found, and how they changed on re-screening."""

    found: tuple[S211FlagCount, ...]
    rescreen_changes: tuple[S211ChangeCount, ...]
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211Decisions(Part):
    """Reviewer decisions of the year."""

    count: int
    by_decision: Counts
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211Evidence(Part):
    """Evidence valid at some time in the year."""

    count: int
    by_kind: Counts
    valid_at_year_end: int
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211Actions(Part):
    """Corrective actions of the year."""

    opened: int
    overdue_at_year_end: int
    closed: int
    by_status_at_year_end: Counts
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class S211Figures(Part):
    """The figures of a department's annual S-211 report (``scrisk-s211/1``)."""

    format: str
    department: str
    year: int
    period: S211Period
    contracts: S211Contracts
    callups: S211Callups
    flags: S211Flags
    decisions: S211Decisions
    evidence: S211Evidence
    actions: S211Actions
    extra: Extra = field(default_factory=dict)

    @classmethod
    def read(cls, data: JsonObject) -> S211Figures:
        """Saved S-211 JSON, typed (its format checked)."""
        _check(data, S211_FORMAT, "an S-211 JSON")
        found: S211Figures = cls.from_dict(data)
        return found


__all__ = [
    "CODEC_VERSION",
    "DOCUMENT_FORMAT",
    "EVENT_KINDS",
    "FORMATS",
    "HISTORY_FORMAT",
    "S211_FORMAT",
    "SUPPLIER_EVIDENCE",
    "Action",
    "ActionMoved",
    "ActionNote",
    "Award",
    "Bearing",
    "Change",
    "FlagBorne",
    "RescreenContract",
    "RescreenReport",
    "Side",
    "CallUp",
    "Contract",
    "DecisionEntry",
    "Event",
    "Evidence",
    "History",
    "Record",
    "RescreenRun",
    "S211Actions",
    "S211Callups",
    "S211ChangeCount",
    "S211Contract",
    "S211Contracts",
    "S211Decisions",
    "S211Evidence",
    "S211FlagCount",
    "S211Flags",
    "S211Figures",
    "S211Period",
    "read_document",
]
