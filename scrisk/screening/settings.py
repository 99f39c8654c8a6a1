"""The [screening] policy settings: the scorers they weigh, and their validation.

Bad settings are rejected when a ``Screener`` is built, with a message that
names the setting, rather than producing quietly wrong matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

# feature name -> rapidfuzz scorer (weights in policy [screening.scorer_weights])
SCORERS = {
    "token_set": fuzz.token_set_ratio,
    "token_sort": fuzz.token_sort_ratio,
    "partial": fuzz.partial_ratio,
    "wratio": fuzz.WRatio,
}


def check_policy(pol: Mapping[str, Any]) -> None:
    """Reject unusable [screening] settings at once, naming the setting."""
    from scrisk.errors import PolicyError

    def number(key: str, low: float, high: float) -> float:
        value = pol.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PolicyError(f"[screening] {key} must be a number, not {value!r}")
        if not low <= value <= high:
            raise PolicyError(f"[screening] {key} must be between {low:g} and {high:g}: {value}")
        return float(value)

    for key in (
        "strong_threshold",
        "possible_threshold",
        "token_cutoff",
        "compact_cutoff",
        "generic_name_min_token_sort",
        "generic_name_min_token_sort_possible",
        "short_word_cutoff",
        "subsidiary_word_cutoff",
    ):
        number(key, 0, 100)
    for key in ("coverage_weight", "listed_share", "candidate_min_token_weight"):
        number(key, 0, 1)
    number("country_same_bonus", 0, 100)
    number("country_different_penalty", 0, 100)
    number("chunk_size", 1, 10_000_000)
    number("max_name_length", 1, 1_000_000)
    number("short_word_max_length", 0, 100)
    if pol["possible_threshold"] > pol["strong_threshold"]:
        raise PolicyError("[screening] possible_threshold must not exceed strong_threshold")
    if not isinstance(pol.get("strong_needs_every_listed_word"), bool):
        raise PolicyError("[screening] strong_needs_every_listed_word must be true or false")
    if pol.get("short_form_max_class") not in ("strong", "possible"):
        raise PolicyError("[screening] short_form_max_class must be 'strong' or 'possible'")
    tables = {
        "scorer_weights": (set(SCORERS), False),  # a scorer left out has weight 0
        "token_weights": ({"generic", "place", "common", "distinctive"}, True),
    }
    for table, (keys, all_required) in tables.items():
        values = pol.get(table)
        if not isinstance(values, Mapping):
            raise PolicyError(f"[screening.{table}] must be a table")
        unknown, missing = set(values) - keys, keys - set(values)
        if unknown or (all_required and missing):
            raise PolicyError(
                f"[screening.{table}] unknown or missing keys "
                f"({', '.join(sorted(unknown | (missing if all_required else set())))}); "
                f"known: {', '.join(sorted(keys))}"
            )
        for k, v in values.items():
            if isinstance(v, bool) or not isinstance(v, int | float) or v < 0:
                raise PolicyError(f"[screening.{table}] {k} must be a number >= 0, not {v!r}")
    if not sum(pol["scorer_weights"].values()) > 0:
        raise PolicyError("[screening.scorer_weights] at least one weight must be > 0")


__all__ = ["SCORERS", "check_policy"]
