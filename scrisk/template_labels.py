"""What the declaration workbook shows in each language, and its French instructions.

``scrisk template --lang fr`` writes French sheet names, headers, drop-down labels and
instructions from the template catalogue (scrisk/i18n/*/template.json); the reader maps
them back (scrisk.readers.excel_lang), so both languages read alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrisk.readers import schema
from scrisk.schema import AUDIT_RESULTS, CATEGORIES, ILO_INDICATORS, INSTRUMENTS, RIGHTS, ROLES

INTRO_LINES = 6


class Labels:
    """What the workbook shows in one language: sheet names, headers, drop-down labels.

    English shows the schema's own names (as spec/declaration.md); French shows the
    template catalogue's words, which the reader maps back (scrisk.readers.excel_lang).
    """

    def __init__(self, lang: str = "en"):
        from scrisk.i18n import LANGS

        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        self.lang = lang

    def _t(self, key: str, **params: Any) -> str:
        from scrisk.i18n import t

        return t(key, self.lang, **params)

    def sheet(self, section: str) -> str:
        if self.lang == "en" and section in schema.SHEETS:
            return schema.SHEETS[section]
        return self._t(f"template.sheet.{section}")

    def field(self, section: str, name: str) -> str:
        return name if self.lang == "en" else self._t(f"template.field.{section}.{name}")

    def choice(self, field: str, value: Any) -> Any:
        if self.lang == "en" or not isinstance(value, str):
            return value
        from scrisk.i18n import catalogue

        return catalogue(self.lang).get(f"template.choice.{field}.{value}", value)

    def choices(self, field: str, values: Iterable[str]) -> list[str]:
        return [self.choice(field, v) for v in values]

    @property
    def yes(self) -> str:
        return self._t("template.y")

    @property
    def no(self) -> str:
        return self._t("template.n")


def instructions_fr(ws: Any, labels: Labels, sections: Any, put: Any) -> None:
    """The Instructions sheet of the French template, in French only."""
    from openpyxl.styles import Alignment, Font

    from scrisk.i18n import t

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    put(ws, 1, 1, t("template.title", "fr")).font = Font(bold=True, size=14)
    row = 3
    for i in range(1, INTRO_LINES + 1):
        put(ws, row, 1, t(f"template.intro.{i}", "fr")).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.row_dimensions[row].height = 45
        row += 1
    row += 1
    for col, key in enumerate(
        (
            "template.col.sheet",
            "template.col.field_name",
            "template.col.required",
            "template.col.meaning",
        ),
        start=1,
    ):
        put(ws, row, col, t(key, "fr")).font = bold
    header_row = row
    for section, specs in sections:
        for spec in specs:
            row += 1
            put(ws, row, 1, labels.sheet(section))
            put(ws, row, 2, labels.field(section, spec.name))
            put(ws, row, 3, t("template.yes", "fr") if spec.required else "")
            put(ws, row, 4, spec.help_fr).alignment = wrap
    for key, field, ids in (
        ("rights", "", RIGHTS),
        ("indicators", "", ILO_INDICATORS),
        ("role", "role", ROLES),
        ("category", "category", CATEGORIES),
        ("instrument", "instrument", INSTRUMENTS),
        ("result", "result", AUDIT_RESULTS),
    ):
        row += 2
        put(ws, row, 1, t(f"template.vocab.{key}", "fr")).font = bold
        if key == "rights":
            shown = [labels.field("certifications", r) for r in ids]
        elif key == "indicators":
            shown = [f"{i} ({t(f'indicator.{i}', 'fr')})" for i in ids]
        else:
            shown = labels.choices(field, ids)
        put(ws, row, 2, ", ".join(shown)).alignment = wrap
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        ws.row_dimensions[row].height = 45
    for letter, width in zip("ABCD", (22, 24, 10, 80), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


__all__ = ["INTRO_LINES", "Labels", "instructions_fr"]
