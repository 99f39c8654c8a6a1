"""The DHS UFLPA Entity List page (https://www.dhs.gov/uflpa-entity-list) saved as HTML.

The page has one ``<table>`` per list section, each preceded by a paragraph
with the section's description and a link reading "Section 2(d)(2)(B)(i)".
Rows have two cells: the entity (name, aliases, former names, subsidiaries)
and its "Effective Date" ("June 21, 2022"). Read with the standard library's
``html.parser`` (no markup is executed or fetched).
"""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from scrisk.reference.updates.names import collapse, parse_dhs_name
from scrisk.reference.updates.rows import UFLPA, Limits, Parsed, PublisherRow, UpdateError

SOURCE_URL = "https://www.dhs.gov/uflpa-entity-list"
_SECTION = re.compile(r"2\s*\(d\)\s*\(2\)\s*\(B\)\s*\((i{1,3}|iv|v)\)", re.I)
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%Y-%m-%d", "%m/%d/%Y")


class _Tables(HTMLParser):
    """Every table's rows (lists of cell texts), with the section named before it."""

    def __init__(self, limits: Limits, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.limits = limits
        self.path = path
        self.rows = 0  # table rows read, bounded by the entry limit while parsing
        self.too_long: list[str] = []
        self.tables: list[tuple[str, list[tuple[str, list[str]]]]] = []
        self.section = ""
        self._depth = 0
        self._row: list[str] | None = None
        self._kind = ""
        self._cell: list[str] | None = None
        self._outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self._depth == 0:
                self._note_section()
                self.tables.append((self.section, []))
            self._depth += 1
        elif self._depth and tag == "tr":
            self._row, self._kind = [], "td"
        elif self._depth and tag in ("td", "th") and self._row is not None:
            self._cell = []
            if tag == "th":
                self._kind = "th"
        elif self._depth and tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._depth:
            self._depth -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(collapse("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row and self.tables:
                self.rows += 1
                if self.rows > self.limits.max_entries + len(self.tables):  # + header rows
                    self.limits.count([PublisherRow("")] * self.rows, self.path)
                size = sum(len(c) for c in self._row)
                fault = self.limits.row(size, f"table {len(self.tables)}, row {self.rows}")
                if fault:
                    self.too_long.append(fault)
                else:
                    self.tables[-1][1].append((self._kind, self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif not self._depth:
            self._outside.append(data)
            if len(self._outside) > 64:  # only the text just before a table names its section
                self._outside = self._outside[-64:]

    def _note_section(self) -> None:
        found = _SECTION.findall(" ".join(self._outside))
        if found:
            self.section = found[-1].lower()
        self._outside = []


def _date(text: str) -> str | None:
    text = collapse(text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def parse(text: str, path: Path, limits: Limits | None = None) -> Parsed:
    """Rows of every entity table of the page; UpdateError listing every bad row."""
    limits = limits or Limits()
    reader = _Tables(limits, path)
    step = 1 << 16  # fed in pieces, so the entry limit stops a huge page early
    for start in range(0, len(text), step):
        reader.feed(text[start : start + step])
    reader.close()
    if reader.too_long:
        raise UpdateError(
            f"{path}: {len(reader.too_long)} unreadable row(s):\n  " + "\n  ".join(reader.too_long)
        )
    rows: list[PublisherRow] = []
    faults: list[str] = []
    tables = 0
    for t_index, (section, table) in enumerate(reader.tables, start=1):
        header = next((cells for kind, cells in table if kind == "th"), None)
        if header is None:
            continue
        lower = [h.lower() for h in header]
        name_col = next((i for i, h in enumerate(lower) if "entity" in h), None)
        date_col = next((i for i, h in enumerate(lower) if "date" in h), None)
        if name_col is None or date_col is None:
            continue
        tables += 1
        body = [cells for kind, cells in table if kind == "td"]
        for r_index, cells in enumerate(body, start=1):
            where = f"table {t_index} (section {section or '?'}), row {r_index}"
            if len(cells) <= max(name_col, date_col):
                faults.append(f"{where}: {len(cells)} cells, expected {len(header)}")
                continue
            cell = parse_dhs_name(cells[name_col])
            issued = _date(cells[date_col])
            if not cell.name:
                faults.append(f"{where}: no entity name")
                continue
            if issued is None:
                faults.append(f"{where}: effective date {cells[date_col]!r} is not a date")
                continue
            for name in (cell.name, *cell.subsidiaries):
                rows.append(
                    PublisherRow(
                        entity=name,
                        aliases=list(cell.aliases) if name == cell.name else [],
                        former_names=list(cell.former_names) if name == cell.name else [],
                        country="CN",
                        country_declared="China (PRC entity, per the list's scope)",
                        action="Entity List",
                        issued=issued,
                        section=section,
                        source_url=SOURCE_URL,
                        covers_subsidiaries=cell.covers_subsidiaries and name == cell.name,
                        notes=""
                        if name == cell.name
                        else f"Subsidiary named in {cell.name}'s row.",
                        where=where,
                    )
                )
                limits.count(rows, path)
    if not tables:
        raise UpdateError(
            f"{path}: wrong format: no HTML table with 'Entity' and 'Effective Date' columns "
            "(is this the DHS UFLPA Entity List page?)"
        )
    if faults:
        raise UpdateError(f"{path}: {len(faults)} unreadable row(s):\n  " + "\n  ".join(faults))
    latest = max((r.issued for r in rows), default="")
    return Parsed(UFLPA, "DHS UFLPA Entity List page (HTML)", rows, path, latest)


__all__ = ["SOURCE_URL", "parse"]
