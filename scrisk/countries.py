"""Country resolution: declared text -> ISO 3166-1 alpha-2, or None.

Accepts alpha-2 and alpha-3 codes, English names (short, official, common),
French names (pycountry's ISO 3166 translations, also in their natural
uninverted order: "Corée, République de" is also "République de Corée") and a
table of common variants kept as data (``scrisk/data/country_aliases.json``:
"Burma", "South Korea", "UK", "DRC", "Malaisie", ...).

:func:`resolve_country` never guesses: text that matches nothing stays
unresolved (``None``). :func:`near_country` reads a near-miss spelling
("Malasia", "Bangaldesh") as the one country it is close to, within a small
edit distance (Damerau-Levenshtein: a swapped pair of letters counts as one
edit), and says so: the reader keeps a note ("read 'Malasia' as
Malaysia") that reaches the flags and the Parties sheet. Text close to two
countries stays unresolved with suggestions (the assessment assumes the
riskiest of them and says so), text close to none stays unresolved.

Kosovo resolves to ``XK``, the conventional user-assigned code (no ISO code
exists); see the alias file for the note.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

ALIASES_PATH = Path(__file__).parent / "data" / "country_aliases.json"

# Names that common usage gives to more than one country: "Congo" is ISO's short
# name for CG, but officers and suppliers write it for the DRC as often. These
# stay unresolved (a visible gap) rather than a guess, and the assessment assumes
# the riskier of the two (assessment/assumed.py); "Republic of the Congo", "DRC"
# and the codes still resolve.
AMBIGUOUS_NAMES = frozenset({"congo"})

_PUNCT = re.compile(r"[.,;:()\[\]/\\\"“”«»]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for a country name.

    Why: declarations arrive as "VIET NAM", "Viêt Nam", "Korea, Rep." -- the
    same name must give the same key. Apostrophes and hyphens become spaces.
    """
    text = unicodedata.normalize("NFKD", str(text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("&", " and ").replace("'", " ").replace("-", " ")
    text = _PUNCT.sub(" ", text)
    return " ".join(text.split())


@cache
def alias_table() -> dict[str, Any]:
    """The variants table as stored (read once)."""
    with ALIASES_PATH.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _uninvert(name: str) -> str | None:
    """'Korea, Republic of' -> 'Republic of Korea'; None when not inverted."""
    if ", " not in name:
        return None
    head, _, tail = name.partition(", ")
    joiner = "" if tail.endswith("'") else " "
    return f"{tail}{joiner}{head}"


@cache
def _french() -> Any:
    import gettext

    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


@cache
def _index() -> dict[str, str]:
    import pycountry

    fr = _french()
    index: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            index.setdefault(fold(name), code)

    # codes first: they win over any name that folds to the same letters
    for c in pycountry.countries:
        index[fold(c.alpha_2)] = c.alpha_2
        index[fold(c.alpha_3)] = c.alpha_2
    table = alias_table()
    for code, info in table.get("user_assigned_codes", {}).items():
        index[fold(code)] = code
        index[fold(info["alpha_3"])] = code
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if not name:
                continue
            for variant in (name, _uninvert(name)):
                add(variant, c.alpha_2)
            french = fr.gettext(name)
            for variant in (french, _uninvert(french)):
                add(variant, c.alpha_2)
    for name, code in table.get("aliases", {}).items():
        add(name, code)
    return index


_QUALIFIED = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<note>[^()]+)\)\s*$")


@lru_cache(maxsize=4096)  # a batch's parties repeat their countries
def resolve_country(text: str | None) -> str | None:
    """ISO alpha-2 code for ``text``, or None when it cannot be resolved.

    A country with a place in brackets, "China (Xinjiang)" or "Xinjiang
    (China)", resolves to the one country it names: losing the country would
    drop every country and goods flag of the party. "Georgia (USA)" names two
    countries and stays unresolved.
    """
    if text is None:
        return None
    found = _resolve(str(text))
    if found is None and (m := _QUALIFIED.match(str(text))):
        codes = {_resolve(m["head"]), _resolve(m["note"])} - {None}
        if len(codes) == 1:
            found = codes.pop()
    return found


def _resolve(text: str) -> str | None:
    key = fold(text)
    if not key:
        return None
    index = _index()
    found = index.get(key)
    if found is None and key.startswith("the "):
        key = key[4:]
        found = index.get(key)
    if key in AMBIGUOUS_NAMES:
        return None
    return found


@dataclass(frozen=True, slots=True)
class NearCountry:
    """A near-miss spelling: the one country it is read as, or suggestions."""

    code: str | None  # ISO alpha-2 when exactly one country is close enough
    suggestions: tuple[str, ...] = ()  # ISO alpha-2 codes, closest first, when unresolved


NEAR_MIN_LENGTH = 4  # shorter text is a code or an abbreviation: never corrected
_AMBIGUOUS = "?"  # stands for a name shared by several countries ("Congo")
_CONGOS = ("CD", "CG")  # the countries AMBIGUOUS_NAMES stand for


def near_distance(name: str) -> int:
    """Edits allowed between a spelling and a country name: 1, or 2 for names of 8+ letters."""
    return 1 if len(name) < 8 else 2


@cache
def _names() -> tuple[list[str], list[str], list[int]]:
    """Every name of the index (4+ letters) without its spaces, and its code.

    Spaces are left out of the comparison: folding turns punctuation into
    spaces, so a letter typed next to a comma ("Iran,q Islamic Republic of")
    would otherwise count as two edits.
    """
    index = _index()
    keys = sorted(k for k in index if len(k) >= NEAR_MIN_LENGTH)
    return (
        [k.replace(" ", "") for k in keys],
        [_AMBIGUOUS if k in AMBIGUOUS_NAMES else index[k] for k in keys],
        [near_distance(k) for k in keys],
    )


@lru_cache(maxsize=4096)  # bounded: a long-running service meets any text
def near_country(text: str) -> NearCountry:
    """The country a misspelt name is read as (``code``), or suggestions when unclear.

    For text :func:`resolve_country` does not resolve: the country names within
    :func:`near_distance` edits of the text are found (Damerau-Levenshtein
    distance, so "Bangaldesh" is one edit from Bangladesh). When exactly one
    country is that close, it is the reading; two or more ("Austrlia":
    Austria, Australia; "Anglla": Angola, Anguilla), or a name several
    countries share ("Congo", even spelt right), or a country with another
    in brackets ("Georgia (USA)"), leave the text unresolved with the close
    countries as suggestions (all of them, closest first: the assessment
    assumes the riskiest, see ``assessment/assumed.py``). Text near no
    country gets no suggestion.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    key = fold(text)
    if key.removeprefix("the ") in AMBIGUOUS_NAMES:  # "Congo": either, written right
        return NearCountry(None, _CONGOS)
    if resolve_country(text) is not None:
        return NearCountry(None)
    if m := _QUALIFIED.match(str(text)):  # "Georgia (USA)": two countries, either
        named = {_resolve(m["head"]), _resolve(m["note"])} - {None}
        if len(named) > 1:
            return NearCountry(None, tuple(sorted(c for c in named if c)))
    if len(key) < NEAR_MIN_LENGTH:
        return NearCountry(None)
    keys, codes, allowed = _names()
    hits = process.extract(
        key.replace(" ", ""), keys, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=None
    )
    best: dict[str, int] = {}
    for _, distance, i in hits:
        if distance <= allowed[i]:
            best[codes[i]] = min(distance, best.get(codes[i], distance))
    ranked = sorted(best.items(), key=lambda kv: (kv[1], kv[0]))
    if len(ranked) == 1 and ranked[0][0] != _AMBIGUOUS:
        return NearCountry(ranked[0][0])
    suggestions = [code for code, _ in ranked if code != _AMBIGUOUS]
    if any(code == _AMBIGUOUS for code, _ in ranked):
        suggestions = [*_CONGOS, *suggestions]
    return NearCountry(None, tuple(dict.fromkeys(suggestions)))


def country_name(iso2: str | None, lang: str = "en") -> str | None:
    """Display name of an ISO alpha-2 code in English or French, or None.

    English uses pycountry's common name where it has one ("Viet Nam" ->
    "Vietnam", "Korea, Republic of" -> "South Korea"), so reports read
    naturally; French uses the ISO 3166 French short name.
    """
    if not iso2:
        return None
    if lang not in ("en", "fr"):
        raise ValueError(f"lang must be 'en' or 'fr', not {lang!r}")
    return _country_name(str(iso2).strip().upper(), lang)


@lru_cache(maxsize=1024)
def _country_name(code: str, lang: str) -> str | None:
    """:func:`country_name` of a clean code, once per code and language (one string
    shared by every flag that names the country, not one per flag)."""
    extra = alias_table().get("user_assigned_codes", {}).get(code)
    if extra is not None:
        return str(extra[lang])
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    if lang == "fr":
        return str(_french().gettext(country.name))
    return str(getattr(country, "common_name", None) or country.name)


def resolve_source_country(text: str | None) -> str | None:
    """Resolve a country as written in a *reference source* (build time only).

    Adds the source-specific tables (legacy World Bank codes such as ``ZAR``,
    source typos such as "Boliva") to :func:`resolve_country`. Kept apart so
    declared text never resolves through a source's typo or legacy code.
    """
    found = resolve_country(text)
    if found is not None or text is None:
        return found
    table = alias_table()
    for section in ("source_codes", "source_names"):
        mapping = {fold(k): v for k, v in table.get(section, {}).items() if not k.startswith("_")}
        hit = mapping.get(fold(text))
        if hit is not None:
            return str(hit)
    return None


def unmapped_reason(text: str) -> str | None:
    """Why a source name is deliberately left without a code (or None)."""
    reasons = alias_table().get("unmapped", {})
    for key, reason in reasons.items():
        if not key.startswith("_") and fold(key) == fold(text):
            return str(reason)
    return None


__all__ = [
    "NearCountry",
    "country_name",
    "fold",
    "near_country",
    "resolve_country",
    "resolve_source_country",
    "unmapped_reason",
]
