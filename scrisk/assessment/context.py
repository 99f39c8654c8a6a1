"""What every rule reads: the declaration, its graph, the as-of date, policy and evidence.

A :class:`Context` is built once per assessment. It runs the name screening
once for all parties (one ``Screener.match`` call) and caches every reference
lookup a rule may repeat (ILAB goods of a text, listings of a good in a
country, paths to the bidder), so rules stay small and the whole assessment
stays linear in the size of the declaration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from scrisk.dates import to_date
from scrisk.graph import chain_of_good, first_tier, makers, next_hop, path_to_bidder, tiers
from scrisk.model import Declaration, Good, Party

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from scrisk.decisions import Decision
    from scrisk.findings import Flag
    from scrisk.policy import Settings
    from scrisk.policy.section import PolicyDate
    from scrisk.reference.loader import Reference
    from scrisk.reference.model import GoodsListing
    from scrisk.screening.match import Match
    from scrisk.vocab import Rule


# Clauses fixed when the instrument is signed (rules.md v3, "Two dates").
CONTRACT_CLAUSES = ("A3006T", "POW", "PN150", "CODE")


@dataclass(frozen=True, slots=True)
class IlabGood:
    """One ILAB good a party handles, and where that came from in the declaration."""

    good: str  # ILAB good name, e.g. "Rubber Gloves"
    via: str  # "good" (a solicitation good it makes) or "material" (a declared material)
    good_id: str | None  # the solicitation good, when via == "good"
    text: str  # the declared text it was mapped from


@dataclass
class Context:
    """Inputs and cached lookups shared by the rules of one assessment."""

    declaration: Declaration
    graph: nx.DiGraph
    as_of: date
    policy: Settings  # typed and checked (scrisk.policy.load_policy); readable by key too
    reference: Reference
    matches: dict[str, list[Match]] = field(default_factory=dict)  # party id -> [Match]
    decisions: Mapping[tuple[str, str], Decision] = field(default_factory=dict)
    applied_decisions: list[Decision] = field(default_factory=list)
    stage: str = "bid"  # "bid" (as of the closing date) or "contract" (after award)
    # rules.md v3: the date that decides which clauses the instrument carries (award or
    # issue date; the closing date when none is known). None = the as-of date.
    contract_date: date | None = None
    found: dict[Rule, list[Flag]] = field(default_factory=dict)  # rule -> flags raised so far
    _parties: dict[str, Party] = field(default_factory=dict, repr=False)
    _goods: dict[str, Good] = field(default_factory=dict, repr=False)  # solicitation goods
    _bidder: str | None = field(default=None, repr=False)
    _unreachable: tuple[str, ...] | None = field(default=None, repr=False)
    _paths: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _chains: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _chain_materials: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _hs: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _materials: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # (goods, materials) of a party -> its ILAB goods (most parties declare alike)
    _ilab: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[IlabGood, ...]] = field(
        default_factory=dict, repr=False
    )
    _listings: dict[tuple[str, str], tuple[GoodsListing, ...]] = field(
        default_factory=dict, repr=False
    )
    _goods_key: tuple[tuple[str, str | None, str | None], ...] | None = field(
        default=None, repr=False
    )
    _titles: dict[str, str] = field(default_factory=dict, repr=False)
    labels: dict[str, str] = field(default_factory=dict, repr=False)  # rules' party_label
    # dataset id -> (edition, jurisdiction), as the rules' evidence cites them
    datasets: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    # rules/_scope.py: per good, the taxonomy goods its chain holds and its folded texts;
    # per (merchandise, good), the order's scope (a chain is read once, not once a flag)
    _good_holds: dict[str, tuple[frozenset[str], tuple[str, ...]]] = field(
        default_factory=dict, repr=False
    )
    _scopes: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._parties = {p.id: p for p in self.declaration.parties}
        self._goods = {g.id: g for g in self.declaration.solicitation.goods}
        self._bidder = next((p.id for p in self.declaration.parties if p.role == "bidder"), None)
        if self.contract_date is None:
            self.contract_date = self.as_of

    @property
    def signed(self) -> date:
        """The contract date (rules.md v3): A3006T, POW, PN150 and CODE apply only if in
        force on it; lists, editions, CT9897 coverage and S211 read the as-of date."""
        return self.contract_date or self.as_of

    # -- declaration ------------------------------------------------------------------------
    @property
    def category(self) -> str:
        return self.declaration.solicitation.category

    @property
    def bidder(self) -> str:
        return str(self._bidder)

    def party(self, party_id: str) -> Party:
        return self._parties[party_id]

    @property
    def parties(self) -> tuple[Party, ...]:
        return self.declaration.parties

    def path(self, party_id: str) -> tuple[str, ...]:
        """Shortest supplies_to path from the party to the bidder (empty if none), memoised."""
        paths = self._paths
        found = paths.get(party_id)
        if found is None:
            G = self.graph
            data = G._node.get(party_id)  # what G.nodes[party_id] reads
            hop = next_hop(data) if data is not None else None
            above = paths.get(hop) if hop is not None else None
            if above:  # the next party's path, known: one step more
                found = (party_id, *above)
            else:
                found = tuple(path_to_bidder(G, party_id))
            paths[party_id] = found
        return found

    def chain(self, good_id: str) -> frozenset[str]:
        """Makers of the good and everything upstream of them."""
        found = self._chains.get(good_id)
        if found is None:
            found = frozenset(chain_of_good(self.graph, good_id))
            self._chains[good_id] = found
        return found

    def chain_materials(self, good_id: str) -> tuple[str, ...]:
        """Every distinct material declared in the good's chain (by party id, then as
        declared), memoised: rules that read them per list entry stay linear."""
        found = self._chain_materials.get(good_id)
        if found is None:
            found = tuple(
                dict.fromkeys(
                    m for p in sorted(self.chain(good_id)) for m in self.party(p).materials
                )
            )
            self._chain_materials[good_id] = found
        return found

    def production_chain(self) -> frozenset[str]:
        """Every party in the chain of any solicitation good."""
        out: set[str] = set()
        for good in self.declaration.solicitation.goods:
            out |= self.chain(good.id)
        return frozenset(out)

    def good(self, good_id: str) -> Good | None:
        """The solicitation good with this id (None when the solicitation has none)."""
        return self._goods.get(good_id)

    def unreachable(self) -> list[str]:
        """Parties with no supplies_to path to the bidder, sorted (a new list each call,
        worked out once)."""
        found = self._unreachable
        if found is None:
            built = self.graph.graph.get("unreachable")  # as build_graph found them
            found = self._unreachable = (
                tuple(built)
                if type(built) is list
                else tuple(sorted(pid for pid, tier in tiers(self.graph).items() if tier is None))
            )
        return list(found)

    def makers(self, good_id: str) -> list[str]:
        return makers(self.graph, good_id)

    def tier1(self) -> list[str]:
        return first_tier(self.graph)

    # -- clauses ----------------------------------------------------------------------------
    def clause_start(self, clause: str, key: str) -> PolicyDate | None:
        """The policy's start of ``clause`` for ``key`` (a category, an instrument or a
        department, as the clause is keyed), else its ``all`` date; None = never."""
        dates = self.policy.clauses.dates(clause)
        return dates.get(key, dates.get("all"))

    def clause_since(self, clause: str) -> date | None:
        """Date from which ``clause`` applies to this solicitation's category; None = never."""
        if clause == "CT9897":
            return self.ct9897_since()
        return to_date(self.clause_start(clause, self.category))

    def clause_in_force(self, clause: str) -> bool:
        """Whether the instrument carries ``clause``: A3006T, POW, PN150 and CODE on the
        contract date, the others (CT9897: its forced-labour date; S211) on the as-of date."""
        since = self.clause_since(clause)
        when = self.signed if clause in CONTRACT_CLAUSES else self.as_of
        return since is not None and when >= since

    def ct9897_since(self) -> date | None:
        """The date CT9897 covers forced labour from (policy ``[clauses.CT9897]``)."""
        return to_date(self.policy.clauses.CT9897.get("forced_labour"))

    # -- reference lookups (cached) ---------------------------------------------------------
    def goods_for_hs(self, code: str) -> tuple[str, ...]:
        found = self._hs.get(code)
        if found is None:
            found = self._hs[code] = tuple(self.reference.goods_for_hs(code))
        return found

    def goods_for_text(self, text: str) -> tuple[str, ...]:
        found = self._materials.get(text)
        if found is None:
            found = self._materials[text] = _goods_for_text(self.reference, text)
        return found

    def good_ilab(self, good_id: str) -> tuple[str, ...]:
        """ILAB goods of a solicitation good: by HS code, else by its description."""
        good = self._goods.get(good_id)
        if good is None:
            return ()
        found = self.goods_for_hs(good.hs_code) if good.hs_code else ()
        return found or self.goods_for_text(good.description or "")

    def ilab_goods(self, party: Party) -> tuple[IlabGood, ...]:
        """ILAB goods the party makes (its solicitation goods) or supplies (its materials)."""
        key = (party.goods, party.materials)
        found = self._ilab.get(key)
        if found is None:
            # the same for any bid whose solicitation goods read alike (a portfolio's
            # bids repeat their goods and materials): kept for the process, held with
            # the Reference read
            about = (self._goods_read(), *key)
            known = _ILAB.get(about)
            if known is None or known[0] is not self.reference:
                if len(_ILAB) >= _ILAB_MOST:
                    _ILAB.clear()
                known = _ILAB[about] = (self.reference, tuple(self._ilab_goods(party)))
            found = self._ilab[key] = known[1]
        return found

    def _goods_read(self) -> tuple[tuple[str, str | None, str | None], ...]:
        """(id, HS code, description) of each solicitation good: all the ILAB goods of a
        party depend on, beside its own goods and materials."""
        found = self._goods_key
        if found is None:
            found = self._goods_key = tuple(
                (g.id, g.hs_code, g.description) for g in self._goods.values()
            )
        return found

    def _ilab_goods(self, party: Party) -> list[IlabGood]:
        out: list[IlabGood] = []
        for gid in party.goods:
            good = self._goods.get(gid)
            text = (good.description if good else gid) or gid
            out.extend(IlabGood(g, "good", gid, text) for g in self.good_ilab(gid))
        for material in party.materials:
            out.extend(
                IlabGood(g, "material", None, material) for g in self.goods_for_text(material)
            )
        return out

    def source_title(self, dataset: str) -> str:
        """Human title of a shipped dataset (its id when unknown), for evidence."""
        found = self._titles.get(dataset)
        if found is None:
            try:
                found = str(self.reference.dataset(dataset).title)
            except KeyError:
                found = dataset
            self._titles[dataset] = found
        return found

    def listings(self, iso2: str | None, good: str) -> tuple[GoodsListing, ...]:
        """ILAB listings of ``good`` in ``iso2`` as in force on the as-of date."""
        if not iso2:
            return ()
        key = (iso2, good)
        found = self._listings.get(key)
        if found is None:
            found = self._listings[key] = _listings(self.reference, iso2, good, self.as_of)
        return found


# A party's ILAB goods by (the solicitation goods as read, its goods, its materials),
# held with the Reference read; emptied when full
_ILAB: dict[tuple[object, ...], tuple[Reference, tuple[IlabGood, ...]]] = {}
_ILAB_MOST = 4096


# Shared across assessments (a portfolio repeats the same countries, goods and
# materials): bounded caches keyed by the Reference instance itself.
@lru_cache(maxsize=8192)
def _listings(reference: Reference, iso2: str, good: str, as_of: date) -> tuple[GoodsListing, ...]:
    return tuple(reference.goods_listings(iso2, good, as_of=as_of))


@lru_cache(maxsize=8192)
def _goods_for_text(reference: Reference, text: str) -> tuple[str, ...]:
    return tuple(reference.goods_for_material(text))


__all__ = ["CONTRACT_CLAUSES", "Context", "IlabGood"]
