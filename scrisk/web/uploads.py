"""An uploaded declaration read like a file on the command line.

The body is bounded by the guard while it streams (:data:`MAX_UPLOAD_BYTES`,
the readers' own limits); the file is copied into a private temporary folder
under a name chosen here (``declaration.json`` or ``declaration.xlsx``, by its
first bytes), read by :func:`scrisk.load_declaration` exactly as the CLI reads
a file, and the folder removed. No part of the request names a path: the name
the browser sent is only shown back in fault messages, escaped.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.errors import DeclarationError, Fault

if TYPE_CHECKING:  # pragma: no cover
    from starlette.datastructures import UploadFile

    from scrisk.model import Declaration
from scrisk.readers.json_reader import MAX_JSON_BYTES
from scrisk.xlsx_io import MAX_UNCOMPRESSED_BYTES

# A workbook's zip is never larger than what it holds, so the workbook limit bounds
# the body; a JSON file past MAX_JSON_BYTES is then refused by the JSON reader itself.
MAX_UPLOAD_BYTES = max(MAX_JSON_BYTES, MAX_UNCOMPRESSED_BYTES) + 64 * 1024  # + form fields
MAX_NAME = 200  # characters of the file name shown back
_ZIP = b"PK\x03\x04"
_CHUNK = 1024 * 1024


@dataclasses.dataclass(frozen=True, slots=True)
class Upload:
    """A declaration as received: its bytes, the name the browser gave, the parsed form."""

    body: bytes
    filename: str
    declaration: Declaration


def shown_name(name: str | None) -> str:
    """The browser's file name, for display only: last path part, bounded, never a path."""
    text = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return text[:MAX_NAME] or "declaration"


async def read_upload(upload: UploadFile) -> bytes:
    """The uploaded file's bytes (Starlette's ``UploadFile``), read in chunks."""
    parts = []
    while chunk := await upload.read(_CHUNK):
        parts.append(chunk)
    return b"".join(parts)


def parse_declaration(body: bytes, filename: str | None) -> Upload:
    """Read and validate the uploaded bytes; :class:`DeclarationError` names the file as sent."""
    from scrisk.readers import load_declaration

    shown = shown_name(filename)
    private = "declaration.xlsx" if body[:4] == _ZIP else "declaration.json"
    with tempfile.TemporaryDirectory(prefix="scrisk-upload-") as folder:  # mode 0700
        path = Path(folder) / private
        path.write_bytes(body)
        try:
            declaration = load_declaration(path)
        except DeclarationError as error:
            raise DeclarationError([_renamed(f, private, shown) for f in error.faults]) from None
    return Upload(body=body, filename=shown, declaration=declaration)


def _renamed(fault: Fault, private: str, shown: str) -> Fault:
    loc = fault.location
    if loc.file != private:
        return fault
    return dataclasses.replace(fault, location=dataclasses.replace(loc, file=shown))


__all__ = ["MAX_UPLOAD_BYTES", "Upload", "parse_declaration", "read_upload", "shown_name"]
