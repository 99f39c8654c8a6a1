"""``compare()``: rank competing bids for one solicitation, best first, and say why.

The ranking itself (order, why, rows, the comparison JSON) is
:mod:`scrisk.assessment.comparison`, made once from the assessment documents;
this module assesses what is not yet assessed and hands back either the typed
:class:`~scrisk.assessment.comparison.Comparison` (:func:`compare_bids`) or
its DataFrame (:func:`compare`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from scrisk.assessment.comparison import Comparison, rank
from scrisk.assessment.result import Assessment
from scrisk.jsontypes import JsonObject
from scrisk.model import Declaration

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from scrisk.decisions import Decision

# A bid: assessed already, or what scrisk.assess reads (a declaration, its JSON shape, a file)
Bid: TypeAlias = Assessment | Declaration | str | Path | JsonObject
PolicyInput: TypeAlias = str | Path | JsonObject | None  # a policy file or mapping
# reviewer answers: a workbook or CSV, {(party, entry): decision}, or Decision objects
Decisions: TypeAlias = (
    "str | Path | Mapping[tuple[str, str], Decision | str | JsonObject] | Iterable[Decision] | None"
)


def _bids(
    items: Iterable[Bid],
    as_of: date | str | None,
    policy: PolicyInput,
    decisions: Decisions,
    lang: str,
) -> Comparison:
    from scrisk.assessment.engine import assess

    assessments = [
        it
        if isinstance(it, Assessment)
        else assess(it, as_of=as_of, policy=policy, decisions=decisions)
        for it in items
    ]
    if not assessments:
        raise ValueError("compare() needs at least one bid")
    docs = [a.to_dict(lang) for a in assessments]
    return rank(
        docs, lang, assessments=assessments, sources=[a.declaration.source for a in assessments]
    )


def _warn_if_mixed(result: Comparison) -> None:
    if len(result.solicitations) > 1:
        warnings.warn(
            f"bids for different solicitations compared: {', '.join(result.solicitations)}",
            UserWarning,
            stacklevel=3,
        )


def compare_bids(
    items: Iterable[Bid],
    *,
    as_of: date | str | None = None,
    policy: PolicyInput = None,
    decisions: Decisions = None,
    lang: str = "en",
) -> Comparison:
    """Rank bids for one solicitation, best first: a typed :class:`Comparison`.

    ``items`` are Assessments, Declarations, mappings or paths (the latter
    assessed with ``as_of``/``policy``/``decisions``). When the solicitation
    ids differ, a warning is issued and the ``why`` of the bids not on the
    first one's solicitation says so. ``.to_dict()`` is the comparison JSON.
    """
    result = _bids(items, as_of, policy, decisions, lang)
    _warn_if_mixed(result)
    return result


def compare(
    items: Iterable[Bid],
    *,
    as_of: date | str | None = None,
    policy: PolicyInput = None,
    decisions: Decisions = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Rank bids for one solicitation, best first, with a ``why`` column.

    ``items`` are Assessments, Declarations, mappings or paths (the latter
    assessed with ``as_of``/``policy``/``decisions``). When the solicitation ids
    differ, a warning is issued, ``same_solicitation`` is False for the bids
    not on the first one's solicitation and their ``why`` says so. For the
    assessments themselves and the comparison JSON, use :func:`compare_bids`.

    Columns: ``rank`` (1 = best), ``bidder``, ``bidder_name``, ``solicitation``,
    ``source`` (file read, if any), ``same_solicitation``, ``risk_level``,
    ``score``, flag counts ``critical`` ... ``info``, clause statuses
    ``A3006T``, ``POW``, ``PN150``, ``CT9897``, ``CODE``, and ``why`` (in ``lang``).
    """
    result = _bids(items, as_of, policy, decisions, lang)
    _warn_if_mixed(result)
    return result.to_frame()


__all__ = ["compare", "compare_bids"]
