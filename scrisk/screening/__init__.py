"""Screening of party names against the forced-labour enforcement lists.

from scrisk.screening import screen, Screener
screen(["SUPERMAX GLOVE MFG SDN. BHD."], countries=["MY"])   # pandas DataFrame
Screener().match(names, countries, as_of)                   # list[list[Match]]
"""

from __future__ import annotations

from scrisk.screening.entries import entry_names
from scrisk.screening.match import Match
from scrisk.screening.matcher import Screener, default_screener
from scrisk.screening.normalize import analyze_name, normalize_name
from scrisk.screening.results import screen

__all__ = [
    "Match",
    "Screener",
    "analyze_name",
    "default_screener",
    "entry_names",
    "normalize_name",
    "screen",
]
