"""The reviewer workbook prints: no cell's text is cut off on screen or paper, every
sheet has a page setup and a footer, and LibreOffice renders it to legible PDF pages."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from libreoffice import soffice
from openpyxl.utils import get_column_letter

from scrisk.assessment import assess
from scrisk.report.excel.workbook import write_comparison_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ("glove_bid", "apparel_bid", "apparel_gaps_bid", "clean_bid")
DEFAULT_WIDTH = 8.43  # Excel's column width when none is set


@pytest.fixture(scope="module")
def assessed():
    return {name: assess(EXAMPLES / f"{name}.json") for name in NAMES}


def _shown(c) -> str:
    """The text a cell shows (numbers as their format prints them)."""
    v = c.value
    if isinstance(v, datetime | date):
        return "2021-12-10"
    if isinstance(v, bool):
        return "TRUE"
    if isinstance(v, int | float):
        if c.number_format == "0.0":
            return f"{v:.1f}"
        if "#,##0" in c.number_format:
            return f"{v:,.0f}"
        return str(v)
    return str(v)


def _width(text: str, font) -> float:
    """Estimated rendered width in column units: 0.9 unit a character (LibreOffice sets
    about 1.15 characters of Calibri 11 running text a unit), bold 10 % wider, scaled by
    the font size."""
    size = float(font.sz or 11)
    return len(text) * 0.9 * (1.1 if font.b else 1.0) * size / 11


def _lines(paragraph: str, width: float, font) -> int:
    """Lines a paragraph wraps to at word boundaries in ``width`` units (less the padding)."""
    usable, lines, line = max(width - 1, 1), 1, ""
    for word in paragraph.split(" "):
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font) <= usable:
            line = candidate
            continue
        if line:
            lines += 1
        while _width(word, font) > usable:  # a word longer than a line is broken
            cut = max(1, int(usable / _width("x", font)))
            word = word[cut:]
            lines += 1
        line = word
    return lines


def cut_off(path: Path) -> list[str]:
    """Every cell of every sheet whose estimated text is wider than its column times the
    lines its row gives it (or, unwrapped, than its column and the empty cells beside it)."""
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        widths = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or c.value == "":
                    continue
                letter = get_column_letter(c.column)
                if letter not in widths:
                    dim = ws.column_dimensions.get(letter)
                    widths[letter] = (
                        dim.width if dim is not None and dim.customWidth else DEFAULT_WIDTH
                    )
                width = widths[letter]
                text = _shown(c)
                size = float(c.font.sz or 11)
                height = ws.row_dimensions[c.row].height or 15 * size / 11
                lines = math.floor(height / (15 * size / 11) + 0.01)
                if c.alignment.wrap_text:
                    need = sum(_lines(part, width, c.font) for part in text.split("\n"))
                    if need > lines:
                        out.append(
                            f"{ws.title}!{c.coordinate}: {need} lines in {lines}: {text[:60]!r}"
                        )
                else:
                    room, col = width, c.column + 1
                    while isinstance(c.value, str) and ws.cell(c.row, col).value in (None, ""):
                        room += ws.column_dimensions[get_column_letter(col)].width or DEFAULT_WIDTH
                        col += 1
                        if col > c.column + 8:
                            break
                    if _width(text, c.font) > room or "\n" in text:
                        out.append(
                            f"{ws.title}!{c.coordinate}: {_width(text, c.font):.0f} "
                            f"wide in {room:.0f}: {text[:60]!r}"
                        )
    return out


def test_the_measure_finds_text_that_would_be_cut(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.column_dimensions["A"].width = 10
    ws["A1"] = "Import prohibition exposure (tariff item 98"  # cut by B1
    ws["B1"] = "x"
    ws["A2"] = "A title spilling into empty cells"  # fine: B2... are empty
    ws["A3"] = "wrapped but the row is one line high"
    ws["A3"].alignment = openpyxl.styles.Alignment(wrap_text=True)
    ws["B3"] = 1
    wb.save(tmp_path / "t.xlsx")
    found = cut_off(tmp_path / "t.xlsx")
    assert [f.split(":")[0] for f in found] == ["Sheet!A1", "Sheet!A3"]


@pytest.mark.filterwarnings("ignore:bids for different solicitations")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_cell_is_cut_off_in_any_sheet(assessed, tmp_path, lang):
    for name, a in assessed.items():
        path = a.to_excel(tmp_path / f"{name}-{lang}.xlsx", lang=lang)
        assert cut_off(path) == [], name
    comparison = write_comparison_workbook(
        list(assessed.values()), tmp_path / f"c-{lang}.xlsx", lang=lang
    )
    assert cut_off(comparison) == []


def test_a_long_declared_name_wraps_instead_of_being_cut(tmp_path):
    import json

    doc = json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))
    doc["parties"][1]["name"] = "Supermax Glove Manufacturing " * 8 + "Sdn. Bhd."
    path = assess(doc).to_excel(tmp_path / "long.xlsx")
    assert cut_off(path) == []


def test_every_sheet_has_a_page_setup_and_a_footer(assessed, tmp_path):
    path = assessed["glove_bid"].to_excel(tmp_path / "g.xlsx")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        # the Summary is one portrait page; the tables print landscape, one page wide
        one_page = ws.title == "Summary"
        assert ws.page_setup.orientation == ("portrait" if one_page else "landscape"), ws.title
        footer = ws.oddFooter
        assert footer.left.text.startswith("EN578-211087/A"), ws.title
        assert footer.center.text == "Page &P of &N", ws.title
        assert "not legal findings" in footer.right.text, ws.title
        assert ws.page_margins.left <= 0.5
        if ws.title not in ("Summary", "Clauses"):
            assert ws.print_title_rows == "$1:$1", ws.title  # the header on every page
        if ws.sheet_state == "hidden":
            continue  # Sources: not printed
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth == 1, ws.title
        assert ws.page_setup.fitToHeight == (1 if one_page else 0), ws.title
        shown = sum(
            ws.column_dimensions[get_column_letter(i)].width or DEFAULT_WIDTH
            for i in range(1, ws.max_column + 1)
            if not ws.column_dimensions[get_column_letter(i)].hidden
        )
        assert shown <= 210, ws.title  # one page wide stays legible (about 60 % or more)


def test_every_cell_reads_from_the_top(assessed, tmp_path):
    path = assessed["apparel_bid"].to_excel(tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    assert c.alignment.vertical == "top", f"{ws.title}!{c.coordinate}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_prints_legible_pages_with_footers(assessed, tmp_path):
    report = assessed["glove_bid"].to_excel(tmp_path / "glove.xlsx")
    done = soffice(report, outdir=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "glove.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 4 <= pages <= 30  # every sheet printed, none shrunk onto one illegible page
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / "glove.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flat = " ".join(text.split())
        assert f"Page 1 of {pages}" in flat and f"Page {pages} of {pages}" in flat
        assert "not legal findings" in flat
        assert "Import prohibition exposure" in flat and "PN-150 Anti-forced-labour" in flat
        assert "CT9897::G1" not in flat  # labels, never keys
