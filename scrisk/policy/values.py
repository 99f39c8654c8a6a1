"""Checking a plain policy table against its :class:`~scrisk.policy.section.Section`.

:func:`build` turns a plain table into the dataclass, appending one
:class:`~scrisk.policy.section.Problem` per unusable value (dotted key, what
was expected, what was found) instead of stopping at the first; :func:`convert`
checks and converts one value to its field's type.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from scrisk.dates import month_only, parse_date
from scrisk.policy.section import PolicyDate, Problem, Section

MAX_DEPTH = 8  # deepest nesting a policy value may have (tables within tables)


def _join(key: str, name: object) -> str:
    return f"{key}.{name}" if key else str(name)


def _number_text(value: float) -> str:
    """A number as typed, shortened when absurdly long (a 400-digit integer)."""
    if isinstance(value, int) and abs(value) >= 10**30:
        return f"a {int(abs(value).bit_length() * 0.30103) + 1}-digit number"
    return repr(value)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {_number_text(value)}"
    if isinstance(value, str):
        return f"the text {value[:60]!r}"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, date | time):
        return f"the {type(value).__name__} {value.isoformat()}"
    return type(value).__name__


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" from {low:g} to {high:g}"
    if low is not None:
        return f" >= {low:g}"
    if high is not None:
        return f" <= {high:g}"
    return ""


def _number(value: Any, key: str, meta: Mapping[str, Any], out: list[Problem], kind: type) -> Any:
    low, high = meta.get("low"), meta.get("high")
    word = "a whole number" if kind is int else "a number"
    expected = f"{word}{_range(low, high)}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.append(Problem(key, f"expected {expected}, got {_kind(value)}", "bad_type"))
        return None
    shown = _number_text(value)
    if isinstance(value, int) and abs(value) > 2**53:  # beyond exact floats: no setting is
        out.append(Problem(key, f"expected {expected}, got {shown} (too large)", "bad_number"))
        return None
    if not math.isfinite(value):
        out.append(
            Problem(key, f"expected {expected}, got {shown} (not a finite number)", "bad_number")
        )
        return None
    if kind is int and not float(value).is_integer():
        out.append(Problem(key, f"expected {expected}, got {shown}", "bad_number"))
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        out.append(Problem(key, f"expected {expected}, got {shown}", "bad_number"))
        return None
    return int(value) if kind is int else float(value)


def _as_date(value: Any) -> date | None:
    """``value`` as a date (a TOML date or datetime, or ISO text), else None."""
    try:
        return parse_date(value)
    except ValueError:
        return None


def _date(value: Any, key: str, out: list[Problem]) -> date | None:
    found = _as_date(value)
    if found is None:
        out.append(Problem(key, f"expected a date (YYYY-MM-DD), got {_kind(value)}", "bad_date"))
    return found


def _policy_date(value: Any, key: str, out: list[Problem]) -> date | str | None:
    if month_only(value):
        return str(value)
    found = _as_date(value)
    if found is not None:
        return found
    out.append(
        Problem(
            key,
            "expected a date (YYYY-MM-DD, or YYYY-MM when only the month is known), "
            f"got {_kind(value)}",
            "bad_date",
        )
    )
    return None


def _word(value: Any, key: str, meta: Mapping[str, Any], out: list[Problem]) -> str | None:
    if not isinstance(value, str):
        out.append(Problem(key, f"expected text, got {_kind(value)}", "bad_type"))
        return None
    choices = meta.get("choices")
    if choices is not None and value not in choices:
        shown = ", ".join(repr(c) if c == "" else c for c in choices)
        out.append(Problem(key, f"expected one of {shown}, got {value!r}", "bad_value"))
        return None
    return value


def _allowed(meta: Mapping[str, Any], default: Any) -> set[str] | None:
    keys = meta.get("keys", "defaults")
    if keys is None:
        return None
    if keys == "defaults":
        return set(default) if isinstance(default, Mapping) else set()
    if callable(keys):
        return set(keys(default if isinstance(default, Mapping) else {}))
    return set(keys)


def convert(
    tp: Any, value: Any, key: str, meta: Mapping[str, Any], default: Any, out: list[Problem]
) -> Any:
    """``value`` checked and converted to type ``tp`` (None and a Problem in ``out`` if not)."""
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, Section):
        return build(tp, value, default if isinstance(default, Mapping) else {}, out, key)
    if tp is bool:
        if not isinstance(value, bool):
            out.append(Problem(key, f"expected true or false, got {_kind(value)}", "bad_type"))
            return None
        return value
    if tp is float or tp is int:
        return _number(value, key, meta, out, tp)
    if tp is str:
        return _word(value, key, meta, out)
    if tp is date:
        return _date(value, key, out)
    if tp == PolicyDate:
        return _policy_date(value, key, out)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            out.append(Problem(key, f"expected a list, got {_kind(value)}", "bad_type"))
            return None
        (item_tp, _) = typing.get_args(tp)
        items = [convert(item_tp, v, f"{key}[{i}]", meta, None, out) for i, v in enumerate(value)]
        return None if any(v is None for v in items) else tuple(items)
    if origin in (Mapping, dict, typing.Mapping):
        if not isinstance(value, Mapping):
            out.append(Problem(key, f"expected a table, got {_kind(value)}", "bad_type"))
            return None
        (_, item_tp) = typing.get_args(tp)
        allowed = _allowed(meta, default)
        built: dict[str, Any] = {}
        inner_meta = {k: v for k, v in meta.items() if k not in ("keys", "item_keys")}
        inner_meta["keys"] = meta.get("item_keys", "defaults")
        for k in sorted(value, key=str):
            sub = _join(key, k)
            if allowed is not None and k not in allowed:
                known = ", ".join(sorted(allowed)) or "none"
                out.append(
                    Problem(
                        sub,
                        f"unknown setting; known in {key or 'the policy'}: {known}",
                        "unknown_key",
                    )
                )
                continue
            sub_default = default.get(k) if isinstance(default, Mapping) else None
            v = convert(item_tp, value[k], sub, inner_meta, sub_default, out)
            if v is not None:
                built[str(k)] = v
        return types.MappingProxyType(built)
    raise TypeError(f"policy schema: unsupported type {tp!r} for {key}")  # a bug, not input


def build(
    cls: type[Any], table: Any, default: Mapping[str, Any], out: list[Problem], key: str
) -> Any:
    """``cls`` from ``table`` (a plain mapping), appending every fault to ``out``.

    ``default`` is the shipped table of the same name (for ``keys="defaults"``).
    Returns None when a fault was found in this section.
    """
    if not isinstance(table, Mapping):
        out.append(Problem(key, f"expected a table, got {_kind(table)}", "bad_type"))
        return None
    hints = typing.get_type_hints(cls)
    names = cls._field_names()
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name in names}
    before = len(out)
    untyped: dict[str, Any] = {}
    for name in sorted(set(table) - set(fields), key=str):
        if name in default:  # shipped, no field yet: checked against the shipped value
            check_by_example(table[name], default[name], _join(key, name), out)
            untyped[str(name)] = _frozen(table[name])
        elif key:
            known = ", ".join(sorted({*fields, *map(str, default)}))
            out.append(
                Problem(
                    _join(key, name), f"unknown setting; known in {key}: {known}", "unknown_key"
                )
            )
        else:
            known = ", ".join(sorted({*fields, *map(str, default)}))
            out.append(Problem(str(name), f"unknown policy section; known: {known}", "unknown_key"))
    values: dict[str, Any] = {}
    for name, f in fields.items():
        sub = _join(key, name)
        if name not in table:
            out.append(Problem(sub, "missing", "missing_field"))
            continue
        values[name] = convert(hints[name], table[name], sub, f.metadata, default.get(name), out)
    if len(out) > before:
        return None
    made = cls(**values, untyped=types.MappingProxyType(untyped))
    out.extend(Problem(_join(key, p.key), p.message, p.reason) for p in made.check())
    return made if len(out) == before else None


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return types.MappingProxyType({str(k): _frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def check_by_example(value: Any, default: Any, key: str, out: list[Problem]) -> None:
    """A setting no field describes yet: the user may set only the keys the shipped value
    has, with values of the same kind (number, text, true/false, date, list, table)."""
    if isinstance(default, Mapping):
        if not isinstance(value, Mapping):
            out.append(Problem(key, f"expected a table, got {_kind(value)}", "bad_type"))
            return
        for k in sorted(value, key=str):
            if k not in default:
                known = ", ".join(sorted(map(str, default))) or "none"
                out.append(
                    Problem(
                        _join(key, k), f"unknown setting; known in {key}: {known}", "unknown_key"
                    )
                )
            else:
                check_by_example(value[k], default[k], _join(key, k), out)
        return
    kind: Any = type(default)
    if isinstance(default, list | tuple):
        kind = tuple[str, ...] if all(isinstance(v, str) for v in default) else None
    elif isinstance(default, bool):
        kind = bool
    elif isinstance(default, int | float):
        kind = float if isinstance(value, float) or isinstance(default, float) else int
    elif isinstance(default, date):
        kind = date
    if kind in (bool, int, float, str, date) or kind == tuple[str, ...]:
        convert(kind, value, key, {}, None, out)


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of ``value`` (tables and lists), counted only up to ``limit + 1``."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    deepest = 0
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        if d > limit:
            return d
        if isinstance(item, Mapping):
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list | tuple):
            stack.extend((v, d + 1) for v in item)
    return deepest


__all__ = ["MAX_DEPTH", "build", "check_by_example", "convert", "depth"]
