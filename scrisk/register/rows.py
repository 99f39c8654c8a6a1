"""The rows the register writes: the record row of an assessment document and a
declaration's stored bytes.

The time of recording is set here, never in the document (see :mod:`scrisk.register.store`).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeAlias

from scrisk.assessment.document import AssessmentDocument, ProvenanceDoc, document_of
from scrisk.assessment.document_part import compact_fields
from scrisk.jsontext import compact, dumps, typed_json
from scrisk.jsontypes import JsonObject

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.model import Declaration


def now_utc() -> str:
    """The time of recording, UTC, to the second (register only, never in a document);
    written once a second (a re-screen records hundreds of rows in one)."""
    global _NOW
    second = int(time.time())
    if _NOW[0] != second:
        _NOW = (second, datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return _NOW[1]


_NOW = (-1, "")  # (the second, its text) last written


def declaration_bytes(decl: Declaration) -> bytes:
    """A declaration given as an object, stored as its JSON form (sorted keys)."""
    return dumps(decl.to_dict()).encode("utf-8")


# A ``records`` row, column by column (scrisk.register.schema.records); its ``document``
# is the JSON text, or that text's UTF-8 bytes (a re-screen's rows: never decoded only for
# the database driver to encode it again), stored as text either way
RecordRow: TypeAlias = dict[str, str | bytes | float | None]


@dataclass(frozen=True, slots=True)
class StoredDeclaration:
    """A ``declarations`` row: a declaration's bytes as received, kept by their hash."""

    sha256: str
    filename: str | None
    body: bytes

    def row(self) -> dict[str, str | bytes | None]:
        """The row as the table's columns."""
        return {"sha256": self.sha256, "filename": self.filename, "body": self.body}


def document_row(
    doc: JsonObject,
    *,
    declaration: str,
    root: str | None,
    rescreen: str | None,
    typed: AssessmentDocument | None = None,
    rid: str | None = None,
) -> RecordRow:
    """The ``records`` row of an assessment document (``rid``: the record's id, by default a
    new one), recorded now; ``typed``: the same document typed, when the caller has it."""
    d = typed if typed is not None else document_of(doc)
    return _row(
        d,
        compact(doc),
        compact(d.provenance.to_dict() if d.provenance else {}),
        declaration=declaration,
        root=root,
        rescreen=rescreen,
        rid=rid,
    )


def _row(
    d: AssessmentDocument,
    document: str | bytes,
    provenance: str,
    *,
    declaration: str,
    root: str | None,
    rescreen: str | None,
    rid: str | None = None,
) -> RecordRow:
    rid = rid or str(uuid.uuid4())
    return {
        "id": rid,
        "root": root or rid,
        "rescreen": rescreen,
        "solicitation": d.solicitation.id,
        "bidder": d.bidder.id,
        "bidder_name": d.bidder.name,
        "declaration": declaration,
        "as_of": d.as_of,
        "stage": d.stage,
        "risk_level": d.risk_level,
        "score": d.score,
        "document": document,
        "provenance": provenance,
        "recorded_at": now_utc(),
    }


def typed_document_row(
    typed: AssessmentDocument,
    *,
    declaration: str,
    root: str | None,
    rescreen: str | None,
    as_bytes: bool = False,
) -> RecordRow:
    """:func:`document_row` of a typed document with no plain copy made: its texts written
    from the document itself (:func:`scrisk.jsontext.typed_json`); the same row.
    ``as_bytes``: the document's text as its UTF-8 bytes (see :data:`RecordRow`)."""
    text: str | bytes | None = (
        typed_json(typed, compact_fields, as_bytes=True)
        if as_bytes
        else typed_json(typed, compact_fields)
    )
    provenance = _provenance_text(typed.provenance) if typed.provenance else "{}"
    if text is None or provenance is None:  # a text orjson may write otherwise
        return document_row(
            typed.to_dict(), declaration=declaration, root=root, rescreen=rescreen, typed=typed
        )
    return _row(typed, text, provenance, declaration=declaration, root=root, rescreen=rescreen)


# The provenance column's text by the provenance part (held with it: its id is not
# reused): the documents of a re-screen share one part per policy and data
# (assessment.document_build), so its text is written once, not once per row
_PROVENANCE_TEXT: dict[int, tuple[ProvenanceDoc, str | None]] = {}


def _provenance_text(part: ProvenanceDoc) -> str | None:
    """``typed_json`` of a provenance part (frozen: the same text each time it is asked)."""
    found = _PROVENANCE_TEXT.get(id(part))
    if found is None or found[0] is not part:
        if len(_PROVENANCE_TEXT) >= 64:
            _PROVENANCE_TEXT.clear()
        found = _PROVENANCE_TEXT[id(part)] = (part, typed_json(part, compact_fields))
    return found[1]
