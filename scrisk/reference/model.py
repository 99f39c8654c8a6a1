"""Value types of the reference data: one record per fact, each able to say where it came from.

Every record carries its ``dataset`` id and ``edition`` and a stable ``record``
or ``id``, so a flag built on it can cite (source, edition, record).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from scrisk.vocab import Jurisdiction, LabourType, values

RiskLevel = Literal["high", "medium", "low", "unknown"]

LIST_CBP = "CBP WRO/Findings"
LIST_UFLPA = "UFLPA Entity List"
LIST_CA_SEMA = "Canada SEMA (People's Republic of China) Regulations"

# Labour types a list entry or a CT9897 flag may name (rules.md v2).
LABOUR_TYPES = values(LabourType)  # declared once in scrisk.vocab
# Jurisdictions an evidence record may belong to (rules.md v2).
JURISDICTIONS = values(Jurisdiction)


@dataclass(frozen=True)
class DatasetInfo:
    """One shipped dataset: what it is, whose it is, which edition, under which licence."""

    id: str
    title: str
    publisher: str
    edition: str
    date: str
    licence: str
    rows: int
    url: str
    notes: str = ""
    source: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    files: tuple[str, ...] = ()
    built: str = ""
    folder: str = ""
    # The date the dataset's content is current to ("" = not declared): an as-of date
    # past it, or data older than the policy's freshness limit, is warned about.
    horizon: str = ""
    # Whose measure the records are: "US", "CA" or "intl" ("" = not declared).
    jurisdiction: str = ""
    # sha256 of the dataset's files as loaded (hex, files in manifest order), so an
    # assessment document can name exactly which data it used.
    sha256: str = ""
    # What is known to be missing from the dataset (manifest key "gaps").
    gaps: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountryProfile:
    """Country indicators and the composite risk built on them.

    ``risk_score`` is None and ``risk_level`` is "unknown" when coverage is
    below the method's threshold: too little data is never shown as low risk.
    ``indicators`` maps indicator name -> value (None when the source has none);
    ``components`` maps component -> 0-100 sub-score used in the composite.
    """

    iso2: str
    name: str
    risk_score: float | None
    risk_level: RiskLevel
    coverage: float
    indicators: dict[str, Any]
    sources: tuple[str, ...]
    components: dict[str, float | None] = field(default_factory=dict)
    dataset: str = "scrisk_country_risk"
    edition: str = ""

    @property
    def record(self) -> str:
        return f"country:{self.iso2}"


@dataclass(frozen=True)
class GoodsListing:
    """One ILAB good x country listing (2022 edition), annotated with later changes.

    ``removed_on``/``removed_labour`` carry a 2024-edition removal (e.g. child
    labour in Thai shrimp removed on 2024-09-05); use :meth:`current_on` to get
    the listing as it stands on a date.
    """

    good: str
    iso2: str
    country: str
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    tainted_input: bool
    tainted_input_source_iso2: str | None
    dataset: str
    edition: str
    record: str
    sector: str = ""
    removed_on: date | None = None
    removed_labour: str = ""
    change_record: str = ""
    note: str = ""
    # rules.md v3: from when (until when) each labour type is listed; None = not dated
    # (an undated listing counts as in force, as before)
    child_from: date | None = None
    child_until: date | None = None
    forced_from: date | None = None
    forced_until: date | None = None
    tainted_from: date | None = None
    tainted_until: date | None = None
    dated_by: str = ""  # how the dates were found (scrisk.reference.goods_dates)

    @property
    def listed_from(self) -> date | None:
        """The first day any labour type of this listing is in force (None = not dated)."""
        found = [
            d
            for d, on in (
                (self.child_from, self.child_labour),
                (self.forced_from, self.forced_labour),
                (self.tainted_from, self.tainted_input),
            )
            if on and d is not None
        ]
        return min(found) if found else None

    def current_on(self, d: date | None) -> GoodsListing | None:
        """The listing as in force on ``d``; None when nothing of it remains.

        Each labour type counts from the edition that first listed it (until a
        closed range ends); a 2024 removal of child labour clears the child-labour
        flags from its effective date; a forced-labour listing of the same good stays.
        """
        if d is None:
            return self

        def on(flag: bool, start: date | None, until: date | None) -> bool:
            return flag and (start is None or d >= start) and (until is None or d < until)

        child = on(self.child_labour, self.child_from, self.child_until)
        forced = on(self.forced_labour, self.forced_from, self.forced_until)
        tainted = on(self.tainted_input, self.tainted_from, self.tainted_until)
        if self.removed_on is not None and d >= self.removed_on:
            child = child and self.removed_labour not in ("child", "both")
            forced = forced and self.removed_labour not in ("forced", "both")
        fcl = self.forced_child_labour and child and forced
        if (child, forced, tainted, fcl) == (
            self.child_labour,
            self.forced_labour,
            self.tainted_input,
            self.forced_child_labour,
        ):
            return self
        if not (child or forced or tainted):
            return None
        from dataclasses import replace

        return replace(
            self,
            child_labour=child,
            forced_labour=forced,
            forced_child_labour=fcl,
            tainted_input=tainted,
        )


@dataclass(frozen=True)
class RegionMatch:
    """A place in a party's address text that lies in a region under presumption."""

    region_id: str
    region_name: str
    matched_text: str
    alias: str
    dataset: str
    edition: str
    place: str = ""
    kind: str = ""
    text_index: int = 0

    @property
    def record(self) -> str:
        return f"{self.region_id}:{self.place or self.region_name}"


# "prison or forced labor", "forced or convict labour": the source does not say which
_AMBIGUOUS = re.compile(
    r"\b(?:prison|convict|forced|penal)(?: labou?r)? or (?:prison|convict|forced|penal) labou?r\b",
    re.I,
)


@dataclass(frozen=True)
class ListEntry:
    """One entry of an enforcement list (CBP WRO/Finding, UFLPA Entity List)."""

    id: str
    list_name: str
    entity: str
    aliases: tuple[str, ...]
    country: str | None
    merchandise: str
    action: str
    issued: date | None
    status: str
    status_date: date | None
    source_url: str
    dataset: str
    edition: str
    notes: str = ""
    country_declared: str = ""
    source_type: str = ""
    list_section: str = ""
    status_note: str = ""
    # Whose measure this is: "US" (CBP, UFLPA), "CA" (Canadian measures), "intl".
    jurisdiction: str = "US"
    # Labour types the source names for the entry: subset of LABOUR_TYPES
    # (an order against a prison, laogai or penitentiary is "prison"); () = not said.
    labour_types: tuple[str, ...] = ()
    # The listing names "and its subsidiaries" (covers declared subsidiaries).
    covers_subsidiaries: bool = False
    # Where the listing was published (UFLPA: the Federal Register notice(s)).
    notice: str = ""
    # Each list section with its own effective date, e.g. "(i) 2022-06-21; (v) 2025-01-15".
    section_dates: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Entity name first, then aliases (what a screener matches against)."""
        return (self.entity, *self.aliases)

    @property
    def verified(self) -> bool:
        """False when the publisher names no entity for the entry and the name is a
        candidate inferred by other sources (``sector_data`` marks it "entity name
        unverified"; rules.md v3). An entity named in the publisher's own release is
        verified, even when the release is cited through a page reproducing it."""
        text = f"{self.status_note} {self.source_type}".casefold()
        return "unverified" not in text

    @property
    def labour_wording(self) -> str:
        """The entry's own words when they give the labour type ambiguously ("prison or
        forced labor"), else ""."""
        for text in (self.notes, self.status_note, self.merchandise):
            m = _AMBIGUOUS.search(text or "")
            if m:
                return m.group(0)
        return ""

    def active_on(self, d: date) -> bool | None:
        """Whether the entry is in force on ``d``.

        True when issued <= d and it was not modified or revoked on or before d.
        None when the issue date is unknown, or when it was modified/revoked on
        an unknown date and d is after the issue (e.g. Kingtom Aluminio's Finding,
        "Inactive-Pending Litigation" from a day not in the sources); a blank
        status counts as active. ``status_note`` says why.
        """
        if self.issued is None:
            return None
        if d < self.issued:
            return False
        if self.status in ("modified", "revoked"):
            if self.status_date is None:
                return None
            return d < self.status_date
        return True


__all__ = [
    "JURISDICTIONS",
    "LABOUR_TYPES",
    "LIST_CA_SEMA",
    "LIST_CBP",
    "LIST_UFLPA",
    "CountryProfile",
    "DatasetInfo",
    "GoodsListing",
    "ListEntry",
    "RegionMatch",
    "RiskLevel",
]
