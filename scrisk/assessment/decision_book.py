"""Reviewer decisions as one assessment sees them: by supplier, not by party id.

A decision is about a *supplier* (normalised name and resolved country) and a
list entry. The WATCHLIST rule asks ``book.get((party id, entry id))``; the
book answers with the decision made on the same supplier and entry, in this
bid or any other, unless the entry has changed since (then the question is
open again). A decision that nothing in the bid asked about is kept and
reported (:meth:`DecisionBook.unapplied`), never silently dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from scrisk.decisions import Decision, entry_state, supplier_key
from scrisk.model import Declaration

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference.loader import Reference
    from scrisk.reference.model import ListEntry

Note = dict[str, str | None]  # a decisions_unapplied entry (UnappliedDecisionDoc's fields)

UNAPPLIED_REASONS = (
    "no_party",
    "no_match",
    "reopened",
    "other_supplier",
)  # decisions_unapplied[].reason


class DecisionBook(Mapping[tuple[str, str], Decision]):
    """Decisions applicable to one declaration, looked up by ``(party id, entry id)``."""

    def __init__(
        self, decisions: Iterable[Decision], declaration: Declaration, reference: Reference
    ) -> None:
        self._reference = reference
        self._declaration = declaration
        self._suppliers: dict[str, tuple[str, str | None]] | None = None  # see _supplier
        self._by_key: dict[tuple[str, str, str], Decision] = {}
        self._no_party: list[Decision] = []
        for d in decisions:
            if not d.name:  # a party id only (a Review sheet of this bid): resolve it here
                found = self._supplier.get(d.party)
                if found is None:
                    self._no_party.append(d)
                    continue
                d = dataclasses.replace(d, name=found[0], country=found[1])
            key = d.supplier_key
            assert key is not None
            self._by_key[key] = d  # a later answer replaces an earlier one
        # party id -> (normalised name, country), worked out on first ask: a bid with no
        # decisions never normalises its parties' names here
        self._keys: dict[str, tuple[str, str]] = {}
        self._used: set[tuple[str, str, str]] = set()
        self._reopened: dict[tuple[str, str, str], tuple[str, Decision]] = {}

    @property
    def _supplier(self) -> dict[str, tuple[str, str | None]]:
        """Party id -> (name, country code), made on first ask: a bid with no decisions
        (most bids; every very large one) never makes it."""
        found = self._suppliers
        if found is None:
            parties = self._declaration.parties
            found = self._suppliers = {p.id: (p.name or "", p.country_code) for p in parties}
        return found

    # -- Mapping ----------------------------------------------------------------------------
    def __getitem__(self, key: tuple[str, str]) -> Decision:
        party, entry_id = key
        if not self._by_key or party not in self._supplier:
            raise KeyError(key)
        supplier = self._key_of(party)
        skey = (*supplier, entry_id)
        d = self._by_key.get(skey)
        if d is None:
            raise KeyError(key)
        now = entry_state(self._entry(entry_id))
        if d.entry_state and now and d.entry_state != now:
            self._reopened[skey] = (party, d)
            raise KeyError(key)
        self._used.add(skey)
        return dataclasses.replace(d, party=party)

    def _key_of(self, party: str) -> tuple[str, str]:
        found = self._keys.get(party)
        if found is None:
            name, country = self._supplier[party]
            found = self._keys[party] = supplier_key(name, country, "")[:2]
        return found

    def __iter__(self) -> Iterator[tuple[str, str]]:
        if not self._by_key:
            return
        for pid in sorted(self._supplier):
            supplier = self._key_of(pid)
            for name, country, entry_id in self._by_key:
                if (name, country) == supplier:
                    yield (pid, entry_id)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    # -- what the register and the report need ----------------------------------------------
    def _entry(self, entry_id: str) -> ListEntry | None:
        try:
            return self._reference.list_entry(entry_id)
        except (KeyError, LookupError):
            return None

    def stamped(self) -> list[Decision]:
        """Every decision with its supplier and the entry state it stands against."""
        out = []
        for d in self._by_key.values():
            if not d.entry_state:
                d = dataclasses.replace(d, entry_state=entry_state(self._entry(d.entry_id)))
            out.append(d)
        return sorted(out, key=lambda d: (d.supplier_key or ("", "", ""), d.party))

    def unapplied(self) -> list[Note]:
        """Decisions given but not applied, each with why: ``reopened`` (the list entry
        changed since the answer), ``no_party`` (no such party id in this bid) or
        ``no_match`` (the supplier is not in the bid, or not matched to that entry) or
        ``other_supplier`` (the party id is in this bid but names another supplier: a
        decision from another bid, which must not clear this one's match)."""
        # (decision, reason, party id in this bid); sorted by entry, name and reason
        found: list[tuple[Decision, str, str | None]] = [
            (d, "no_party", d.party) for d in self._no_party
        ]
        for skey, d in self._by_key.items():
            if skey in self._used:
                continue
            if skey in self._reopened:
                found.append((d, "reopened", self._reopened[skey][0]))
            elif d.party in self._supplier and self._key_of(d.party) != skey[:2]:
                found.append((d, "other_supplier", d.party))
            else:
                found.append((d, "no_match", None))
        found.sort(key=lambda n: (n[0].entry_id, n[0].name or "", n[1]))
        out: list[Note] = []
        for d, reason, party in found:
            note = _note(d, reason, party)
            if reason == "reopened":  # the entry's state now
                note = {**note, "entry_state": entry_state(self._entry(d.entry_id))}
            out.append(note)
        return out


def _note(d: Decision, reason: str, party: str | None) -> Note:
    return {
        "reason": reason,
        "party": party,
        "name": d.name,
        "country": d.country,
        "entry_id": d.entry_id,
        "decision": d.decision,
        "reviewer": d.reviewer,
        "date": d.date,
        "decided_against": d.entry_state,
    }


__all__ = ["UNAPPLIED_REASONS", "DecisionBook"]
