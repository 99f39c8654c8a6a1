"""Regions under a forced-labour presumption (the XUAR) and finding them in address text.

Matching rule (also in ``sector_data/regions.json``):

- Texts are folded (case, accents, punctuation) and searched with word
  boundaries; Chinese-character names are searched as plain substrings. Spaces
  or invisible separators between Chinese characters ("阿 克 苏", "新\u200b疆")
  and letters typed one by one ("X i n j i a n g") are closed up first.
- A region-level name ("Xinjiang", "XUAR", "Sinkiang", "East Turkestan", "新疆")
  always matches.
- A place name (prefecture, city, county: "Hotan", "Aksu", "Kashgar") matches
  when the party's country is China or unknown ("Aksu, Kazakhstan" does not),
  **whatever else the texts name**: aid-Xinjiang industrial parks carry the
  name of the province that funds them ("Zhejiang Industrial Park, Aksu"), so
  naming another province never hides a Xinjiang place (#20).
- A name followed by a street word is a street named after the place
  ("Urumqi Road, Shanghai", "Fukang Road, Dongguan") and does not match.
- One narrow exception keeps a real homonym out: a place name followed by a
  town word ("Hetian Town", "和田镇") when another province is named and no
  region-level name is ("Hetian Town, Changting County, Fujian"). No
  prefecture or county-level city of the XUAR is called a town, so an address
  that writes one so *and* names another province says it is elsewhere; an
  address that lies about its province defeats any text check anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scrisk.reference._io import BuildError, fold_text, read_json, write_json
from scrisk.reference.model import RegionMatch

REGIONS_FILE = "regions.json"

_CJK = re.compile(r"[\u3400-\u9fff]")


def build_regions(authored: Path, out: Path, *, dataset: str, edition: str) -> dict[str, Any]:
    """Check the authored regions against ISO 3166-2 (pycountry) and ship them."""
    import pycountry

    data = read_json(authored / REGIONS_FILE)
    problems: list[str] = []
    n_aliases = 0
    for region in data["regions"]:
        sub = pycountry.subdivisions.get(code=region["id"])  # type: ignore[no-untyped-call]
        if sub is None or sub.name != region["iso_3166_2_name"]:
            problems.append(
                f"{region['id']}: not the ISO 3166-2 subdivision {region['iso_3166_2_name']!r}"
            )
        seen: dict[str, str] = {}
        for place in [{"name": region["name"], "aliases": region["names"]}, *region["places"]]:
            for alias in place["aliases"]:
                key = _key(alias)
                if key in seen and seen[key] != place["name"]:
                    problems.append(f"{alias!r} names both {seen[key]} and {place['name']}")
                seen[key] = place["name"]
                n_aliases += 1
        for excluded in region.get("excluded", {}):
            if _key(excluded) in seen:
                problems.append(f"{excluded!r} is excluded but still used as an alias")
    if problems:
        raise BuildError("regions.json does not check out:\n  " + "\n  ".join(problems))
    shipped = {**data, "dataset": dataset, "edition": edition}
    write_json(out / REGIONS_FILE, shipped)
    places = sum(len(r["places"]) for r in data["regions"])
    return {
        "rows": places + len(data["regions"]),
        "files": [REGIONS_FILE],
        "aliases": n_aliases,
        "places": places,
    }


def _key(alias: str) -> str:
    return fold_text(alias)


def _pattern(names: Iterable[str], street_words: Iterable[str] = ()) -> re.Pattern[str] | None:
    """Alternation of names, longest first; Latin names with word boundaries.

    A name directly followed by a street word ('Beijing Road', 'Fukang Road',
    '乌鲁木齐路') does not match: it is a street named after the place.
    """
    aliases, words = list(names), list(street_words)
    latin = sorted({_key(a) for a in aliases if not _CJK.search(a)}, key=lambda a: (-len(a), a))
    cjk = sorted({_key(a) for a in aliases if _CJK.search(a)}, key=lambda a: (-len(a), a))
    streets = sorted({_key(w) for w in words if not _CJK.search(w)}, key=lambda a: (-len(a), a))
    cjk_streets = sorted({w for w in words if _CJK.search(w)}, key=lambda a: (-len(a), a))
    parts = []
    if cjk:  # no word boundaries in Chinese text
        not_street = (
            "(?!" + "|".join(re.escape(w) for w in cjk_streets) + ")" if cjk_streets else ""
        )
        parts.append("(?:" + "|".join(re.escape(a) for a in cjk) + ")" + not_street)
    if latin:
        not_street = (
            r"(?!\s+(?:" + "|".join(re.escape(w) for w in streets) + r")\b)" if streets else ""
        )
        parts.append(r"\b(?:" + "|".join(re.escape(a) for a in latin) + r")\b" + not_street)
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True)
class _Region:
    id: str
    name: str
    country: str
    region_pattern: re.Pattern[str] | None
    place_pattern: re.Pattern[str] | None
    alias_of: dict[str, tuple[str, str, str]]  # folded alias -> (alias, place, kind)


class RegionFinder:
    """Find regions under presumption in free text (built once from regions.json)."""

    def __init__(self, folder: Path) -> None:
        data = read_json(folder / REGIONS_FILE)
        self.dataset: str = data["dataset"]
        self.edition: str = data["edition"]
        self.rule: str = data["matching_rule"]
        provinces = data["other_chinese_provinces"]
        streets = provinces.get("street_words", [])
        self.regions: list[_Region] = []
        for region in data["regions"]:
            alias_of: dict[str, tuple[str, str, str]] = {}
            for alias in region["names"]:
                alias_of.setdefault(_key(alias), (alias, "", "region"))
            for place in region["places"]:
                for alias in place["aliases"]:
                    alias_of.setdefault(_key(alias), (alias, place["name"], place["kind"]))
            self.regions.append(
                _Region(
                    id=region["id"],
                    name=region["name"],
                    country=region["country"],
                    region_pattern=_pattern(region["names"], streets),
                    place_pattern=_pattern(
                        (a for p in region["places"] for a in p["aliases"]), streets
                    ),
                    alias_of=alias_of,
                )
            )
        self.guard = _pattern(provinces["names"], streets)

    def find(self, *texts: str | None, country: str | None = None) -> list[RegionMatch]:
        """Every distinct region-level name or place found, in text order."""
        folded = [
            (i, variant, t)
            for i, t in enumerate(texts)
            if t and str(t).strip()
            for variant in _folded(str(t))
        ]
        if not folded:
            return []
        matches: list[RegionMatch] = []
        for region in self.regions:
            found: list[tuple[int, int, str]] = []
            if region.region_pattern is not None:
                for i, text, _ in folded:
                    found += [
                        (i, m.start(), m.group(0)) for m in region.region_pattern.finditer(text)
                    ]
            named = bool(found)
            country_ok = country is None or country.upper() == region.country
            if region.place_pattern is not None and (named or country_ok):
                other_province = self.guard is not None and any(
                    self.guard.search(text) for _, text, _ in folded
                )
                for i, text, _ in folded:
                    found += [
                        (i, m.start(), m.group(0))
                        for m in region.place_pattern.finditer(text)
                        if named or not (other_province and _TOWN.match(text, m.end()))
                    ]
            seen: set[str] = set()
            for i, _, hit in sorted(found):
                alias, place, kind = region.alias_of[_key(hit)]
                key = place or region.name
                if key in seen:
                    continue
                seen.add(key)
                matches.append(
                    RegionMatch(
                        region_id=region.id,
                        region_name=region.name,
                        matched_text=str(texts[i]),
                        alias=alias,
                        dataset=self.dataset,
                        edition=self.edition,
                        place=place,
                        kind=kind,
                        text_index=i,
                    )
                )
        return matches


# A town word after a place name: "Hetian Town", "Hetian Zhen", "和田镇" (see the rule).
_TOWN = re.compile(r"\s*(?:(?:town|township|zhen|village|cun)\b|[镇乡村])")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_SPELLED = re.compile(r"\b(?:[^\W\d_] ){2,}[^\W\d_]\b")  # "x i n j i a n g"


@lru_cache(maxsize=4096)
def _folded(text: str) -> tuple[str, ...]:
    """:func:`_variants` of the folded ``text``: a city or region is the same in many
    parties' addresses, folded once."""
    return tuple(_variants(fold_text(text)))


def _variants(text: str) -> list[str]:
    """The folded text, and the same closed up where it was spaced out to slip past a
    search: spaces between Chinese characters, letters typed one by one."""
    closed = _CJK_GAP.sub("", text)
    closed = _SPELLED.sub(lambda m: m.group(0).replace(" ", ""), closed)
    return [text] if closed == text else [text, closed]


__all__ = ["REGIONS_FILE", "RegionFinder", "build_regions"]
