"""`scrisk data update`: publisher files in their own formats refresh the lists.

The fixtures (tests/fixtures/publisher, see its README) are small excerpts of
real rows. Each test starts from the shipped list without the entity the
fixture adds, recorded as an earlier edition in a temporary user data folder,
so the update really adds a name, as it would for a user whose data predates it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import scrisk
from scrisk.cli import main
from scrisk.reference.loader import Reference, reset_reference
from scrisk.reference.updates.edition import _entry_row
from scrisk.reference.updates.store import load_index, record

PUBLISHER = Path(__file__).resolve().parent / "fixtures" / "publisher"
HTML = PUBLISHER / "dhs_uflpa_entity_list_excerpt.html"
CBP_CSV = PUBLISHER / "cbp_wro_findings_excerpt.csv"
FTM = PUBLISHER / "opensanctions_us_dhs_uflpa_excerpt.ftm.json"
TARGETS = PUBLISHER / "opensanctions_us_cbp_forced_labor_targets.simple.csv"


def _baseline(home: Path, dataset: str, drop: str) -> None:
    """The shipped list without ``drop``, recorded as the edition a user had before."""
    shipped = Reference(updates=False)
    rows = [_entry_row(e) for e in shipped.list_entries() if e.dataset == dataset]
    assert drop in {r["id"] for r in rows}
    rows = [r for r in rows if r["id"] != drop]
    info = shipped.dataset(dataset)
    record(
        home,
        dataset,
        rows,
        {
            "edition": f"{info.edition} without {drop}",
            "horizon": info.horizon,
            "format": "earlier edition",
            "source_file": "earlier",
            "source_sha256": "earlier",
        },
    )
    reset_reference()


def _strong_active(name: str, as_of: str) -> bool:
    row = scrisk.screen([name], as_of=as_of).iloc[0]
    return bool(row["class"] == "strong" and row["active"] is True)


CASES = [
    (
        HTML,
        "uflpa_entity_list",
        "UFLPA-shihezi-xinren-battery-aluminum-foil-technology-co-ltd",
        "Shihezi Xinren Battery Aluminum Foil Technology Co., Ltd.",
        [],
        "2026-09-01",
    ),
    (
        FTM,
        "uflpa_entity_list",
        "UFLPA-sdic-xinjiang-lithium-industry-co-ltd",
        "SDIC Xinjiang Lithium Industry Co., Ltd.",
        ["--horizon", "2026-08-20"],
        "2026-09-01",
    ),
    (
        CBP_CSV,
        "cbp_wro_findings",
        "CBP-finca-monte-grande-wro",
        "Finca Monte Grande",
        [],
        "2026-06-20",
    ),
    (
        TARGETS,
        "cbp_wro_findings",
        "CBP-serbia-zijin-copper-d-o-o-wro",
        "Serbia Zijin Copper D.O.O.",
        ["--horizon", "2026-08-20"],
        "2026-08-01",
    ),
]


@pytest.mark.parametrize(("path", "dataset", "drop", "name", "extra", "as_of"), CASES)
def test_update_adds_a_name_reports_it_and_a_second_run_changes_nothing(
    home, capsys, path, dataset, drop, name, extra, as_of
) -> None:
    _baseline(home, dataset, drop)
    assert not _strong_active(name, as_of)
    args = ["data", "update", "--from", str(path), "--force", *extra, "--json", "-"]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    [u] = report["updates"]
    assert (u["dataset"], u["status"]) == (dataset, "updated")
    assert name in [a["entity"] for a in u["diff"]["added"]]
    assert _strong_active(name, as_of)
    editions = load_index(home)[dataset]
    files = sorted(p.name for p in (home / "reference" / dataset).iterdir())
    # the same file again: nothing written, nothing changed
    assert main(args) == 0
    [again] = json.loads(capsys.readouterr().out)["updates"]
    assert again["status"] == "unchanged" and "already applied" in again["reason"]
    assert load_index(home)[dataset] == editions
    assert sorted(p.name for p in (home / "reference" / dataset).iterdir()) == files
    assert _strong_active(name, as_of)


def test_the_terminal_report_names_the_changes_and_data_says_which_edition(home, capsys):
    _baseline(home, "uflpa_entity_list", "UFLPA-tbea-co-ltd")
    assert main(["data", "update", "--from", str(HTML), "--force"]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "TBEA Co., Ltd. (listed 2026-08-03)" in out
    assert "Xinjiang Goens Energy Technology Co., Ltd.: 2022-06-21 -> 2026-08-03" in out
    assert main(["data", "--json", "-"]) == 0
    rows = {d["id"]: d for d in json.loads(capsys.readouterr().out)["datasets"]}
    assert rows["uflpa_entity_list"]["in_use"].startswith("updated: uflpa_entity_list/002-")
    assert rows["uflpa_entity_list"]["horizon"] == "2026-08-03"
    assert rows["cbp_wro_findings"]["in_use"] == "shipped"


def test_past_as_of_answers_hold_after_an_update(home, capsys):
    ref = Reference(updates=False)
    camel = ref.list_entry("UFLPA-camel-group-co-ltd")
    assert camel.active_on(date(2025, 1, 1)) is True
    assert main(["data", "update", "--from", str(HTML), "--force", "--json", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    removed = {r["id"] for r in report["updates"][0]["diff"]["removed"]}
    assert "UFLPA-camel-group-co-ltd" in removed  # not in the excerpt
    updated = Reference().list_entry("UFLPA-camel-group-co-ltd")
    assert updated.active_on(date(2025, 1, 1)) is True  # still in force then
    assert updated.active_on(date(2026, 8, 3)) is False  # ended with the new edition
    # lifted orders and their dates survive a CBP update too
    assert main(["data", "update", "--from", str(CBP_CSV), "--force", "--json", "-"]) == 0
    capsys.readouterr()
    supermax = Reference().list_entry(
        "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"
    )
    assert supermax.active_on(date(2022, 1, 1)) is True
    assert supermax.active_on(date(2024, 1, 1)) is False


def test_shrinking_lists_unreadable_files_and_bad_rows_are_refused_in_one_pass(
    home, tmp_path, capsys
):
    text = tmp_path / "notes.txt"
    text.write_text("just some notes\n", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text(
        "<html><p>Section 2(d)(2)(B)(i)</p><table><tr><th>Name of Entity</th>"
        "<th>Effective Date</th></tr></table></html>",
        encoding="utf-8",
    )
    bad = tmp_path / "cbp.csv"
    bad.write_text(
        CBP_CSV.read_text(encoding="utf-8").replace("01/29/2026", "29 Jan 2026"), encoding="utf-8"
    )
    code = main(["data", "update", "--from", str(text), str(empty), str(bad), str(HTML)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "notes.txt: wrong format" in err
    assert "empty.html: empty table" in err
    assert "cbp.csv: 1 unreadable row(s)" in err and "row 6, Effective Date" in err
    assert "shrink by more than half" in err and "--force" in err
    assert not (home / "reference").exists()  # nothing written


def test_a_file_older_than_the_edition_in_use_needs_a_horizon(home, capsys):
    old = HTML.read_text(encoding="utf-8").replace("August 3, 2026", "January 15, 2025")
    path = home.parent / "old.html"
    path.write_text(old, encoding="utf-8")
    assert main(["data", "update", "--from", str(path)]) == 2
    err = capsys.readouterr().err
    assert "latest date 2025-01-15 is before the horizon of the edition in use (2026-07-09" in err
    assert main(["data", "update", "--from", str(path), "--force"]) == 0  # --force allows it


def test_known_orders_keep_their_ids_whatever_the_scope_wording(home, tmp_path, capsys):
    # real rows of CBP's file: two Findings against one prison (1953, 1958), Hoshine's
    # Entity cell as CBP writes it (quoted by the OpenSanctions lookup), the carpet order
    # whose action no source states
    path = tmp_path / "cbp.csv"
    path.write_text(
        "Effective Date,Country,Entity,Merchandise,WRO/Finding,Status\n"
        '12/28/1953,Mexico,"State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico",'
        "Furniture,Finding,Active\n"
        '10/29/1958,Mexico,"State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico",'
        "Furniture,Finding,Active\n"
        "06/23/2021,China,Hoshine Silicon Industry Co. Ltd. and Subsidiaries,"
        "Silica-based products,WRO,Active\n"
        '07/21/1998,Nepal,"Kumar Carpet Pvt., Singhe Carpet Pvt., Ltd., Norsang Carpet '
        "Industries Pvt., Ltd., Annapurna Carpet, Everest Carpet, Valley Carpet, and K.K. "
        'Carpet Industries; Kathmandu.","Carpets, Hand-Knotted Wool",WRO,Partially Modified\n',
        encoding="utf-8",
    )
    args = ["data", "update", "--from", str(path), "--force", "--horizon", "2026-06-23"]
    assert main([*args, "--json", "-"]) == 0
    diff = json.loads(capsys.readouterr().out)["updates"][0]["diff"]
    assert diff["added"] == [] and diff["renamed"] == []
    ref = Reference()
    assert ref.list_entry("CBP-hoshine-silicon-industry-co-ltd-and-its-subsidiaries-wro")
    first = ref.list_entry("CBP-state-penitentiary-ciudad-victoria-tamaulipas-mexico-finding")
    second = ref.list_entry("CBP-state-penitentiary-ciudad-victoria-tamaulipas-mexico-finding-1958")
    assert (first.issued, second.issued) == (date(1953, 12, 28), date(1958, 10, 29))
    assert second.active_on(date(2026, 6, 1)) is True


def test_the_alias_dataset_follows_the_edition_in_use(home: Path) -> None:
    """Aliases attach to the entries of the edition the loader uses (an updated one too):
    present there, the alias screens to the entity; absent, it finds nothing of it."""
    entity = "UFLPA-hubei-yinfeng-cotton-co-ltd"
    alias = "湖北银丰棉花股份有限公司"  # its Chinese name, from the alias dataset

    def ids() -> set[str]:
        return set(scrisk.screen([alias], as_of="2026-12-01")["entry_id"].dropna())

    _baseline(home, "uflpa_entity_list", "UFLPA-tanyuan-technology-co-ltd")
    assert "without" in scrisk.get_reference().dataset("uflpa_entity_list").edition
    assert entity in ids()
    _baseline(home, "uflpa_entity_list", entity)  # a newer edition without the entity
    assert entity not in ids()
