"""`scrisk data update` guards: an update ending much of a list, an older file, rollback.

The CBP files here are written from the shipped CBP list itself (every order, in CBP's
own CSV columns), so the only thing a test changes is what it is about: every order
marked Inactive, or only the orders issued before 2023 in a file dated 2022.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from scrisk.cli import main
from scrisk.reference.loader import Reference
from scrisk.reference.updates.store import load_index

HETIAN = "CBP-hetian-taida-apparel-co-ltd-wro"  # an apparel WRO in force since 2019


def cbp_file(path: Path, *, status: str = "Active", before: date | None = None) -> Path:
    """CBP's WRO/Findings CSV holding the shipped orders (those issued before ``before``);
    orders in force get ``status``, lifted ones stay Modified with their date."""
    entries = [
        e for e in Reference(updates=False).list_entries() if e.dataset == "cbp_wro_findings"
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "Effective Date",
                "Country",
                "Country Code",
                "Entity",
                "Merchandise",
                "WRO/Finding",
                "Status",
                "Modified Date",
            ]
        )
        for e in entries:
            assert e.issued is not None
            if before is not None and e.issued >= before:
                continue
            w.writerow(
                [
                    e.issued.strftime("%m/%d/%Y"),
                    e.country_declared,
                    e.country or "",
                    e.entity,
                    e.merchandise,
                    e.action,
                    status if e.status == "active" else "Modified",
                    e.status_date.strftime("%m/%d/%Y") if e.status_date else "",
                ]
            )
    return path


def _in_force(entry_id: str) -> bool:
    """The order in force on 2026-07-01 in the edition the loader now uses."""
    return Reference().list_entry(entry_id).active_on(date(2026, 7, 1)) is True


def test_a_file_ending_every_order_needs_force_and_names_every_one(home, tmp_path, capsys):
    path = cbp_file(tmp_path / "cbp.csv", status="Inactive")
    args = ["data", "update", "--from", str(path), "--horizon", "2026-06-30"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "would end 50 of the 50 entries in force on 2026-06-30" in err and "--force" in err
    assert "Hetian Taida Apparel Co., Ltd. [CBP-hetian-taida-apparel-co-ltd-wro]" in err
    assert "Traceback" not in err
    assert not (home / "reference").exists()  # nothing written
    assert _in_force(HETIAN)
    # with --force it is applied, and the report names all 50, on the terminal and in JSON
    assert main([*args, "--force"]) == 0
    out = capsys.readouterr().out
    assert "50 entries in force end with this edition" in out
    assert out.count("\n  ended    ") == 50 and "[CBP-hetian-taida-apparel-co-ltd-wro]" in out
    assert not _in_force(HETIAN)
    assert main(["data", "update", "--from", str(path), "--json", "-"]) == 0  # applied already
    assert json.loads(capsys.readouterr().out)["updates"][0]["status"] == "unchanged"


def test_the_ending_share_comes_from_the_policy(home, tmp_path, capsys):
    path = cbp_file(tmp_path / "cbp.csv", status="Inactive")
    policy = tmp_path / "policy.toml"
    policy.write_text("[updates]\nmax_ended_share = 1.0\n", encoding="utf-8")
    args = ["data", "update", "--from", str(path), "--horizon", "2026-06-30", "--json", "-"]
    assert main([*args, "--policy", str(policy)]) == 0
    [u] = json.loads(capsys.readouterr().out)["updates"]
    assert len(u["ended"]) == 50 and u["ended"][0]["now"] == "modified"


def test_a_few_orders_ending_is_applied_and_named(home, tmp_path, capsys):
    path = cbp_file(tmp_path / "cbp.csv")
    text = path.read_text(encoding="utf-8").splitlines()
    lifted = [i for i, line in enumerate(text) if "Hetian Taida Apparel Co., Ltd." in line]
    assert len(lifted) == 1
    text[lifted[0]] = text[lifted[0]].replace(",Active,", ",Inactive,")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert main(["data", "update", "--from", str(path), "--horizon", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert "1 entries in force end with this edition" in out
    assert f"ended    Hetian Taida Apparel Co., Ltd.: now modified [{HETIAN}]" in out


def test_an_older_file_is_refused_and_with_force_ends_nothing_it_cannot_know(
    home, tmp_path, capsys
):
    path = cbp_file(tmp_path / "cbp2022.csv", before=date(2023, 1, 1))
    args = ["data", "update", "--from", str(path), "--horizon", "2022-12-31", "--json", "-"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "before the horizon of the edition in use (2026-06-23" in err
    assert "move the list back" in err and "--force" in err
    assert main([*args, "--force"]) == 0
    [u] = json.loads(capsys.readouterr().out)["updates"]
    assert u["older"] == {"file": "2022-12-31", "in_use": "2026-06-23"}
    # orders issued since 2023 are not in a 2022 file, and are not ended by it; Supermax's
    # order, lifted in 2023, stays lifted
    assert u["ended"] == [] and u["diff"]["removed"] == []
    ref = Reference()
    assert ref.list_entry("CBP-taepyung-salt-farm-wro").active_on(date(2026, 7, 1)) is True
    supermax = ref.list_entry("CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro")
    assert supermax.active_on(date(2024, 1, 1)) is False


def test_rollback_goes_back_one_edition_then_refuses_with_exit_2(home, tmp_path, capsys):
    assert main(["data", "rollback"]) == 2
    assert "nothing to roll back" in capsys.readouterr().err
    ended = cbp_file(tmp_path / "ended.csv", status="Inactive")
    assert main(["data", "update", "--from", str(ended), "--horizon", "2026-06-30", "--force"]) == 0
    capsys.readouterr()
    assert not _in_force(HETIAN)
    assert main(["data", "rollback", "cbp_wro_findings"]) == 0
    out = capsys.readouterr().out
    assert (
        "cbp_wro_findings: rolled back from cbp_wro_findings/001-2026-06-30.csv to shipped" in out
    )
    assert _in_force(HETIAN)
    [edition] = load_index(home)["cbp_wro_findings"]
    assert edition["rolled_back"] is True and (home / "reference" / edition["file"]).is_file()
    assert main(["data", "--json", "-"]) == 0
    rows = {d["id"]: d for d in json.loads(capsys.readouterr().out)["datasets"]}
    assert rows["cbp_wro_findings"]["in_use"] == "shipped"
    # nothing left to roll back: exit 2, nothing changed
    before = (home / "reference" / "editions.json").read_bytes()
    assert main(["data", "rollback", "cbp_wro_findings"]) == 2
    assert "cbp_wro_findings: nothing to roll back" in capsys.readouterr().err
    assert main(["data", "rollback", "uflpa_entity_list"]) == 2
    assert (home / "reference" / "editions.json").read_bytes() == before
    # the rolled-back file can be applied again (not "already applied")
    args = ["data", "update", "--from", str(ended), "--horizon", "2026-06-30", "--force"]
    assert main([*args, "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["updates"][0]["status"] == "updated"
    assert not _in_force(HETIAN)


def test_rollback_to_a_named_edition_is_idempotent_and_covers_every_list(home, tmp_path, capsys):
    active = cbp_file(tmp_path / "active.csv")
    ended = cbp_file(tmp_path / "ended.csv", status="Inactive")
    base = ["data", "update", "--horizon", "2026-06-30", "--force", "--from"]
    assert main([*base, str(active)]) == 0
    assert main([*base, str(ended)]) == 0
    capsys.readouterr()
    first = "cbp_wro_findings/001-2026-06-30.csv"
    for _ in range(2):  # the second run finds it there already and changes nothing
        assert main(["data", "rollback", "--edition", first, "--json", "-"]) == 0
        [r] = json.loads(capsys.readouterr().out)["rollbacks"]
        assert r["to"] == first
        assert _in_force(HETIAN)
    assert r["rolled_back"] == []
    assert main(["data", "rollback", "--edition", "cbp_wro_findings/009-x.csv"]) == 2
    assert "no edition 'cbp_wro_findings/009-x.csv'" in capsys.readouterr().err
    assert main(["data", "rollback", "nonsense"]) == 2
    assert "not an updatable list" in capsys.readouterr().err
    assert main(["data", "rollback"]) == 0  # every updated list: back to shipped
    assert "to shipped" in capsys.readouterr().out
    assert Reference().updated == {}


def test_data_help_documents_rollback(capsys):
    with pytest.raises(SystemExit):
        main(["data", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "rollback" in out and "back to the previous edition" in out
