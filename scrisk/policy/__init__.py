"""Policy: every threshold, weight, date and list a rule uses, in data.

The shipped defaults are TOML files in this package, one per concern
(``screening.toml``, ``assessment.toml``, ...), each holding top-level tables
(``[screening]``, ``[scoring]``, ``[clauses]`` ...). A user policy file
(TOML or JSON, ``--policy FILE`` / ``policy=``) overrides any subset: tables
merge key by key, other values replace.

    pol = load_policy()                 # defaults
    pol = load_policy("ours.toml")      # defaults + overrides
    pol["screening"]["strong_threshold"]
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from copy import deepcopy
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from scrisk.errors import PolicyError

Policy = dict[str, Any]


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = deepcopy(value)
    return base


@cache
def _defaults() -> Policy:
    merged: Policy = {}
    folder = resources.files("scrisk.policy")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _merge(merged, tomllib.loads(entry.read_text(encoding="utf-8")))
    return merged


def default_policy() -> Policy:
    """A fresh copy of the shipped defaults."""
    return deepcopy(_defaults())


def load_policy(source: str | Path | Mapping[str, Any] | None = None) -> Policy:
    """Defaults merged with ``source`` (a TOML/JSON path or a mapping); ``None`` = defaults."""
    policy = default_policy()
    if source is None:
        return policy
    if isinstance(source, Mapping):
        return _merge(policy, source)
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read policy file ({exc.strerror})") from None
    try:
        override = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"{path}: not a valid policy file: {exc}") from None
    if not isinstance(override, dict):
        raise PolicyError(f"{path}: a policy file must hold a table of settings")
    unknown = sorted(set(override) - set(policy))
    if unknown:
        raise PolicyError(
            f"{path}: unknown policy section(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(policy))}"
        )
    return _merge(policy, override)


__all__ = ["Policy", "default_policy", "load_policy"]
