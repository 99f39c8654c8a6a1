"""Declaration readers: JSON and Excel workbook in, validated :class:`Declaration` out.

``load_declaration`` is the one entry point. Both formats are turned into the
JSON-shaped dict and validated by the same code (``validate.py``), so a filled
template and the equivalent JSON give equal declarations, and faults read the
same whichever format they came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scrisk.errors import FaultCollector, Location, Message, msg, os_reason
from scrisk.model import Declaration

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls (and other old Office files)
_TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
_JSON_START = (b"{", b"[", b"\xef\xbb\xbf{", b"\xef\xbb\xbf[")


def _wrong_kind(path: Path, message: Message) -> None:
    faults = FaultCollector()
    faults.add(Location(file=path.name), "wrong_format", message)
    faults.raise_if_any()


def load_declaration(source: str | Path | Mapping[str, Any] | Declaration) -> Declaration:
    """Read and validate a declaration from a path (.json / .xlsx) or a parsed mapping.

    A file with another suffix is sniffed: a zip archive is read as a workbook,
    anything else as JSON. Raises :class:`scrisk.DeclarationError` listing every
    fault (file, sheet + row or JSON path, field) when the input cannot be used.
    """
    if isinstance(source, Declaration):
        return source
    if isinstance(source, Mapping):
        from scrisk.readers.json_reader import read_json_mapping

        return read_json_mapping(source)
    path = Path(source)
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        kind = "xlsx"
    elif suffix == ".json":
        kind = "json"
    else:
        try:
            with path.open("rb") as fh:
                head = fh.read(4)
                start = (head + fh.read(60)).lstrip()
        except OSError as error:
            faults = FaultCollector()
            faults.add(
                Location(file=path.name),
                "unreadable",
                msg("input.file.cannot_read", reason=os_reason(error)),
            )
            faults.raise_if_any()
        if head == _OLE_MAGIC:
            _wrong_kind(
                path,
                msg("input.file.xls"),
            )
        looks_json = start.startswith(_JSON_START)
        if suffix in _TABLE_SUFFIXES and head != _ZIP_MAGIC and not looks_json:
            _wrong_kind(
                path,
                msg("input.file.table", suffix=suffix),
            )
        kind = "xlsx" if head == _ZIP_MAGIC else "json"
    if kind == "xlsx":
        from scrisk.readers.excel_reader import read_workbook

        return read_workbook(path)
    from scrisk.readers.json_reader import read_json_file

    return read_json_file(path)


__all__ = ["load_declaration"]
