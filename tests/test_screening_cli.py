"""`scrisk screen` and `scrisk.screen()`: input files, exit codes, JSON shape, Excel safety."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import scrisk
from scrisk.cli import main

FORMULA = '=HYPERLINK("http://example.com","Top Glove")'
# The Screen JSON keys of spec/interfaces.md (plus entry_id), in output order.
KEYS = (
    "row",
    "name",
    "country",
    "class",
    "active",
    "list",
    "entity",
    "matched_name",
    "score",
    "features",
    "entry_id",
    "lists",
    "other_matches",
)


@pytest.fixture
def names_csv(tmp_path: Path) -> Path:
    path = tmp_path / "parties.csv"
    pd.DataFrame(
        {
            "Name": [
                "SUPERMAX GLOVE MFG SDN. BHD.",
                "Maple Leaf Textiles",
                FORMULA,
                "Hetian Taida Apparel",
                "@SUM(1+1)",
            ],
            " COUNTRY ": ["Malaysia", "CA", "MY", "China", "Narnia"],
        }
    ).to_csv(path, index=False)
    return path


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(args)
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_json_to_stdout_is_only_json_one_result_per_row_in_order(names_csv, capsys):
    code, doc = run_json(["screen", str(names_csv), "--json", "-", "--as-of", "2022-01-01"], capsys)
    assert code == 0
    assert doc["format"] == "scrisk-screen/1" and doc["as_of"] == "2022-01-01"
    results = doc["results"]
    assert [r["row"] for r in results] == [1, 2, 3, 4, 5]
    assert [r["name"] for r in results][:2] == [
        "SUPERMAX GLOVE MFG SDN. BHD.",
        "Maple Leaf Textiles",
    ]
    assert all(set(r) == set(KEYS) for r in results)
    supermax, maple = results[0], results[1]
    assert supermax["class"] == "strong" and supermax["active"] is True
    assert supermax["list"] == "CBP WRO/Findings" and supermax["country"] == "MY"
    assert supermax["entry_id"].startswith("CBP-supermax")
    assert supermax["features"]["country"] == 1.0
    assert maple == {
        "row": 2,
        "name": "Maple Leaf Textiles",
        "country": "CA",
        "class": "none",
        "active": None,
        "list": None,
        "entity": None,
        "matched_name": None,
        "score": None,
        "features": {},
        "entry_id": None,
        "lists": [],
        "other_matches": [],
    }
    assert results[4]["country"] is None  # "Narnia" cannot be resolved


def test_as_of_changes_status_not_class(names_csv, capsys):
    _, doc = run_json(["screen", str(names_csv), "--json", "-", "--as-of", "2024-01-01"], capsys)
    supermax = doc["results"][0]
    assert supermax["class"] == "strong" and supermax["active"] is False


def test_same_input_gives_byte_identical_json(names_csv, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        assert main(["screen", str(names_csv), "--json", str(out), "--as-of", "2022-01-01"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_terminal_report_lists_matches_and_counts(names_csv, capsys):
    assert main(["screen", str(names_csv), "--as-of", "2022-01-01"]) == 0
    out = capsys.readouterr().out
    assert "5 names screened" in out and "strong" in out
    assert "Supermax" in out and "CBP" in out


def test_excel_keeps_formula_looking_names_as_text(names_csv, tmp_path, capsys):
    xlsx = tmp_path / "screen.xlsx"
    assert main(["screen", str(names_csv), "--excel", str(xlsx), "--as-of", "2022-01-01"]) == 0
    wb = load_workbook(xlsx)
    ws = wb["Results"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    names = {ws.cell(row=r, column=header.index("name") + 1).value: r for r in range(2, 7)}
    for text in (FORMULA, "@SUM(1+1)"):
        cell = ws.cell(row=names[text], column=header.index("name") + 1)
        assert cell.data_type == "s" and cell.value == text
    assert "<f>" not in _sheet_xml(xlsx)


def _sheet_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_xlsx_input_finds_the_sheet_with_a_name_column(tmp_path, capsys):
    path = tmp_path / "parties.xlsx"
    wb = Workbook()
    wb.active.title = "Notes"
    wb.active.append(["nothing here"])
    ws = wb.create_sheet("Parties")
    ws.append(["Country", "NAME"])
    ws.append(["MY", "Top Glove Corporation Bhd"])
    ws.append([None, None])
    ws.append(["CA", "Maple Leaf Textiles"])
    wb.save(path)
    code, doc = run_json(["screen", str(path), "--json", "-", "--as-of", "2021-06-01"], capsys)
    assert code == 0
    assert [r["name"] for r in doc["results"]] == [
        "Top Glove Corporation Bhd",
        "Maple Leaf Textiles",
    ]
    assert doc["results"][0]["class"] == "strong" and doc["results"][0]["active"] is True


def test_missing_name_column_exits_2_naming_file_and_column(tmp_path, capsys):
    path = tmp_path / "firms.csv"
    path.write_text("firm,country\nAcme,CA\n", encoding="utf-8")
    assert main(["screen", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "'name'" in err and "Traceback" not in err


def test_xlsx_without_name_column_names_the_sheets(tmp_path, capsys):
    path = tmp_path / "firms.xlsx"
    wb = Workbook()
    wb.active.title = "Suppliers"
    wb.active.append(["firm"])
    wb.save(path)
    assert main(["screen", str(path)]) == 2
    err = capsys.readouterr().err
    assert "firms.xlsx" in err and "'Suppliers'" in err and "name" in err


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", None])
def test_unreadable_or_missing_file_exits_2(tmp_path, capsys, content):
    path = tmp_path / "broken.xlsx"
    if content is not None:
        path.write_bytes(content)
    assert main(["screen", str(path)]) == 2
    err = capsys.readouterr().err
    assert "broken.xlsx" in err and "Traceback" not in err


def test_bad_as_of_date_exits_2(names_csv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["screen", str(names_csv), "--as-of", "2022-13-01"])
    assert exc.value.code == 2
    assert "--as-of" in capsys.readouterr().err


def test_no_progress_bar_when_stderr_is_not_a_terminal(names_csv, capsys):
    main(["screen", str(names_csv), "--json", "-"])
    assert capsys.readouterr().err == ""


# ----------------------------------------------------------------------------- Python API


def test_screen_returns_a_dataframe_with_the_json_columns():
    df = scrisk.screen(
        ["SUPERMAX GLOVE MFG SDN. BHD.", "Maple Leaf Textiles"],
        countries=["Malaysia", None],
        as_of=date(2022, 1, 1),
    )
    assert list(df.columns) == list(KEYS)
    assert df["row"].tolist() == [1, 2]
    assert df["class"].tolist() == ["strong", "none"]
    assert df.loc[0, "country"] == "MY" and df.loc[0, "active"] is True


def test_screen_accepts_a_dataframe_with_any_header_case():
    frame = pd.DataFrame({"NAME": ["Hetian Taida Apparel Co Ltd", "Acme"], "Country": ["CN", None]})
    df = scrisk.screen(frame, as_of="2020-01-01")
    assert df.loc[0, "class"] == "strong" and df.loc[0, "active"] is True
    assert df.loc[1, "class"] == "none" and df.loc[1, "country"] is None


def test_a_row_with_a_country_but_no_name_is_kept_not_dropped(tmp_path, capsys):
    path = tmp_path / "parties.csv"
    path.write_text("name,country\nTop Glove,MY\n,MY\n\nHetian Taida,CN\n", encoding="utf-8")
    code, doc = run_json(["screen", str(path), "--json", "-", "--as-of", "2021-01-01"], capsys)
    assert code == 0
    rows = [(r["row"], r["name"], r["class"]) for r in doc["results"]]
    # the blank line is not a party; the row numbers still say where each name sits in the file
    # ("Hetian Taida" lacks the listed "Apparel": possible, for a reviewer to check)
    assert rows == [(1, "Top Glove", "strong"), (2, "", "none"), (4, "Hetian Taida", "possible")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name\nAcme, Inc.\nTop Glove Sdn. Bhd.\n", ["Acme, Inc.", "Top Glove Sdn. Bhd."]),
        ("Country;Name\nMY;Top Glove, Bhd\n", ["Top Glove, Bhd"]),
        ("name\tcountry\nHetian Taida, Apparel\tCN\n", ["Hetian Taida, Apparel"]),
    ],
)
def test_csv_delimiter_is_taken_from_the_header(tmp_path, text, expected):
    from scrisk.readers.names import read_names

    path = tmp_path / "names.csv"
    path.write_text(text, encoding="utf-8")
    assert read_names(path).names == expected


def test_every_list_a_name_matches_is_shown_in_json_dataframe_and_terminal(
    tmp_path, capsys, monkeypatch
):
    path = tmp_path / "two_lists.csv"
    names = ["Xinjiang Production and Construction Corps", "Hoshine Silicon Industry Co., Ltd."]
    pd.DataFrame({"name": names}).to_csv(path, index=False)
    code, doc = run_json(["screen", str(path), "--json", "-", "--as-of", "2025-06-30"], capsys)
    assert code == 0
    for r in doc["results"]:
        assert {"CBP WRO/Findings", "UFLPA Entity List"} <= set(r["lists"]), r["lists"]
        assert r["lists"][0] == r["list"]  # the best match's list first
        others = {m["list"] for m in r["other_matches"]}
        assert others - {r["list"]}  # another list's entry, with its own record
        assert all(set(m) >= {"entity", "entry_id", "class", "score"} for m in r["other_matches"])
    df = scrisk.screen(names, as_of="2025-06-30")
    assert all(
        "UFLPA Entity List" in lists and "CBP WRO/Findings" in lists for lists in df["lists"]
    )
    monkeypatch.setenv("COLUMNS", "250")  # the terminal table on one line a row
    assert main(["screen", str(path), "--as-of", "2025-06-30"]) == 0
    out = capsys.readouterr().out
    assert "UFLPA Entity List" in out and "CBP WRO/Findings" in out
