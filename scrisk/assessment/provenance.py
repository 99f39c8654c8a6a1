"""Provenance of an assessment: what anyone needs to reproduce its verdict.

The scrisk version, every dataset the assessment read (id, edition, sha256 of
its files), the sha256 of the policy in force and the settings that differ
from the shipped defaults (dotted keys). No wall-clock time: the same inputs
give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from scrisk.jsontypes import JsonValue

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy import Settings
    from scrisk.reference.model import DatasetInfo


def policy_sha256(policy: Mapping[str, object]) -> str:
    """sha256 of the policy as canonical JSON (sorted keys, dates as ISO text)."""
    text = json.dumps(
        policy, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: object) -> JsonValue:
    """A JSON-safe copy of a policy value (dates and other scalars as text)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def policy_overrides(
    policy: Mapping[str, object], defaults: Mapping[str, object], prefix: str = ""
) -> dict[str, JsonValue]:
    """Settings of ``policy`` that differ from ``defaults``, by dotted key."""
    out: dict[str, JsonValue] = {}
    for key in sorted(policy, key=str):
        value, dotted = policy[key], f"{prefix}{key}"
        base = defaults.get(key) if isinstance(defaults, Mapping) else None
        if isinstance(value, Mapping) and isinstance(base, Mapping):
            out.update(policy_overrides(value, base, dotted + "."))
        elif key not in defaults or _plain(value) != _plain(base):
            out[dotted] = _plain(value)
    return out


Block = dict[str, JsonValue]  # the provenance block: scrisk, datasets, policy_sha256, overrides
_CACHE: dict[int, tuple[Settings | Mapping[str, object], tuple[DatasetInfo, ...], Block]] = {}


def provenance(policy: Settings | Mapping[str, object], datasets: Iterable[DatasetInfo]) -> Block:
    """The ``provenance`` block of the assessment document.

    Computed once per policy object and datasets (a portfolio or a re-screen
    shares the default policy); the caller must not change the block returned.
    """
    sets = tuple(datasets)
    found = _CACHE.get(id(policy))
    if found is not None and found[0] is policy and found[1] == sets:
        return found[2]
    block = _provenance(policy, sets)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(policy)] = (policy, sets, block)
    return block


def _provenance(
    policy: Settings | Mapping[str, object], datasets: tuple[DatasetInfo, ...]
) -> Block:
    from scrisk import __version__
    from scrisk.jsontext import plain
    from scrisk.policy import check_settings, default_settings

    # from the typed settings: 80 and 80.0, "2024-01-01" and a date, are the same setting
    typed: dict[str, object] = plain(check_settings(policy))
    defaults: dict[str, object] = plain(default_settings())
    used: list[JsonValue] = [
        {"id": d.id, "edition": d.edition, "sha256": d.sha256 or None}
        for d in sorted(datasets, key=lambda d: d.id)
    ]
    return {
        "scrisk": __version__,
        "datasets": used,
        "policy_sha256": policy_sha256(typed),
        "policy_overrides": policy_overrides(typed, defaults),
    }


__all__ = ["policy_overrides", "policy_sha256", "provenance"]
