"""A reviewer's decision on one name match: the value type and its spellings."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from scrisk.decisions.keys import supplier_key
from scrisk.vocab import DECISIONS

# Folded spellings (see fold) of each decision, English and French.
_SPELLINGS = {
    "confirmed": {"confirmed", "confirm", "confirme", "confirmee"},
    "not_a_match": {"not a match", "no match", "pas une correspondance", "pas de correspondance"},
    "unsure": {"unsure", "not sure", "incertain", "incertaine"},
}
_BY_SPELLING = {s: d for d, spellings in _SPELLINGS.items() for s in spellings}


def fold(value: object) -> str:
    """Case, accents, underscores, hyphens and apostrophes folded; spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    for ch in "_-'\u2019":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def normalise_decision(value: object) -> str | None:
    """``"confirmed" | "not_a_match" | "unsure"``, or None when ``value`` is none of them.

    Accepts the English and French labels of the Review sheet's drop-down
    ("not a match", "pas une correspondance", "Confirmé" ...), the ids
    themselves, in any case, with or without accents.
    """
    if value is None:
        return None
    return _BY_SPELLING.get(fold(value))


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's answer about one name match: a supplier x a list entry.

    ``party`` is the party id in the bid the answer was given on. It applies in
    any bid to the same *supplier*: the same normalised ``name`` and resolved
    ``country`` (ISO-2), against the same list entry; a party id alone says
    nothing about who the supplier is in another bid. ``entry_state`` is the
    state of the list entry decided against (see :func:`entry_state`); when the
    entry changes later, the question is open again.
    """

    party: str
    entry_id: str
    decision: str  # "confirmed" | "not_a_match" | "unsure"
    reviewer: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    comment: str | None = None
    name: str | None = None  # the supplier's name as declared
    country: str | None = None  # the supplier's resolved ISO-2 country
    entry_state: str | None = None  # the list entry's state decided against

    def __post_init__(self) -> None:
        normal = normalise_decision(self.decision)
        if normal is None:
            raise ValueError(
                f"decision must be one of {', '.join(DECISIONS)}, not {self.decision!r}"
            )
        object.__setattr__(self, "decision", normal)

    @property
    def key(self) -> tuple[str, str]:
        return (self.party, self.entry_id)

    @property
    def supplier_key(self) -> tuple[str, str, str] | None:
        """(normalised name, country, entry id), or None when no name is known."""
        if not self.name:
            return None
        return supplier_key(self.name, self.country, self.entry_id)

    def to_dict(self) -> dict[str, str | None]:
        return {
            "party": self.party,
            "entry_id": self.entry_id,
            "decision": self.decision,
            "reviewer": self.reviewer,
            "date": self.date,
            "comment": self.comment,
        }
