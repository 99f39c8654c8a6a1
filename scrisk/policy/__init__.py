"""Policy: every threshold, weight, date and list a rule uses, in data, typed at the door.

The shipped defaults are TOML files in this package, one per concern
(``screening.toml``, ``assessment.toml``, ...), each holding top-level tables
(``[screening]``, ``[scoring]``, ``[clauses]`` ...). A user policy file
(TOML or JSON, ``--policy FILE`` / ``policy=``) overrides any subset: tables
merge key by key, other values replace.

:func:`load_policy` reads, merges and validates once, into a frozen
:class:`~scrisk.policy.settings.Settings` (one dataclass per table). Every
unusable value (unknown or misspelt key, wrong type, out of range, NaN or
infinity, too deep, not UTF-8, not TOML/JSON) is collected into one
:class:`~scrisk.errors.PolicyError` naming file and dotted key.

    pol = load_policy()                 # defaults
    pol = load_policy("ours.toml")      # defaults + overrides
    pol.screening.strong_threshold      # typed; pol["screening"]["strong_threshold"] works too
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from copy import deepcopy
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from scrisk.errors import Fault, Location, PolicyError
from scrisk.jsontext import plain
from scrisk.policy.section import Problem
from scrisk.policy.settings import Settings, untyped_settings
from scrisk.policy.values import MAX_DEPTH, build, depth

# a Settings object, readable as the mapping of tables it was built from
Policy = Settings
MAX_FILE_BYTES = 1024 * 1024  # a policy file is a few kB; anything larger is not one


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = deepcopy(value)
    return base


@cache
def _shipped() -> tuple[dict[str, Any], dict[str, str]]:
    """The merged default tables, and the file each top-level table comes from."""
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}
    folder = resources.files("scrisk.policy")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            tables = tomllib.loads(entry.read_text(encoding="utf-8"))
            origin.update(dict.fromkeys(tables, f"scrisk/policy/{entry.name}"))
            _merge(merged, tables)
    return merged, origin


def default_policy() -> dict[str, Any]:
    """A fresh, plain copy of the shipped defaults (nested dicts, as in the TOML files)."""
    return deepcopy(_shipped()[0])


@cache
def default_settings() -> Settings:
    """The shipped defaults, typed (built and checked once)."""
    merged, origin = _shipped()
    return _typed(merged, lambda key: origin.get(key.split(".")[0], "scrisk/policy"))


def _typed(merged: Mapping[str, Any], where: Any) -> Settings:
    """``Settings`` from the merged tables, or one PolicyError naming every fault."""
    out: list[Problem] = []
    made: Settings | None = build(Settings, merged, _shipped()[0], out, "")
    if out or made is None:
        faults = [Fault(Location(file=where(p.key), path=p.key), p.reason, p.message) for p in out]
        raise PolicyError.from_faults(faults)
    return made


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a policy may hold")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} given twice")
        out[key] = value
    return out


def read_policy_file(path: str | Path) -> dict[str, Any]:
    """The tables of one policy file (TOML, or JSON by suffix); PolicyError if unreadable."""
    path = Path(path)

    def fail(message: str, reason: str = "unreadable") -> PolicyError:
        return PolicyError.from_faults([Fault(Location(file=str(path)), reason, message)])

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise fail(f"cannot read policy file ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(f"larger than {MAX_FILE_BYTES // 1024} kB: not a policy file", "too_large")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:64]:
        raise fail("UTF-16 text; save the policy file as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start}); save the policy file as UTF-8") from None
    try:
        if path.suffix.lower() == ".json":
            tables = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique)
        else:
            tables = tomllib.loads(text)
    except RecursionError:
        raise fail(f"nested more than {MAX_DEPTH} levels deep", "too_large") from None
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise fail(f"not valid {kind}: {exc}", "wrong_format") from None
    if not isinstance(tables, dict):
        raise fail("a policy file must hold a table of settings", "wrong_format")
    return tables


# What a caller may give as a policy: typed settings, a TOML/JSON file, plain tables, or
# None (the shipped defaults). load_policy turns each into Settings, once.
PolicySource = Settings | str | Path | Mapping[str, Any] | None


def load_policy(source: PolicySource = None) -> Settings:
    """Defaults merged with ``source`` (a TOML/JSON path or a mapping), typed and checked.

    ``None`` gives the defaults; a :class:`Settings` is returned as it is.
    Raises :class:`~scrisk.errors.PolicyError` listing every unusable setting.
    """
    if source is None:
        return default_settings()
    if isinstance(source, Settings):
        return source
    if isinstance(source, Mapping):
        name, override = None, plain(source)
    elif isinstance(source, str | os.PathLike):
        name, override = str(source), read_policy_file(source)
    else:
        kind = type(source).__name__
        raise PolicyError(f"policy must be a file path, a mapping of settings or None, not {kind}")
    if depth(override) > MAX_DEPTH:
        raise PolicyError.from_faults(
            [Fault(Location(file=name), "too_large", f"nested more than {MAX_DEPTH} levels deep")]
        )
    return _typed(_merge(default_policy(), override), lambda key: name)


def check_settings(policy: Settings | Mapping[str, Any]) -> Settings:
    """A whole policy mapping (every table, as :func:`default_policy` gives) typed and checked."""
    if isinstance(policy, Settings):
        return policy
    if depth(policy) > MAX_DEPTH:
        raise PolicyError.from_faults(
            [Fault(Location(), "too_large", f"nested more than {MAX_DEPTH} levels deep")]
        )
    return _typed(plain(policy), lambda key: None)


__all__ = [
    "PolicySource",
    "Policy",
    "Settings",
    "check_settings",
    "default_policy",
    "default_settings",
    "load_policy",
    "read_policy_file",
    "untyped_settings",
]
