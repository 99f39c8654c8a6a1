"""Re-screen every awarded contract against the data in use now.

Each contract's stored declaration is assessed again at the ``contract``
stage as of ``as_of`` (default today), with the register's reviewer
decisions, and compared with its last recorded assessment by the pure
:func:`scrisk.register.diff.diff_documents`. Every re-assessment is recorded
(so the next re-screen compares with it), in batches, each in one transaction.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from scrisk.register.diff import diff_documents, rose, summarise
from scrisk.register.store import Register, now_utc

RESCREEN_FORMAT = "scrisk-rescreen/1"


def load_stored(body: bytes, filename: str | None = None) -> Any:
    """A declaration from the bytes the register keeps (JSON or an .xlsx workbook)."""
    from scrisk.readers import load_declaration

    if body[:4] == b"PK\x03\x04":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (Path(filename).name if filename else "declaration.xlsx")
            path.write_bytes(body)
            return load_declaration(path)
    return load_declaration(json.loads(body.decode("utf-8-sig")))


def rescreen(
    register: Register,
    *,
    as_of: date | str | None = None,
    policy: str | Path | Mapping[str, Any] | None = None,
    lang: str = "en",
    progress: Callable[[int], None] | None = None,
    batch: int = 250,
) -> dict[str, Any]:
    """Re-assess every awarded contract in ``register`` and say what changed and why.

    Returns the Rescreen JSON (``scrisk-rescreen/1``); each contract entry has
    ``rose`` (its level went up). ``progress(n)`` is called as contracts are done.
    """
    from scrisk.assessment import assess
    from scrisk.assessment.engine import _as_of
    from scrisk.screening import normalize_name

    run_id = str(uuid.uuid4())
    decided = register.all_decisions()
    declarations: dict[str, Any] = {}
    when: date | None = None
    results: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = []
    risen = 0
    for c in register.contracts():
        decl = declarations.get(c["declaration"])
        if decl is None:
            decl = load_stored(register.declaration(c["declaration"]))
            if len(declarations) < 5000:
                declarations[c["declaration"]] = decl
        if when is None:
            when = _as_of(as_of, decl, "contract")
        names = {normalize_name(p.name) for p in decl.parties if p.name}
        ds = [d for n in sorted(names) for d in decided.get(n, ())]
        a = assess(decl, as_of=when, policy=policy, decisions=ds, stage="contract")
        after = a.to_dict("en")
        before = json.loads(c["document"])
        changes = diff_documents(before, after, lang=lang)
        up = rose(before, after)
        risen += up
        results.append({
            "record": c["record"],
            "contract": c["contract"],
            "awarded_on": c["awarded_on"],
            "compared_with": c["last"],
            "solicitation": after["solicitation"]["id"],
            "bidder": after["bidder"]["id"],
            "bidder_name": after["bidder"]["name"],
            **summarise(before, after),
            "rose": up,
            "changes": changes,
            "decisions_unapplied": after.get("decisions_unapplied", []),
        })
        pending.append(register.prepare(a, declaration=c["declaration"], root=c["record"],
                                        rescreen=run_id, doc=after))
        if len(pending) >= batch:
            register.record_many(pending)
            pending = []
        if progress is not None:
            progress(1)
    if when is None:
        when = date.fromisoformat(str(as_of)) if as_of else date.today()
    run = {"id": run_id, "as_of": when.isoformat(), "contracts": len(results), "rose": risen,
           "recorded_at": now_utc()}
    register.record_many(pending, run)
    return {"format": RESCREEN_FORMAT, "as_of": when.isoformat(), "rescreen": run_id,
            "contracts": results}


__all__ = ["RESCREEN_FORMAT", "load_stored", "rescreen"]
