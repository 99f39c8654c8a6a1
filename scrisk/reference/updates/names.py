"""Name cells as publishers write them: aliases, former names, subsidiaries clauses.

DHS writes one cell per entity, e.g.::

    Hoshine Silicon Industry (Shanshan) Co., Ltd (including one alias: Hesheng
    Silicon Industry (Shanshan) Co.) and subsidiaries
    Xinjiang Goens Energy Technology Co., Ltd. (formerly known as Xinjiang GCL New
    Energy Material Technology Co., Ltd.; and Xinjiang GCL New Energy Materials ...)
    Ninestar Corporation and its eight Zhuhai-based subsidiaries, which include A, B, and C

CBP writes ``NAME, a/k/a NAME, a/k/a NAME``. Parentheses inside names are kept:
the alias group is found by balancing brackets, not by a regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPENERS = re.compile(
    r"\(\s*(?:(?P<alias>(?:and|including)\s+(?P<count>\w+)\s+alias(?:es)?\s*:|"
    r"also\s+known\s+as)|(?P<former>formerly\s+known\s+as))\s*",
    re.I,
)
_SUBS_LIST = re.compile(
    r",?\s+and\s+its\s+(?:(?:\w+\s+)?[\w-]+-based\s+subsidiaries,?\s+which\s+include|"
    r"subsidiary)\s+(?P<list>.+)$",
    re.I,
)
_SUBS_CLAUSE = re.compile(
    r",?\s+and\s+(?:its\s+)?(?:subordinate\s+and\s+affiliated\s+entities|subsidiaries)\s*\.?$",
    re.I,
)
_AKA = re.compile(r",?\s*\ba/k/a\b\s*", re.I)
_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass
class NameCell:
    name: str
    aliases: list[str] = field(default_factory=list)
    former_names: list[str] = field(default_factory=list)
    subsidiaries: list[str] = field(default_factory=list)
    covers_subsidiaries: bool = False


def collapse(text: str) -> str:
    """Whitespace (non-breaking spaces included) collapsed to single spaces."""
    return " ".join(text.replace("\xa0", " ").split())


def _split_list(text: str, count: int | None = None) -> list[str]:
    parts = [p for p in re.split(r"\s*;\s*", text) if p.strip()]
    if len(parts) == 1 and (count or 0) > 1:
        parts = re.split(r",?\s+and\s+", text, maxsplit=(count or 2) - 1)
    out = []
    for part in parts:
        part = re.sub(r"^(?:and|or)\s+", "", part.strip(), flags=re.I).strip().rstrip(",")
        if part:
            out.append(part)
    return out


_LEGAL_TAIL = re.compile(r",(\s*(?:Ltd|Inc|LLC|Limited|Co|S\.A|S\.R\.L)\b\.?)", re.I)


def _split_names(text: str) -> list[str]:
    """'A Co., Ltd., B Co., Ltd., and C Co., Ltd.' -> the three names (legal tails kept)."""
    guarded = _LEGAL_TAIL.sub(lambda m: "\x00" + m.group(1), text)
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", guarded)
    return [p.replace("\x00", ",").strip() for p in parts if p.strip()]


def _group_end(text: str, start: int) -> int:
    """Index of the ')' closing the '(' at ``start`` (len(text) when unbalanced)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def parse_dhs_name(cell: str) -> NameCell:
    """Split a DHS entity cell into name, aliases, former names and subsidiaries."""
    text = collapse(cell)
    aliases: list[str] = []
    former: list[str] = []
    while (m := _OPENERS.search(text)) is not None:
        end = _group_end(text, m.start())
        inner = text[m.end() : end]
        count = _COUNT.get((m.group("count") or "").lower())
        (aliases if m.group("alias") else former).extend(_split_list(inner, count))
        text = collapse(text[: m.start()] + " " + text[end + 1 :])
    subs: list[str] = []
    covers = False
    if (m := _SUBS_LIST.search(text)) is not None:
        subs = _split_names(m.group("list"))
        text, covers = text[: m.start()], True
    if (m := _SUBS_CLAUSE.search(text)) is not None:
        text, covers = text[: m.start()], True
    return NameCell(text.strip().rstrip(","), aliases, former, [s.strip() for s in subs], covers)


def strip_scope(name: str) -> tuple[str, bool]:
    """('X and its subsidiaries') -> ('X', True): the scope clause is not part of the name."""
    m = _SUBS_CLAUSE.search(name)
    return (name[: m.start()].strip().rstrip(","), True) if m else (name, False)


def split_aka(cell: str) -> tuple[str, list[str]]:
    """CBP's 'NAME, a/k/a NAME, a/k/a NAME' -> (first name, other names)."""
    parts = [collapse(p) for p in _AKA.split(cell) if collapse(p)]
    return (parts[0], parts[1:]) if parts else ("", [])


__all__ = ["NameCell", "collapse", "parse_dhs_name", "split_aka", "strip_scope"]
