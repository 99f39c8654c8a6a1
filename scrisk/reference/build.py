"""``scrisk data build``: raw source files -> processed reference data with manifests.

A new edition of any source is one command away: drop the new raw file in the
source folder (same name and columns), run ``scrisk data build --from DIR``,
review the diff of ``country_profiles/`` and ``sector_data/``, commit.

Deterministic: same inputs -> identical bytes (sorted rows and keys, no
timestamps, no absolute paths). Every source country name must map to ISO
alpha-2 or be listed as deliberately unmapped with a reason; otherwise the
build stops and names each one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from scrisk.errors import ScriskError
from scrisk.reference import aliases, goods, profiles, regions, taxonomy
from scrisk.reference._io import BuildError, read_csv, read_json, sha256, write_json
from scrisk.reference.lists_ca import build_ca
from scrisk.reference.lists_cbp import build_cbp_merged
from scrisk.reference.lists_uflpa import build_uflpa_dhs
from scrisk.reference.names import CountryMapper

AUTHORED = Path(__file__).parent / "authored"
SECTOR_DIR = "sector_data"
PROFILES_DIR = "country_profiles"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "scrisk-manifest/1"
CBP_SECOND_SOURCE = "cbp_candidates_second_source.csv"

SECTOR_DATASETS = (
    "ilab_goods_2022",
    "ilab_2024_changes",
    "hs2022",
    "scrisk_goods_taxonomy",
    "scrisk_regions",
    "cbp_wro_findings",
    "uflpa_entity_list",
    "ca_sema_prc_2021",
    "entity_aliases",
)
PROFILE_DATASETS = (
    "walkfree_gsi_2023",
    "walkfree_gsi_2023_gov_response",
    "ituc_gri_2025",
    "wb_wgi_2023",
    "ilab_country_findings_2022",
    "scrisk_country_risk",
)

HOW = {
    "ilab_goods_2022": "scrisk.reference.goods.build_goods: country names -> ISO alpha-2; "
    "Yes/No -> true/false; 2024 removals annotated (removed_on, removed_labour); stable record "
    "ids; each labour type dated (child_from, forced_from, tainted_from; *_until for a range "
    "DOL closed) by scrisk.reference.goods_dates from DOL's first-listed years joined on "
    "(country, good) and the authored renamings (ilab_name_pairs.csv), the edition's last "
    "possible day; a listing the 2021 data lacks is dated from the 2022 edition",
    "ilab_2024_changes": "scrisk.reference.goods.build_goods: each removal tied to the 2022 record "
    "it changes, effective on the 2024 edition's publication date",
    "hs2022": "scrisk.reference.taxonomy.build_taxonomy: chapters used by the goods rules plus "
    "39, 40, 50-65 and 90, levels 2/4/6; columns unchanged",
    "scrisk_goods_taxonomy": "scrisk.reference.taxonomy.build_taxonomy: authored rules checked "
    "against HS 2022 and the ILAB goods, then copied in a sorted order",
    "scrisk_regions": "scrisk.reference.regions.build_regions: authored names checked against "
    "ISO 3166-2 (pycountry) and for clashing aliases, then copied",
    "cbp_wro_findings": "scrisk.reference.lists_cbp.build_cbp_merged: CBP's file merged with the "
    "compiled orders (CBP's date and status win; lifted orders kept with their dates; candidate "
    "names kept only when a second source names them); country -> ISO alpha-2; labour types "
    "from the source's words (prison for a prison, laogai or penitentiary), else forced (19 "
    "U.S.C. 1307); subsidiary coverage from the entity's wording; "
    "id = CBP-<entity slug>-<action>",
    "uflpa_entity_list": "scrisk.reference.lists_uflpa.build_uflpa_dhs: one entry per DHS "
    "entity (sections, first-listed date, aliases and former names, FR notice); named "
    "changes applied; country CN unless the compiled row said Hong Kong; labour type forced "
    "(the Act's presumption); id = UFLPA-<slug of the compiled name, else the DHS name>",
    "ca_sema_prc_2021": "scrisk.reference.lists_ca.build_ca: authored rows (each citing its "
    "pages) -> list entries, jurisdiction CA; id = CA-SEMA-<name slug>",
    "entity_aliases": "copied unchanged from scrisk/reference/authored/entity_aliases.csv "
    "after scrisk.reference.aliases.read_aliases checked it; the screener adds each alias to "
    "the entries whose entity name it carries (compared folded, legal forms off)",
    "walkfree_gsi_2023": "scrisk.reference.profiles.build_profiles: prevalence per 1,000 joined "
    "by ISO country; blank stays blank",
    "ituc_gri_2025": "scrisk.reference.profiles.build_profiles: rating joined by ISO country",
    "walkfree_gsi_2023_gov_response": "scrisk.reference.profiles.build_profiles: the five "
    "milestones and the total (percent) joined by ISO country as gsi_response_* indicators; "
    "not part of the composite",
    "wb_wgi_2023": "scrisk.reference.profiles.build_profiles: iso3 -> ISO alpha-2; latest year "
    "with a value, per indicator (rl, cc, va, ge)",
    "ilab_country_findings_2022": "scrisk.reference.profiles.build_profiles: advancement level, "
    "ratifications, child-labour rates joined by ISO country",
    "scrisk_country_risk": "scrisk.reference.profiles.build_profiles: composite 0-100 by "
    "country_profiles/method.json, with coverage; below the coverage threshold -> unknown",
}


def _check_provenance(src: Path, sources: dict[str, Any]) -> None:
    """Each source commit named in sources.json must appear in PROVENANCE.md (or LISTS-2026.md)."""
    prov = src / "PROVENANCE.md"
    if not prov.exists():
        return
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in (prov, src / "LISTS-2026.md") if p.exists()
    )
    missing = [
        f"{ds}: commit {info['source']['commit']}"
        for ds, info in sources.items()
        if not ds.startswith("_")
        and info["source"].get("commit")
        and info["source"]["commit"] not in text
    ]
    if missing:
        raise BuildError("sources.json does not match PROVENANCE.md:\n  " + "\n  ".join(missing))


def build(src: Path | str, out_root: Path | str) -> dict[str, Any]:
    """Build ``out_root/sector_data`` and ``out_root/country_profiles`` from ``src``.

    Returns a report: per dataset its manifest entry, plus the unmapped names.
    """
    src, out_root = Path(src), Path(out_root)
    if not src.is_dir():
        raise BuildError(f"source folder not found: {src}")
    sources: dict[str, Any] = read_json(AUTHORED / "sources.json")
    needed = [
        name for k, info in sources.items() if not k.startswith("_") for name in _raw_files(info)
    ]
    absent = [name for name in needed if not (src / name).exists()]
    if absent:
        raise BuildError(f"raw files missing from {src}: {', '.join(absent)}")
    _check_provenance(src, sources)
    sector, prof = out_root / SECTOR_DIR, out_root / PROFILES_DIR
    sector.mkdir(parents=True, exist_ok=True)
    prof.mkdir(parents=True, exist_ok=True)
    mapper = CountryMapper()
    stats: dict[str, dict[str, Any]] = {}

    stats.update(
        goods.build_goods(
            src / sources["ilab_goods_2022"]["raw_file"],
            src / sources["ilab_2024_changes"]["raw_file"],
            sector,
            mapper,
            goods_dataset="ilab_goods_2022",
            goods_edition=sources["ilab_goods_2022"]["edition"],
            changes_dataset="ilab_2024_changes",
            changes_edition=sources["ilab_2024_changes"]["edition"],
            changes_effective=sources["ilab_2024_changes"]["date"],
            # rules.md v3: every listing dated by the edition that first listed it
            first_listed=src / _raw_files(sources["ilab_goods_2022"])[1],
            name_pairs=AUTHORED / sources["ilab_goods_2022"]["name_pairs_file"],
            editions={
                k: v for k, v in sources["ilab_goods_2022"]["editions"].items() if k[0] != "_"
            },
        )
    )
    ilab_goods = {r["good"]: r["sector"] for r in read_csv(sector / goods.GOODS_FILE)}
    stats.update(
        taxonomy.build_taxonomy(
            src / sources["hs2022"]["raw_file"],
            AUTHORED,
            sector,
            ilab_goods,
            dataset="scrisk_goods_taxonomy",
        )
    )
    stats["scrisk_regions"] = regions.build_regions(
        AUTHORED, sector, dataset="scrisk_regions", edition=sources["scrisk_regions"]["edition"]
    )
    cbp = [src / name for name in _raw_files(sources["cbp_wro_findings"])]
    stats["cbp_wro_findings"] = build_cbp_merged(
        cbp[0], cbp[1], AUTHORED / CBP_SECOND_SOURCE, sector, mapper, "cbp_wro_findings"
    )
    uflpa = [src / name for name in _raw_files(sources["uflpa_entity_list"])]
    stats["uflpa_entity_list"] = build_uflpa_dhs(
        uflpa[0], uflpa[1], uflpa[2], sector, mapper, "uflpa_entity_list"
    )
    stats["ca_sema_prc_2021"] = build_ca(
        AUTHORED / sources["ca_sema_prc_2021"]["authored_file"],
        sector,
        mapper,
        "ca_sema_prc_2021",
    )
    stats["entity_aliases"] = _copy_aliases(
        AUTHORED / sources["entity_aliases"]["authored_file"], sector
    )
    stats.update(profiles.build_profiles(src, prof, mapper, sources, AUTHORED, sector))
    mapper.check()
    mapper.write(prof / "country_names.csv")
    stats["scrisk_country_risk"]["files"] = [
        *stats["scrisk_country_risk"]["files"],
        "country_names.csv",
    ]

    report: dict[str, Any] = {"datasets": {}, "unmapped": mapper.unmapped()}
    for folder, ids in ((sector, SECTOR_DATASETS), (prof, PROFILE_DATASETS)):
        entries = {ds: _entry(ds, sources[ds], stats[ds], src) for ds in ids}
        write_json(folder / MANIFEST, {"format": MANIFEST_FORMAT, "datasets": entries})
        _write_readme(folder, entries)
        report["datasets"].update(entries)
    return report


def _copy_aliases(path: Path, sector: Path) -> dict[str, Any]:
    """The authored alias dataset, checked (every fault named by row), copied unchanged."""
    try:
        rows = aliases.read_aliases(path)
    except ScriskError as e:
        raise BuildError(str(e)) from None
    shutil.copyfile(path, sector / aliases.FILE)
    return {"files": [aliases.FILE], "rows": len(rows)}


def _raw_files(info: dict[str, Any]) -> list[str]:
    """The raw files a dataset is built from: its main file first, then the others."""
    main = [info["raw_file"]] if info.get("raw_file") else []
    return main + list(info.get("extra_raw_files", []))


def _entry(ds: str, info: dict[str, Any], stat: dict[str, Any], src: Path) -> dict[str, Any]:
    entry = {
        k: info[k] for k in ("title", "publisher", "edition", "date", "licence", "url", "notes")
    }
    entry["source"] = dict(info["source"])
    # the date the content is current to, and whose measure it is ("" = not declared)
    entry["horizon"] = info.get("horizon", "")
    entry["jurisdiction"] = info.get("jurisdiction", "")
    entry["gaps"] = list(info.get("gaps", []))  # what is known to be missing
    if stat.get("edition") and not info.get("horizon"):  # compiled: edition from latest date
        entry["edition"] = stat["edition"]
        entry["date"] = stat["edition"].rsplit(" ", 1)[-1]
    if info.get("raw_file"):
        entry["raw_file"] = info["raw_file"]
        entry["raw_sha256"] = sha256(src / info["raw_file"])
    if info.get("extra_raw_files"):
        entry["extra_raw_sha256"] = {n: sha256(src / n) for n in info["extra_raw_files"]}
    if info.get("authored_file"):
        entry["authored_file"] = info["authored_file"]
        entry["authored_sha256"] = sha256(AUTHORED / info["authored_file"])
    entry["built"] = HOW[ds]
    entry.update({k: v for k, v in stat.items() if k != "edition"})
    return entry


def _write_readme(folder: Path, entries: dict[str, dict[str, Any]]) -> None:
    template = (AUTHORED / f"{folder.name}_README.md").read_text(encoding="utf-8")
    lines = [
        "",
        "## Datasets (generated from manifest.json by `scrisk data build`)",
        "",
        "| id | source | edition | date | rows | licence | files |",
        "|---|---|---|---|---|---|---|",
    ]
    for ds, e in entries.items():
        cells = [
            ds,
            f"{e['title']} ({e['publisher']})",
            e["edition"],
            e["date"] or "-",
            str(e["rows"]),
            e["licence"],
            ", ".join(e["files"]),
        ]
        lines.append("| " + " | ".join(re.sub(r"\|", "/", c) for c in cells) + " |")
    (folder / "README.md").write_text(
        template.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )


__all__ = ["PROFILES_DIR", "SECTOR_DIR", "build"]
