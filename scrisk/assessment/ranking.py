"""``compare()``: rank competing bids for one solicitation, best first, and say why.

Order: bids without critical issues first (a critical flag or a failed clause
makes a bid a poor choice whatever its score), then fewer critical flags,
fewer failed clauses, lower risk level, lower score; ties keep input order.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.assessment.clauses import CLAUSES
from scrisk.assessment.result import Assessment
from scrisk.findings import RISK_LEVELS
from scrisk.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _why(doc: dict[str, Any], lang: str, other_solicitation: bool) -> str:
    parts: list[str] = []
    flags = doc["flags"]
    # rules by their titles, never their ids
    critical = sorted({t(f"rule.{f['rule']}.title", lang) for f in flags
                       if f["severity"] == "critical"})
    high = sorted({t(f"rule.{f['rule']}.title", lang) for f in flags if f["severity"] == "high"})
    # clauses by the name people use ("PN-150"), never the id ("PN150")
    failed = [t(f"clause.short.{c['clause']}", lang) for c in doc["clauses"]
              if c["status"] == "fail"]
    review = [t(f"clause.short.{c['clause']}", lang) for c in doc["clauses"]
              if c["status"] == "review"]
    if critical:
        parts.append(
            t(
                "compare.why.critical",
                lang,
                rules="; ".join(critical),
                count=sum(f["severity"] == "critical" for f in flags),
            )
        )
    if failed:
        parts.append(t("compare.why.failed", lang, clauses=", ".join(failed)))
    if high:
        parts.append(t("compare.why.high", lang, rules="; ".join(high)))
    if review:
        parts.append(t("compare.why.review", lang, clauses=", ".join(review)))
    if not (critical or failed or high or review):
        parts.append(t("compare.why.clean", lang))
    parts.append(
        t(
            "compare.why.score",
            lang,
            score=f"{doc['score']:.1f}".replace(".", "," if lang == "fr" else "."),
            level=t(f"severity.{doc['risk_level']}", lang),
        )
    )
    if other_solicitation:
        parts.append(t("compare.why.other_solicitation", lang, id=doc["solicitation"]["id"]))
    return "; ".join(parts)


def compare(
    items: Iterable[Assessment | Any],
    *,
    as_of: date | str | None = None,
    policy: str | Path | Mapping[str, Any] | None = None,
    decisions: Any = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Rank bids for one solicitation, best first, with a ``why`` column.

    ``items`` are Assessments, Declarations, mappings or paths (the latter
    assessed with ``as_of``/``policy``/``decisions``). When the solicitation ids
    differ, a warning is issued, ``same_solicitation`` is False for the bids
    not on the first one's solicitation and their ``why`` says so. The
    assessments are in ``frame.attrs["assessments"]``, in ranked order.

    Columns: ``rank`` (1 = best), ``bidder``, ``bidder_name``, ``solicitation``,
    ``source`` (file read, if any), ``same_solicitation``, ``risk_level``,
    ``score``, flag counts ``critical`` ... ``info``, clause statuses
    ``A3006T``, ``POW``, ``PN150``, ``CT9897``, ``CODE``, and ``why`` (in ``lang``).
    """
    import pandas as pd

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
    first = docs[0]["solicitation"]["id"]
    ids = sorted({d["solicitation"]["id"] for d in docs})
    if len(ids) > 1:
        warnings.warn(
            f"bids for different solicitations compared: {', '.join(ids)}",
            UserWarning,
            stacklevel=2,
        )
    level_rank = {lv: i for i, lv in enumerate(reversed(RISK_LEVELS))}  # low 0 ... critical 3
    rows = []
    for i, (a, d) in enumerate(zip(assessments, docs, strict=True)):
        sev = d["summary"]["flags_by_severity"]
        status = {c["clause"]: c["status"] for c in d["clauses"]}
        failed = sum(s == "fail" for s in status.values())
        key = (
            int(sev["critical"] > 0 or failed > 0),
            sev["critical"],
            failed,
            level_rank[d["risk_level"]],
            d["score"],
            i,
        )
        rows.append(
            (
                key,
                a,
                {
                    "bidder": d["bidder"]["id"],
                    "bidder_name": d["bidder"]["name"],
                    "solicitation": d["solicitation"]["id"],
                    "source": a.declaration.source,
                    "same_solicitation": d["solicitation"]["id"] == first,
                    "risk_level": d["risk_level"],
                    "score": d["score"],
                    **{s: sev[s] for s in ("critical", "high", "medium", "low", "info")},
                    **{c: status.get(c) for c in CLAUSES},
                    "why": _why(d, lang, d["solicitation"]["id"] != first),
                },
            )
        )
    rows.sort(key=lambda r: r[0])
    frame = pd.DataFrame([{"rank": n + 1, **r[2]} for n, r in enumerate(rows)])
    frame.attrs["assessments"] = [r[1] for r in rows]
    return frame


__all__ = ["compare"]
