"""The base of every part of the assessment document: read from and written to plain dicts.

:meth:`Part.from_dict` builds a typed part from the document's dict and
:meth:`Part.to_dict` writes the very same dict back (a fresh plain copy each
call); the parts themselves are declared in :mod:`scrisk.assessment.document`.
A field whose metadata has ``omit_if_none`` is left out of the dict when None.
"""

from __future__ import annotations

import dataclasses
import keyword
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, ClassVar, Self, TypeVar

from scrisk.jsontypes import JsonValue
from scrisk.slotmake import slot_maker


@dataclass(frozen=True, slots=True)
class Part:
    """Base of every part of the document: built from and written to plain dicts."""

    # field name -> JSON key, where the key is not a Python name ("class")
    json_names: ClassVar[Mapping[str, str]] = {}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The typed part, from the document's dict (unknown keys kept in ``extra``).

        ``data`` is typed ``Mapping[str, Any]`` while callers still hand over both raw
        JSON objects (``register.codec.Event`` narrows it to ``JsonObject``) and
        ``Mapping[str, object]`` (``register.diff``); each value is checked as it is read.
        """
        fields_of, plan, names = _plan(cls)
        data = {fields_of.get(k, k): v for k, v in data.items()}
        values = {n: read(data[n]) for n, read in plan if n in data}
        missing = [n for n, f in _required(cls).items() if f and n not in data]
        if missing:
            raise ValueError(f"{cls.__name__}: missing key(s) {', '.join(missing)}")
        extra = {k: v for k, v in data.items() if k not in names}
        return cls(**{**values, "extra": extra})

    def to_dict(self) -> dict[str, Any]:
        """The plain dict of the document, as ``Assessment.to_dict()`` gives it (a copy).

        JSON data throughout (see :func:`_write`); typed ``dict[str, Any]`` because its
        readers (the rescreen, the web views) still index it by key.
        """
        return (_WRITERS.get(type(self)) or _writer_of(type(self)))(self)


P = TypeVar("P", bound=Part)


def maker(cls: type[P]) -> Callable[..., P]:
    """A constructor of ``cls`` taking every field by keyword (``extra`` may be left out),
    that gives the very part ``cls(...)`` gives, faster: a large document makes hundreds
    of thousands of parties and flags, and a frozen dataclass's ``__init__`` sets each
    field through ``object.__setattr__`` (here: straight into its slot, see
    :func:`scrisk.slotmake.slot_maker`).
    The dataclass's own constructor where it does more (a ``__post_init__``) or has no
    slots."""
    found = _MAKERS.get(cls)
    if found is None:
        found = _MAKERS[cls] = _maker(cls)
    return found  # type: ignore[return-value]


_MAKERS: dict[type[Part], Callable[..., Part]] = {}


def _maker(cls: type[Part]) -> Callable[..., Part]:
    names = [f.name for f in dataclasses.fields(cls)]
    slots = [getattr(cls, n, None) for n in names]
    if hasattr(cls, "__post_init__") or not all(
        isinstance(s, types.MemberDescriptorType) for s in slots
    ):
        return cls
    given = [n for n in names if n != "extra"]
    params = ["*", *given] + (["extra=None"] if "extra" in names else [])
    before = ["if extra is None: extra = {}"] if "extra" in names else []
    fast = slot_maker(cls, params, before=before, names=names)  # each field stored straight
    if fast is not None:
        return fast
    lines = ["def make(" + ", ".join(params) + "):", *(f"    {line}" for line in before)]
    lines.append("    self = new(cls)")
    lines += [f"    set_{n}(self, {n})" for n in names]
    lines.append("    return self")
    scope: dict[str, object] = {"new": object.__new__, "cls": cls}
    scope |= {f"set_{n}": s.__set__ for n, s in zip(names, slots, strict=True)}  # type: ignore[union-attr]
    exec("\n".join(lines), scope)  # noqa: S102 - code made here from field names only
    made = scope.pop("make")
    if not isinstance(made, types.FunctionType):
        raise TypeError(f"{cls.__name__}: no maker was made")
    return made


Writer = Callable[[Part], dict[str, JsonValue]]  # each value made by _write
# One writer function per class, made from its layout (a 100,000-party document has
# hundreds of thousands of parts: the loop over the layout, its getattr and tests per
# field cost more than the copying itself)
_WRITERS: dict[type[Part], Writer] = {}


def _writer_of(cls: type[Part]) -> Writer:
    """The writer of ``cls``, made on first use and kept."""
    writer = _WRITERS.get(cls)
    if writer is None:
        writer = _WRITERS[cls] = _writer(cls)
    return writer


# How a part inside another is written: its class's own ``to_dict`` where it has one
# (the register's Event writes the keys of its kind only), else the writer of its layout
_TO_DICT: dict[type[Part], Writer] = {}


def _to_dict_of(cls: type[Part]) -> Writer:
    found = _TO_DICT.get(cls)
    if found is None:
        own: Writer = cls.to_dict
        found = _TO_DICT[cls] = _writer_of(cls) if own is Part.to_dict else own
    return found


def _writer(cls: type[Part]) -> Writer:
    """``to_dict`` of ``cls``: its fields read by name, scalars and None kept as they are,
    a tuple of texts copied as a list, a part written by its own ``to_dict``, anything
    else written by :func:`_write`; a None field with ``omit_if_none`` left out.

    The dict is the instance dict of an object of a class made for ``cls`` alone: the
    key table is then shared by every dict the class writes (CPython's key-sharing
    dictionaries), a third of the size of a dict of its own (a 24-key party: 300 bytes,
    not 830), and made faster. It is an ordinary ``dict`` in every other respect.
    """
    lines = ["def to_dict(self):", "    o = D()"]
    hints = _hints(cls)
    for name, key, omit in _layout(cls):
        lines.append(f"    v = self.{name}")
        kind = hints[name]
        if isinstance(kind, type) and issubclass(kind, StrEnum):  # written as its plain text
            value = "S(v)"
        elif _is_part(kind):  # None only where omitted or in a part read from a dict
            value = "None if v is None else (W.get(type(v)) or M(type(v)))(v)"
        elif _is_parts(kind):  # each written by its own to_dict
            value = "None if v is None else [(W.get(type(x)) or M(type(x)))(x) for x in v]"
        elif _is_texts(kind):  # a copy of the same size; anything but plain text written
            lines += [
                "    if v is not None:",
                "        c = [*v]",
                "        v = c if P.issuperset(map(type, c)) else w(v)",
            ]
            value = "v"
        else:
            value = "v if type(v) in P else w(v)"
        put = (
            f"{_HOLDER}.{key} = {value}"
            if _attribute_name(key)
            else f"setattr(o, {key!r}, {value})"
        )
        lines.append(f"    if v is not None: {put}" if omit else f"    {put}")
    lines.append("    out = o.__dict__")
    if any(f.name == "extra" for f in dataclasses.fields(cls)):
        lines += ["    extra = self.extra", "    if extra: out.update(w(extra))"]
    lines.append("    return out")
    holder = type(f"{cls.__name__}Dict", (), {})  # its instances' dicts share their keys
    scope: dict[str, object] = {
        "P": _PLAIN,
        "w": _write,
        "S": str,
        "D": holder,
        "W": _TO_DICT,
        "M": _to_dict_of,
    }
    exec("\n".join(lines), scope)  # noqa: S102 - code made here from field names only
    made = scope.pop("to_dict")
    if not isinstance(made, types.FunctionType):
        raise TypeError(f"{cls.__name__}: no to_dict was made")
    return made


_HOLDER = "o"  # the object whose instance dict a writer fills


def _attribute_name(key: str) -> bool:
    """Whether ``key`` can be written ``o.key`` (else ``setattr``: "class")."""
    return key.isidentifier() and not keyword.iskeyword(key) and not key.startswith("__")


def _is_part(kind: object) -> bool:
    """A field holding one part (not None: ``X | None`` is written as any other value)."""
    return isinstance(kind, type) and issubclass(kind, Part)


def _is_parts(kind: object) -> bool:
    """``tuple[SomePart, ...]``, or that or None."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return len(inner) == 1 and _is_parts(inner[0])
    args = typing.get_args(kind)
    return (
        typing.get_origin(kind) is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and (_is_part(args[0]))
    )


def _is_texts(kind: object) -> bool:
    """``tuple[str, ...]``, or that or None."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return len(inner) == 1 and _is_texts(inner[0])
    return typing.get_origin(kind) is tuple and typing.get_args(kind) == (str, Ellipsis)


# One shallow writer per class: the part's own keys, its values left as they are (parts,
# tuples, read-only mappings), for a JSON writer that walks them itself (jsontext's
# ``default`` hook: the document's text without its plain copy first)
Fields = Callable[[Part], dict[str, object]]  # a part's own keys, values as they are
# by the exact type of a value: a part's class, or a read-only mapping (copied as a dict)
_SHALLOW: dict[type, Callable[[Any], dict[str, object]]] = {MappingProxyType: dict}


def part_fields(value: object) -> dict[str, object]:
    """The dict :meth:`Part.to_dict` gives for a part, one level deep: each value as it
    is (a part, a tuple, a mapping; a read-only mapping as a dict); TypeError for
    anything else (a JSON writer's ``default`` hook).

    Called once for each part of a document (a 20-party bid: some 150 times): one
    lookup by the value's exact type, then its class's writer."""
    writer = _SHALLOW.get(type(value))
    if writer is None:
        return _first_fields(value)
    return writer(value)


def written_once(*classes: type[Part], when_repeated: bool = False) -> None:
    """Parts of ``classes`` written to JSON from a plain copy made once per part and kept:
    parts that every document of a process shares (the provenance block, the data
    warnings), whose own parts would otherwise each go through the JSON writer's hook
    in every document. Read only: the copy is handed to the JSON writer, nothing else.

    ``when_repeated``: the copy made the second time a part is written, the first time
    written by its fields (:func:`part_fields`), for classes of which many parts are one
    document's own (evidence records: a CT9897 record with its party and path)."""
    for cls in classes:
        _SHALLOW[cls] = _PLAINS.twice if when_repeated else _PLAINS.once
        _COMPACT[cls] = _TEXTS.twice if when_repeated else _TEXTS.once


class _Kept:
    """What is written for parts (or shared values), by their id, held with them: for a
    part written once per process, made the first time; for one written
    ``when_repeated``, the second time (None until then: many evidence records are one
    document's own, a CT9897 record with its party and path, written once and let go;
    what would be kept for each of them would cost more than their fields, and crowd
    the shared ones out of the table). ``make`` gives what is kept (None: nothing can
    be, ``fallback`` writes it), ``first`` what a part is written as the first time."""

    KEPT = 2048  # parts in the table, at most

    def __init__(
        self,
        make: Callable[[Any], Any],
        first: Callable[[Any], Any],
        fallback: Callable[[Any], Any],
    ) -> None:
        self.table: dict[int, tuple[object, Any]] = {}
        self.make, self.first, self.fallback = make, first, fallback

    def once(self, part: Any) -> Any:
        table = self.table
        found = table.get(id(part))
        made = found[1] if found is not None and found[0] is part else None  # id not reused
        if made is None:
            if len(table) >= self.KEPT:
                self.forget()
            made = self.make(part)
            if made is None:
                return self.fallback(part)
            table[id(part)] = (part, made)
        return made

    def twice(self, part: Any) -> Any:
        table = self.table
        found = table.get(id(part))
        if found is not None and found[0] is part:  # held here: its id is not reused
            made = found[1]
            if made is None:  # written a second time: shared, what is written kept
                made = self.make(part)
                if made is None:
                    return self.fallback(part)
                table[id(part)] = (part, made)
            return made
        if len(table) >= self.KEPT:
            self.forget()
        table[id(part)] = (part, None)
        return self.first(part)

    def forget(self) -> None:
        """The table full: the parts written once let go, the shared ones kept (all let
        go when those alone fill half of it)."""
        table = self.table
        shared = {k: v for k, v in table.items() if v[1] is not None}
        table.clear()
        if len(shared) < self.KEPT // 2:
            table.update(shared)


def _fields_of(part: Part) -> dict[str, object]:
    """A part's own fields (:func:`_shallow`), as written the first time."""
    return (_SHALLOW_OF.get(type(part)) or _shallow_of(type(part)))(part)


# each part's plain copy (Part.to_dict), for the indented JSON
_PLAINS = _Kept(lambda part: part.to_dict(), _fields_of, _fields_of)


# the fields writer (:func:`_shallow`) of a class written once, for a part written once
_SHALLOW_OF: dict[type, Fields] = {}


def _shallow_of(cls: type[Part]) -> Fields:
    found = _SHALLOW_OF[cls] = _shallow(cls)
    return found


def _first_fields(value: object) -> dict[str, object]:
    """:func:`part_fields` of a class met for the first time (its writer made and kept)."""
    if isinstance(value, Part):
        kind = type(value)
        writer = _SHALLOW[kind] = _shallow(kind)
        return writer(value)
    raise TypeError(f"{type(value).__name__} is not a document part")


def compact_fields(value: object) -> object:
    """:func:`part_fields` for compact JSON (no indent: the register's rows), where a part
    of a class :func:`written_once` is given as its compact text (an ``orjson.Fragment``,
    made once and kept, that the JSON writer copies as it is) and the fields of
    :func:`shared_fields` each as the text of its value when it is shared: the text of
    the data warnings, the datasets' blocks and a country's evidence written once per
    process, not walked (and their keys sorted) in every document. Never for indented
    JSON: a fragment is not indented."""
    writer = _COMPACT.get(type(value))
    if writer is None:
        writer = _COMPACT[type(value)] = _first_compact(value)
    return writer(value)


# by the exact type of a value: its writer for compact JSON (:func:`compact_fields`)
_COMPACT: dict[type, Callable[[Any], object]] = {MappingProxyType: dict}


def _first_compact(value: object) -> Callable[[Any], object]:
    """The compact writer of a class met for the first time: its fields, with those
    :func:`shared_fields` names written by their text when shared."""
    if not isinstance(value, Part):
        raise TypeError(f"{type(value).__name__} is not a document part")
    fields = _SHALLOW.get(type(value)) or _first_fields_writer(type(value))
    names = _SHARED_FIELDS.get(type(value))
    if not names:
        return fields

    def write(part: Part) -> dict[str, object]:
        out = fields(part)
        for key in names:
            v = out.get(key)
            if type(v) is tuple and v:
                out[key] = _value_text(v)
        return out

    return write


def _first_fields_writer(cls: type[Part]) -> Fields:
    writer = _SHALLOW[cls] = _shallow(cls)
    return writer


def shared_fields(cls: type[Part], *keys: str) -> None:
    """Fields (by JSON key) of ``cls`` whose value, a tuple, is often the very tuple in
    many documents (the document's data warnings and datasets: assessment.document_build
    shares them), written by :func:`compact_fields` from its compact text made the second
    time it is met (the same tuple: frozen parts or plain data that is never changed)."""
    _SHARED_FIELDS[cls] = keys
    _COMPACT.pop(cls, None)


_SHARED_FIELDS: dict[type[Part], tuple[str, ...]] = {}


def _compact_text(value: object) -> Any:
    """orjson's compact text of ``value`` as a fragment (the JSON writer copies it); the
    value itself where orjson refuses it (the whole text then refused too: the caller
    writes it otherwise, see jsontext.typed_json)."""
    import orjson

    try:
        raw = orjson.dumps(
            value,
            default=compact_fields,
            option=orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS,
        )
    except TypeError:  # orjson.JSONEncodeError
        return None
    return orjson.Fragment(raw)


def _same(value: object) -> object:
    return value


# compact texts: of each part written once (Part.to_dict's), for the register's rows;
# of each shared field's value (:func:`shared_fields`), from its second time
_TEXTS = _Kept(lambda part: _compact_text(part.to_dict()), _fields_of, part_fields)
_VALUE_TEXTS = _Kept(_compact_text, _same, _same)
_value_text = _VALUE_TEXTS.twice


def _shallow(cls: type[Part]) -> Fields:
    """:func:`part_fields` of ``cls``: :func:`_writer`'s layout, no value written but a
    read-only mapping (an evidence's detail), copied as a dict at once (not handed back
    to the JSON writer's hook for it)."""
    hints = _hints(cls)
    lines = ["def fields(self):", "    out = {}"]
    # keys in sorted order: the JSON writer sorts them again (OPT_SORT_KEYS), at once
    for name, key, omit in sorted(_layout(cls), key=lambda field: field[1]):
        if _may_be_mapping(hints[name]):
            lines += [f"    v = self.{name}", "    if type(v) is MP: v = dict(v)"]
            lines.append(
                f"    if v is not None: out[{key!r}] = v" if omit else f"    out[{key!r}] = v"
            )
        elif omit:
            lines += [f"    v = self.{name}", f"    if v is not None: out[{key!r}] = v"]
        else:
            lines.append(f"    out[{key!r}] = self.{name}")
    if any(f.name == "extra" for f in dataclasses.fields(cls)):
        lines += ["    extra = self.extra", "    if extra: out.update(extra)"]
    lines.append("    return out")
    scope: dict[str, object] = {"MP": MappingProxyType}
    exec("\n".join(lines), scope)  # noqa: S102 - code made here from field names only
    made = scope.pop("fields")
    if not isinstance(made, types.FunctionType):
        raise TypeError(f"{cls.__name__}: no fields writer was made")
    return made


def _may_be_mapping(kind: object) -> bool:
    """A field typed as a mapping (``JsonObject``), or that or None."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return any(_may_be_mapping(a) for a in typing.get_args(kind))
    origin = typing.get_origin(kind) or kind
    return isinstance(origin, type) and issubclass(origin, Mapping)


_LAYOUT: dict[type[Part], tuple[tuple[str, str, bool], ...]] = {}


def _layout(cls: type[Part]) -> tuple[tuple[str, str, bool], ...]:
    """(field, JSON key, omitted when None) of a part, worked out once per class."""
    found = _LAYOUT.get(cls)
    if found is None:
        found = _LAYOUT[cls] = tuple(
            (f.name, cls.json_names.get(f.name, f.name), bool(f.metadata.get(OMIT_IF_NONE)))
            for f in dataclasses.fields(cls)
            if f.name != "extra"
        )
    return found


OMIT_IF_NONE = "omit_if_none"  # field metadata: the key is left out when the value is None
_HINTS: dict[type[Part], dict[str, object]] = {}
_REQUIRED: dict[type[Part], dict[str, bool]] = {}


def _hints(cls: type[Part]) -> dict[str, object]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _required(cls: type[Part]) -> dict[str, bool]:
    found = _REQUIRED.get(cls)
    if found is None:
        found = _REQUIRED[cls] = {
            f.name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            for f in dataclasses.fields(cls)
        }
    return found


Reader = Callable[[object], object]
Plan = tuple[dict[str, str], tuple[tuple[str, Reader], ...], frozenset[str]]
_PLANS: dict[type[Part], Plan] = {}
_READERS: dict[object, Reader] = {}


def _plan(cls: type[Part]) -> Plan:
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


def _as_is(value: object) -> object:
    return value


def _reader(tp: object) -> Reader:
    """How a value of type ``tp`` is read from the dict: a part built, a tuple of parts or
    values, an optional value; anything else as it is (None stays None)."""
    found = _READERS.get(tp)
    if found is None:
        found = _READERS[tp] = _make_reader(tp)
    return found


def _make_reader(tp: object) -> Reader:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if isinstance(tp, type) and issubclass(tp, Part):
        return _part_reader(tp)
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return _enum_reader(tp)
    if origin is tuple:
        return _tuple_reader(_reader(args[0]))
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _reader(inner[0]) if len(inner) == 1 else _as_is
    return _as_is


def _part_reader(part: type[Part]) -> Reader:
    def read(value: object) -> Part | None:
        if value is None:
            return None
        if type(value) is dict or isinstance(value, Mapping):
            return part.from_dict(value)
        raise ValueError(f"{part.__name__}: expected an object, not {type(value).__name__}")

    return read


def _enum_reader(kind: type[StrEnum]) -> Reader:
    """A StrEnum field (a flag's rule, its severity) read from its text (a ValueError
    when it is none of the enum's values): a dict lookup, cheaper than ``kind(text)``."""
    members: dict[str, StrEnum] = {m.value: m for m in kind}

    def read(value: object) -> StrEnum | None:
        if value is None:
            return None
        found = members.get(value) if isinstance(value, str) else None
        if found is None:
            raise ValueError(f"{value!r} is not a valid {kind.__name__}")
        return found

    return read


def _tuple_reader(item: Reader) -> Reader:
    def read(value: object) -> tuple[object, ...] | None:
        if value is None:
            return None
        if type(value) is list or isinstance(value, (list, tuple)):
            return tuple(item(v) for v in value)
        raise ValueError(f"expected a list, not {type(value).__name__}")

    return read


_SCALARS = frozenset({str, int, float, bool})
_PLAIN = _SCALARS | {type(None)}  # written as they are


def _write(value: object) -> JsonValue:
    """Plain data of a value: parts as dicts, tuples as lists, mappings copied."""
    # a copy made at once where every item is plain (checked without a Python loop)
    if type(value) is tuple or type(value) is list:  # the most frequent, then parts
        out = [*value]
        if _PLAIN.issuperset(map(type, out)):
            return out
        return [v if type(v) in _PLAIN else _write(v) for v in value]
    if isinstance(value, Part):
        return value.to_dict()
    if type(value) is dict or type(value) is MappingProxyType:  # an evidence's detail is read-only
        if _PLAIN.issuperset(map(type, value.values())):
            copied: dict[str, JsonValue] = value.copy() if type(value) is dict else dict(value)
            return copied
        return {k: v if type(v) in _PLAIN else _write(v) for k, v in value.items()}
    if isinstance(value, str):  # a StrEnum: its plain text
        return str(value)
    if value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, (tuple, list)):
        return [_write(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _write(v) for k, v in value.items()}
    raise TypeError(f"not JSON data: {type(value).__name__}")


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


__all__ = [
    "Part",
    "compact_fields",
    "maker",
    "part_fields",
    "shared_fields",
    "unknown_keys",
    "written_once",
]
