"""The policy's typed shape: one frozen dataclass per table of the shipped TOML files.

To add a setting: add it to the TOML file with a comment, then a field here
(type + ``setting(...)`` range or words). To add a policy file
``scrisk/policy/<concern>.toml`` with a new table ``[concern]``: write a
``Section`` dataclass for it and add a field of that type to :class:`Settings`.
Until then the table is still loaded and checked by example (a user may only
override the keys it has, with values of the same kind) and read as
``settings["concern"]``.

Mapping keys of a table (``scoring.severity_weight``, ``clauses.A3006T``) are
by default the keys the shipped table has, so a misspelt key is refused by
name (``levels.critcal``) and new shipped keys need no code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scrisk.policy.section import PolicyDate, Problem, Section, setting
from scrisk.vocab import RISK_LEVELS, Category, Instrument, Right, RiskLevel, Rule, Severity, values

_SEVERITY_OR_NONE = (*values(Severity), "")
_LEVEL_OR_NONE = (*values(RiskLevel), "")
# word classes of [screening.token_weights]: each needs a weight (scrisk/screening/name_words.json)
TOKEN_CLASSES = frozenset({"generic", "place", "common", "distinctive"})


def _clause_keys(default: Mapping[str, Any]) -> set[str]:
    """Dates of a clause may be given for ``all``, a category or an instrument (and the
    shipped keys)."""
    return {"all", *values(Category), *values(Instrument), *default}


ClauseDates = Mapping[str, PolicyDate]


@dataclass(frozen=True, slots=True)
class ClausesSettings(Section):
    """[clauses]: from when each clause applies (a date, or "YYYY-MM" to the month only).

    Keyed by category (A3006T, POW), instrument (PN150), labour type (CT9897) or
    ``all``; CODE is keyed by department (``[procurement] department``), an
    open-ended set of names, plus ``all`` for the others.
    """

    A3006T: ClauseDates = setting(keys=_clause_keys)
    POW: ClauseDates = setting(keys=_clause_keys)
    PN150: ClauseDates = setting(keys=_clause_keys)
    CODE: ClauseDates = setting(keys=None)
    S211: ClauseDates = setting(keys=_clause_keys)
    CT9897: ClauseDates = setting(keys=_clause_keys)

    def dates(self, clause: str) -> ClauseDates:
        """The dates of one clause by its id (``A3006T`` ... ``CT9897``)."""
        if clause not in self._field_names():
            raise KeyError(clause)
        found: ClauseDates = getattr(self, clause)
        return found


@dataclass(frozen=True, slots=True)
class MeasuresSettings(Section):
    """[measures]: dates of the US measures a REGION indicator names (rules.md v3)."""

    uflpa_presumption: PolicyDate = setting()
    xuar_cotton_tomato_order: PolicyDate = setting()
    xuar_order_goods: tuple[str, ...] = setting()


@dataclass(frozen=True, slots=True)
class ProcurementSettings(Section):
    """[procurement]: who runs the procurement (decides the CODE date that applies)."""

    department: str = setting()

    def check(self) -> list[Problem]:
        if self.department.strip():
            return []
        return [
            Problem(
                "department",
                f"expected a department name (e.g. PSPC), got {self.department!r}",
            )
        ]


@dataclass(frozen=True, slots=True)
class DataSettings(Section):
    """[data]: freshness of the reference data (scrisk.reference.freshness)."""

    max_age_months: int = setting(low=0, high=1200)
    screening_datasets: tuple[str, ...] = setting()


@dataclass(frozen=True, slots=True)
class UpdatesSettings(Section):
    """[updates]: what ``scrisk data update`` accepts (bounds read while streaming) and
    the guards against a file that would shrink or end much of a list."""

    max_file_bytes: int = setting(low=1)
    max_entries: int = setting(low=1)
    max_row_chars: int = setting(low=1)
    min_kept_share: float = setting(low=0.0, high=1.0)
    max_ended_share: float = setting(low=0.0, high=1.0)


@dataclass(frozen=True, slots=True)
class RegisterSettings(Section):
    """[register]: the register's own limits (scrisk.register)."""

    evidence_file_max_bytes: int = setting(low=1, high=1024 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class RightsSettings(Section):
    """[rights]: the rights a certification must affirm, by clause."""

    A3006T: tuple[str, ...] = setting(choices=values(Right))


@dataclass(frozen=True, slots=True)
class RulesSettings(Section):
    """[rules]: settings of individual rules."""

    contract_years: float = setting(low=0.0)
    units_per_worker_year: Mapping[str, float] = setting(low=0.0, keys=None)
    country_severity: Mapping[str, str] = setting(choices=_SEVERITY_OR_NONE)
    ignore_audits_after_as_of: bool = setting()
    max_paths: int = setting(low=0)


@dataclass(frozen=True, slots=True)
class ScoringSettings(Section):
    """[scoring]: flag weights and how far risk carries downstream."""

    attenuation: float = setting(low=0.0, high=1.0)
    severity_weight: Mapping[str, float] = setting(low=0.0, high=1.0, keys=values(Severity))
    rule_factor: Mapping[str, float] = setting(low=0.0, high=1.0, keys=values(Rule))


@dataclass(frozen=True, slots=True)
class LevelsSettings(Section):
    """[levels]: score thresholds (0-100) of the risk levels."""

    critical: float = setting(low=0.0, high=100.0)
    high: float = setting(low=0.0, high=100.0)
    medium: float = setting(low=0.0, high=100.0)
    data_gap_floor: str = setting(choices=_LEVEL_OR_NONE)

    def threshold(self, level: str) -> float:
        """The lowest score (0-100) of ``level`` (critical, high or medium)."""
        if level not in RISK_LEVELS[:-1]:  # low has no threshold: below medium
            raise KeyError(level)
        found: float = getattr(self, level)
        return found

    def check(self) -> list[Problem]:
        if self.critical >= self.high >= self.medium:
            return []
        return [
            Problem(
                "high",
                "levels.critical >= levels.high >= levels.medium must hold, "
                f"got {self.critical:g}, {self.high:g}, {self.medium:g}",
            )
        ]


@dataclass(frozen=True, slots=True)
class ScreeningSettings(Section):
    """[screening]: name-matching thresholds and weights (see screening.toml)."""

    strong_threshold: float = setting(low=0.0, high=100.0)
    possible_threshold: float = setting(low=0.0, high=100.0)
    country_same_bonus: float = setting(low=0.0, high=100.0)
    country_different_penalty: float = setting(low=0.0, high=100.0)
    coverage_weight: float = setting(low=0.0, high=1.0)
    listed_share: float = setting(low=0.0, high=1.0)
    token_cutoff: float = setting(low=0.0, high=100.0)
    compact_cutoff: float = setting(low=0.0, high=100.0)
    candidate_min_token_weight: float = setting(low=0.0, high=1.0)
    generic_name_min_token_sort: float = setting(low=0.0, high=100.0)
    generic_name_min_token_sort_possible: float = setting(low=0.0, high=100.0)
    short_word_max_length: int = setting(low=0, high=100)
    short_word_cutoff: float = setting(low=0.0, high=100.0)
    subsidiary_word_cutoff: float = setting(low=0.0, high=100.0)
    strong_needs_every_listed_word: bool = setting()
    subsidiary_floor_strict: bool = setting()
    generic_names_need_key_words: bool = setting()
    short_form_max_class: str = setting(choices=("strong", "possible"))
    max_names: int = setting(low=1)
    max_name_length: int = setting(low=1, high=1_000_000)
    chunk_size: int = setting(low=1, high=10_000_000)
    scorer_weights: Mapping[str, float] = setting(low=0.0)
    token_weights: Mapping[str, float] = setting(low=0.0)

    def check(self) -> list[Problem]:
        out = []
        if self.possible_threshold > self.strong_threshold:
            out.append(
                Problem(
                    "possible_threshold",
                    "must not exceed strong_threshold "
                    f"({self.possible_threshold:g} > {self.strong_threshold:g})",
                )
            )
        if not sum(self.scorer_weights.values()) > 0:
            out.append(Problem("scorer_weights", "at least one weight must be > 0"))
        missing = sorted(TOKEN_CLASSES - set(self.token_weights))
        if missing:
            out.append(Problem("token_weights", f"missing keys: {', '.join(missing)}"))
        return out


@dataclass(frozen=True, slots=True)
class Settings(Section):
    """The whole policy, typed: one field per table of the shipped TOML files.

    Read by attribute (``settings.levels.critical``) or, as before, by key
    (``settings["levels"]["critical"]``). Tables that have no dataclass yet
    are in ``untyped`` (checked by example against the shipped defaults) and
    read by key as well (``settings["<table>"]``).
    """

    clauses: ClausesSettings = setting()
    # start dates sources give for a clause, with where each was read (keys: dates)
    clause_start_sources: Mapping[str, Mapping[str, str]] = setting(keys=None)
    measures: MeasuresSettings = setting()
    procurement: ProcurementSettings = setting()
    rights: RightsSettings = setting()
    rules: RulesSettings = setting()
    scoring: ScoringSettings = setting()
    levels: LevelsSettings = setting()
    screening: ScreeningSettings = setting()
    data: DataSettings = setting()
    updates: UpdatesSettings = setting()
    register: RegisterSettings = setting()


def untyped_settings(section: Section, where: str = "") -> list[str]:
    """Dotted keys of the shipped settings no dataclass field describes yet."""
    found = [f"{where}{k}" for k in section.untyped]
    for name in section._field_names():
        value = getattr(section, name)
        if isinstance(value, Section):
            found += untyped_settings(value, f"{where}{name}.")
    return sorted(found)


TYPED_TABLES = Settings._field_names()

__all__ = [
    "TYPED_TABLES",
    "ClauseDates",
    "ClausesSettings",
    "DataSettings",
    "LevelsSettings",
    "MeasuresSettings",
    "ProcurementSettings",
    "RegisterSettings",
    "RightsSettings",
    "RulesSettings",
    "ScoringSettings",
    "ScreeningSettings",
    "Settings",
    "untyped_settings",
]
