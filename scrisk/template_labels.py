"""What the declaration workbook shows in each language.

``scrisk template --lang fr`` writes French sheet names, headers, drop-down labels and
instructions from the template catalogue (scrisk/i18n/*/template.json); the reader maps
them back (scrisk.readers.excel_lang), so both languages read alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrisk.readers import schema


class Labels:
    """What the workbook shows in one language: sheet names, headers, drop-down labels.

    Headings are the template catalogue's words in the workbook's language ("Supplies
    to", « Approvisionne »), which the reader maps back (scrisk.readers.excel_lang); it
    also takes the schema's own names (spec/declaration.md, the JSON keys).
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
        """The column heading a person reads ("Supplies to", « Approvisionne »); the
        reader takes it, or the field's own name, in either language."""
        return self._t(f"template.field.{section}.{name}")

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


__all__ = ["Labels"]
