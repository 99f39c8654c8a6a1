"""Colours, labels and number formats shared by the terminal renderers.

Risk levels and severities are colour-coded the same everywhere; anything
without a rating is printed as "unknown" (never as low), and scores use a
decimal comma in French. Imported only by the terminal renderers, so rich is
imported at module level here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import TypeVar

from rich.text import Text

from scrisk.assessment.document import BidderDoc, PartyDoc
from scrisk.assessment.document_part import Part
from scrisk.i18n import t
from scrisk.i18n.format import score_text
from scrisk.jsontypes import JsonValue
from scrisk.report.terminal.wrap import keep_no_break_spaces
from scrisk.textsafe import inert
from scrisk.vocab import SEVERITIES, UNKNOWN_LEVEL

keep_no_break_spaces()  # French lines never break before « : » (terminal_wrap)
LEVEL_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "green",
    "info": "cyan",
    "unknown": "bold magenta",
}
STATUS_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "review": "yellow",
    "not_applicable": "dim",
    "high_risk": "bold red",
    "no_indicator": "green",
}
ARROW = " → "


_KEEP = re.compile("([\u00a0\u202f])")  # the non-breaking spaces of French typography


def inert_doc(value: JsonValue) -> JsonValue:
    """A copy of a document with every string made inert (:func:`scrisk.textsafe.inert`):
    declared names, addresses and messages quoting them can neither send escape
    sequences (clear the screen, set the window title, forge a hyperlink) nor carry
    markup. Newlines and non-breaking spaces are kept."""
    if isinstance(value, str):
        return "".join(
            p if _KEEP.fullmatch(p) else inert(p, keep_newlines=True) for p in _KEEP.split(value)
        )
    if isinstance(value, Mapping):
        return {k: inert_doc(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [inert_doc(v) for v in value]
    return value


_P = TypeVar("_P", bound=Part)


def inert_part(part: _P) -> _P:
    """A copy of a typed document (or any part of it) with every string made inert, as
    :func:`inert_doc` does for a plain one."""
    values = {f.name: _inert_value(getattr(part, f.name)) for f in dataclasses.fields(part)}
    return type(part)(**values)


def _inert_value(value: object) -> object:
    if isinstance(value, Part):
        return inert_part(value)
    if isinstance(value, tuple):
        return tuple(_inert_value(v) for v in value)
    if isinstance(value, str | list | Mapping):
        return inert_doc(value)
    return value


def number(value: object, lang: str) -> str:
    """A score with one decimal (decimal comma in French); missing is "unknown"."""
    return score_text(value, lang)


def level_text(level: str | None, lang: str) -> Text:
    """A risk level or severity, colour-coded; anything unrated shows as "unknown"."""
    if level in SEVERITIES:
        return Text(t(f"severity.{level}", lang), style=LEVEL_STYLE[level])
    return Text(t("level.unknown", lang), style=LEVEL_STYLE[UNKNOWN_LEVEL])


def status_text(status: str | None, lang: str) -> Text:
    if status in STATUS_STYLE:
        return Text(t(f"status.{status}", lang), style=STATUS_STYLE[status])
    return Text(t("level.unknown", lang), style=LEVEL_STYLE[UNKNOWN_LEVEL])


def party_label(party: PartyDoc | BidderDoc | None, party_id: str, lang: str) -> Text:
    """``M1 Supermax ... (manufacturer, MY)``; declared text stays plain text (a bidder
    not among the parties shows its name and "?")."""
    label = Text(party_id, style="bold")
    if party is None:
        return label
    if party.name:
        label.append(" " + str(party.name))
    facts = []
    if isinstance(party, PartyDoc) and party.role:
        facts.append(t(f"role.{party.role}", lang))
    country = party.country or party.country_declared if isinstance(party, PartyDoc) else None
    facts.append(str(country or "?"))
    label.append(f" ({', '.join(facts)})", style="dim")
    return label


__all__ = [
    "ARROW",
    "LEVEL_STYLE",
    "STATUS_STYLE",
    "level_text",
    "number",
    "inert_doc",
    "inert_part",
    "party_label",
    "status_text",
]
