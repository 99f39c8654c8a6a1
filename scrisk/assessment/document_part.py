"""The base of every part of the assessment document: read from and written to plain dicts.

:meth:`Part.from_dict` builds a typed part from the document's dict and
:meth:`Part.to_dict` writes the very same dict back (a fresh plain copy each
call); the parts themselves are declared in :mod:`scrisk.assessment.document`.
A field whose metadata has ``omit_if_none`` is left out of the dict when None.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True)
class Part:
    """Base of every part of the document: built from and written to plain dicts."""

    # field name -> JSON key, where the key is not a Python name ("class")
    json_names: ClassVar[Mapping[str, str]] = {}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        """The typed part, from the document's dict (unknown keys kept in ``extra``)."""
        fields_of, plan, names = _plan(cls)
        data = {fields_of.get(k, k): v for k, v in data.items()}
        values = {n: read(data[n]) for n, read in plan if n in data}
        missing = [n for n, f in _required(cls).items() if f and n not in data]
        if missing:
            raise ValueError(f"{cls.__name__}: missing key(s) {', '.join(missing)}")
        extra = {k: v for k, v in data.items() if k not in names}
        return cls(**{**values, "extra": extra})

    def to_dict(self) -> dict[str, Any]:
        """The plain dict of the document, as ``Assessment.to_dict()`` gives it (a copy)."""
        cls = type(self)
        writer = _WRITERS.get(cls)
        if writer is None:
            writer = _WRITERS[cls] = _writer(cls)
        out: dict[str, Any] = writer(self)
        return out


# One writer function per class, made from its layout (a 100,000-party document has
# hundreds of thousands of parts: the loop over the layout, its getattr and tests per
# field cost more than the copying itself)
_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    """``to_dict`` of ``cls``: its fields read by name, scalars and None kept as they are,
    anything else written by :func:`_write`; a None field with ``omit_if_none`` left out."""
    lines = ["def to_dict(self):", "    out = {}"]
    for name, key, omit in _layout(cls):
        lines.append(f"    v = self.{name}")
        put = f"out[{key!r}] = v if type(v) in P else w(v)"
        lines.append(f"    if v is not None: {put}" if omit else f"    {put}")
    if any(f.name == "extra" for f in dataclasses.fields(cls)):
        lines += ["    extra = self.extra", "    if extra: out.update(w(extra))"]
    lines.append("    return out")
    scope: dict[str, Any] = {"P": _PLAIN, "w": _write}
    exec("\n".join(lines), scope)  # noqa: S102 - code made here from field names only
    made: Callable[[Any], dict[str, Any]] = scope["to_dict"]
    return made


# One shallow writer per class: the part's own keys, its values left as they are (parts,
# tuples, read-only mappings), for a JSON writer that walks them itself (jsontext's
# ``default`` hook: the document's text without its plain copy first)
_SHALLOW: dict[type, Callable[[Any], dict[str, Any]]] = {}


def part_fields(value: Any) -> dict[str, Any]:
    """The dict :meth:`Part.to_dict` gives for a part, one level deep: each value as it
    is (a part, a tuple, a mapping; a read-only mapping as a dict); TypeError for
    anything else (a JSON writer's ``default`` hook)."""
    kind = type(value)
    writer = _SHALLOW.get(kind)
    if writer is None:
        if kind is MappingProxyType:
            return dict(value)
        if not isinstance(value, Part):
            raise TypeError(f"{kind.__name__} is not a document part")
        writer = _SHALLOW[kind] = _shallow(kind)
    return writer(value)


def _shallow(cls: type) -> Callable[[Any], dict[str, Any]]:
    """:func:`part_fields` of ``cls``: :func:`_writer`'s layout, no value written."""
    lines = ["def fields(self):", "    out = {}"]
    for name, key, omit in _layout(cls):
        if omit:
            lines += [f"    v = self.{name}", f"    if v is not None: out[{key!r}] = v"]
        else:
            lines.append(f"    out[{key!r}] = self.{name}")
    if any(f.name == "extra" for f in dataclasses.fields(cls)):
        lines += ["    extra = self.extra", "    if extra: out.update(extra)"]
    lines.append("    return out")
    scope: dict[str, Any] = {}
    exec("\n".join(lines), scope)  # noqa: S102 - code made here from field names only
    made: Callable[[Any], dict[str, Any]] = scope["fields"]
    return made


_LAYOUT: dict[Any, tuple[tuple[str, str, bool], ...]] = {}


def _layout(cls: Any) -> tuple[tuple[str, str, bool], ...]:
    """(field, JSON key, omitted when None) of a part, worked out once per class."""
    found = _LAYOUT.get(cls)
    if found is None:
        found = _LAYOUT[cls] = tuple(
            (f.name, cls.json_names.get(f.name, f.name), bool(f.metadata.get("omit_if_none")))
            for f in dataclasses.fields(cls)
            if f.name != "extra"
        )
    return found


_HINTS: dict[Any, dict[str, Any]] = {}
_REQUIRED: dict[Any, dict[str, bool]] = {}


def _hints(cls: Any) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _required(cls: Any) -> dict[str, bool]:
    found = _REQUIRED.get(cls)
    if found is None:
        found = _REQUIRED[cls] = {
            f.name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            for f in dataclasses.fields(cls)
        }
    return found


Reader = Callable[[Any], Any]
_PLANS: dict[Any, tuple[dict[str, str], tuple[tuple[str, Reader], ...], frozenset[str]]] = {}
_READERS: dict[Any, Reader] = {}


def _plan(cls: Any) -> tuple[dict[str, str], tuple[tuple[str, Reader], ...], frozenset[str]]:
    """(JSON key -> field, (field, its reader) in order, the field names) of a part,
    worked out once per class: reading a dict then looks no type hint up."""
    found = _PLANS.get(cls)
    if found is None:
        hints = _hints(cls)
        names = [f.name for f in dataclasses.fields(cls) if f.name != "extra"]
        found = _PLANS[cls] = (
            {key: name for name, key in cls.json_names.items()},
            tuple((n, _reader(hints[n])) for n in names),
            frozenset(names),
        )
    return found


def _as_is(value: Any) -> Any:
    return value


def _reader(tp: Any) -> Reader:
    """How a value of type ``tp`` is read from the dict: a part built, a tuple of parts or
    values, an optional value; anything else as it is (None stays None)."""
    found = _READERS.get(tp)
    if found is None:
        found = _READERS[tp] = _make_reader(tp)
    return found


def _make_reader(tp: Any) -> Reader:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if isinstance(tp, type) and issubclass(tp, Part):
        part = tp
        return lambda value: None if value is None else part.from_dict(value)
    if origin is tuple:
        item = _reader(args[0])
        return lambda value: None if value is None else tuple(item(v) for v in value)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _reader(inner[0]) if len(inner) == 1 else _as_is
    return _as_is


_SCALARS = frozenset({str, int, float, bool})
_PLAIN = _SCALARS | {type(None)}  # written as they are


def _write(value: Any) -> Any:
    """Plain data of a value: parts as dicts, tuples as lists, mappings copied."""
    kind = type(value)
    if kind is tuple or kind is list:
        return [v if type(v) in _PLAIN else _write(v) for v in value]
    if kind is dict or kind is MappingProxyType:  # an evidence's detail is a read-only view
        return {k: v if type(v) in _PLAIN else _write(v) for k, v in value.items()}
    if kind in _PLAIN:
        return value
    if isinstance(value, Part):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_write(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _write(v) for k, v in value.items()}
    return value


def unknown_keys(doc: Part, where: str = "") -> list[str]:
    """Dotted paths of the keys no dataclass describes yet (kept in ``extra``)."""
    found = [f"{where}{k}" for k in getattr(doc, "extra", {})]
    for f in dataclasses.fields(doc):
        value = getattr(doc, f.name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, Part):
                found += unknown_keys(item, f"{where}{f.name}.")
    return sorted(set(found))


__all__ = ["Part", "part_fields", "unknown_keys"]
