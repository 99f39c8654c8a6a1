"""Workbook parts that would make parsing slow or read the wrong text (#20).

A 77 KB workbook whose sheet XML carried a 60 MB comment parsed for over 400 s
(expat re-scans an unfinished token on each chunk: time goes with its square); a
shared-text index of -1 read another cell's text. Each hostile workbook is built
here with zipfile from the glove bid's workbook.
"""

from __future__ import annotations

import random
import re
import string
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from declaration_faults import declaration_faults

from scrisk.errors import FaultCollector
from scrisk.xlsx_io import check_zip


def _part_of(path: Path, title: str) -> str:
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def _rewrite(src: Path, dst: Path, part: str, change) -> Path:
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == part else data)
    return dst


def _insert(glove: Path, tmp: Path, piece: bytes) -> Path:
    part = _part_of(glove, "Parties")
    return _rewrite(
        glove,
        tmp / "hostile.xlsx",
        part,
        lambda d: d.replace(b"<sheetData>", piece + b"<sheetData>"),
    )


def test_sixty_megabyte_comment_is_refused_in_well_under_a_second(
    glove_xlsx: Path, tmp_path: Path
) -> None:
    bomb = _insert(glove_xlsx, tmp_path, b"<!--" + b"a" * (60 * 1024 * 1024) + b"-->")
    assert bomb.stat().st_size < 200_000
    started = time.process_time()
    [fault] = declaration_faults(bomb)
    assert time.process_time() - started < 5  # was over 400 s
    assert fault.reason == "too_large" and "xl/worksheets/" in fault.message
    assert fault.location.file == "hostile.xlsx"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda junk: b"<!--" + junk + b"-->", "an XML comment"),
        (lambda junk: b"<?pi " + junk + b"?>", "a processing instruction"),
        (lambda junk: b'<x a="' + junk + b'"/>', "in one tag or text"),
        (lambda junk: b'<x a="' + junk.replace(b"q", b">") + b'"/>', "in one tag or text"),
    ],
)
def test_incompressible_oversized_token_is_named(
    glove_xlsx: Path, tmp_path: Path, make, said: str
) -> None:
    """Random letters do not compress, so the ratio guard does not see them: the token
    bound does (a '>' inside an attribute value does not end the tag)."""
    rnd = random.Random(20)
    junk = "".join(rnd.choices(string.ascii_letters, k=3 * 1024 * 1024)).encode()
    [fault] = declaration_faults(_insert(glove_xlsx, tmp_path, make(junk)))
    assert fault.reason == "too_large" and said in fault.message


def test_doctype_and_many_comments_are_refused(glove_xlsx: Path, tmp_path: Path) -> None:
    part = _part_of(glove_xlsx, "Parties")
    doctype = _rewrite(glove_xlsx, tmp_path / "d.xlsx", part, lambda d: b"<!DOCTYPE worksheet>" + d)
    [fault] = declaration_faults(doctype)
    assert "DOCTYPE" in fault.message
    many = _insert(glove_xlsx, tmp_path, b"<!--x-->" * 5_000)
    [fault] = declaration_faults(many)
    assert "5,000 instances of an XML comment" in fault.message


def test_the_same_guard_covers_every_workbook_scrisk_reads(
    glove_xlsx: Path, tmp_path: Path
) -> None:
    """check_zip is the door of declarations, decisions and names files alike."""
    bomb = _insert(glove_xlsx, tmp_path, b"<!--" + b"a" * (8 * 1024 * 1024) + b"-->")
    faults = FaultCollector()
    assert not check_zip(bomb, faults)
    assert faults.faults[0].reason == "too_large"
    assert check_zip(glove_xlsx, FaultCollector())


_SST = (
    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Hetian Taida Apparel Co., Ltd'
    b"</t></si><si><t>Harmless Name Ltd</t></si></sst>"
)
_SST_REL = (
    b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def _with_shared_text(glove: Path, dst: Path, index: str) -> tuple[Path, str]:
    """The glove workbook with a shared-text table, the second party's name pointing
    into it at ``index``."""
    wb = openpyxl.load_workbook(glove)
    ws = wb["Parties"]
    letter = openpyxl.utils.get_column_letter([c.value for c in ws[1]].index("Name") + 1)
    part = _part_of(glove, "Parties")
    cell = re.compile(rf'<c r="{letter}3"[^>]*>.*?</c>'.encode())
    changes = {
        part: lambda d: cell.sub(f'<c r="{letter}3" t="s"><v>{index}</v></c>'.encode(), d, 1),
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(b"</Relationships>", _SST_REL),
        "[Content_Types].xml": lambda d: d.replace(b"</Types>", _SST_TYPE),
    }
    with zipfile.ZipFile(glove) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            out.writestr(info.filename, changes.get(info.filename, lambda d: d)(data))
        out.writestr("xl/sharedStrings.xml", _SST)
    return dst, f"Parties!{letter}3"


def test_shared_text_in_range_reads(glove_xlsx: Path, tmp_path: Path) -> None:
    from scrisk.readers import load_declaration

    path, _ = _with_shared_text(glove_xlsx, tmp_path / "ok.xlsx", "1")
    assert load_declaration(path).parties[1].name == "Harmless Name Ltd"


@pytest.mark.parametrize("index", ["-1", "-2", "2", "99999"])
def test_shared_text_index_out_of_range_is_a_fault_naming_the_cell(
    glove_xlsx: Path, tmp_path: Path, index: str
) -> None:
    """openpyxl takes -1 as Python does, the last string: another cell's text."""
    path, ref = _with_shared_text(glove_xlsx, tmp_path / "hostile.xlsx", index)
    [fault] = declaration_faults(path)
    assert fault.location.cell == ref and fault.reason == "bad_value"
    assert f"shared text number {index}" in fault.message
