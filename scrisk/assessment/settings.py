"""Checks of the assessment policy: a bad setting is rejected at once, by name.

A user policy (``policy=`` path or mapping) may override any setting of
``scrisk/policy/assessment.toml``; a value the rules cannot use (a weight of
"high", an attenuation of 3, a clause date of "soon", a misspelt key) raises
:class:`~scrisk.errors.PolicyError` naming every such setting, never a
traceback deep inside a rule. The checks themselves are the typed settings
of :mod:`scrisk.policy.settings`; this is the name the engine always used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy.settings import Settings


def check_policy(policy: Mapping[str, Any]) -> Settings:
    """The whole policy typed; PolicyError listing every unusable setting."""
    from scrisk.policy import check_settings

    return check_settings(policy)


__all__ = ["check_policy"]
