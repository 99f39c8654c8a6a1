"""Names files that were silently misread, and the screen outputs (issue 12, points 5, 6, 10).

Built from the inputs that showed each defect: a CSV mixing UTF-8 and
Windows-1252 lines (read as ``SociÃ©tÃ©``), an unterminated quote that
swallowed the rows after it, a second ``name`` column silently ignored, the
screen workbook changing with the wall clock, escape sequences in a name
reaching the terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from scrisk.cli import main
from scrisk.errors import DeclarationError
from scrisk.readers.names import read_names


def _csv(tmp_path: Path, data: bytes, name: str = "names.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_the_lines(tmp_path, capsys):
    data = (
        b"name,country\n"
        + "Société Générale Textile,FR\n".encode()
        + "Société Béton,FR\n".encode("cp1252")
        + b"Acme,CA\n"
    )
    path = _csv(tmp_path, data)
    with pytest.raises(DeclarationError) as info:
        read_names(path)
    message = info.value.faults[0].message
    assert "line(s) 2 are UTF-8" in message and "line(s) 3 are not" in message
    assert main(["screen", str(path), "--json", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "SociÃ©tÃ©" not in err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_file_in_one_encoding_reads_every_name_as_written(tmp_path, encoding):
    text = "name,country\nSociété Béton,FR\nAcme,CA\n"
    table = read_names(_csv(tmp_path, text.encode(encoding)))
    assert table.names == ["Société Béton", "Acme"]


def test_an_unterminated_quote_is_a_fault_not_a_swallowed_row(tmp_path, capsys):
    path = _csv(tmp_path, b'name,country\n"Hoshine Silicon,CN\nSupermax Glove,MY\nAcme,CA\n')
    with pytest.raises(DeclarationError) as info:
        read_names(path)
    assert "quote" in info.value.faults[0].message
    assert main(["screen", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_quote_closed_rows_later_is_a_fault_too(tmp_path):
    path = _csv(tmp_path, b'name\n"Hoshine Silicon\nSupermax Glove"\nAcme\n')
    with pytest.raises(DeclarationError, match="several lines"):
        read_names(path)


def test_a_second_name_column_is_a_fault(tmp_path, capsys):
    path = _csv(tmp_path, b"name,country,name\nMaple Leaf Gloves,CA,Supermax Glove\n")
    with pytest.raises(DeclarationError) as info:
        read_names(path)
    assert "two 'name' columns (columns 1, 3)" in info.value.faults[0].message
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "NAME "])
    wb.active.append(["a", "b"])
    wb.save(tmp_path / "n.xlsx")
    assert main(["screen", str(tmp_path / "n.xlsx")]) == 2
    assert "two 'name' columns" in capsys.readouterr().err


def test_every_input_row_has_exactly_one_result(tmp_path, capsys):
    rows = ["Supermax Glove Manufacturing,MY", ",MY", 'Acme "Best" Ltd,CA', "Ok,", "Z,ZZ"]
    path = _csv(tmp_path, ("name,country\n" + "\n".join(rows) + "\n").encode())
    assert main(["screen", str(path), "--json", "-", "--as-of", "2022-01-01"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["row"] for r in results] == [1, 2, 3, 4, 5]


def test_a_formula_in_a_names_workbook_is_a_fault_naming_the_cell(tmp_path, capsys):
    wb = openpyxl.Workbook()
    wb.active.append(["name", "country"])
    wb.active.append(['=CONCAT("Super","max")', "MY"])
    wb.active.title = "Names"
    wb.save(tmp_path / "n.xlsx")
    assert main(["screen", str(tmp_path / "n.xlsx")]) == 2
    assert "Names!A2" in capsys.readouterr().err


def test_a_hidden_names_sheet_is_not_the_one_screened(tmp_path, capsys):
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "Decoy"
    hidden.append(["name"])
    hidden.append(["Maple Leaf Gloves"])
    hidden.sheet_state = "hidden"
    shown = wb.create_sheet("Names")
    shown.append(["name"])
    shown.append(["Supermax Glove Manufacturing"])
    wb.save(tmp_path / "n.xlsx")
    assert main(["screen", str(tmp_path / "n.xlsx"), "--json", "-"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert result["name"] == "Supermax Glove Manufacturing"


def test_the_screen_workbook_is_the_same_bytes_for_the_same_input(tmp_path):
    path = _csv(tmp_path, b"name,country\nSupermax Glove Manufacturing,MY\n=cmd|' /C calc'!A0,CA\n")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["screen", str(path), "--excel", str(first), "--as-of", "2022-01-01"]) == 0
    assert main(["screen", str(path), "--excel", str(second), "--as-of", "2022-01-01"]) == 0
    assert first.read_bytes() == second.read_bytes()
    ws = openpyxl.load_workbook(first)["Results"]
    assert ws["B3"].data_type == "s" and ws["B3"].value.startswith("=cmd")  # never a formula


def test_escape_sequences_in_a_name_never_reach_the_terminal(tmp_path, capsys):
    forged = "Supermax Glove Manufacturing\x1b[2J\x1b[H\x1b]0;low risk\x07"
    path = _csv(tmp_path, f"name,country\n{forged},MY\n".encode())
    assert main(["screen", str(path), "--as-of", "2022-01-01"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out


def test_escape_sequences_in_a_fault_message_are_shown_inert(tmp_path, capsys):
    examples = Path(__file__).resolve().parent.parent / "examples"
    doc = json.loads((examples / "clean_bid.json").read_text(encoding="utf-8"))
    doc["parties"][1]["role"] = "maker\x1b[2J\x1b[H LOW RISK"
    path = tmp_path / "esc\x1b[2J.json"  # the file name is echoed in every fault
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["assess", str(path)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "esc␛[2J.json" in err
    assert main(["assess", str(examples / "clean_bid.json"), "--json", str(path) + ".txt"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "esc␛[2J" in err
