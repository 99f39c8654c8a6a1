"""DATA_GAP (info) for an as-of date past the horizon of a dataset a verdict rests on.

A verdict rests on the datasets every name screening uses (policy
``[data] screening_datasets``: CBP and UFLPA by default) and on every dataset
a flag raised so far cites. When the as-of date lies after such a dataset's
horizon, what happened after it (a listing, a lifting) is not in the data: the
risk is unknown, never low. One bid-level flag per dataset; the warnings of
the document say the same for every dataset used (scrisk.reference.freshness).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import dataset_record, flag
from scrisk.assessment.rules.spec import RuleSpec
from scrisk.findings import Flag
from scrisk.i18n import LANGS, dataset_name, edition_name
from scrisk.reference.freshness import horizon_of, settings

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.reference.loader import Reference
    from scrisk.reference.model import DatasetInfo


def rests_on(ctx: Context) -> list[str]:
    """Ids of the datasets the verdict rests on, in manifest order."""
    _, screening = settings(ctx.policy)
    cited = {ev.source for flags in ctx.found.values() for f in flags for ev in f.evidence}
    return [
        d.id for d in ctx.reference.datasets if d.id in screening or ctx.source_title(d.id) in cited
    ]


@lru_cache(maxsize=64)
def _past_horizon(reference: Reference, as_of: date) -> tuple[tuple[str, DatasetInfo, date], ...]:
    """(id, info, horizon) of each dataset whose horizon the as-of date is past, in manifest
    order (the same for every bid of a date: worked out once)."""
    out: list[tuple[str, DatasetInfo, date]] = []
    for d in reference.datasets:
        info = reference.dataset(d.id)
        horizon = horizon_of(info)
        if horizon is not None and as_of > horizon:
            out.append((d.id, info, horizon))
    return tuple(out)


def check(ctx: Context, rule: RuleSpec) -> list[Flag]:
    """The flags, of ``rule`` (DATA_GAP's declaration, in data_gap.py)."""
    past = _past_horizon(ctx.reference, ctx.as_of)
    if not past:  # most as-of dates: no dataset to ask about (the flags are not read)
        return []
    used = set(rests_on(ctx))
    out: list[Flag] = []
    for ds, info, horizon in past:
        if ds not in used:
            continue
        out.append(
            flag(
                ctx,
                rule,
                "info",
                "past_horizon",
                evidence=(dataset_record(ctx, ds, f"horizon:{horizon.isoformat()}"),),
                params={  # the dataset and its edition in each language (the sourced table)
                    "title": {lang: dataset_name(ds, info.title, lang) for lang in LANGS},
                    "edition": {lang: edition_name(str(info.edition), lang) for lang in LANGS},
                    "horizon": horizon.isoformat(),
                    "as_of": ctx.as_of.isoformat(),
                },
            )
        )
    return out
