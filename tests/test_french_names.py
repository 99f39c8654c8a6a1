"""French never falls back to English unseen: ILAB goods, the region and the datasets are
named in French from the sourced table (sector_data/README.md, "French names of
reference data"); a name without a French entry is printed marked « (nom anglais) »,
and this file lists any such name in the shipped data."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

import scrisk
from scrisk.cli import main
from scrisk.i18n import catalogue, data_name, dataset_name, edition_name

ROOT = Path(__file__).resolve().parent.parent
SECTOR = ROOT / "sector_data"
EXAMPLES = ROOT / "examples"


def _ilab_goods() -> set[str]:
    goods: set[str] = set()
    for name in ("ilab_goods_2022.csv", "ilab_2024_changes.csv"):
        with (SECTOR / name).open(encoding="utf-8") as f:
            goods |= {row["good"] for row in csv.DictReader(f) if row.get("good")}
    return goods


def _regions() -> set[str]:
    data = json.loads((SECTOR / "regions.json").read_text(encoding="utf-8"))
    return {r["name"] for r in data["regions"]}


def test_every_ilab_good_and_region_of_the_shipped_data_has_a_french_name():
    fr = catalogue("fr")
    missing = sorted(g for g in _ilab_goods() if f"ilab_good.{g}" not in fr)
    missing += sorted(r for r in _regions() if f"region_name.{r}" not in fr)
    assert missing == [], f"no French name (printed as « … (nom anglais) »): {missing}"


def test_every_shipped_dataset_has_a_french_name():
    a = scrisk.assess(EXAMPLES / "apparel_bid.json")
    ids = [str(d["id"]) for d in a.to_dict("en")["data"]]
    assert [i for i in ids if f"dataset_name.{i}" not in catalogue("fr")] == []


def test_a_name_without_a_french_entry_is_marked_not_passed_off():
    assert data_name("ilab_good", "Cotton", "fr") == "Coton"
    assert data_name("ilab_good", "Unobtainium", "fr") == "Unobtainium (nom anglais)"
    assert data_name("ilab_good", "Unobtainium", "en") == "Unobtainium"
    assert dataset_name("some_new_list", "Some New List", "fr") == "Some New List (nom anglais)"
    assert dataset_name("some_new_list", "Some New List", "en") == "Some New List"


# English names of reference data that must not reach a French report: goods, the region,
# lists and datasets, and the shipped datasets' editions (sources.json)
ENGLISH = re.compile(
    r"Cotton|Thread/Yarn|Garments|Rubber Gloves|Xinjiang Uyghur Autonomous Region|"
    r"List of Goods Produced|Regions US measures|UFLPA Entity List|Withhold Release Orders|"
    r"Global Slavery Index|Special Economic Measures|"
    r"reporting year|\(inferred\)|data for 20|file of 20|lifted orders|named changes|"
    r"schedule as listed|authored 20|\bHS 2022"
)


def _declared(doc: dict) -> list[str]:
    """What the bidder wrote (names, goods): printed as written, in any language."""
    return [p["name"] for p in doc["parties"] if p["name"]] + [
        g["description"] for g in doc["solicitation"]["goods"]
    ]


def test_every_shipped_edition_is_in_the_table_or_has_no_words():
    a = scrisk.assess(EXAMPLES / "apparel_bid.json")
    editions = {str(d["edition"]) for d in a.to_dict("en")["data"]}
    fr = catalogue("fr")
    # an edition of digits and dates, or scrisk's own version, reads the same in French
    wordless = re.compile(r"^(?:[\d\-\s]+|scrisk v\d+)$")
    missing = sorted(e for e in editions if f"edition.{e}" not in fr and not wordless.match(e))
    assert missing == []
    assert edition_name("2022 reporting year", "fr") == "année de référence 2022"
    assert edition_name("2022 reporting year", "en") == "2022 reporting year"
    assert edition_name("CBP CSV, 2026-12-01", "fr") == "CBP CSV, 2026-12-01"  # as written


@pytest.mark.parametrize(
    ("example", "as_of"),
    [("apparel_bid", None), ("glove_bid", None), ("glove_bid", "2026-09-01")],
)
def test_the_french_workbook_names_lists_and_editions_in_french(tmp_path, example, as_of):
    import openpyxl

    # as of 2026-09-01 the lists are past their horizons: flags name the datasets themselves
    a = scrisk.assess(EXAMPLES / f"{example}.json", as_of=as_of)
    path = a.to_excel(tmp_path / f"{example}.xlsx", lang="fr")
    declared = _declared(a.to_dict("fr"))
    found = []
    for ws in openpyxl.load_workbook(path).worksheets:
        if ws.sheet_state != "visible":  # Sources: the publishers' own titles, kept beside
            continue
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    text = c.value
                    for name in declared:
                        text = text.replace(name, "")
                    found += [f"{ws.title}!{c.coordinate}: {m}" for m in ENGLISH.findall(text)]
    assert found == []


def test_a_french_summary_names_a_dataset_past_its_horizon_in_french(tmp_path):
    import openpyxl

    a = scrisk.assess(EXAMPLES / "glove_bid.json")  # as of 2021-12-10: past the SEMA horizon
    path = a.to_excel(tmp_path / "glove.xlsx", lang="fr")
    summary = openpyxl.load_workbook(path).worksheets[0]
    text = " ".join(str(c.value) for row in summary.iter_rows() for c in row if c.value)
    assert "Règlement sur les mesures économiques spéciales visant la République" in text
    assert "Special Economic Measures" not in text


@pytest.mark.parametrize("example", ["apparel_bid", "glove_bid"])
def test_french_messages_name_goods_region_and_lists_in_french(example):
    doc = scrisk.assess(EXAMPLES / f"{example}.json").to_dict("fr")
    messages = " ".join(f["message"] for f in doc["flags"])
    for declared in [p["name"] for p in doc["parties"] if p["name"]] + [
        g["description"] for g in doc["solicitation"]["goods"]
    ]:  # what the bidder wrote stays as written
        messages = messages.replace(declared, "")
    assert not ENGLISH.search(messages), ENGLISH.findall(messages)
    if example == "apparel_bid":
        assert "Coton (Chine)" in messages and "Fil (Chine)" in messages
        assert "la région autonome ouïghoure du Xinjiang" in messages
    else:
        assert "Gants en caoutchouc (Malaisie)" in messages


@pytest.mark.parametrize("example", ["apparel_bid", "glove_bid"])
def test_the_french_terminal_names_the_datasets_in_french(capsys, monkeypatch, example):
    monkeypatch.setenv("COLUMNS", "120")
    capsys.readouterr()
    assert main(["assess", str(EXAMPLES / f"{example}.json"), "--lang", "fr", "--details"]) in (
        0,
        1,
    )
    out = " ".join(capsys.readouterr().out.split())
    doc = scrisk.assess(EXAMPLES / f"{example}.json").to_dict("fr")
    for declared in [p["name"] for p in doc["parties"] if p["name"]] + [
        g["description"] for g in doc["solicitation"]["goods"]
    ]:
        out = out.replace(" ".join(declared.split()), "")
    out = re.sub(r"CN-XJ:[^·]*·?", "", out)  # a record's id names the record, in any language
    assert not ENGLISH.search(out), ENGLISH.findall(out)
    assert "Liste des biens produits par le travail des enfants ou le travail forcé" in out


def test_french_screening_names_the_lists_in_french(tmp_path, capsys, monkeypatch):
    names = tmp_path / "noms.csv"
    names.write_text("name,country\nHoshine Silicon Industry,CN\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "200")
    capsys.readouterr()
    main(["screen", str(names), "--lang", "fr"])
    out = " ".join(capsys.readouterr().out.split())
    assert "ordonnances de retenue et constats de la CBP" in out
    assert "liste des entités de l'UFLPA" in out
    assert "(nom anglais)" not in out


def test_a_dataset_title_reads_in_french_and_the_declaration_has_no_edition():
    from scrisk.i18n import source_name
    from scrisk.report.excel.labels import evidence_line

    assert source_name("UFLPA Entity List", "fr") == "Liste des entités de l'UFLPA"
    assert source_name("UFLPA Entity List", "en") == "UFLPA Entity List"
    assert source_name("Some New List", "fr") == "Some New List"
    glove = scrisk.assess(EXAMPLES / "glove_bid.json", as_of="2026-09-01", stage="contract")
    doc = glove.document("fr")  # a contract: the bidder's S-211 report is asked for
    declared = [e for f in doc.flags for e in f.evidence if e.record.startswith("$.")]
    assert declared and all("scrisk-declaration" not in evidence_line(e, "fr") for e in declared)
