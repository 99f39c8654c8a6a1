"""The declaration workbook in either language: French sheet names, headers and
drop-down labels mapped to the English schema before the normal reading.

``scrisk template --lang fr`` writes « Demande de soumissions », « rôle »,
« fabricant »...; the reader accepts those and the English ones alike. The
mapping comes from the template catalogue (``scrisk/i18n/*/template.json``), so
what the French template writes is exactly what is read back. Matching folds
case, spaces, hyphens and accents ("Date de cloture" reads as "date de clôture").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from scrisk.i18n import LANGS, catalogue

# Fields whose values come from a drop-down (template.choice.<field>.<id>).
_CHOICES = {
    "parties": ("role",),
    "solicitation": ("category", "instrument"),
    "audits": ("result",),
    "certifications": ("type",),
}


def fold(text: Any) -> str:
    """Case, spacing, hyphens and accents folded: the key headers and labels match on."""
    plain = unicodedata.normalize("NFKD", " ".join(str(text).strip().casefold().split()))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.replace(" ", "_").replace("-", "_").replace("'", "_").replace("\u2019", "_")


@cache
def _tables() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(sheet label -> section, (section, header) -> field, (field, label) -> id)."""
    sheets: dict[str, str] = {}
    fields: dict[tuple[str, str], str] = {}
    choices: dict[tuple[str, str], str] = {}
    for lang in LANGS:
        for key, text in catalogue(lang).items():
            parts = key.split(".")
            if key.startswith("template.sheet."):
                sheets[fold(text)] = parts[2]
            elif key.startswith("template.field."):
                fields[(parts[2], fold(text))] = parts[3]
            elif key.startswith("template.choice."):
                choices[(parts[2], fold(text))] = parts[3]
            elif key in ("template.col.field", "template.col.value"):
                fields[("solicitation", fold(text))] = parts[2]
    return sheets, fields, choices


def sheet_section(name: str) -> str | None:
    """The section a sheet holds, from its English or French name ("Biens" -> goods)."""
    return _tables()[0].get(fold(name))


def header(section: str, text: Any) -> str:
    """The schema field of a header cell in either language ("rôle" -> role); an unknown
    header comes back folded, as the reader keys it."""
    key = fold(text)
    return _tables()[1].get((section, key), key)


def choice(field: str, value: Any) -> Any:
    """A drop-down label in either language as its id ("fabricant" -> manufacturer);
    anything else unchanged, for the validator to judge."""
    if not isinstance(value, str):
        return value
    return _tables()[2].get((field, fold(value)), value)


def canonical_values(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON form with French drop-down labels replaced by their ids."""
    out = dict(raw)
    sol = dict(out.get("solicitation") or {})
    for field in _CHOICES["solicitation"]:
        if field in sol:
            sol[field] = choice(field, sol[field])
    out["solicitation"] = sol
    for section in ("parties", "audits", "certifications"):
        out[section] = [_record(r, _CHOICES[section]) for r in out.get(section) or []]
    return out


def _record(record: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    r = dict(record)
    for field in fields:
        if field in r:
            r[field] = choice(field, r[field])
    return r


__all__ = ["canonical_values", "choice", "fold", "header", "sheet_section"]
