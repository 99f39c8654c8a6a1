"""The :class:`Reference` facade: shipped reference data, loaded lazily, once.

Each part (lists, goods, taxonomy, regions, profiles) is read on first use and
kept; ``get_reference()`` returns one shared instance, so assessing 1,000 bids
reads the files once. Only the standard library is used here.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import scrisk
from scrisk.countries import fold
from scrisk.errors import ScriskError
from scrisk.reference import goods, lists, profiles
from scrisk.reference._io import read_json
from scrisk.reference.model import CountryProfile, DatasetInfo, GoodsListing, ListEntry, RegionMatch
from scrisk.reference.regions import RegionFinder
from scrisk.reference.taxonomy import Taxonomy

SECTOR_DIR = "sector_data"
PROFILES_DIR = "country_profiles"


@lru_cache(maxsize=4096)
def _good_key(good: str) -> str:
    """A good's name folded as the listings index holds it (asked again at every as-of date)."""
    return fold(good)


def data_folder(name: str) -> Path:
    """Installed location first (``scrisk/<name>`` in the wheel), then the source checkout."""
    package = Path(scrisk.__file__).parent
    for candidate in (package / name, package.parent / name):
        if (candidate / "manifest.json").is_file():
            return candidate
    raise ScriskError(
        f"reference data folder {name!r} not found next to the scrisk package "
        f"({package}) or in its source checkout; reinstall scrisk or run 'scrisk data build'"
    )


def _files_sha256(folder: Path, files: list[str]) -> str:
    """sha256 over a dataset's files, in manifest order (name and bytes of each)."""
    digest = hashlib.sha256()
    for name in files:
        path = folder / name
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


# distinct (address texts, country) whose regions a Reference keeps (about 10 MB at most)
REGION_MEMO = 20_000


class Reference:
    """All shipped reference data, with lookups by country, good, HS code, text and list."""

    def __init__(
        self,
        *,
        sector_dir: Path | None = None,
        profiles_dir: Path | None = None,
        user_dir: Path | None = None,
        updates: bool = True,
    ) -> None:
        self.sector_dir = sector_dir or data_folder(SECTOR_DIR)
        self.profiles_dir = profiles_dir or data_folder(PROFILES_DIR)
        # editions of the lists updated by 'scrisk data update' (user data folder)
        self.user_dir = user_dir
        self.use_updates = updates

    @cached_property
    def updated(self) -> dict[str, dict[str, Any]]:
        """The updated edition in use per list dataset ({} = the shipped editions)."""
        if not self.use_updates:
            return {}
        from scrisk.reference.updates.store import latest
        from scrisk.userdata import user_data_dir

        return latest(self.user_dir or user_data_dir())

    def _updated_file(self, dataset: str) -> Path | None:
        from scrisk.reference.updates.store import root
        from scrisk.userdata import user_data_dir

        found = self.updated.get(dataset)
        if found is None:
            return None
        return root(self.user_dir or user_data_dir()) / str(found["file"])

    # -- provenance -------------------------------------------------------------------------
    @cached_property
    def datasets(self) -> list[DatasetInfo]:
        """Every shipped dataset (sector data first, then country profiles), in manifest order."""
        out: list[DatasetInfo] = []
        for folder in (self.sector_dir, self.profiles_dir):
            manifest = read_json(folder / "manifest.json")
            for ds, e in manifest["datasets"].items():
                out.append(
                    DatasetInfo(
                        id=ds,
                        title=e["title"],
                        publisher=e["publisher"],
                        edition=e["edition"],
                        date=e["date"],
                        licence=e["licence"],
                        rows=int(e["rows"]),
                        url=e["url"],
                        notes=e["notes"],
                        source=dict(e["source"]),
                        files=tuple(e["files"]),
                        built=e["built"],
                        folder=folder.name,
                        horizon=e.get("horizon", ""),
                        jurisdiction=e.get("jurisdiction", ""),
                        sha256=_files_sha256(folder, e["files"]),
                        gaps=tuple(e.get("gaps", [])),
                    )
                )
        return [self._as_updated(info) for info in out]

    def _as_updated(self, info: DatasetInfo) -> DatasetInfo:
        """The dataset as updated by 'scrisk data update' (its newest edition), if it was."""
        found = self.updated.get(info.id)
        path = self._updated_file(info.id)
        if found is None or path is None:
            return info
        from dataclasses import replace

        return replace(
            info,
            edition=found["edition"],
            date=found["horizon"],
            horizon=found["horizon"],
            rows=int(found["rows"]),
            files=(path.name,),
            folder=str(path.parent),
            notes=f"Updated from {found['source_file']} ({found['format']}); "
            f"shipped edition: {info.edition}. " + info.notes,
            sha256=_files_sha256(path.parent, [path.name]),
            source={**info.source, "updated_from": found["source_file"]},
        )

    @cached_property
    def _dataset_by_id(self) -> dict[str, DatasetInfo]:
        """:attr:`datasets` by id (the first of an id, as a scan in order finds it)."""
        out: dict[str, DatasetInfo] = {}
        for info in self.datasets:
            out.setdefault(info.id, info)
        return out

    def dataset(self, id: str) -> DatasetInfo:  # noqa: A002 - the contract's name
        """The dataset with this id; KeyError naming the known ids otherwise (looked up by
        id: asked for every piece of evidence a rule cites)."""
        found = self._dataset_by_id.get(id)
        if found is None:
            raise KeyError(f"no dataset {id!r}; known: {', '.join(d.id for d in self.datasets)}")
        return found

    # -- countries --------------------------------------------------------------------------
    @cached_property
    def _profiles(self) -> dict[str, CountryProfile]:
        return profiles.load_profiles(
            self.profiles_dir, edition=self.dataset("scrisk_country_risk").edition
        )

    def country(self, iso2: str | None) -> CountryProfile | None:
        """Profile of an ISO alpha-2 country, or None when no source has it."""
        if not iso2:
            return None
        return self._profiles.get(iso2.strip().upper())

    def countries(self) -> tuple[CountryProfile, ...]:
        """Every profile, in ISO code order."""
        return tuple(self._profiles.values())

    # -- goods ------------------------------------------------------------------------------
    @cached_property
    def _listings(self) -> dict[str, tuple[GoodsListing, ...]]:
        by_country: dict[str, list[GoodsListing]] = {}
        for listing in goods.load_listings(self.sector_dir):
            by_country.setdefault(listing.iso2, []).append(listing)
        return {k: tuple(v) for k, v in by_country.items()}

    @cached_property
    def _listings_by_good(self) -> dict[tuple[str, str], tuple[GoodsListing, ...]]:
        """The listings by (country, folded good), each in the country's order."""
        by_good: dict[tuple[str, str], list[GoodsListing]] = {}
        for iso2, found in self._listings.items():
            for listing in found:
                by_good.setdefault((iso2, fold(listing.good)), []).append(listing)
        return {k: tuple(v) for k, v in by_good.items()}

    def goods_listings(
        self, iso2: str | None, good: str | None = None, *, as_of: date | None = None
    ) -> list[GoodsListing]:
        """ILAB listings for a country (optionally one good, matched case-insensitively).

        Without ``as_of`` the 2022 edition's listings are returned as published,
        with 2024 removals annotated; with ``as_of`` each listing is as in force
        on that date (a listing removed by then is left out).
        """
        if not iso2:
            return []
        iso2 = iso2.strip().upper()
        if good is None:
            found = list(self._listings.get(iso2, ()))
        else:  # a new as-of date asks again for the same goods: no folding of every listing
            found = list(self._listings_by_good.get((iso2, _good_key(good)), ()))
        if as_of is not None:
            found = [c for c in (g.current_on(as_of) for g in found) if c is not None]
        return found

    def all_goods_listings(self) -> tuple[GoodsListing, ...]:
        """Every listing, by country then good."""
        return tuple(g for k in sorted(self._listings) for g in self._listings[k])

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return Taxonomy.load(self.sector_dir)

    def goods_for_hs(self, code: str | None) -> tuple[str, ...]:
        """Goods for an HS code (dots optional); the most specific rule wins."""
        return self.taxonomy.goods_for_hs(code)

    def goods_for_material(self, text: str | None) -> tuple[str, ...]:
        """Goods named by the material words in ``text`` ("nitrile latex" -> Synthetic Rubber)."""
        return self.taxonomy.goods_for_material(text)

    def risk_inputs(self, good: str) -> tuple[str, ...]:
        """Upstream materials that carry the risk of ``good``, nearest first."""
        return self.taxonomy.risk_inputs(good)

    def is_ilab_good(self, good: str) -> bool:
        """True for a good on the ILAB list; False for scrisk-only nodes and unknown names."""
        return self.taxonomy.kinds.get(good) == "ilab"

    # -- regions ----------------------------------------------------------------------------
    @cached_property
    def _regions(self) -> RegionFinder:
        return RegionFinder(self.sector_dir)

    def find_regions(self, *texts: str | None, country: str | None = None) -> list[RegionMatch]:
        """Regions under presumption named in a party's address/city/region texts.

        Found once per distinct texts and country while this Reference lives (a batch of
        bids repeats its suppliers' addresses); the memo is bounded."""
        key = (texts, country)
        memo = self._region_memo
        found = memo.get(key)
        if found is None:
            found = tuple(self._regions.find(*texts, country=country))
            if len(memo) >= REGION_MEMO:
                memo.clear()
            memo[key] = found
        return list(found)

    @cached_property
    def _region_memo(
        self,
    ) -> dict[tuple[tuple[str | None, ...], str | None], tuple[RegionMatch, ...]]:
        return {}

    # -- enforcement lists ------------------------------------------------------------------
    @cached_property
    def _entries(self) -> tuple[ListEntry, ...]:
        out: list[ListEntry] = []
        for name in lists.LIST_FILES:
            dataset = lists.FILE_DATASETS.get(name, "")
            updated = self._updated_file(dataset)
            if updated is not None:
                out.extend(lists.load_entries(updated.parent, (updated.name,)))
            else:
                out.extend(lists.load_entries(self.sector_dir, (name,)))
        return tuple(out)

    def list_entries(self) -> tuple[ListEntry, ...]:
        """Every CBP WRO/Finding and UFLPA Entity List entry."""
        return self._entries

    def entity_aliases(self) -> tuple[Any, ...]:
        """The alias dataset (``scrisk.reference.aliases.EntityAlias``), read once; () if absent."""
        if "_aliases" not in self.__dict__:
            from scrisk.reference.aliases import load_aliases

            self.__dict__["_aliases"] = load_aliases(self.sector_dir)
        aliases: tuple[Any, ...] = self.__dict__["_aliases"]
        return aliases

    def list_entry(self, entry_id: str) -> ListEntry | None:
        """The entry with this stable id, or None."""
        return next((e for e in self._entries if e.id == entry_id), None)

    # -- all at once ------------------------------------------------------------------------
    def load_all(self) -> Reference:
        """Read every part now (for benchmarks and long-running services)."""
        parts = ("datasets", "_profiles", "_listings", "_listings_by_good", "taxonomy")
        for part in (*parts, "_regions", "_entries"):
            getattr(self, part)
        return self

    def provenance(self, dataset: str) -> dict[str, Any]:
        """(source, edition, licence, horizon, sha256) of a dataset, for a ``data`` block.

        ``sha256`` is over the dataset's files as loaded, so a document names exactly
        which data it used; ``horizon`` is the date its content is current to.
        """
        info = self.dataset(dataset)
        return {
            "id": info.id,
            "source": info.title,
            "publisher": info.publisher,
            "edition": info.edition,
            "date": info.date,
            "licence": info.licence,
            "horizon": info.horizon or None,
            "jurisdiction": info.jurisdiction or None,
            "sha256": info.sha256,
        }


_LOCK = threading.Lock()
_SHARED: Reference | None = None


def get_reference() -> Reference:
    """The shared, lazily loaded :class:`Reference` (created on first call)."""
    global _SHARED
    if _SHARED is None:
        with _LOCK:
            if _SHARED is None:
                _SHARED = Reference()
    return _SHARED


# What later layers built on the shared Reference (screeners, caches): each registers
# how to forget it, so the reference layer never imports them (docs/ARCHITECTURE.md).
_ON_RESET: list[Callable[[], object]] = []


def on_reset(forget: Callable[[], object]) -> None:
    """Call ``forget`` whenever the shared Reference is dropped (e.g. a screener cache)."""
    if forget not in _ON_RESET:
        _ON_RESET.append(forget)


def reset_reference() -> None:
    """Forget the shared Reference and the screeners built on it (after 'data update')."""
    global _SHARED
    with _LOCK:
        _SHARED = None
    for forget in list(_ON_RESET):
        forget()


__all__ = ["Reference", "data_folder", "get_reference", "on_reset", "reset_reference"]
