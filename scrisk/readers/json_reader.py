"""Read a declaration from JSON text, a JSON file or an already parsed mapping."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from scrisk.errors import Both, FaultCollector, Location, msg, os_reason, parser_reason
from scrisk.model import Declaration
from scrisk.readers.json_keys import check_keys
from scrisk.readers.locate import JsonLocator
from scrisk.readers.validate import declaration_from_dict

# A declaration of 100,000 parties is ~30 MB of JSON; anything past this bound
# is refused before parsing so a hostile file cannot exhaust memory.
MAX_JSON_BYTES = 100 * 1024 * 1024


def read_json_mapping(data: Mapping[str, Any], *, file: str = "<dict>") -> Declaration:
    """Validate an already parsed declaration; locations name ``file`` and JSON paths."""
    faults = FaultCollector()
    _check_text(data, file, faults)
    faults.raise_if_any()
    check_keys(data, file, faults)  # reported with every other fault, in document order
    return declaration_from_dict(data, locator=JsonLocator(file), faults=faults, source=None)


def read_json_file(path: str | Path, *, max_bytes: int = MAX_JSON_BYTES) -> Declaration:
    """Read and validate a JSON declaration file; every fault raised together."""
    path = Path(path)
    name = path.name
    faults = FaultCollector()
    where = Location(file=name)
    try:
        size = path.stat().st_size
    except OSError as error:
        faults.add(where, "unreadable", msg("input.file.cannot_read", reason=os_reason(error)))
        faults.raise_if_any()
    if size > max_bytes:
        faults.add(
            where,
            "too_large",
            msg("input.file.too_large", size=f"{size:,}", limit=f"{max_bytes:,}"),
        )
        faults.raise_if_any()
    repeated: list[_Object] = []
    try:
        raw = path.read_bytes()
        data = _plain_parse(raw)
        if data is None:
            data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_hook(repeated))
    except OSError as error:
        faults.add(where, "unreadable", msg("input.file.cannot_read", reason=os_reason(error)))
    except UnicodeDecodeError as error:
        faults.add(where, "unreadable", msg("input.json.not_utf8", byte=error.start))
    except json.JSONDecodeError as error:
        faults.add(
            Location(file=name, path=f"line {error.lineno}, column {error.colno}"),
            "unreadable",
            msg("input.json.invalid", reason=parser_reason(error.msg)),
        )
    except RecursionError:
        faults.add(
            where,
            "unreadable",
            msg(
                "input.json.invalid", reason=Both("nested too deeply", "imbrication trop profonde")
            ),
        )
    except ValueError as error:  # e.g. an integer literal past Python's digit limit
        faults.add(where, "unreadable", msg("input.json.invalid", reason=str(error)))
    faults.raise_if_any()
    # the walk finds only what the text may hold: a key given twice (the parser saw it)
    # or a lone surrogate (only a \uD800-style escape can write one: UTF-8 text cannot)
    if repeated or _SURROGATE_ESCAPE.search(raw):
        _check_text(data, name, faults)
        faults.raise_if_any()
    check_keys(data, name, faults)
    return declaration_from_dict(data, locator=JsonLocator(name), faults=faults, source=str(path))


# an escape of a surrogate code point (\uD800 to \uDFFF), paired or not; text that merely
# looks so (an escaped backslash) sends the declaration to the walk, same result
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


# what sends a text to the parser that tells repeated keys apart (see _plain_parse): a
# quote or colon written as an escape, space before a colon (between a key and its colon,
# or in a text: either way the count below could miss a key), a run of 20 digits (an
# integer past 64 bits, which orjson reads as a float). Substring tests first: a regular
# expression scanning every quote of a declaration costs more than the parse saves.
_ESCAPED_SIGN = re.compile(rb'\\(?:"|u00(?:22|3[aA]))')
_SPACE_COLON = (b" :", b"\t:", b"\n:", b"\r:")


def _plain_parse(raw: bytes) -> Any:
    """``raw`` parsed by orjson (about four times the speed of json.loads with the hook
    that finds repeated keys) when its values are json.loads's and no object gives a key
    twice; None otherwise, and for anything orjson refuses (the caller then parses it
    with the hook, which says what is wrong).

    A key given twice is found by counting: in text with no quote or colon written as
    an escape, every '":' ends a key or opens a text starting with ':', and orjson's
    compact text of the parsed values has one fewer '":' for every key given twice
    (the repeated key and whatever its dropped value held)."""
    import orjson

    from scrisk.jsontext import holds_long_integer

    if b"\\" in raw and _ESCAPED_SIGN.search(raw) is not None:
        return None
    if any(sign in raw for sign in _SPACE_COLON) or holds_long_integer(raw):
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:  # a byte-order mark, NaN, a lone surrogate ...
        return None
    if not isinstance(data, dict) or raw.count(b'":') != orjson.dumps(data).count(b'":'):
        return None
    return data


def _hook(repeated: list[_Object]) -> Callable[[list[tuple[str, Any]]], _Object]:
    """The parser's object hook: each object an :class:`_Object`, those with a key given
    twice also kept in ``repeated``."""

    def hook(pairs: list[tuple[str, Any]]) -> _Object:
        obj = _Object(pairs)
        if obj.repeated:
            repeated.append(obj)
        return obj

    return hook


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that remembers the keys it was given more than once."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]]):
        super().__init__(pairs)
        self.repeated: list[str] = []
        if len(self) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen and key not in self.repeated:
                    self.repeated.append(key)
                seen.add(key)


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text) if not text.isascii() else False


def _check_text(data: Any, file: str, faults: FaultCollector) -> None:
    """Faults for keys given twice (the last would silently win: a party dropped,
    an id replaced) and for lone surrogates (not Unicode text), each with its JSON path.

    One walk over the parsed document, iterative (no recursion limit).
    """
    from collections import deque

    stack: deque[tuple[str, Any]] = deque([("$", data)])
    while stack:
        path, value = stack.popleft()
        if isinstance(value, dict):
            for key in getattr(value, "repeated", ()):
                faults.add(
                    Location(file=file, path=f"{path}.{key}", field=key),
                    "bad_value",
                    msg("input.json.repeated_key", key=repr(key)),
                )
            for key, item in value.items():
                if _has_surrogate(key):
                    faults.add(
                        Location(file=file, path=path),
                        "bad_value",
                        msg("input.json.surrogate_key", codes=_surrogates(key)),
                    )
                stack.append((f"{path}.{key}", item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
        elif isinstance(value, str) and _has_surrogate(value):
            field = path.rsplit(".", 1)[-1].split("[", 1)[0] if "." in path else None
            faults.add(
                Location(file=file, path=path, field=field),
                "bad_value",
                msg("input.json.surrogate_text", codes=_surrogates(value)),
            )


def _surrogates(text: str) -> str:
    return ", ".join(sorted({f"\\u{ord(c):04x}" for c in text if "\ud800" <= c <= "\udfff"}))


__all__ = ["MAX_JSON_BYTES", "read_json_file", "read_json_mapping"]
