"""`scrisk data` lists every shipped dataset with edition and licence."""

from __future__ import annotations

import json

from scrisk.cli import main


def test_data_json_lists_every_dataset_with_edition_and_licence(capsys) -> None:
    assert main(["data", "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "scrisk-data/1"
    ids = {d["id"] for d in doc["datasets"]}
    assert {
        "ilab_goods_2022",
        "cbp_wro_findings",
        "uflpa_entity_list",
        "walkfree_gsi_2023",
        "ituc_gri_2025",
        "wb_wgi_2023",
        "hs2022",
        "scrisk_regions",
    } <= ids
    for d in doc["datasets"]:
        assert d["edition"] and d["licence"] and d["rows"] > 0


def test_data_table_names_every_source(capsys) -> None:
    assert main(["data"]) == 0
    out = capsys.readouterr().out
    for name in (
        "cbp_wro_findings",
        "uflpa_entity_list",
        "ilab_goods_2022",
        "walkfree_gsi_2023",
        "CC BY 4.0",
        "2022",
    ):
        assert name in out


def test_data_build_without_source_is_a_usage_error(capsys) -> None:
    assert main(["data", "build"]) == 2
    assert "--from" in capsys.readouterr().err
