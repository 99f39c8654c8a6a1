"""The [screening] policy settings: the scorers they weigh, and their validation.

Bad settings are rejected when a ``Screener`` is built, with a message that
names the setting, rather than producing quietly wrong matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy.settings import ScreeningSettings

# feature name -> rapidfuzz scorer (weights in policy [screening.scorer_weights])
SCORERS = {
    "token_set": fuzz.token_set_ratio,
    "token_sort": fuzz.token_sort_ratio,
    "partial": fuzz.partial_ratio,
    "wratio": fuzz.WRatio,
}


def check_policy(pol: Mapping[str, Any]) -> ScreeningSettings:
    """The [screening] table typed; PolicyError naming every unusable setting."""
    from scrisk.jsontext import plain
    from scrisk.policy import load_policy
    from scrisk.policy.settings import ScreeningSettings

    if isinstance(pol, ScreeningSettings):
        return pol
    return load_policy({"screening": plain(pol)}).screening


__all__ = ["SCORERS", "check_policy"]
