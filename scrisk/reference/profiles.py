"""Country profiles: GSI 2023, ITUC 2025, WGI (latest), ILAB findings and goods, joined by ISO code.

Build: one row per ISO country found in any country source, each indicator
beside the composite risk it feeds (method in ``country_profiles/method.json``)
and a coverage measure. Missing stays missing: a country with too little data
gets risk level "unknown" and no score -- never a low one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrisk.countries import country_name
from scrisk.reference._io import BuildError, as_bool, read_csv, read_json, write_csv, write_json
from scrisk.reference.model import CountryProfile
from scrisk.reference.names import CountryMapper

PROFILES_FILE = "profiles.csv"
METHOD_FILE = "method.json"

WGI = ("rl", "cc", "va", "ge")
ILAB_FIELDS = {
    "ilab_advancement_level": "advancement_level_2022",
    "ilab_working_children_pct": "working_children_pct",
    "ilab_working_children_age_range": "working_children_age_range",
    "ilab_school_attendance_pct": "school_attendance_pct",
    "ilab_c138_ratified": "c_138_ratified",
    "ilab_c182_ratified": "c_182_ratified",
    "ilab_palermo_ratified": "palermo_ratified",
    "ilab_labour_inspectors": "enf_labor_inspectors",
    "ilab_profile_url": "ilab_profile_url",
}
# GSI 2023 government response milestones (the raw file's <name>_pct columns)
MILESTONES = (
    "survivors_identified_supported",
    "criminal_justice",
    "coordination",
    "addressing_risk_factors",
    "supply_chains",
)
INDICATORS = [
    "gsi_prevalence_per_1000",
    "gsi_estimated_number",
    "ituc_rating",
    "ituc_status",
    *[f"wgi_{w}_{k}" for w in WGI for k in ("est", "pctrank", "year")],
    *ILAB_FIELDS,
    "ilab_goods_listed",
    "ilab_goods_forced_labour",
    "ilab_goods_child_labour",
    # GSI 2023 government response (percent); shown, not part of the composite
    "gsi_response_total_pct",
    *(f"gsi_response_{m}_pct" for m in MILESTONES),
]
RESPONSE = "walkfree_gsi_2023_gov_response"
COMPONENTS = ["gsi_prevalence", "ituc_rating", "wgi_governance", "ilab_advancement", "ilab_goods"]
HEADER = [
    "iso2",
    "name",
    "risk_score",
    "risk_level",
    "coverage",
    *[f"component_{c}" for c in COMPONENTS],
    *INDICATORS,
    "sources",
]
_MISSING = {"", "unavailable", "unknown", "n/a", "na", "-", ".."}


def _value(text: str) -> str:
    return "" if text.strip().casefold() in _MISSING else text.strip()


def _number(text: str) -> float | None:
    try:
        return float(text) if _value(text) else None
    except ValueError:
        return None


def _join(
    rows: list[dict[str, str]], key: Callable[[dict[str, str]], str | None], what: str
) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        iso2 = key(row)
        if iso2 is None:
            continue
        if iso2 in out:
            raise BuildError(f"{what}: two rows for {iso2}")
        out[iso2] = row
    return out


def build_profiles(
    src: Path,
    out: Path,
    mapper: CountryMapper,
    sources: dict[str, Any],
    authored: Path,
    sector: Path,
) -> dict[str, dict[str, Any]]:
    """Write profiles.csv and method.json; return per-dataset stats."""
    method = read_json(authored / "country_method.json")
    gsi = _join(
        read_csv(src / sources["walkfree_gsi_2023"]["raw_file"]),
        lambda r: mapper("walkfree_gsi_2023", r["country"]),
        "GSI",
    )
    ituc = _join(
        read_csv(src / sources["ituc_gri_2025"]["raw_file"]),
        lambda r: mapper("ituc_gri_2025", r["Country"]),
        "ITUC",
    )
    ilab = _join(
        read_csv(src / sources["ilab_country_findings_2022"]["raw_file"]),
        lambda r: mapper("ilab_country_findings_2022", r["country"]),
        "ILAB findings",
    )
    response = _join(
        read_csv(src / sources[RESPONSE]["raw_file"]),
        lambda r: mapper(RESPONSE, r["country"]),
        "GSI government response",
    )
    wgi: dict[str, dict[str, Any]] = {}
    for row in read_csv(src / sources["wb_wgi_2023"]["raw_file"]):
        iso2 = mapper("wb_wgi_2023", row["iso3"], column="iso3")
        mapper("wb_wgi_2023", row["country"])
        if iso2 is None:
            continue
        latest = wgi.setdefault(iso2, {})
        for w in WGI:
            est, pct = _number(row[f"{w}_est"]), _number(row[f"{w}_pctrank"])
            if pct is not None and int(row["year"]) >= latest.get(f"wgi_{w}_year", 0):
                latest.update(
                    {
                        f"wgi_{w}_est": est,
                        f"wgi_{w}_pctrank": pct,
                        f"wgi_{w}_year": int(row["year"]),
                    }
                )
    goods: dict[str, list[dict[str, str]]] = {}
    for row in read_csv(sector / "ilab_goods_2022.csv"):
        goods.setdefault(row["iso2"], []).append(row)

    countries = sorted(set(gsi) | set(ituc) | set(ilab) | set(wgi) | set(goods))
    prevalence = {k: _number(r["prevalence_per_1000"]) for k, r in gsi.items()}
    ranks = _percentiles({k: v for k, v in prevalence.items() if v is not None})
    rows: list[dict[str, Any]] = []
    for iso2 in countries:
        ind: dict[str, Any] = dict.fromkeys(INDICATORS)
        used: list[str] = []
        if iso2 in gsi:
            ind["gsi_prevalence_per_1000"] = prevalence[iso2]
            ind["gsi_estimated_number"] = _number(gsi[iso2]["estimated_number_in_modern_slavery"])
            used.append("walkfree_gsi_2023")
        if iso2 in ituc:
            ind["ituc_rating"] = _value(ituc[iso2]["Rating"]) or None
            ind["ituc_status"] = _value(ituc[iso2]["Status"]) or None
            used.append("ituc_gri_2025")
        if iso2 in wgi:
            ind.update(wgi[iso2])
            used.append("wb_wgi_2023")
        if iso2 in ilab:
            for name, col in ILAB_FIELDS.items():
                text = _value(ilab[iso2][col])
                ind[name] = (
                    (_number(text) if name.endswith(("_pct", "_inspectors")) else text)
                    if text
                    else None
                )
            if ind["ilab_advancement_level"] == "No Assessment":
                ind["ilab_advancement_level"] = None
            used.append("ilab_country_findings_2022")
        if iso2 in response:
            r = response[iso2]
            ind["gsi_response_total_pct"] = _number(r["government_response_total_pct"])
            for m in MILESTONES:
                ind[f"gsi_response_{m}_pct"] = _number(r[f"{m}_pct"])
            used.append(RESPONSE)
        listed = goods.get(iso2, [])
        ind["ilab_goods_listed"] = len(listed)
        ind["ilab_goods_forced_labour"] = sum(as_bool(r["forced_labour"]) for r in listed)
        ind["ilab_goods_child_labour"] = sum(as_bool(r["child_labour"]) for r in listed)
        used.append("ilab_goods_2022")
        comps = _components(ind, ranks.get(iso2), method)
        score, level, coverage = _composite(comps, method)
        rows.append(
            {
                "iso2": iso2,
                "name": country_name(iso2) or iso2,
                "risk_score": score,
                "risk_level": level,
                "coverage": coverage,
                **{f"component_{c}": comps[c] for c in COMPONENTS},
                **ind,
                "sources": ";".join(used),
            }
        )
    n = write_csv(out / PROFILES_FILE, HEADER, rows)
    write_json(out / METHOD_FILE, method)
    levels = {
        lvl: sum(r["risk_level"] == lvl for r in rows)
        for lvl in ("high", "medium", "low", "unknown")
    }
    return {
        "walkfree_gsi_2023": {
            "rows": len(gsi),
            "files": [PROFILES_FILE],
            "with_estimate": len(ranks),
        },
        "ituc_gri_2025": {"rows": len(ituc), "files": [PROFILES_FILE]},
        RESPONSE: {"rows": len(response), "files": [PROFILES_FILE]},
        "wb_wgi_2023": {"rows": len(wgi), "files": [PROFILES_FILE]},
        "ilab_country_findings_2022": {"rows": len(ilab), "files": [PROFILES_FILE]},
        "scrisk_country_risk": {"rows": n, "files": [PROFILES_FILE, METHOD_FILE], "levels": levels},
    }


def _percentiles(values: dict[str, float]) -> dict[str, float]:
    ordered = sorted(values.values())
    n = len(ordered)
    out: dict[str, float] = {}
    for key, v in values.items():
        less = sum(x < v for x in ordered)
        equal = sum(x == v for x in ordered)
        out[key] = round(100 * (less + (equal - 1) / 2) / (n - 1), 1) if n > 1 else 50.0
    return out


def _components(
    ind: dict[str, Any], gsi_rank: float | None, method: dict[str, Any]
) -> dict[str, float | None]:
    spec = method["components"]
    comps: dict[str, float | None] = dict.fromkeys(COMPONENTS)
    comps["gsi_prevalence"] = gsi_rank
    if ind["ituc_rating"] is not None:
        comps["ituc_rating"] = float(spec["ituc_rating"]["map"][ind["ituc_rating"]])
    pcts = [ind[k] for k in spec["wgi_governance"]["indicators"] if ind[k] is not None]
    if len(pcts) >= spec["wgi_governance"]["min_indicators"]:
        comps["wgi_governance"] = round(100 - sum(pcts) / len(pcts), 1)
    level = ind["ilab_advancement_level"]
    if level:
        for prefix, value in spec["ilab_advancement"]["map"]:
            if level.startswith(prefix):
                comps["ilab_advancement"] = float(value)
                break
        else:
            raise BuildError(f"ILAB advancement level {level!r} is not in method.json")
    g = spec["ilab_goods"]
    count = (
        ind["ilab_goods_listed"] + (g["forced_labour_weight"] - 1) * ind["ilab_goods_forced_labour"]
    )
    comps["ilab_goods"] = round(min(count, g["cap"]) / g["cap"] * 100, 1)
    return comps


def _composite(
    comps: dict[str, float | None], method: dict[str, Any]
) -> tuple[float | None, str, float]:
    spec = method["components"]
    have = {c: v for c, v in comps.items() if v is not None}
    coverage = round(sum(spec[c]["weight"] for c in have), 2)
    if coverage < method["coverage_threshold"]:
        return None, "unknown", coverage
    score = round(sum(spec[c]["weight"] * v for c, v in have.items()) / coverage, 1)
    levels = method["levels"]
    level = "high" if score >= levels["high"] else "medium" if score >= levels["medium"] else "low"
    return score, level, coverage


def load_profiles(folder: Path, *, edition: str = "") -> dict[str, CountryProfile]:
    """Profiles by ISO alpha-2."""
    out: dict[str, CountryProfile] = {}
    for row in read_csv(folder / PROFILES_FILE):
        indicators: dict[str, Any] = {}
        for name in INDICATORS:
            text = row[name]
            if text == "":
                indicators[name] = None
            elif name.endswith(("_year", "_listed", "_forced_labour", "_child_labour")):
                indicators[name] = int(text)
            elif name.endswith(("_est", "_pctrank", "_pct", "_per_1000", "_number", "_inspectors")):
                indicators[name] = float(text)
            else:
                indicators[name] = text
        out[row["iso2"]] = CountryProfile(
            iso2=row["iso2"],
            name=row["name"],
            risk_score=float(row["risk_score"]) if row["risk_score"] else None,
            risk_level=row["risk_level"],  # type: ignore[arg-type]
            coverage=float(row["coverage"]),
            indicators=indicators,
            sources=tuple(s for s in row["sources"].split(";") if s),
            components={
                c: float(row[f"component_{c}"]) if row[f"component_{c}"] else None
                for c in COMPONENTS
            },
            edition=edition,
        )
    return out


__all__ = ["METHOD_FILE", "PROFILES_FILE", "build_profiles", "load_profiles"]
