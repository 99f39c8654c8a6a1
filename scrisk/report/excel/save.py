"""A reviewer workbook's start and save: same assessment, same bytes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl import Workbook


def save(wb: Workbook, path: str | Path) -> Path:
    """Save with fixed document and zip timestamps, marked as a scrisk report: same
    assessment, same bytes (:func:`scrisk.xlsx_io.save`); every cell format without an
    alignment of its own is top-aligned and wrapped (:func:`top_and_wrapped`)."""
    from scrisk.xlsx_io import save as save_workbook

    return save_workbook(wb, path, report=True, rewrite={"xl/styles.xml": top_and_wrapped})


_CELL_XFS = re.compile(rb"<cellXfs[^>]*>.*?</cellXfs>", re.S)
_STYLE_XFS = re.compile(rb"<cellStyleXfs[^>]*>.*?</cellStyleXfs>", re.S)
_XF = re.compile(rb"<xf\b([^>]*?)(/>|>(.*?)</xf>)", re.S)
_TOP_WRAP = b'<alignment vertical="top" wrapText="1"/>'


def top_and_wrapped(styles_xml: bytes) -> bytes:
    """Every cell format without an alignment of its own (numbers, plain text, the
    default) gets top alignment and wrapped text: rows read alike, nothing is cut off.
    Formats with an alignment (titles that spill on purpose) keep theirs."""

    def xf(m: re.Match[bytes]) -> bytes:
        attrs, inner = m.group(1), m.group(3) or b""
        if b"<alignment" in inner:
            return m.group(0)
        attrs = attrs.replace(b' applyAlignment="0"', b"")
        return b"<xf" + attrs + b' applyAlignment="1">' + _TOP_WRAP + inner + b"</xf>"

    styles_xml = _CELL_XFS.sub(lambda block: _XF.sub(xf, block.group(0)), styles_xml, count=1)
    # the Normal style too: LibreOffice gives cells without a format the Normal style
    return _STYLE_XFS.sub(lambda block: _XF.sub(xf, block.group(0)), styles_xml, count=1)


def new_workbook(lang: str) -> Workbook:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.creator = "scrisk"
    wb.properties.language = "fr-CA" if lang == "fr" else "en-CA"
    return wb
