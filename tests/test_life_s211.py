"""The S-211 report's files: the same register gives the same bytes (JSON, workbook,
Word draft), declared text stays text, the French draft is French, bad input exits 2."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from scrisk.cli import main
from scrisk.report.docx.s211 import SECTIONS


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)


def _register(tmp_path: Path) -> str:
    """A register holding one piece of evidence (created by 'evidence add')."""
    url = str(tmp_path / "r.sqlite")
    argv = ["evidence", "add", "--supplier", '=HYPERLINK("http://x")', "--country", "MY"]
    argv += ["--kind", "audit", "--issuer", "amfori", "--scheme", "BSCI"]
    assert main([*argv, "--from", "2026-01-01", "--to", "2026-12-31", "--register", url]) == 0
    return url


def test_same_register_same_bytes_and_declared_text_stays_text(tmp_path, capsys):
    url = _register(tmp_path)
    files = []
    for run in ("a", "b"):
        out = [tmp_path / f"{run}.docx", tmp_path / f"{run}.xlsx", tmp_path / f"{run}.json"]
        argv = ["report", "s211", "--year", "2027", "--department", "=SUM(A1)", "--register", url]
        argv += ["--docx", str(out[0]), "--excel", str(out[1]), "--json", str(out[2])]
        assert main(argv) == 0
        files.append([p.read_bytes() for p in out])
    assert files[0] == files[1]
    fig = json.loads(files[0][2])
    assert fig["evidence"] == {"by_kind": {"audit": 1}, "count": 1, "valid_at_year_end": 0}
    assert fig["contracts"]["count"] == 0 and fig["department"] == "=SUM(A1)"
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere: the department is text
    # an existing draft scrisk wrote is replaced; one an officer saved is not
    argv = [
        "report",
        "s211",
        "--year",
        "2027",
        "--docx",
        str(tmp_path / "a.docx"),
        "--register",
        url,
    ]
    assert main(argv) == 0


def test_the_french_draft_has_every_section_in_french(tmp_path):
    from docx import Document

    url = _register(tmp_path)
    path = tmp_path / "fr.docx"
    argv = ["report", "s211", "--year", "2027", "--lang", "fr", "--docx", str(path)]
    assert main([*argv, "--register", url]) == 0
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == len(SECTIONS) == 7
    assert headings[0] == "1. Structure, activités et chaînes d'approvisionnement"
    text = " ".join(p.text for p in doc.paragraphs)
    assert "[À rédiger par l'agent.]" in text and "31 mars 2027" in text


def test_bad_year_or_output_is_exit_2_and_nothing_written(tmp_path, capsys):
    url = _register(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["report", "s211", "--year", "27", "--register", url])
    assert stop.value.code == 2
    assert (
        main(
            [
                "report",
                "s211",
                "--year",
                "2027",
                "--docx",
                str(tmp_path / "x.pdf"),
                "--register",
                url,
            ]
        )
        == 2
    )
    assert not (tmp_path / "x.pdf").exists()
    officer = tmp_path / "mine.docx"
    officer.write_bytes(b"an officer's own document")
    assert (
        main(["report", "s211", "--year", "2027", "--docx", str(officer), "--register", url]) == 2
    )
    assert officer.read_bytes() == b"an officer's own document"
