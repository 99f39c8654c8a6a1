"""The bidder's template as it prints and as a person reads it: at most 8 pages through
LibreOffice, people's headings in the workbook's language (the reader takes them and
the field names, in both languages), French values and French number conventions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from libreoffice import soffice

from scrisk.errors import DeclarationError, FaultCollector, Location
from scrisk.i18n import LANGS, catalogue
from scrisk.readers import excel_lang, load_declaration
from scrisk.readers import values as v
from scrisk.readers.schema import SHEET_COLUMNS
from scrisk.template import write_declaration_workbook, write_template

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAX_PAGES = 8  # issue 24


def _pdf_pages(xlsx: Path, out: Path) -> int:
    """Pages of the workbook printed by LibreOffice (headless), read from the PDF."""
    done = soffice(xlsx, outdir=out, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = (out / xlsx.name).with_suffix(".pdf").read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_blank_template_prints_on_at_most_eight_pages(tmp_path, lang):
    path = write_template(tmp_path / f"template_{lang}.xlsx", category="ppe", lang=lang)
    pages = _pdf_pages(path, tmp_path)
    assert 5 <= pages <= MAX_PAGES, pages  # one sheet at least a page each


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_headings_are_words_not_field_names(tmp_path, lang):
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang=lang))
    for ws in wb.worksheets[1:6]:
        heads = [str(c.value) for c in ws[1] if c.value]
        assert heads and not any("_" in h for h in heads), (ws.title, heads)
    sol = wb.worksheets[1]
    firsts = [str(sol.cell(r, 1).value) for r in range(2, sol.max_row + 1)]
    assert not any("_" in f for f in firsts), firsts


def test_every_heading_in_either_language_names_one_field_only():
    """No heading (or field name) is read as two different fields of one sheet."""
    for section, fields in SHEET_COLUMNS.items():
        seen: dict[str, str] = {}
        for lang in LANGS:
            for field in fields:
                label = catalogue(lang).get(f"template.field.{section}.{field}")
                if label is None:  # a column with no catalogue label cannot be read back
                    pytest.fail(f"template.field.{section}.{field} missing in {lang}")
                for text in (label, field):
                    key = excel_lang.fold(text)
                    assert seen.setdefault(key, field) == field, (section, text)
                    assert excel_lang.header(section, text) == field, (section, text)


def _rewrite_headings(path: Path, lang_of_headings: str | None) -> None:
    """Headings replaced by the field names (None) or by the other language's words."""
    wb = openpyxl.load_workbook(path)
    sections = {excel_lang.sheet_section(name): name for name in wb.sheetnames}
    for section in ("goods", "parties", "certifications", "audits"):
        ws = wb[sections[section]]
        for cell in ws[1]:
            field = excel_lang.header(section, cell.value)
            key = f"template.field.{section}.{field}"
            cell.value = field if lang_of_headings is None else catalogue(lang_of_headings)[key]
    sol = wb[sections["solicitation"]]
    for r in range(2, sol.max_row + 1):
        field = excel_lang.header("solicitation", sol.cell(r, 1).value)
        key = f"template.field.solicitation.{field}"
        sol.cell(r, 1).value = (
            field if lang_of_headings is None else catalogue(lang_of_headings)[key]
        )
    wb.save(path)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("headings", [None, "en", "fr"])
def test_the_reader_takes_words_or_field_names_in_either_language(tmp_path, lang, headings):
    decl = load_declaration(EXAMPLES / "apparel_bid.json")
    path = write_declaration_workbook(decl, tmp_path / "bid.xlsx", lang=lang)
    _rewrite_headings(path, headings)
    assert load_declaration(path).to_dict() == decl.to_dict()


@pytest.mark.parametrize("second", ["supplies_to", "approvisionne", "SUPPLIES TO"])
def test_a_heading_and_a_field_name_for_one_field_are_a_fault(tmp_path, second):
    decl = load_declaration(EXAMPLES / "glove_bid.json")
    path = write_declaration_workbook(decl, tmp_path / "bid.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Parties"]
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value=second)
    ws.cell(row=3, column=col, value="B")
    wb.save(path)
    with pytest.raises(DeclarationError) as info:
        load_declaration(path)
    (fault,) = info.value.faults
    assert fault.reason == "duplicate_id" and fault.location.field == "supplies_to"


def _instructions(lang: str, tmp_path: Path) -> str:
    wb = openpyxl.load_workbook(write_template(tmp_path / f"i_{lang}.xlsx", lang=lang))
    ws = wb.worksheets[0]
    return " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_french_instructions_use_french_values_only(tmp_path):
    text = _instructions("fr", tmp_path)
    for english in ("other", "apparel", "ppe", "standing_offer", "manufacturer", "(Y)", "Y/N"):
        assert not re.search(rf"(?<![\w_]){re.escape(english)}(?![\w_])", text), english
    for french in (
        "vêtements",
        "autre",
        "offre à commandes",
        "fabricant",
        "réussi sous conditions",
    ):
        assert french in text, french


def _read_number(text: str) -> float | int | None:
    faults = FaultCollector()
    return v.number(text, Location(field="quantity"), faults)


def test_french_number_conventions_are_what_the_reader_reads(tmp_path):
    text = _instructions("fr", tmp_path)
    nbsp = "\u00a0"
    said = {
        f"1{nbsp}234 (mille deux cent trente-quatre)": 1234,
        f"1{nbsp}234,5": 1234.5,
        "(1234.5)": 1234.5,
        f"1,234 se lit 1{nbsp}234": 1234,
        "1,2340": 1.234,
        "1.234.": 1.234,
    }
    for phrase, value in said.items():
        assert phrase in text, phrase
        assert _read_number(phrase.split(" ")[0].strip("().")) == value, phrase
    for typed, value in (
        ("1 234", 1234),
        (f"1{nbsp}234", 1234),
        ("1 234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1,234", 1234),
        ("1,2340", 1.234),
        ("1.234", 1.234),
    ):
        assert _read_number(typed) == value, typed
    assert "1,234 se lit mille" not in text  # the old, misleading wording
