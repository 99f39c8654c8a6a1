"""The fixed vocabularies of scrisk, each declared once, in its order.

Every closed set of words the spec fixes (severities, risk levels, clause
statuses, reviewer decisions, party roles, fault reasons, stages,
jurisdictions, labour types, instruments, data warnings) is a
:class:`~enum.StrEnum` here. A member *is* its string (``Severity.HIGH ==
"high"``, ``json.dumps`` writes ``"high"``), so documents, JSON and
comparisons with plain strings are unchanged; the enum adds one declared
order and a name the type checker can follow.

Orders are the declaration order, most severe first where there is one.
The older tuple names (``SEVERITIES``, ``RISK_LEVELS``, ``ROLES`` ...) that
other modules export are derived from these enums and hold plain strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Severity(StrEnum):
    """Severity of a flag, most severe first. ``info`` never raises a bid's level."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical ... 4 for info; lower is worse."""
        return _SEVERITY_RANK[self]

    @classmethod
    def worst(cls, values: Iterable[str], default: str = "low") -> Severity:
        """The most severe of ``values`` (``default`` when there is none)."""
        found = [severity_of(v) for v in values]
        return min(found, key=_SEVERITY_RANK.__getitem__) if found else cls(default)


class RiskLevel(StrEnum):
    """Risk level of a bid or party, worst first (a party may also be ``unknown``)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for critical ... 3 for low; lower is worse."""
        return _LEVEL_RANK[self]


# The level of a party whose risk cannot be told (a DATA_GAP), outside the ranked order.
UNKNOWN_LEVEL = "unknown"


class ClauseStatus(StrEnum):
    """Status of a clause in the clause matrix (spec/rules.md v2: two vocabularies)."""

    # documentary clauses (A3006T, POW, S211)
    PASS = "pass"
    REVIEW = "review"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    # risk clauses (CT9897, PN150, CODE); also REVIEW and NOT_APPLICABLE
    HIGH_RISK = "high_risk"
    NO_INDICATOR = "no_indicator"


DOCUMENTARY_STATUSES = (
    ClauseStatus.PASS,
    ClauseStatus.REVIEW,
    ClauseStatus.FAIL,
    ClauseStatus.NOT_APPLICABLE,
)
RISK_STATUSES = (
    ClauseStatus.HIGH_RISK,
    ClauseStatus.REVIEW,
    ClauseStatus.NO_INDICATOR,
    ClauseStatus.NOT_APPLICABLE,
)


class Category(StrEnum):
    """Category of a solicitation (spec/declaration.md)."""

    APPAREL = "apparel"
    PPE = "ppe"
    OTHER = "other"


class Instrument(StrEnum):
    """What a solicitation leads to: decides which contract clauses apply (PN150)."""

    CONTRACT = "contract"
    STANDING_OFFER = "standing_offer"
    SUPPLY_ARRANGEMENT = "supply_arrangement"


class Rule(StrEnum):
    """Rule ids of spec/rules.md (v2); the contract every flag carries."""

    CT9897 = "CT9897"
    WATCHLIST = "WATCHLIST"
    REGION = "REGION"
    GOODS = "GOODS"
    COUNTRY = "COUNTRY"
    EP_CERT = "EP_CERT"
    POW = "POW"
    CHAIN_GAP = "CHAIN_GAP"
    CAPACITY = "CAPACITY"
    AUDIT = "AUDIT"
    S211 = "S211"
    DATA_GAP = "DATA_GAP"


class Right(StrEnum):
    """The eight rights of the A3006T ethical procurement certification (spec order)."""

    CHILD_LABOUR = "child_labour"
    FORCED_LABOUR = "forced_labour"
    ABUSE_HARASSMENT = "abuse_harassment"
    DISCRIMINATION = "discrimination"
    FREEDOM_OF_ASSOCIATION = "freedom_of_association"
    HEALTH_SAFETY = "health_safety"
    WAGES = "wages"
    HOURS_OF_WORK = "hours_of_work"


class Decision(StrEnum):
    """A reviewer's answer about a name match."""

    CONFIRMED = "confirmed"
    NOT_A_MATCH = "not_a_match"
    UNSURE = "unsure"


class Role(StrEnum):
    """Role of a declared party (spec/declaration.md)."""

    BIDDER = "bidder"
    MANUFACTURER = "manufacturer"
    SUBCONTRACTOR = "subcontractor"
    MATERIAL_SUPPLIER = "material_supplier"
    AGENT = "agent"
    DISTRIBUTOR = "distributor"


class FaultReason(StrEnum):
    """Why an input is faulty: a closed taxonomy so tools can group faults (pandera-style)."""

    UNREADABLE = "unreadable"  # file missing, not JSON, not a workbook, truncated
    WRONG_FORMAT = "wrong_format"  # JSON root or "format" is not a declaration
    MISSING_SHEET = "missing_sheet"
    MISSING_COLUMN = "missing_column"
    MISSING_FIELD = "missing_field"
    BAD_TYPE = "bad_type"
    BAD_VALUE = "bad_value"  # unknown role / category / right / result ...
    BAD_DATE = "bad_date"
    BAD_NUMBER = "bad_number"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_ID = "unknown_id"  # supplies_to / goods / party reference to nothing
    BIDDER_COUNT = "bidder_count"
    NO_GOODS = "no_goods"
    TOO_LARGE = "too_large"
    UNKNOWN_KEY = "unknown_key"  # a setting or field name that is not known (a misspelling)


class Stage(StrEnum):
    """When an assessment is made: at the bid (closing date) or after award."""

    BID = "bid"
    CONTRACT = "contract"


class Jurisdiction(StrEnum):
    """Whose measure or data a record is."""

    CA = "CA"
    US = "US"
    INTL = "intl"


class LabourType(StrEnum):
    """Kinds of labour Customs Tariff item 9897.00.00 prohibits, as tagged on list entries."""

    PRISON = "prison"
    FORCED = "forced"
    CHILD = "child"


class DataWarningCode(StrEnum):
    """Why the reference data may not support a verdict (scrisk.reference.freshness)."""

    PAST_HORIZON = "past_horizon"  # the as-of date is after the data's horizon
    STALE_DATA = "stale_data"  # the data is older than the policy's freshness limit


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}
_LEVEL_RANK = {lv: i for i, lv in enumerate(RiskLevel)}

# --- Orders: every ranking of severities and levels, declared here and nowhere else. ---

# The old tuple names: plain strings, most severe first. "info" never raises a bid's level.
SEVERITIES = tuple(s.value for s in Severity)
RISK_LEVELS = tuple(lv.value for lv in RiskLevel)
# The levels a party may show, in the order reports list them: worst first, "unknown" last.
PARTY_LEVELS = (*RISK_LEVELS, UNKNOWN_LEVEL)
# A reviewer's answers, in the order the Review sheet offers them.
DECISIONS = tuple(d.value for d in Decision)

# How risky a level is, least first. "unknown" (a party whose own level is low but whose
# risk cannot be told: a DATA_GAP, or fed by one) is never "low", and nothing says it
# reaches "medium": it ranks just above low. The register's diff, the worst-case country
# choice (assessment/assumed.py) and the picture's riskiest-first choice all use this.
_LEVEL_RISK: dict[str, int] = {
    str(lv): i
    for i, lv in enumerate(
        (RiskLevel.LOW, UNKNOWN_LEVEL, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.CRITICAL)
    )
}


_RANK_OF_TEXT: dict[str, int] = {str(s.value): i for s, i in _SEVERITY_RANK.items()}


_SEVERITY_OF: dict[str, Severity] = {str(s.value): s for s in Severity}


def severity_of(value: str) -> Severity:
    """``Severity(value)`` by a dict lookup (read for every flag many times over);
    ``ValueError`` for a word that is no severity, as the enum gives."""
    found = _SEVERITY_OF.get(value)
    return found if found is not None else Severity(value)


def severity_rank(severity: object, default: int | None = None) -> int:
    """0 for critical ... 4 for info (lower is worse); a word that is no severity gives
    ``default``, or ``ValueError`` when there is none."""
    rank = _RANK_OF_TEXT.get(severity) if isinstance(severity, str) else None
    if rank is not None:  # read for every flag many times over: a dict lookup, no enum
        return rank
    try:
        return _SEVERITY_RANK[Severity(str(severity))]
    except ValueError:
        if default is None:
            raise
        return default


def worst(severities: Iterable[str], default: str = "low") -> str:
    """The most severe of ``severities`` as a plain string (``default`` when empty)."""
    return Severity.worst(severities, default).value


def level_risk(level: object, default: int = -1) -> int:
    """How risky a party's or bid's level is, higher is worse: low 0, unknown 1, medium 2,
    high 3, critical 4; ``default`` for anything else (None, a misspelt word)."""
    return _LEVEL_RISK.get(str(level), default) if isinstance(level, str) else default


def at_least(level: str, floor: str) -> str:
    """The more severe of two risk levels."""
    return level if severity_rank(level) <= severity_rank(floor) else floor


class EvidenceKind(StrEnum):
    """Due-diligence evidence about a supplier kept in the register (spec v3)."""

    CERTIFICATE = "certificate"  # SA8000, WRAP, Fair Wear ...
    AUDIT = "audit"  # amfori BSCI, SLCP ...
    ORIGIN = "origin"  # origin or chain-of-custody documents for a material
    TEST = "test"  # isotope or DNA tests


class ActionStatus(StrEnum):
    """A corrective action plan's status, in the only order it may move (forward)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    VERIFIED = "verified"
    CLOSED = "closed"


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The plain-string values of ``enum`` in its declared order (for the old tuple names)."""
    return tuple(member.value for member in enum)


__all__ = [
    "DECISIONS",
    "DOCUMENTARY_STATUSES",
    "PARTY_LEVELS",
    "RISK_LEVELS",
    "SEVERITIES",
    "at_least",
    "level_risk",
    "severity_rank",
    "worst",
    "ActionStatus",
    "EvidenceKind",
    "RISK_STATUSES",
    "UNKNOWN_LEVEL",
    "Category",
    "ClauseStatus",
    "DataWarningCode",
    "Decision",
    "FaultReason",
    "Instrument",
    "Jurisdiction",
    "LabourType",
    "RiskLevel",
    "Right",
    "Role",
    "Rule",
    "Severity",
    "Stage",
    "values",
]
