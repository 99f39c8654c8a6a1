"""Raw JSON-shaped dict + locator -> :class:`Declaration`, every fault in one pass.

Both readers hand their input here as the JSON form of the declaration, with
a locator that knows where each value came from. Validation is lazy in
pandera's sense: it never stops at the first fault; it records each one with
its location and raises a single :class:`DeclarationError` at the end.

Missing name, address or country on a party is *not* a fault: the
place-of-work rule flags it. Unknown extra keys are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from scrisk.errors import Fault, FaultCollector, msg
from scrisk.model import FORMAT, Declaration
from scrisk.readers.attestations import read_audits, read_certifications
from scrisk.readers.locate import Locator
from scrisk.readers.parties import read_parties
from scrisk.readers.plain import declaration_of, plain_declaration
from scrisk.readers.solicitation import read_solicitation

_SECTION_RANK = {"solicitation": 1, "goods": 2, "parties": 3, "certifications": 4, "audits": 5}
_PATH_SECTION = re.compile(r"^\$\.(?:solicitation\.)?(goods|parties|certifications|audits)")
_INDEX = re.compile(r"\[(\d+)\]")


def _document_order(fault: Fault) -> tuple[int, int, tuple[int, ...]]:
    """Faults listed as the officer reads the file: section, then row or list position."""
    loc = fault.location
    if loc.path is not None:
        m = _PATH_SECTION.match(loc.path)
        section = m.group(1) if m else "solicitation" if loc.path != "$" else ""
        return _SECTION_RANK.get(section, 0), 0, tuple(map(int, _INDEX.findall(loc.path)))
    sheet = (loc.sheet or "").casefold()
    rank = next((r for name, r in _SECTION_RANK.items() if sheet and name in sheet), 0)
    return rank, loc.row or 0, ()


def declaration_from_dict(
    data: Any,
    *,
    locator: Locator,
    faults: FaultCollector | None = None,
    source: str | None = None,
    unusable: frozenset[str] = frozenset(),
) -> Declaration:
    """Validate the JSON form of a declaration; raise one DeclarationError with every fault.

    ``unusable`` names sections (``goods``, ``parties``, ...) a reader already
    reported as unreadable (e.g. a sheet without its header): they are not
    checked again and references into them are not reported as unknown.
    """
    # the usual declaration, no fault yet: its parties and certifications read in one pass
    if (faults is None or not (faults or faults.truncated)) and not unusable:
        found = plain_declaration(data, locator, source)
        if found is not None:
            return found
    faults = faults if faults is not None else FaultCollector()
    if not isinstance(data, Mapping):
        faults.add(
            locator.at("root"),
            "wrong_format",
            msg("input.not_declaration"),
        )
        faults.raise_if_any()
        raise AssertionError("unreachable")  # pragma: no cover
    from scrisk.readers.limits import check_depth, check_sizes

    if not check_sizes(data, locator, faults):  # refused before any costly step
        faults.raise_if_any()
    fmt = data.get("format")
    if fmt is not None and fmt != FORMAT:
        faults.add(
            locator.at("root", field="format"),
            "wrong_format",
            msg("input.format", value=repr(fmt), expected=repr(FORMAT)),
        )
    sol, goods = read_solicitation(data, locator, faults, goods_unusable="goods" in unusable)
    if data.get("parties") is None:
        faults.add(locator.at("root", field="parties"), "missing_field", "parties is missing")
    # When a whole section is unusable, references into it are not checked:
    # one fault at the cause, not a cascade of "unknown id" faults.
    sol_raw = data.get("solicitation")
    goods_ok = (
        isinstance(sol_raw, Mapping)
        and isinstance(sol_raw.get("goods"), list)
        and "goods" not in unusable
    )
    parties_ok = isinstance(data.get("parties"), list) and "parties" not in unusable
    parties = read_parties(
        data, locator, faults, {g.id for g in goods} if goods_ok else None, check_bidder=parties_ok
    )
    ids = {p.id for p in parties} if parties_ok else None
    if not faults:
        check_depth(parties, locator, faults)
    certifications = read_certifications(data, locator, faults, ids)
    audits = read_audits(data, locator, faults, ids)
    faults.faults.sort(key=_document_order)
    faults.raise_if_any()
    return declaration_of(sol, goods, parties, certifications, audits, source)


__all__ = ["declaration_from_dict"]
