"""Checks of the assessment policy: a bad setting is rejected at once, by name.

A user policy (``policy=`` path or mapping) may override any setting of
``scrisk/policy/assessment.toml``; a value the rules cannot use (a weight of
"high", an attenuation of 3, a clause date of "soon") raises
:class:`~scrisk.errors.PolicyError` naming the setting, never a traceback
deep inside a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrisk.assessment.context import to_date
from scrisk.errors import PolicyError
from scrisk.findings import RISK_LEVELS, SEVERITIES
from scrisk.model import RIGHTS


def _number(value: Any, name: str, low: float | None = None, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PolicyError(f"policy setting {name} must be a number, not {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise PolicyError(f"policy setting {name} must be between {low} and {high}, not {value!r}")
    return float(value)


def _date(value: Any, name: str) -> None:
    try:
        if to_date(value) is None:
            raise ValueError
    except (TypeError, ValueError):
        raise PolicyError(
            f"policy setting {name} must be a date (YYYY-MM-DD, or YYYY-MM when only the "
            f"month is known), not {value!r}"
        ) from None


def _known_keys(policy: Mapping[str, Any]) -> None:
    """A misspelt setting (``levels.critcal``) would be ignored in silence: name it instead."""
    from scrisk.assessment.rules import RULES
    from scrisk.model import CATEGORIES, INSTRUMENTS
    from scrisk.policy import default_policy

    defaults = default_policy()
    clause_keys = {"all", *CATEGORIES, *INSTRUMENTS}
    for sub in defaults["clauses"].values():
        clause_keys.update(sub)
    allowed: dict[str, set[str]] = {
        section: set(defaults[section])
        for section in ("scoring", "levels", "rules", "rights", "procurement")
    }
    allowed["clauses"] = set(defaults["clauses"])
    allowed["scoring.severity_weight"] = set(SEVERITIES)
    allowed["scoring.rule_factor"] = set(RULES)
    allowed["rules.country_severity"] = set(defaults["rules"]["country_severity"])
    # clauses.CODE is keyed by department (open-ended): its keys are not checked
    allowed.update({f"clauses.{c}": clause_keys for c in defaults["clauses"] if c != "CODE"})
    for name, known in allowed.items():
        table: Any = policy
        for part in name.split("."):
            table = table.get(part) if isinstance(table, Mapping) else None
        if not isinstance(table, Mapping):
            continue
        unknown = sorted(set(table) - known)
        if unknown:
            raise PolicyError(
                f"unknown policy setting(s) {', '.join(f'{name}.{k}' for k in unknown)}; "
                f"known in {name}: {', '.join(sorted(known))}"
            )


def check_policy(policy: Mapping[str, Any]) -> None:
    """Raise PolicyError for the first unusable assessment setting."""
    _known_keys(policy)
    scoring, levels, rules = policy["scoring"], policy["levels"], policy["rules"]
    _number(scoring["attenuation"], "scoring.attenuation", 0.0, 1.0)
    for sev in SEVERITIES:
        _number(scoring["severity_weight"].get(sev, 0.0), f"scoring.severity_weight.{sev}", 0, 1)
    for rule, factor in scoring.get("rule_factor", {}).items():
        _number(factor, f"scoring.rule_factor.{rule}", 0.0, 1.0)
    thresholds = [_number(levels[lv], f"levels.{lv}", 0, 100) for lv in RISK_LEVELS[:3]]
    if not thresholds[0] >= thresholds[1] >= thresholds[2]:
        raise PolicyError("policy settings levels.critical >= levels.high >= levels.medium")
    floor = levels.get("data_gap_floor") or ""
    if floor and floor not in RISK_LEVELS:
        raise PolicyError(
            f"policy setting levels.data_gap_floor must be one of "
            f"{', '.join(RISK_LEVELS)} or empty, not {floor!r}"
        )
    for clause, dates in policy["clauses"].items():
        if not isinstance(dates, Mapping):
            raise PolicyError(f"policy setting clauses.{clause} must be a table of dates")
        for key, value in dates.items():
            _date(value, f"clauses.{clause}.{key}")
    department = (policy.get("procurement") or {}).get("department")
    if not isinstance(department, str) or not department.strip():
        raise PolicyError(
            f"policy setting procurement.department must be a department name "
            f"(e.g. PSPC), not {department!r}"
        )
    rights = policy["rights"]["A3006T"]
    unknown = [r for r in rights if r not in RIGHTS]
    if unknown:
        raise PolicyError(
            f"policy setting rights.A3006T: unknown right(s) {', '.join(unknown)}; "
            f"known: {', '.join(RIGHTS)}"
        )
    for level, sev in rules["country_severity"].items():
        if sev and sev not in SEVERITIES:
            raise PolicyError(
                f"policy setting rules.country_severity.{level} must be one of "
                f"{', '.join(SEVERITIES)} or empty, not {sev!r}"
            )
    _number(rules["contract_years"], "rules.contract_years", 0.0, None)
    for good, norm in (rules.get("units_per_worker_year") or {}).items():
        _number(norm, f"rules.units_per_worker_year.{good}", 0.0, None)
    _number(rules["max_paths"], "rules.max_paths", 0, None)


__all__ = ["check_policy"]
