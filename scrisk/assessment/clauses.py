"""The clause matrix (rules.md v2): what an evaluation panel reads first.

One row per clause, with the flags behind it (``RULE:party:good``), a note
key, the clause's ``kind`` and the text it rests on (``source_key``). A row
states what the reference data used shows; whether a bid is non-responsive,
a contract terminated or goods prohibited is for the contracting authority or
CBSA to decide. Two vocabularies:

* documentary clauses (``A3006T``, ``POW``, ``S211``): ``pass``, ``review``,
  ``fail``, ``not_applicable``. A3006T is a condition of award: a missing or
  incomplete certification is ``review`` at the bid stage (obtain it before
  award) and ``fail`` at the contract stage. POW fails only when a party of the
  production chain lacks its name, address or country (high POW flags); gaps
  of other parties are ``review``. S211 is ``review`` on any S211 flag.
* risk clauses (``CT9897``, ``PN150``, ``CODE``): ``high_risk``, ``review``,
  ``no_indicator``, ``not_applicable``. CT9897 is ``high_risk`` on a critical
  CT9897 flag, ``review`` on a high one or when part of the chain cannot be
  checked (CHAIN_GAP, DATA_GAP, a possible or status-unknown name match), and
  ``not_applicable`` when every party of every good's chain is in Canada (the
  item applies to imports). PN150 reads as CT9897, plus ``review`` on an AUDIT
  flag; it is a contract clause, so its bid-stage notes say what the winning
  bidder will be bound to. CODE is ``high_risk`` on a critical labour flag or
  an AUDIT flag, ``review`` on any other labour-risk flag.

Dates come from the policy (``[clauses]``): by category for A3006T and POW,
by instrument for PN150, by department (``[procurement] department``) for
CODE; a date given as ``YYYY-MM`` is known only to the month and notes say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scrisk.assessment.context import CONTRACT_CLAUSES, Context
from scrisk.assessment.rules.spec import Effect
from scrisk.dates import month_only, to_date
from scrisk.findings import Flag, made_straight
from scrisk.jsontypes import JsonValue

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy.section import PolicyDate

CLAUSES = ("A3006T", "POW", "PN150", "CT9897", "CODE", "S211")
KINDS = {
    "A3006T": "documentary",
    "POW": "documentary",
    "S211": "documentary",
    "PN150": "risk",
    "CT9897": "risk",
    "CODE": "risk",
}
DOCUMENTARY_STATUSES = ("pass", "review", "fail", "not_applicable")
RISK_STATUSES = ("high_risk", "review", "no_indicator", "not_applicable")
HOME = "CA"  # the item prohibits imports into Canada
INSTRUMENT_LABEL = {
    "contract": {"en": "contract", "fr": "contrat"},
    "standing_offer": {"en": "standing offer", "fr": "offre à commandes"},
    "supply_arrangement": {
        "en": "supply arrangement",
        "fr": "arrangement en matière d'approvisionnement",
    },
}


@dataclass(frozen=True, slots=True)
class ClauseStatus:
    clause: str
    status: str  # DOCUMENTARY_STATUSES or RISK_STATUSES, by kind
    flags: tuple[str, ...] = ()
    note_key: str = ""
    note_params: dict[str, JsonValue] = field(default_factory=dict)
    kind: str = "documentary"  # "documentary" or "risk"
    source_key: str = ""  # i18n key of the text the clause rests on


# ClauseStatus(...), made faster (the same arguments)
_new_status = made_straight(ClauseStatus)


def flag_ref(f: Flag) -> str:
    """How the clause matrix refers to a flag: ``RULE:party:good``."""
    return f"{f.rule}:{f.party or ''}:{f.good or ''}"


def _refs(flags: Iterable[Flag]) -> tuple[str, ...]:
    # flag_ref of each, inline (a clause's flags are most of the bid's), the rule joined
    # as text (formatting a StrEnum in an f-string goes through its __format__)
    return tuple(sorted({f.rule + ":" + (f.party or "") + ":" + (f.good or "") for f in flags}))


def department(ctx: Context) -> str:
    """The department running the procurement (policy ``[procurement] department``)."""
    return ctx.policy.procurement.department or "PSPC"


def clause_date(ctx: Context, clause: str) -> PolicyDate | None:
    """The policy value (date or "YYYY-MM") from which ``clause`` applies here; None = never."""
    if clause == "PN150":
        key: str = ctx.declaration.solicitation.instrument or "contract"
    elif clause == "CODE":
        key = department(ctx)
    elif clause == "CT9897":
        return date.min  # prison labour: no start date
    else:
        key = ctx.category
    value = ctx.clause_start(clause, key)
    return None if value in (None, "") else value


def since_text(value: PolicyDate) -> dict[str, str]:
    """A clause date for notes; a month-only date says the day is not known."""
    if month_only(value):
        return {"en": f"{value} (day not known)", "fr": f"{value} (jour inconnu)"}
    day = to_date(value)  # a policy date is never blank: checked when the policy is read
    text = day.isoformat() if day is not None else str(value)
    return {"en": text, "fr": text}


def source_key(ctx: Context, clause: str) -> str:
    if clause == "CODE":
        dates = ctx.policy.clauses.CODE
        return f"clause_source.CODE.{'department' if department(ctx) in dates else 'all'}"
    return f"clause_source.{clause}"


def wholly_domestic(ctx: Context) -> bool:
    """Every good has a declared chain and every party of it is located in Canada."""
    goods = ctx.declaration.solicitation.goods
    if not goods or any(not ctx.makers(g.id) for g in goods):
        return False
    # an assumed country (assumed.py) is not a declared Canadian location
    return all(
        ctx.party(p).country_code == HOME and not ctx.party(p).country_assumed
        for g in goods
        for p in ctx.chain(g.id)
    )


def _row(
    ctx: Context, clause: str, status: str, flags: Iterable[Flag], note: str, **params: JsonValue
) -> ClauseStatus:
    made: ClauseStatus = _new_status(
        clause,
        status,
        _refs(flags),
        note,
        {
            "department": department(ctx),
            "as_of": ctx.as_of.isoformat(),
            "contract_date": ctx.signed.isoformat(),
            **params,
        },
        KINDS[clause],
        source_key(ctx, clause),
    )
    return made


def fed(flags: Iterable[Flag], clause: str) -> dict[Effect, list[Flag]]:
    """The flags that feed ``clause``, by what they do to it: derived from what each
    rule declares (``RULE.feeds`` of its module, :mod:`scrisk.assessment.rules.spec`)."""
    from scrisk.assessment.rules import rule_specs

    specs = rule_specs()
    out: dict[Effect, list[Flag]] = {effect: [] for effect in Effect}
    # what a flag does depends on its rule, severity and message only: asked once of each
    known: dict[tuple[str, str, str], Effect | None] = {}
    for f in flags:
        kind = (f.rule, f.severity, f.message_key)
        if kind in known:
            effect = known[kind]
        else:
            effect = known[kind] = specs[f.rule].effect(clause, f)
        if effect is not None:
            out[effect].append(f)
    return out


# What a flag does to each clause, by (rule, severity, message key): the rules'
# declarations read once per kind of flag in a process, not once per flag and clause
_EFFECTS: dict[tuple[str, str, str], tuple[tuple[str, Effect], ...]] = {}
_EFFECT_ORDER = tuple(Effect)  # (iterating an enum class is slow)


def _effects(f: Flag) -> tuple[tuple[str, Effect], ...]:
    """(clause, effect) of every clause ``f`` feeds, in clause order."""
    kind = (f.rule, f.severity, f.message_key)
    found = _EFFECTS.get(kind)
    if found is None:
        from scrisk.assessment.rules import rule_specs

        spec = rule_specs()[f.rule]
        found = _EFFECTS[kind] = tuple(
            (clause, effect) for clause in CLAUSES if (effect := spec.effect(clause, f)) is not None
        )
    return found


def _fed_by_clause(flags: Iterable[Flag]) -> dict[str, dict[Effect, list[Flag]]]:
    """:func:`fed` of every clause, from one pass over the flags."""
    out: dict[str, dict[Effect, list[Flag]]] = {
        clause: {effect: [] for effect in _EFFECT_ORDER} for clause in CLAUSES
    }
    known = _EFFECTS
    for f in flags:
        found = known.get((f.rule, f.severity, f.message_key))
        for clause, effect in _effects(f) if found is None else found:
            out[clause][effect].append(f)
    return out


def evaluate(ctx: Context, flags: list[Flag]) -> list[ClauseStatus]:
    """Status of every clause on the as-of date, in the fixed clause order."""
    stage = "contract" if ctx.stage == "contract" else "bid"
    out: list[ClauseStatus] = []
    by_clause = _fed_by_clause(flags)
    for clause in CLAUSES:
        since = clause_date(ctx, clause)
        # rules.md v3: the instrument carries a clause in force on its contract date
        when = ctx.signed if clause in CONTRACT_CLAUSES else ctx.as_of
        start = to_date(since) if since is not None else None
        if since is None or start is None or when < start:
            out.append(_not_applicable(ctx, clause, since))
            continue
        found = by_clause[clause]
        worst, review, named = found[Effect.WORST], found[Effect.REVIEW], found[Effect.NAMED]
        if clause == "A3006T":  # a condition of award: obtained before award at the bid
            if worst:
                status = "fail" if stage == "contract" else "review"
                out.append(_row(ctx, clause, status, worst + named, f"clause_note.A3006T.{status}"))
            else:
                note = "clause_note.A3006T.undated" if named else "clause_note.A3006T.pass"
                parties = ", ".join(sorted({f.party or "" for f in named}))
                out.append(_row(ctx, clause, "pass", named, note, parties=parties))
        elif clause == "POW":
            # a condition of award (PN-132): a production-chain gap is obtained before
            # award at the bid stage, and fails only at the contract stage
            if worst:
                status, note = ("fail", "fail") if stage == "contract" else ("review", "bid")
            else:
                status = note = "review" if review else "pass"
            out.append(_row(ctx, clause, status, worst + review, f"clause_note.POW.{note}"))
        elif clause == "S211":
            status = "review" if review else "pass"
            out.append(_row(ctx, clause, status, review, f"clause_note.S211.{status}"))
        elif clause == "CT9897" and wholly_domestic(ctx):
            out.append(_row(ctx, clause, "not_applicable", (), "clause_note.CT9897.domestic"))
        else:  # the risk clauses: CT9897, PN150 (a contract clause: notes by stage), CODE
            note = f"clause_note.PN150.{stage}" if clause == "PN150" else f"clause_note.{clause}"
            out.append(_risk(ctx, clause, worst, review, note))
    return out


def _risk(
    ctx: Context, clause: str, high: list[Flag], review: list[Flag], note: str
) -> ClauseStatus:
    if high:
        return _row(ctx, clause, "high_risk", high + review, f"{note}.high_risk")
    if review:
        return _row(ctx, clause, "review", review, f"{note}.review")
    return _row(ctx, clause, "no_indicator", (), f"{note}.no_indicator")


def start_dates(ctx: Context, clause: str) -> str:
    """The start dates sources give for ``clause`` (policy ``[clause_start_sources]``),
    when they give more than one: "2021-11-04 and 2021-11-11"; else ""."""
    given = sorted(ctx.policy.clause_start_sources.get(clause, {}))
    return " / ".join(given) if len(given) > 1 else ""


def _not_applicable(ctx: Context, clause: str, since: PolicyDate | None) -> ClauseStatus:
    # PN-150: sources disagree on its start; the note names both and the one used
    dates = start_dates(ctx, clause)
    prefix = f"clause_note.{clause}." if dates else "clause_note."
    if since is not None and clause in CONTRACT_CLAUSES and ctx.signed != ctx.as_of:
        # a contract re-screened later keeps the clauses of the day it was signed
        instrument = ctx.declaration.solicitation.instrument or "contract"
        return _row(
            ctx,
            clause,
            "not_applicable",
            (),
            f"{prefix}not_carried",
            since=since_text(since),
            instrument=INSTRUMENT_LABEL.get(instrument, {"en": instrument, "fr": instrument}),
            dates=dates,
        )
    if since is not None:
        key = f"{prefix}start_dates" if dates else "clause_note.not_in_force"
        return _row(ctx, clause, "not_applicable", (), key, since=since_text(since), dates=dates)
    if clause == "PN150":
        instrument = ctx.declaration.solicitation.instrument or "contract"
        return _row(
            ctx,
            clause,
            "not_applicable",
            (),
            "clause_note.PN150.instrument",
            instrument=INSTRUMENT_LABEL.get(instrument, {"en": instrument, "fr": instrument}),
            key=instrument,
        )
    return _row(
        ctx, clause, "not_applicable", (), "clause_note.not_for_category", category=ctx.category
    )


__all__ = [
    "CLAUSES",
    "DOCUMENTARY_STATUSES",
    "KINDS",
    "RISK_STATUSES",
    "ClauseStatus",
    "clause_date",
    "evaluate",
    "flag_ref",
    "wholly_domestic",
]
