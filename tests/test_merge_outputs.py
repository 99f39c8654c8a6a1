"""Issue 12's guarantees on the outputs and readers other issues added: the register's
rescreen/history files go through scrisk.outputs, the French template is read by the
hardened workbook reader, the comparison lists unusable inputs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

import scrisk
from scrisk.cli import main
from scrisk.errors import DeclarationError
from scrisk.readers import load_declaration
from scrisk.template import write_template
from scrisk.xlsx_io import is_scrisk_report

ROOT = Path(__file__).resolve().parent.parent
GLOVE = ROOT / "examples" / "glove_bid.json"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)


def _awarded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = str(tmp_path / "r.sqlite")
    assert main(["assess", str(GLOVE), "--record", "--register", url, "-q"]) == 0
    with scrisk.open_register(url) as reg:
        (row,) = reg.history()["records"]
    assert (
        main(["award", row["id"], "--contract", "C-1", "--on", "2021-12-15", "--register", url])
        == 0
    )
    capsys.readouterr()
    return url


def _rescreens(url: str) -> int:
    with scrisk.open_register(url) as reg:
        return len(reg.history()["rescreens"])


def test_rescreen_refuses_a_user_file_before_any_work_and_replaces_its_own(tmp_path, capsys):
    url = _awarded(tmp_path, capsys)
    mine = tmp_path / "notes.json"
    mine.write_text('{"mine": true}\n', encoding="utf-8")
    assert main(["rescreen", "--register", url, "--json", str(mine), "-q"]) == 2
    err = capsys.readouterr().err
    assert str(mine) in err and "--force" in err and "Traceback" not in err
    assert mine.read_text(encoding="utf-8") == '{"mine": true}\n'
    assert _rescreens(url) == 0  # refused before the re-screen was run and recorded
    # the register file itself is an input of the run: never an output
    other = str(tmp_path / "register.xlsx")
    assert main(["rescreen", "--register", other, "--excel", other, "-q"]) == 2
    assert "is an input of this run" in capsys.readouterr().err
    book, report = tmp_path / "rescreen.xlsx", tmp_path / "rescreen.json"
    args = [
        "rescreen",
        "--register",
        url,
        "--as-of",
        "2024-01-15",
        "--excel",
        str(book),
        "--json",
        str(report),
        "-q",
    ]
    assert main(args) == 0 and main(args) == 0  # its own unchanged reports are replaced
    assert is_scrisk_report(book)
    assert json.loads(report.read_text(encoding="utf-8"))["format"] == "scrisk-rescreen/1"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
    assert main(["rescreen", "--register", url, "--excel", str(tmp_path / "r.csv")]) == 2
    assert "an Excel workbook is written here" in capsys.readouterr().err


def test_history_json_keeps_a_user_file_unless_forced(tmp_path, capsys):
    url = _awarded(tmp_path, capsys)
    mine = tmp_path / "history.json"
    mine.write_text("[1, 2]\n", encoding="utf-8")
    assert main(["history", "--register", url, "--json", str(mine)]) == 2
    assert mine.read_text(encoding="utf-8") == "[1, 2]\n"
    assert main(["history", "--register", url, "--json", str(mine), "--force"]) == 0
    assert json.loads(mine.read_text(encoding="utf-8"))["format"] == "scrisk-history/1"


def test_a_french_template_with_a_formula_is_a_fault_naming_the_cell(tmp_path):
    path = write_template(tmp_path / "gabarit.xlsx", lang="fr")
    wb = openpyxl.load_workbook(path)
    sol = wb["Demande de soumissions"]
    for row, value in ((2, "W0000-1/A"), (3, "Chemises"), (4, "vêtements"), (5, date(2022, 6, 30))):
        sol.cell(row, 2).value = value
    wb["Biens"].append(["G1", "Chemises de travail", "6205.20", "=10*10", "pièces"])
    wb["Parties"].append(
        [
            "B",
            "Soumissionnaire",
            "Érable Inc.",
            "1 rue Principale",
            "Québec",
            "Québec",
            "Canada",
            "",
            "",
            "",
            10,
            None,
        ]
    )
    wb.save(path)
    with pytest.raises(DeclarationError) as caught:
        load_declaration(path)
    (fault,) = caught.value.faults
    assert fault.location.cell == "Biens!D2" and "formula" in fault.message
    wb["Biens"]["D2"].value = 100  # the value typed instead: the French workbook reads back
    wb.save(path)
    decl = load_declaration(path)
    assert decl.solicitation.goods[0].quantity == 100
    assert decl.solicitation.category == "apparel" and decl.parties[0].role == "bidder"


def test_a_hidden_french_sheet_is_refused(tmp_path):
    path = write_template(tmp_path / "gabarit.xlsx", lang="fr")
    wb = openpyxl.load_workbook(path)
    wb["Audits"].sheet_state = "hidden"
    wb.save(path)
    with pytest.raises(DeclarationError) as caught:
        load_declaration(path)
    assert any(f.location.sheet == "Audits" and "hidden" in f.message for f in caught.value.faults)


def test_compare_lists_an_unusable_input_in_the_comparison_json(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "scrisk-declaration/1", "parties": [], "parties": []}', encoding="utf-8"
    )
    code = main(["compare", str(GLOVE), str(bad), "--json", "-"])
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert code == 2 and doc["format"] == "scrisk-comparison/1"
    assert [r["bidder"] for r in doc["ranking"]] == [doc["assessments"][0]["bidder"]["id"]]
    (unusable,) = doc["unusable"]
    assert unusable["format"] == "scrisk-fault/1" and unusable["input"] == str(bad)
    assert "disclaimer" in doc and str(bad) in captured.err


def test_record_keeps_the_usable_bids_of_a_batch_and_the_graph_is_inert(tmp_path, capsys):
    doc = json.loads(GLOVE.read_text(encoding="utf-8"))
    doc["solicitation"]["id"] += "\x1b[2J"
    for p in doc["parties"]:
        p["name"] = f"{p.get('name') or ''} $x^2$ \x1b]0;title\x07"
    bid, bad = tmp_path / "bid.json", tmp_path / "bad.json"
    bid.write_text(json.dumps(doc), encoding="utf-8")
    bad.write_text('{"format": "scrisk-declaration/1"}', encoding="utf-8")
    url, picture = str(tmp_path / "r.sqlite"), tmp_path / "chain.svg"
    code = main(
        ["assess", str(bid), str(bad), "--record", "--register", url, "--graph", str(picture)]
    )
    captured = capsys.readouterr()
    assert code == 2 and str(bad) in captured.err  # the bad input's faults, exit 2
    assert "\x1b" not in captured.out + captured.err and "Traceback" not in captured.err
    with scrisk.open_register(url) as reg:
        (row,) = reg.history()["records"]  # only the usable bid is recorded
    assert row["bidder"] == next(p["id"] for p in doc["parties"] if p["role"] == "bidder")
    svg = picture.read_text(encoding="utf-8")
    assert "\x1b" not in svg and "\u241b" in svg  # ESC drawn as the visible symbol
