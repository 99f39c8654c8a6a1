"""The rows the register writes: the record row of an assessment document and a
declaration's stored bytes.

The time of recording is set here, never in the document (see :mod:`scrisk.register.store`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrisk.jsontext import compact, dumps, typed_json

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment.document import AssessmentDocument
    from scrisk.model import Declaration


def now_utc() -> str:
    """The time of recording, UTC, to the second (register only, never in a document)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def declaration_bytes(decl: Declaration) -> bytes:
    """A declaration given as an object, stored as its JSON form (sorted keys)."""
    return dumps(decl.to_dict()).encode("utf-8")


def typed_document_row(
    doc: AssessmentDocument, *, declaration: str, root: str | None, rescreen: str | None
) -> dict[str, Any]:
    """:func:`document_row` of a typed document, its texts written from the document
    itself (no plain copy first); the same row."""
    from scrisk.assessment.document_part import part_fields

    text = typed_json(doc, part_fields)
    provenance = "{}" if not doc.provenance else typed_json(doc.provenance, part_fields)
    if text is None or provenance is None:  # a text orjson may write otherwise
        return document_row(doc.to_dict(), declaration=declaration, root=root, rescreen=rescreen)
    rid = str(uuid.uuid4())
    return {
        "id": rid,
        "root": root or rid,
        "rescreen": rescreen,
        "solicitation": doc.solicitation.id,
        "bidder": doc.bidder.id,
        "bidder_name": doc.bidder.name,
        "declaration": declaration,
        "as_of": doc.as_of,
        "stage": doc.stage,
        "risk_level": doc.risk_level,
        "score": doc.score,
        "document": text,
        "provenance": provenance,
        "recorded_at": now_utc(),
    }


def document_row(
    doc: dict[str, Any], *, declaration: str, root: str | None, rescreen: str | None
) -> dict[str, Any]:
    """The ``records`` row of an assessment document (a new record id, recorded now)."""
    rid = str(uuid.uuid4())
    return {
        "id": rid,
        "root": root or rid,
        "rescreen": rescreen,
        "solicitation": doc["solicitation"]["id"],
        "bidder": doc["bidder"]["id"],
        "bidder_name": doc["bidder"]["name"],
        "declaration": declaration,
        "as_of": doc["as_of"],
        "stage": doc.get("stage", "bid"),
        "risk_level": doc["risk_level"],
        "score": doc["score"],
        "document": compact(doc),
        "provenance": compact(doc.get("provenance") or {}),
        "recorded_at": now_utc(),
    }
