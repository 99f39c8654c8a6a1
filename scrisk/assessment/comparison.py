"""Competing bids ranked once, from their documents: the typed comparison result.

Order: bids without critical issues first (a critical flag, a failed clause or
a risk clause at high risk makes a bid a poor choice whatever its score), then
fewer critical flags, fewer failed or high-risk clauses, lower risk level, lower
score; ties keep input order.

Everything here reads assessment *documents* (``Assessment.to_dict(lang)``),
so the same ranking serves ``compare()``, the comparison JSON, the terminal
and the comparison workbook (which may be given documents only). This module
imports no renderer and no engine.

    c = compare_bids([a1, a2, "bid3.json"], lang="fr")
    c.bids[0].typed.bidder, c.bids[0].why     # best first
    c.to_dict()                                      # the comparison JSON
    c.to_frame()                                     # the DataFrame of scrisk.compare()
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from scrisk.assessment.clauses import CLAUSES
from scrisk.assessment.document import AssessmentDocument, document_of
from scrisk.i18n import t
from scrisk.i18n.format import decimal
from scrisk.jsontext import dumps
from scrisk.jsontypes import JsonObject, JsonValue
from scrisk.vocab import RISK_LEVELS, SEVERITIES, ClauseStatus, Severity, level_risk

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from scrisk.assessment.document_build import Assessment

FORMAT = "scrisk-comparison/1"
_WORSE_THAN_ANY = level_risk(RISK_LEVELS[0]) + 1  # a bid without a level ranks last
Doc = AssessmentDocument | JsonObject  # typed, or its dict (a saved JSON)
_FAILED = (ClauseStatus.FAIL.value, ClauseStatus.HIGH_RISK.value)


def rank_key(doc: Doc, index: int) -> tuple[int, int, int, int, float, int]:
    """Sort key of one bid's document (smaller is better); ``index`` breaks ties."""
    d = document_of(doc)
    critical = int(d.summary.flags_by_severity.get(Severity.CRITICAL, 0))
    # a clause failed, or a risk clause at high risk, weighs the same (issue 9)
    failed = sum(1 for c in d.clauses if c.status in _FAILED)
    level_rank = level_risk(d.risk_level) if d.risk_level in RISK_LEVELS else _WORSE_THAN_ANY
    score = d.score
    return (
        int(critical > 0 or failed > 0),
        critical,
        failed,
        level_rank,
        score if isinstance(score, int | float) else float("inf"),
        index,
    )


def rank_documents(docs: Sequence[Doc]) -> list[int]:
    """Indices of ``docs`` best first."""
    typed = [document_of(d) for d in docs]
    return sorted(range(len(typed)), key=lambda i: rank_key(typed[i], i))


def why(doc: Doc, lang: str, other_solicitation: bool = False) -> str:
    """Why a bid stands where it does, in ``lang``: critical rules, failed, high-risk and
    review clauses, high rules, score and level."""
    d = document_of(doc)
    parts: list[str] = []
    # rules by their titles, never their ids
    critical = sorted(
        {t(f"rule.{f.rule}.title", lang) for f in d.flags if f.severity == "critical"}
    )
    high = sorted({t(f"rule.{f.rule}.title", lang) for f in d.flags if f.severity == "high"})

    def named(status: str) -> list[str]:
        # clauses by the name people use ("PN-150"), never the id ("PN150")
        return [t(f"clause.short.{c.clause}", lang) for c in d.clauses if c.status == status]

    failed = named(ClauseStatus.FAIL.value)
    review = named(ClauseStatus.REVIEW.value)
    high_risk = named(ClauseStatus.HIGH_RISK.value)
    if critical:
        count = sum(f.severity == "critical" for f in d.flags)
        parts.append(t("compare.why.critical", lang, rules="; ".join(critical), count=count))
    if failed:
        parts.append(t("compare.why.failed", lang, clauses=", ".join(failed)))
    if high_risk:
        parts.append(t("compare.why.high_risk", lang, clauses=", ".join(high_risk)))
    if high:
        parts.append(t("compare.why.high", lang, rules="; ".join(high)))
    if review:
        parts.append(t("compare.why.review", lang, clauses=", ".join(review)))
    if not (critical or failed or high_risk or high or review):
        parts.append(t("compare.why.clean", lang))
    score, level = d.score, d.risk_level
    if isinstance(score, int | float) and level:
        parts.append(
            t(
                "compare.why.score",
                lang,
                score=decimal(score, lang),
                level=t(f"severity.{level}", lang),
            )
        )
    if other_solicitation:
        parts.append(t("compare.why.other_solicitation", lang, id=d.solicitation.id))
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class RankedBid:
    """One bid in a comparison: its place, document, ranking row and why."""

    rank: int  # 1 = best
    index: int  # position in the input
    document: JsonObject  # Assessment.to_dict(lang): what the comparison JSON embeds
    typed: AssessmentDocument  # the same document, read by attribute
    source: str | None  # the file the declaration was read from, if any
    same_solicitation: bool
    why: str
    assessment: Assessment | None = None  # None when compared from documents

    def row(self) -> dict[str, JsonValue]:
        """The ranking row (one line of ``scrisk.compare()`` and of the comparison JSON)."""
        d = self.typed
        counts = d.summary.flags_by_severity
        status = {c.clause: c.status for c in d.clauses}
        return {
            "rank": self.rank,
            "bidder": d.bidder.id,
            "bidder_name": d.bidder.name,
            "solicitation": d.solicitation.id,
            "source": self.source,
            "same_solicitation": self.same_solicitation,
            "risk_level": d.risk_level,
            "score": d.score,
            **{s: int(counts.get(s, 0)) for s in SEVERITIES},
            **{c: status.get(c) for c in CLAUSES},
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Bids ranked best first, in one language; serialised by :meth:`to_dict`."""

    lang: str
    bids: tuple[RankedBid, ...]  # best first
    as_of: str | None = None  # the date every bid was assessed on, when they agree
    # fault records (``scrisk-fault/1``) of inputs of the batch that could not be read,
    # in input order; they are not ranked, only listed under ``"unusable"``
    unusable: tuple[JsonObject, ...] = ()

    @property
    def solicitations(self) -> list[str]:
        """Sorted ids of the solicitations the bids answer (more than one: a warning)."""
        return sorted({str(b.typed.solicitation.id) for b in self.bids})

    @property
    def assessments(self) -> list[Assessment]:
        """The assessments in ranked order (when the comparison was made from assessments)."""
        return [b.assessment for b in self.bids if b.assessment is not None]

    def rows(self) -> list[dict[str, JsonValue]]:
        """The ranking rows, best first."""
        return [b.row() for b in self.bids]

    def with_unusable(self, records: Sequence[JsonObject]) -> Comparison:
        """This comparison, listing the fault records of the inputs that could not be read."""
        return replace(self, unusable=tuple(records))

    def to_dict(self) -> dict[str, JsonValue]:
        """The comparison JSON: ``{"format", "lang", "as_of", "ranking", "assessments",
        "disclaimer"}``, and ``"unusable"`` (fault records, input order) when an input
        of the batch could not be read."""
        unusable = {"unusable": [dict(u) for u in self.unusable]} if self.unusable else {}
        return {
            "format": FORMAT,
            "lang": self.lang,
            "as_of": self.as_of,
            "ranking": self.rows(),
            "assessments": [dict(b.document) for b in self.bids],
            "disclaimer": t("disclaimer.assessment", self.lang),
            **unusable,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The comparison JSON text: sorted keys, UTF-8, trailing newline, strict JSON."""
        return dumps(self.to_dict(), indent=indent)

    def to_frame(self) -> pd.DataFrame:
        """One row per bid, best first (the frame :func:`scrisk.compare` returns)."""
        import pandas as pd

        return pd.DataFrame(self.rows())


def rank(
    docs: Sequence[JsonObject],
    lang: str,
    *,
    assessments: Sequence[Assessment] | None = None,
    sources: Sequence[str | None] | None = None,
    as_of: str | None = None,
) -> Comparison:
    """A :class:`Comparison` of assessment documents (all in ``lang``), ranked once."""
    if not docs:
        raise ValueError("a comparison needs at least one bid")
    typed = [document_of(d) for d in docs]  # read once
    first = typed[0].solicitation.id
    if as_of is None:
        dates = {d.as_of for d in typed}
        as_of = dates.pop() if len(dates) == 1 else None
    bids = []
    for place, i in enumerate(rank_documents(typed), start=1):
        same = typed[i].solicitation.id == first
        bids.append(
            RankedBid(
                rank=place,
                index=i,
                document=docs[i],
                typed=typed[i],
                source=sources[i] if sources is not None else None,
                same_solicitation=same,
                why=why(typed[i], lang, not same),
                assessment=assessments[i] if assessments is not None else None,
            )
        )
    return Comparison(lang=lang, bids=tuple(bids), as_of=as_of)


__all__ = ["FORMAT", "Comparison", "RankedBid", "rank", "rank_documents", "rank_key", "why"]
