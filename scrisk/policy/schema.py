"""Typed policy sections: frozen dataclasses built from TOML/JSON tables, every fault collected.

A policy table is described once, as a frozen dataclass deriving from
:class:`Section`. Its field annotations are the types; ``setting(...)`` adds
the range, the allowed words or the allowed keys of a mapping. :func:`build`
turns a plain table into the dataclass, appending one :class:`Problem` per
unusable value (dotted key, what was expected, what was found) instead of
stopping at the first: a user fixing a policy file sees every fault at once.

Supported field types: ``float``, ``int``, ``bool``, ``str``, ``datetime.date``
(TOML dates or ISO strings from JSON), :data:`PolicyDate` (a date, or "YYYY-MM"
kept as text when only the month is known), ``tuple[str, ...]``, ``Mapping[str, X]``
(X any of these, mappings nested), and another ``Section``. Numbers must be
finite (TOML ``nan``/``inf`` are refused). Sections keep read access by key
(``section["key"]``, ``.get``, ``.items()``), so code written against the
plain dictionaries keeps working while call sites move to attributes.

The declarations (:class:`Section`, ``setting``, :class:`Problem`) are in
:mod:`scrisk.policy.section`; checking and converting values (:func:`build`,
:func:`convert`) in :mod:`scrisk.policy.values`. This module names both.
"""

from __future__ import annotations

from scrisk.policy.section import PolicyDate, Problem, Section, plain, setting
from scrisk.policy.values import MAX_DEPTH, build, check_by_example, convert, depth, month_only

__all__ = [
    "MAX_DEPTH",
    "PolicyDate",
    "Problem",
    "Section",
    "build",
    "check_by_example",
    "convert",
    "depth",
    "month_only",
    "plain",
    "setting",
]
