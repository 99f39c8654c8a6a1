"""The publishers' name cells and status words, as they write them (cells from the DHS file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrisk.reference.updates import UpdateError, parse_file
from scrisk.reference.updates.names import parse_dhs_name, split_aka, strip_scope

PUBLISHER = Path(__file__).resolve().parent / "fixtures" / "publisher"


def test_dhs_alias_former_name_and_scope_wordings() -> None:
    cell = parse_dhs_name(
        "Hoshine Silicon Industry (Shanshan) Co., Ltd (including one alias: Hesheng Silicon "
        "Industry (Shanshan) Co.) and subsidiaries"
    )
    assert cell.name == "Hoshine Silicon Industry (Shanshan) Co., Ltd"
    assert cell.aliases == ["Hesheng Silicon Industry (Shanshan) Co."]
    assert cell.covers_subsidiaries
    xpcc = parse_dhs_name(
        "Xinjiang Production and Construction Corps (including three aliases: XPCC; Xinjiang "
        "Corps; and Bingtuan) and its subordinate and affiliated entities"
    )
    assert (xpcc.name, xpcc.aliases) == (
        "Xinjiang Production and Construction Corps",
        ["XPCC", "Xinjiang Corps", "Bingtuan"],
    )
    xinya = parse_dhs_name(
        "Anhui Xinya New Materials Co., Ltd. (formerly known as Chaohu Youngor Color Spinning "
        "Technology Co., Ltd.; and Chaohu Xinya Color Spinning Technology Co., Ltd.)"
    )
    assert xinya.aliases == [] and len(xinya.former_names) == 2
    annan = parse_dhs_name(
        "Annan Canned Food Co., Ltd. (also known as Nanling County Annan Canned Food Co., Ltd.)"
    )
    assert annan.aliases == ["Nanling County Annan Canned Food Co., Ltd."]
    assert parse_dhs_name("Xinjiang\xa0Goens\xa0Energy  Technology Co., Ltd. ").name == (
        "Xinjiang Goens Energy Technology Co., Ltd."
    )


def test_cbp_aka_and_scope() -> None:
    assert split_aka(
        "Yunnan Machinery, a/k/a Golden Horse (JinMa) Diesel Factory, a/k/a Yunnan 1st Prison"
    ) == ("Yunnan Machinery", ["Golden Horse (JinMa) Diesel Factory", "Yunnan 1st Prison"])
    assert strip_scope("Hoshine Silicon Industry Co. Ltd. and Subsidiaries") == (
        "Hoshine Silicon Industry Co. Ltd.",
        True,
    )
    assert strip_scope("Hero Vast Group") == ("Hero Vast Group", False)


def test_each_fixture_is_recognised_by_its_content(tmp_path: Path) -> None:
    formats = {p.name: (parse_file(p).dataset, parse_file(p).format) for p in PUBLISHER.iterdir()}
    assert formats["dhs_uflpa_entity_list_excerpt.html"][0] == "uflpa_entity_list"
    assert formats["cbp_wro_findings_excerpt.csv"][0] == "cbp_wro_findings"
    assert "FollowTheMoney" in formats["opensanctions_us_dhs_uflpa_excerpt.ftm.json"][1]
    assert (
        "targets.simple.csv" in formats["opensanctions_us_cbp_forced_labor_targets.simple.csv"][1]
    )
    # the same content under another name is still recognised
    renamed = tmp_path / "download.txt"
    renamed.write_bytes((PUBLISHER / "cbp_wro_findings_excerpt.csv").read_bytes())
    parsed = parse_file(renamed)
    assert parsed.skipped == 2  # the two Jordan orders have no entity
    kingtom = next(r for r in parsed.rows if r.entity.startswith("Kingtom"))
    assert kingtom.status == "modified" and "Inactive-Pending Litigation" in kingtom.status_note


def test_an_export_of_another_dataset_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "targets.simple.csv"
    other.write_text(
        "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,"
        "emails,program_ids,dataset,first_seen,last_seen,last_change\n"
        "x,Company,Some Company,,,ru,,,,,,,us_ofac_sdn,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(UpdateError, match="not of us_dhs_uflpa or us_cbp_forced_labor"):
        parse_file(other)
