"""Output files never destroy an input or a user's work (issue 12, point 1).

Each test is built from an input like the one that showed the defect:
``scrisk assess bid.xlsx --excel bid.xlsx`` replaced the bidder's workbook,
``--json`` onto a JSON input, ``--excel r.csv``, a kill during the write, two
runs on one path, ``/dev/full``.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scrisk.cli import main
from scrisk.outputs import OutputError, is_own_report, write_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CLEAN = EXAMPLES / "clean_bid.json"


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(EXAMPLES / name, target)
    return target


def _no_temporaries(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_excel_output_onto_the_xlsx_input_is_refused(capsys, tmp_path):
    bid = _copy(tmp_path, "glove_bid.xlsx")
    before = bid.read_bytes()
    assert main(["assess", str(bid), "--excel", str(bid)]) == 2
    err = capsys.readouterr().err
    assert "is an input of this run" in err and "Traceback" not in err
    assert bid.read_bytes() == before  # the bidder's filled declaration is intact


@pytest.mark.parametrize("spelling", ["symlink", "hardlink", "dotdot", "relative"])
def test_json_output_onto_the_json_input_is_refused_whatever_the_spelling(
    capsys, tmp_path, monkeypatch, spelling
):
    bid = _copy(tmp_path, "glove_bid.json")
    before = bid.read_bytes()
    (tmp_path / "sub").mkdir()
    if spelling == "symlink":
        out = tmp_path / "link.json"
        out.symlink_to(bid)
    elif spelling == "hardlink":
        out = tmp_path / "hard.json"
        os.link(bid, out)
    elif spelling == "dotdot":
        out = tmp_path / "sub" / ".." / "glove_bid.json"
    else:
        monkeypatch.chdir(tmp_path / "sub")
        out = Path("../glove_bid.json")
    assert main(["assess", str(bid), "--json", str(out), "--force"]) == 2
    assert "is an input of this run" in capsys.readouterr().err
    assert bid.read_bytes() == before


def test_compare_and_screen_refuse_to_write_over_their_inputs(capsys, tmp_path):
    a, b = _copy(tmp_path, "clean_bid.json"), _copy(tmp_path, "apparel_bid.json")
    before = b.read_bytes()
    assert main(["compare", str(a), str(b), "--json", str(b)]) == 2
    assert b.read_bytes() == before
    names = tmp_path / "names.json"  # a names file under a .json name
    names.write_text("name\nSupermax\n", encoding="utf-8")
    assert main(["screen", str(names), "--json", str(names)]) == 2
    assert names.read_text(encoding="utf-8") == "name\nSupermax\n"
    policy = tmp_path / "policy.json"
    policy.write_text("{}", encoding="utf-8")
    assert main(["assess", str(a), "--policy", str(policy), "--json", str(policy)]) == 2
    assert policy.read_text(encoding="utf-8") == "{}"
    assert capsys.readouterr().err.count("is an input of this run") == 3


def test_a_users_existing_file_needs_force(capsys, tmp_path):
    mine = tmp_path / "budget.xlsx"
    shutil.copyfile(EXAMPLES / "clean_bid.xlsx", mine)  # any workbook scrisk did not report
    before = mine.read_bytes()
    assert main(["assess", str(CLEAN), "--excel", str(mine), "--quiet"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert mine.read_bytes() == before
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}', encoding="utf-8")
    assert main(["assess", str(CLEAN), "--json", str(notes), "--quiet"]) == 2
    assert notes.read_text(encoding="utf-8") == '{"mine": true}'
    assert (
        main(
            ["assess", str(CLEAN), "--excel", str(mine), "--json", str(notes), "--quiet", "--force"]
        )
        == 0
    )
    assert load_workbook(mine, read_only=True).sheetnames[0] == "Summary"
    assert '"scrisk-assessment/1"' in notes.read_text(encoding="utf-8")


def test_scrisks_own_report_is_replaced_and_the_same_input_gives_the_same_bytes(tmp_path):
    report, doc = tmp_path / "report.xlsx", tmp_path / "report.json"
    args = ["assess", str(CLEAN), "--excel", str(report), "--json", str(doc), "--quiet"]
    assert main(args) == 0
    first = (report.read_bytes(), doc.read_bytes())
    assert is_own_report(report, "xlsx") and is_own_report(doc, "json")
    assert main(args) == 0  # no --force needed: these are scrisk's own, unchanged reports
    assert (report.read_bytes(), doc.read_bytes()) == first
    _no_temporaries(tmp_path)


def test_a_report_saved_again_by_a_reviewer_is_their_work(capsys, tmp_path):
    report = tmp_path / "report.xlsx"
    assert main(["assess", str(CLEAN), "--excel", str(report), "--quiet"]) == 0
    wb = load_workbook(report)  # a reviewer answers the Review sheet and saves
    wb.active["A1"] = "reviewed"
    wb.save(report)
    before = report.read_bytes()
    assert not is_own_report(report, "xlsx")
    assert main(["assess", str(CLEAN), "--excel", str(report), "--quiet"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert report.read_bytes() == before


def test_a_declaration_is_never_taken_for_a_report(tmp_path):
    assert not is_own_report(EXAMPLES / "clean_bid.json", "json")
    assert not is_own_report(EXAMPLES / "clean_bid.xlsx", "xlsx")
    template = tmp_path / "t.xlsx"
    assert main(["template", str(template)]) == 0
    assert not is_own_report(template, "xlsx")  # a template is filled in: never replaced


@pytest.mark.parametrize(
    ("option", "name", "words"),
    [
        ("--excel", "r.csv", ".xlsx"),
        ("--excel", "r", ".xlsx"),
        ("--json", "r.xlsx", ".json"),
        ("--json", "r.txt", ".json"),
    ],
)
def test_a_suffix_that_does_not_match_the_format_is_refused(capsys, tmp_path, option, name, words):
    assert main(["assess", str(CLEAN), option, str(tmp_path / name), "--quiet"]) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_screen_excel_suffix_and_template_suffix(capsys, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name\nAcme\n", encoding="utf-8")
    assert main(["screen", str(names), "--excel", str(tmp_path / "r.csv")]) == 2
    assert main(["template", str(tmp_path / "t.xls")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_dev_full_is_a_clear_message_not_a_traceback(capsys):
    assert main(["assess", str(CLEAN), "--json", "/dev/full", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "/dev/full" in err and "Traceback" not in err


def test_two_outputs_on_one_file_are_refused(capsys, tmp_path):
    out = tmp_path / "r.json"
    out.write_text("{}", encoding="utf-8")
    link = tmp_path / "r.xlsx"
    link.symlink_to(out)
    assert (
        main(["assess", str(CLEAN), "--json", str(out), "--excel", str(link), "--force", "--quiet"])
        == 2
    )
    assert "is also the --json output" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_write_error_leaves_the_previous_file_and_no_temporary(
    capsys, tmp_path, monkeypatch, code
):
    out = tmp_path / "report.json"
    assert main(["assess", str(CLEAN), "--json", str(out), "--quiet"]) == 0
    before = out.read_bytes()

    def failing_fsync(fd: int) -> None:  # a full disk or a failing device cannot be had here
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    assert main(["assess", str(CLEAN), "--json", str(out), "--quiet", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert f"écriture impossible de {out}\u00a0: {os.strerror(code)}" in err  # --lang fr
    assert "Traceback" not in err
    assert out.read_bytes() == before
    _no_temporaries(tmp_path)


def test_an_interrupted_write_leaves_the_previous_report_intact(tmp_path):
    out = tmp_path / "report.xlsx"
    assert main(["assess", str(CLEAN), "--excel", str(out), "--quiet"]) == 0
    before = out.read_bytes()

    def killed(tmp: Path) -> None:
        tmp.write_bytes(b"PK\x03\x04 half a workbook")
        raise KeyboardInterrupt  # the run is stopped while the report is being written

    with pytest.raises(KeyboardInterrupt):
        write_file(out, killed)
    assert out.read_bytes() == before
    _no_temporaries(tmp_path)


def test_concurrent_writers_cannot_mix_their_files(tmp_path):
    out = tmp_path / "report.xlsx"
    gate = threading.Barrier(2)
    contents = {}

    def writer(tag: str) -> None:
        def write(tmp: Path) -> None:
            with zipfile.ZipFile(tmp, "w") as zf:
                gate.wait()  # both writing at the same moment
                for i in range(50):
                    zf.writestr(f"part{i}.xml", tag * 1000)

        write_file(out, write)
        contents[tag] = True

    threads = [threading.Thread(target=writer, args=(tag,)) for tag in "ab"]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    with zipfile.ZipFile(out) as zf:
        texts = {zf.read(n).decode()[0] for n in zf.namelist()}
    assert len(texts) == 1  # one writer's whole file, never a mixture
    _no_temporaries(tmp_path)


def test_write_file_names_the_path_on_error(tmp_path):
    with pytest.raises(OutputError, match="no_such_folder"):
        write_file(tmp_path / "no_such_folder" / "r.json", lambda p: p.write_text("{}"))


def test_a_run_killed_while_writing_leaves_the_previous_report(tmp_path):
    """SIGKILL in the middle of writing (the issue's 11 of 16 corrupt reports), for real."""
    import signal
    import subprocess
    import sys

    out = tmp_path / "report.xlsx"
    assert main(["assess", str(CLEAN), "--excel", str(out), "--quiet"]) == 0
    before = out.read_bytes()
    child = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from scrisk.outputs import write_file\n"
        "def write(tmp: Path) -> None:\n"
        "    tmp.write_bytes(b'PK\\x03\\x04 half a workbook')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "write_file(sys.argv[1], write)\n"
    )
    done = subprocess.run([sys.executable, "-c", child, str(out)], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert out.read_bytes() == before
    load_workbook(out, read_only=True).close()  # still a whole workbook


def test_the_report_holding_the_reviewers_answers_is_never_the_output(capsys, tmp_path):
    report = tmp_path / "report.xlsx"
    glove = EXAMPLES / "glove_bid.json"
    assert main(["assess", str(glove), "--excel", str(report), "--quiet"]) == 0
    before = report.read_bytes()
    assert (
        main(["assess", str(glove), "--decisions", str(report), "--excel", str(report), "--quiet"])
        == 2
    )
    assert "is an input of this run" in capsys.readouterr().err
    assert report.read_bytes() == before


def test_a_formula_in_a_decisions_workbook_is_a_fault_naming_the_cell(capsys, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Review"
    ws.append(["party", "entry_id", "decision"])
    ws.append(["M1", "E1", '=IF(1,"not a match","confirmed")'])
    path = tmp_path / "decisions.xlsx"
    wb.save(path)
    assert (
        main(["assess", str(EXAMPLES / "glove_bid.json"), "--decisions", str(path), "--quiet"]) == 2
    )
    assert "Review!C2" in capsys.readouterr().err


def test_every_workbook_scrisk_writes_is_the_same_bytes_for_the_same_input(tmp_path):
    bids = [str(EXAMPLES / n) for n in ("clean_bid.json", "apparel_bid.json")]
    made = {}
    for run in ("a", "b"):
        folder = tmp_path / run
        folder.mkdir()
        assert main(["compare", *bids, "--excel", str(folder / "c.xlsx"), "--quiet"]) == 0
        assert main(["assess", *bids, "--excel", str(folder / "p.xlsx"), "--quiet"]) == 0
        assert main(["template", str(folder / "t.xlsx"), "--category", "ppe"]) == 0
        made[run] = [(folder / n).read_bytes() for n in ("c.xlsx", "p.xlsx", "t.xlsx")]
    assert made["a"] == made["b"]
