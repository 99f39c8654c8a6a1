"""Re-screen every awarded contract against the data in use now.

Each contract's stored declaration is assessed again at the ``contract``
stage as of ``as_of`` (default today), with the register's reviewer
decisions, and compared with its last recorded assessment by the pure
:func:`scrisk.register.diff.diff_documents`. Every re-assessment is recorded
(so the next re-screen compares with it), in batches, each in one transaction.

The database work stays in the calling process. By default the re-assessments
run in it too: per CPU-second that is the cheapest (worker processes each load
the reference data and the screener again, and every contract and its results
cross a pipe twice). With ``workers`` > 1 the re-assessments (pure CPU: read,
assess, diff) run in worker processes, for a shorter wall time on a machine with
cores to spare, a bounded number of chunks in flight so memory stays flat.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.assessment.pause import collector_paused
from scrisk.jsontext import loads, plain
from scrisk.register.diff import diff_documents, summarise_rose
from scrisk.register.rows import document_row, now_utc, typed_document_row
from scrisk.register.store import Register

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy import PolicySource

RESCREEN_FORMAT = "scrisk-rescreen/1"
CHUNK = 100
MEMO_NAMES = 100_000  # names screened kept for the next chunks of one re-screen


def load_stored(body: bytes, filename: str | None = None, sha256: str | None = None) -> Any:
    """A declaration from the bytes the register keeps (JSON or an .xlsx workbook).

    ``sha256``: the hash the register keeps it under. JSON whose bytes still hash to it
    is the text validated when it was recorded: its text walk (repeated keys, lone
    surrogates) is not made again; every field is still read and checked.
    """
    from scrisk.readers import load_declaration

    if body[:4] == b"PK\x03\x04":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (Path(filename).name if filename else "declaration.xlsx")
            path.write_bytes(body)
            return load_declaration(path)
    data = loads(body)
    if sha256 is not None and hashlib.sha256(body).hexdigest() == sha256:
        from scrisk.readers.locate import JsonLocator
        from scrisk.readers.validate import declaration_from_dict

        return declaration_from_dict(data, locator=JsonLocator("<dict>"), source=None)
    return load_declaration(data)


_POLICIES: dict[str, Any] = {}


def _document_overrides(doc: Mapping[str, Any]) -> Any:
    """The policy overrides (dotted keys) a document's provenance names; {} for none."""
    return (doc.get("provenance") or {}).get("policy_overrides") or {}


def _recorded_overrides(provenance: str | bytes | None) -> Any:
    """The policy overrides in a record's provenance column (its JSON text); None when
    there is no text or it is not a JSON object (the document is then read for them)."""
    if not provenance:
        return None
    text = provenance if isinstance(provenance, str) else provenance.decode("utf-8", "replace")
    # nearly every record: the shipped defaults (no overrides, or none named), not parsed
    named = text.count('"policy_overrides"')
    if text.startswith("{") and (named == 0 or (named == 1 and '"policy_overrides":{}' in text)):
        return {}
    try:
        block = loads(provenance)
    except ValueError:
        return None
    return _document_overrides({"provenance": block}) if isinstance(block, dict) else None


def recorded_policy(overrides: Mapping[str, Any]) -> Any:
    """The policy a record was assessed with, rebuilt from its provenance's overrides
    (dotted keys); None for the shipped defaults. One object per distinct set."""
    if not overrides:
        return None
    key = json.dumps(overrides, sort_keys=True)
    found = _POLICIES.get(key)
    if found is None:
        from scrisk.policy import load_policy

        nested: dict[str, Any] = {}
        for dotted, value in overrides.items():
            *tables, last = dotted.split(".")
            node = nested
            for name in tables:
                node = node.setdefault(name, {})
            node[last] = value
        found = load_policy(nested)  # typed and checked
        _POLICIES[key] = found
    return found


@collector_paused  # a chunk's short-lived documents: collected once, after it
def _reassess(
    items: list[dict[str, Any]],
    when: date,
    policy: Any,
    lang: str,
    decided: Mapping[str, list[Any]],
    evidence: list[dict[str, Any]] | None = None,
    memo: dict[int, dict[tuple[str, str | None], list[Any]]] | None = None,
) -> list[dict[str, Any]]:
    """Assess each stored declaration again and diff it with its last document (pure CPU).

    The award date is the contract date (the clauses the contract was signed with);
    ``evidence``: the register's, shown beside the flags it bears on (``supplier_evidence``);
    ``memo``: the names screened by earlier calls of one re-screen (same ``when``), by the
    id of their policy, kept there and added to.
    """
    from scrisk.assessment import assess
    from scrisk.assessment.engine import screen_names
    from scrisk.policy import load_policy
    from scrisk.screening import normalize_name

    def keys_of(decl: Any) -> list[tuple[str, str | None]]:
        return [(p.name or "", p.country_code) for p in decl.parties]

    # first every declaration and its policy, then each policy's distinct party names
    # screened in one matcher call (names repeat across contracts), then the assessments.
    # The policy is read from the record's provenance column: its last document (some
    # 50 KB of JSON, 20 times that once read) is read only when its turn comes and let go
    # after it, so a chunk's documents are never all held at once (a working set that
    # outgrows the processor's cache costs more than the reading)
    todo = []
    for c in items:
        decl = load_stored(c["body"], sha256=c["declaration"])
        before = None
        pol = policy
        if pol is None:  # the policy the contract was assessed with, not today's default
            recorded = _recorded_overrides(c.get("provenance"))
            if recorded is None:  # no provenance column to read: the document's own
                before = loads(c["document"])
                recorded = _document_overrides(before)
            pol = recorded_policy(recorded)
        todo.append((c, decl, before, pol))
    screened: dict[int, dict[tuple[str, str | None], list[Any]]] = {}
    for pol in {id(p): p for _, _, _, p in todo}.values():
        keys = [key for _, decl, _, q in todo if q is pol for key in keys_of(decl)]
        if memo is None:
            screened[id(pol)] = screen_names(keys, load_policy(pol), when)
            continue
        # names screened for earlier chunks are not screened again (a portfolio's
        # contracts share suppliers); a name's matches depend on the policy and the date
        # only, not on the other names
        known = memo.setdefault(id(pol), {})
        distinct = list(dict.fromkeys(keys))
        new = [k for k in distinct if k not in known]
        if len(known) + len(new) > MEMO_NAMES:
            known.clear()
            new = distinct
        if new:
            known.update(screen_names(new, load_policy(pol), when))
        screened[id(pol)] = known
    out = []
    for c, decl, before, pol in todo:
        found = screened[id(pol)]
        if before is None:
            before = loads(c["document"])
            if policy is None:
                own = recorded_policy(_document_overrides(before))
                if own is not pol:  # the provenance column said otherwise: the document
                    pol = own  # is what the contract was assessed with
                    found = screen_names(keys_of(decl), load_policy(pol), when)
        ds: list[Any] = []
        if decided:
            names = sorted({normalize_name(p.name) for p in decl.parties if p.name})
            ds = [d for n in names for d in decided.get(n, ())]
        a = assess(
            decl,
            as_of=when,
            policy=pol,
            decisions=ds,
            stage="contract",
            screened=found,
            contract_date=c["awarded_on"],
        )
        typed = a.document("en")  # the diff reads it as is, and so does the record's row
        if evidence:
            from scrisk.register.evidence import attach

            after = attach(typed.to_dict(), evidence, lang=lang)
            # the record row is built here, in the worker: the parent only writes it
            row = document_row(
                after, declaration=c["declaration"], root=c["record"], rescreen=None, typed=typed
            )
            unapplied, held = (
                after.get("decisions_unapplied", []),
                after.get("supplier_evidence", []),
            )
        else:  # no plain copy of the document: its row's text written from it, as bytes
            row = typed_document_row(
                typed, declaration=c["declaration"], root=c["record"], rescreen=None, as_bytes=True
            )
            unapplied = [d.to_dict() for d in typed.decisions_unapplied or ()]
            held = plain(typed.extra.get("supplier_evidence", []))
        out.append(
            {
                "result": {
                    "record": c["record"],
                    "contract": c["contract"],
                    "awarded_on": c["awarded_on"],
                    "instrument": c.get("instrument", "contract"),
                    "compared_with": c["last"],
                    "solicitation": typed.solicitation.id,
                    "bidder": typed.bidder.id,
                    "bidder_name": typed.bidder.name,
                    **summarise_rose(before, typed),
                    "changes": diff_documents(before, typed, lang=lang),
                    "decisions_unapplied": unapplied,
                    "supplier_evidence": held,
                },
                "row": row,
            }
        )
    return out


def _in_workers(
    chunks: Iterable[list[dict[str, Any]]],
    workers: int,
    when: date,
    policy: Any,
    lang: str,
    decided: Mapping[str, list[Any]],
    evidence: list[dict[str, Any]] | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Chunks re-assessed in ``workers`` processes, in order, at most 2 per worker pending."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may run threads (the progress bar) and hold connections
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_reassess, chunk, when, policy, lang, decided, evidence))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@contextmanager
def _collector_held() -> Iterator[Callable[[], None]]:
    """The collector off while the contracts are re-screened, the heap loaded so far (the
    reference data, the screener) frozen out of its sight; gives what collects a chunk's
    cycles after it. The caller's collector back as it was."""

    def collect() -> None:
        gc.collect(1)  # a chunk's cycles (not the frozen heap)
        if not held:
            return
        # what survived (the results kept, caches) frozen too: the next collection walks
        # the next chunk only, not every result so far (a cost growing with the square of
        # the contracts); all of it back in the collector's sight at the end
        gc.freeze()

    held = gc.isenabled()  # else the caller's choice: collected after each chunk, no more
    if not held:
        yield collect
        return
    gc.freeze()
    gc.disable()
    try:
        yield collect
    finally:
        gc.enable()
        gc.unfreeze()


def rescreen(
    register: Register,
    *,
    as_of: date | str | None = None,
    policy: PolicySource = None,
    lang: str = "en",
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    record: bool = True,
) -> dict[str, Any]:
    """Re-assess every awarded contract in ``register`` and say what changed and why.

    Returns the Rescreen JSON (``scrisk-rescreen/1``); each contract entry has
    ``rose`` (its level went up). ``progress(n)`` is called as contracts are
    done. Each contract is assessed with the policy it was recorded with (its
    provenance's overrides) unless ``policy`` is given. ``workers``: processes
    for the re-assessments (default 1: in this process, the least CPU; -1: the
    machine's cores, up to 4; the same results either way). ``record=False``: report only, write
    nothing (a register that may only be read); ``rescreen`` is then None.
    """
    from scrisk.dates import to_date

    try:
        when = to_date(as_of) or date.today()
    except ValueError:
        from scrisk.register.connect import RegisterError

        raise RegisterError(f"as_of: {as_of!r} is not a date (YYYY-MM-DD)") from None
    if policy is not None:
        from scrisk.policy import load_policy

        policy = load_policy(policy)  # typed once, for every contract
    run_id = str(uuid.uuid4())
    decided = register.all_decisions()
    evidence = register.evidence()
    if workers is None:
        workers = 1
    elif workers == -1:
        workers = min(os.cpu_count() or 1, 4)
    chunks = register.contracts(chunk=CHUNK)
    done: Iterable[list[dict[str, Any]]]
    if workers > 1:
        done = _in_workers(chunks, workers, when, policy, lang, decided, evidence)
    else:
        memo: dict[int, dict[tuple[str, str | None], list[Any]]] = {}
        done = (_reassess(chunk, when, policy, lang, decided, evidence, memo) for chunk in chunks)
    results: list[dict[str, Any]] = []
    risen = 0
    with _collector_held() as collect:
        for chunk in done:
            rows = []
            for r in chunk:
                results.append(r["result"])
                risen += r["result"]["rose"]
                rows.append({**r["row"], "rescreen": run_id})
            if record:
                register.record_many(rows)
            if progress is not None:
                progress(len(chunk))
            collect()
    run = {
        "id": run_id,
        "as_of": when.isoformat(),
        "contracts": len(results),
        "rose": risen,
        "recorded_at": now_utc(),
    }
    if record:
        register.record_many([], run)
    _add_life(register, results, when)
    return {
        "format": RESCREEN_FORMAT,
        "as_of": when.isoformat(),
        "rescreen": run_id if record else None,
        "contracts": results,
    }


def _add_life(register: Register, results: list[dict[str, Any]], when: date) -> None:
    """Each contract's call-ups and its actions overdue on ``when`` (the contract's life)."""
    callups: dict[str, list[dict[str, Any]]] = {}
    for c in register.callups():
        callups.setdefault(c["record"], []).append(c)
    overdue: dict[str, list[dict[str, Any]]] = {}
    for a in register.actions(overdue=True, on=when):
        overdue.setdefault(a["record"], []).append(a)
    for r in results:
        r["callups"] = callups.get(r["record"], [])
        r["actions_overdue"] = overdue.get(r["record"], [])


__all__ = ["RESCREEN_FORMAT", "load_stored", "rescreen"]
