"""The build is reproducible, checks its rules, and the wheel carries the data."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scrisk.reference import get_reference
from scrisk.reference._io import BuildError
from scrisk.reference.build import PROFILES_DIR, SECTOR_DIR, build

ROOT = Path(__file__).resolve().parent.parent
# ../shared/data beside the checkout, or beside the folder of worktrees (wt/NAME)
RAW = next(
    (
        p
        for p in (ROOT.parent / "shared" / "data", ROOT.parents[1] / "shared" / "data")
        if (p / "PROVENANCE.md").exists()
    ),
    ROOT.parent / "shared" / "data",
)
needs_raw = pytest.mark.skipif(
    not (RAW / "PROVENANCE.md").exists(), reason="raw source files (../shared/data) not present"
)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@needs_raw
def test_rebuild_gives_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    report = build(RAW, tmp_path)
    for folder in (SECTOR_DIR, PROFILES_DIR):
        built, shipped = _files(tmp_path / folder), _files(ROOT / folder)
        assert sorted(built) == sorted(shipped)
        for name in built:
            assert built[name] == shipped[name], f"{folder}/{name} differs from a fresh build"
    assert len(report["datasets"]) == 15  # 14 built from sources + the authored aliases
    assert [name for _, name, _ in report["unmapped"]] == ["Netherlands Antilles (former)", "ANT"]


@needs_raw
def test_an_unmapped_source_country_stops_the_build(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    with (raw / "walkfree_gsi_2023_prevalence.csv").open("a", encoding="utf-8") as fh:
        fh.write("Atlantis,Nowhere,1000,5.0,5\n")
    with pytest.raises(BuildError, match="Atlantis"):
        build(raw, tmp_path / "out")


def test_every_hs_code_in_the_mapping_exists_in_hs2022() -> None:
    folder = get_reference().sector_dir
    with (folder / "hs2022_nomenclature.csv").open(encoding="utf-8") as fh:
        codes = {row["hscode"] for row in csv.DictReader(fh)}
    assert {"401512", "401519", "6205", "5201", "5205"} <= codes
    assert "401511" not in codes  # HS 2017 code, gone in HS 2022
    with (folder / "hs_goods.csv").open(encoding="utf-8") as fh:
        rules = list(csv.DictReader(fh))
    assert len(rules) > 50
    for rule in rules:
        assert rule["hs_code"].replace(".", "") in codes, rule["hs_code"]
    chapters = {c[:2] for c in codes}
    assert {"39", "40", "52", "61", "62", "63", "64", "65", "90"} <= chapters


def test_every_good_in_the_rules_is_an_ilab_good_or_a_declared_node() -> None:
    ref = get_reference()
    known = set(ref.taxonomy.kinds)
    for goods in ref.taxonomy.hs_rules.values():
        assert set(goods) <= known
    for _, goods in ref.taxonomy.phrases:
        assert set(goods) <= known
    assert {"Rubber Gloves", "Garments", "Cotton", "Thread/Yarn"} <= {
        g for g, k in ref.taxonomy.kinds.items() if k == "ilab"
    }


def test_manifest_lists_every_dataset_with_edition_licence_and_source() -> None:
    ref = get_reference()
    assert len(ref.datasets) == 15  # 14 built + the authored alias dataset
    for d in ref.datasets:
        assert d.title and d.publisher and d.edition and d.licence and d.rows > 0, d.id
        assert d.built and d.files
        for name in d.files:
            assert (ref.sector_dir.parent / d.folder / name).is_file()
    assert (
        ref.dataset("ilab_goods_2022").source["commit"]
        == "52f4b8f21774c019aafbfef9212583490a6ffbbe"
    )
    with pytest.raises(KeyError, match="known"):
        ref.dataset("nope")


def test_the_installed_wheel_finds_its_data_from_another_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = wheels.glob("scrisk-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    for name in (
        "scrisk/country_profiles/profiles.csv",
        "scrisk/country_profiles/manifest.json",
        "scrisk/sector_data/cbp_wro_findings.csv",
        "scrisk/sector_data/regions.json",
        "scrisk/data/country_aliases.json",
    ):
        assert name in names
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "from scrisk.reference import get_reference; r = get_reference(); "
        "print(r.sector_dir); "
        "print(any(e.entity.startswith('Top Glove') for e in r.list_entries()))"
    )
    out = subprocess.run(
        [sys.executable, "-s", "-c", code],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    where, found = out.stdout.split()
    assert Path(where) == tmp_path / "site" / "scrisk" / "sector_data" and found == "True"


@needs_raw
@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("ilab_tvpra_list_of_goods_2022.csv", "country"),
        ("ilab_tvpra_list_of_goods_2022.csv", "tainted_input_source_country"),
        ("ilab_tvpra_list_of_goods_2016.csv", "country"),
        ("ilab_eo13126_list_2014.csv", "country"),
        ("ilab_country_profiles_2022.csv", "country"),
        ("ilab_2024_changes_compiled.csv", "country"),
        ("walkfree_gsi_2023_prevalence.csv", "country"),
        ("ituc_global_rights_index_2025.csv", "Country"),
        ("wb_wgi_2013_2023.csv", "iso3"),
        ("wb_wgi_2013_2023.csv", "country"),
        ("cbp_wro_findings_compiled.csv", "country"),
        ("uflpa_entity_list_dhs_2026-07.csv", "country"),
        ("oar_facility_fixtures_sample.csv", "country"),
    ],
)
def test_every_raw_country_name_maps_or_is_listed_with_a_reason(file: str, column: str) -> None:
    from scrisk.countries import resolve_source_country, unmapped_reason
    from scrisk.reference._io import read_csv

    names = {row[column] for row in read_csv(RAW / file) if row[column]}
    assert names
    left = sorted(n for n in names if resolve_source_country(n) is None and not unmapped_reason(n))
    assert left == []
