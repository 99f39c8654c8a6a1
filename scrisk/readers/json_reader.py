"""Read a declaration from JSON text, a JSON file or an already parsed mapping."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scrisk.errors import FaultCollector, Location
from scrisk.model import Declaration
from scrisk.readers.locate import JsonLocator
from scrisk.readers.validate import declaration_from_dict

# A declaration of 100,000 parties is ~30 MB of JSON; anything past this bound
# is refused before parsing so a hostile file cannot exhaust memory.
MAX_JSON_BYTES = 100 * 1024 * 1024


def read_json_mapping(data: Mapping[str, Any], *, file: str = "<dict>") -> Declaration:
    """Validate an already parsed declaration; locations name ``file`` and JSON paths."""
    return declaration_from_dict(data, locator=JsonLocator(file), source=None)


def read_json_file(path: str | Path, *, max_bytes: int = MAX_JSON_BYTES) -> Declaration:
    """Read and validate a JSON declaration file; every fault raised together."""
    path = Path(path)
    name = path.name
    faults = FaultCollector()
    where = Location(file=name)
    try:
        size = path.stat().st_size
    except OSError as error:
        faults.add(where, "unreadable", f"cannot read the file: {error.strerror or error}")
        faults.raise_if_any()
    if size > max_bytes:
        faults.add(where, "too_large",
                   f"the file is {size:,} bytes; declarations are limited to {max_bytes:,} bytes")
        faults.raise_if_any()
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8-sig"))
    except OSError as error:
        faults.add(where, "unreadable", f"cannot read the file: {error.strerror or error}")
    except UnicodeDecodeError as error:
        faults.add(where, "unreadable", f"the file is not UTF-8 text (byte {error.start})")
    except json.JSONDecodeError as error:
        faults.add(Location(file=name, path=f"line {error.lineno}, column {error.colno}"),
                   "unreadable", f"not valid JSON: {error.msg}")
    except RecursionError:
        faults.add(where, "unreadable", "not valid JSON: nested too deeply")
    except ValueError as error:  # e.g. an integer literal past Python's digit limit
        faults.add(where, "unreadable", f"not valid JSON: {error}")
    faults.raise_if_any()
    return declaration_from_dict(data, locator=JsonLocator(name), faults=faults,
                                 source=str(path))


__all__ = ["MAX_JSON_BYTES", "read_json_file", "read_json_mapping"]
