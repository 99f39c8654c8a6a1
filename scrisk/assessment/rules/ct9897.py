"""CT9897: Customs Tariff item 9897.00.00 exposure of a solicitation good (rules.md v3).

The item prohibits imports of goods made wholly or in part by **prison
labour** (long covered; no start date), **forced labour** (from 2020-07-01)
and **child labour** (from 2024-01-01); dates in policy ``[clauses.CT9897]``,
read on the as-of date. "Wholly or in part": the whole chain of the good
(makers and everything upstream) is searched, **outside Canada** only (the
item applies to imports; a party with an unknown country is kept).
Evidence is what the other rules raised on those parties:

* a WATCHLIST match in force on the as-of date (strong or confirmed:
  ``entity``; possible: ``possible``), with the labour types of its list
  entry (:func:`labour_types`, a CBP order with none named is forced labour);
* a REGION indicator (forced labour), critical or high as the measure in
  force on the as-of date covers the goods or not;
* a GOODS listing of the good or one of its materials in that country
  (ILAB, a US Department of Labor list: forced and/or child labour).

One flag per affected good and labour type. ``critical`` when the evidence is a
named entity that is verified, whose order covers the good or a material
declared in its chain (or cannot be told: :mod:`._scope`), and whose labour type
is unambiguous for the date; or a critical REGION. ``high`` otherwise, the
message saying why: an unverified name (``entity_unverified``), merchandise
outside the order (``entity_outside``, naming what it covers), "prison or forced
labor" before the item covered forced labour (``entity_ambiguous``, quoting it),
a region with no measure covering the goods then (``region_dated``), a
possible match or a good x country listing. Evidence behind a capped flag
carries ``at_most_high`` with the reason. A flag is an indicator for review:
CBSA classifies goods case by case.
"""

from __future__ import annotations

import re
from datetime import date

from scrisk.assessment.context import Context
from scrisk.assessment.rules._flag import flag
from scrisk.assessment.rules._scope import OUTSIDE, good_scope
from scrisk.assessment.rules.spec import LABOUR_RISK, RuleSpec, feed
from scrisk.dates import to_date
from scrisk.findings import Evidence, Flag, new_evidence
from scrisk.model import Good
from scrisk.reference.model import LABOUR_TYPES, ListEntry
from scrisk.vocab import Rule, Severity, severity_rank

RULE = RuleSpec(
    Rule.CT9897,
    messages=(
        "entity",
        "entity_ambiguous",
        "entity_outside",
        "entity_unverified",
        "listing",
        "possible",
        "region",
        "region_dated",
        "region_order",
    ),
    feeds={
        "CT9897": feed(worst=(Severity.CRITICAL,), review=(Severity.HIGH,)),
        "PN150": feed(worst=(Severity.CRITICAL,), review=(Severity.HIGH,)),
        "CODE": LABOUR_RISK,
    },
    settings=("clauses.CT9897",),
)
HOME = "CA"
# words in a list entry's own text that mark an order against prison labour
_PRISON_WORDS = ("prison", "laogai", "penitentiar", "convict", "reform through labo")
_FORCED = re.compile(r"forced[- ]labou?r")
LABOUR_LABEL = {
    "prison": {"en": "prison labour", "fr": "travail pénitentiaire"},
    "forced": {"en": "forced labour", "fr": "travail forcé"},
    "child": {"en": "child labour", "fr": "travail des enfants"},
}
_KIND_RANK = {"entity": 0, "region": 1, "possible": 2, "listing": 3}
_SEVERITY_RANK = {str(s): severity_rank(s) for s in Severity}
Evidence3 = tuple[str, str, Flag, str]  # (labour type, kind, flag, cap)
# every message variant this rule raises (rule.CT9897.<variant> in the catalogues)
VARIANTS = (
    "entity",
    "entity_unverified",
    "entity_ambiguous",
    "entity_outside",
    "region",
    "region_order",
    "region_dated",
    "possible",
    "listing",
)


def labour_types(entry: object) -> tuple[str, ...]:
    """Labour types of a list entry: ``ListEntry.labour_types`` when the data says.

    Until the lists carry them, they are read from the entry's own text: one
    naming a prison, laogai, penitentiary or convict labour is prison labour, and
    forced labour too when its text also names forced labour ("prison labor plus
    other forced-labor indicators"); any other order is forced labour (what a CBP
    order or a UFLPA listing is about)."""
    declared = tuple(t for t in getattr(entry, "labour_types", ()) or () if t in LABOUR_TYPES)
    if declared:
        return declared
    text = " ".join(
        str(getattr(entry, f, "") or "") for f in ("entity", "merchandise", "notes", "status_note")
    ).casefold()
    text += " " + " ".join(getattr(entry, "aliases", ()) or ()).casefold()
    if not any(w in text for w in _PRISON_WORDS):
        return ("forced",)
    return ("prison", "forced") if _FORCED.search(text) else ("prison",)


def in_force(ctx: Context) -> dict[str, bool]:
    """Which labour types the item covers on the as-of date."""
    dates = ctx.policy.clauses.CT9897

    def since(key: str) -> date | None:
        return to_date(dates.get(key))

    out = {"prison": True}
    for labour, key in (("forced", "forced_labour"), ("child", "child_labour")):
        start = since(key)
        out[labour] = start is not None and ctx.as_of >= start
    return out


def _evidence(ctx: Context, good_id: str) -> list[Evidence3]:
    """(labour type, kind, flag, cap) for every piece of evidence in the good's chain
    abroad; ``cap`` says why named-entity or region evidence is at most high ("" = it
    is not: rules.md v3)."""
    # an assumed country (assumed.py) is not known to be Canada: counted as abroad
    party = ctx.party
    chain = {
        p for p in ctx.chain(good_id) if (q := party(p)).country_code != HOME or q.country_assumed
    }
    matches = {(p, m.entry.id): m for p, ms in ctx.matches.items() for m in ms}
    forced_from = ctx.ct9897_since()
    out: list[Evidence3] = []
    for f in ctx.found.get(Rule.WATCHLIST, ()):
        if f.party not in chain or f.severity == "info" or not f.evidence:
            continue
        variant = f.message_key.rsplit(".", 1)[-1]
        if f.severity == "critical" or variant == "unverified":
            kind = "entity"
        elif variant == "possible":
            kind = "possible"
        else:
            continue  # status unknown: the clause matrix asks for review instead
        match = matches.get((f.party, f.evidence[0].record))
        entry = match.entry if match else None
        for labour in labour_types(entry):
            cap = ""
            if kind == "entity" and entry is not None:
                cap = _cap(ctx, entry, good_id, labour, forced_from)
            out.append((labour, kind, f, cap))
    for f in ctx.found.get(Rule.REGION, ()):
        if f.party in chain:
            out.append(("forced", "region", f, "" if f.severity == "critical" else "dated"))
    for f in ctx.found.get(Rule.GOODS, ()):
        if f.party not in chain or f.good not in (None, good_id):
            continue
        listed = f.params.get("labour")
        if listed in ("forced", "tainted", "forced_child"):
            out.append(("forced", "listing", f, ""))
        if listed in ("child", "forced_child"):
            out.append(("child", "listing", f, ""))
    return out


def _cap(
    ctx: Context, entry: ListEntry, good_id: str, labour: str, forced_from: date | None
) -> str:
    """Why a named-entity match feeds CT9897 at most ``high`` ("" = it does not)."""
    if not entry.verified:
        return "unverified"
    wording = entry.labour_wording
    if wording and labour == "prison" and (forced_from is None or ctx.as_of < forced_from):
        return "ambiguous"  # "prison or forced labor" before the item covered forced labour
    if good_scope(ctx, entry, good_id) == OUTSIDE:
        return "outside"
    return ""


def check(ctx: Context) -> list[Flag]:
    covered = in_force(ctx)
    out: list[Flag] = []
    for good in ctx.declaration.solicitation.goods:
        by_labour: dict[str, list[tuple[str, Flag, str]]] = {}
        for labour, kind, f, cap in _evidence(ctx, good.id):
            if covered.get(labour):
                by_labour.setdefault(labour, []).append((kind, f, cap))
        for labour in LABOUR_TYPES:
            behind = by_labour.get(labour)
            if behind:
                out.append(_flag(ctx, good, labour, behind))
    return out


def _rank(item: tuple[str, Flag, str]) -> tuple[int, int]:
    """Strongest evidence first: uncapped entity, uncapped region, then capped ones."""
    kind, _, cap = item
    return (0 if kind in ("entity", "region") and not cap else 1, _KIND_RANK[kind])


def _variant(kind: str, cap: str, lead: Flag) -> str:
    if kind == "entity":
        return f"entity_{cap}" if cap else "entity"
    if kind == "region":
        if cap:
            return "region_dated"
        return "region" if lead.message_key.endswith(".located") else "region_order"
    return kind


def _flag(ctx: Context, good: Good, labour: str, behind: list[tuple[str, Flag, str]]) -> Flag:
    best = min(behind, key=_rank)
    kind, cap = best[0], best[2]
    severity = "critical" if kind in ("entity", "region") and not cap else "high"
    flags = sorted({id(f): f for _, f, _ in behind}.values(), key=Flag.sort_key)
    # the lead: the first of the strongest kind with the least severity rank, shortest
    # path (none last) and least party (min() over them, without a key call each)
    lead = behind[0][1]
    least: tuple[int, int, str] | None = None
    for k, f, c in behind:
        if k == kind and c == cap:
            rank = _SEVERITY_RANK.get(f.severity)
            if rank is None:
                rank = severity_rank(f.severity)
            key = (rank, len(f.path) or 10**9, f.party or "")
            if least is None or key < least:
                least, lead = key, f
    caps = {id(f): c for _, f, c in behind if c}
    evidence = []
    known = _CITED
    for f in flags:
        capped = caps.get(id(f), "")
        for e in f.evidence:
            cites = (id(e), f.rule, f.party, f.path, labour, capped)
            found = known.get(cites)
            if found is None or found[0] is not e:
                if len(known) >= _CITED_MOST:
                    known.clear()
                found = known[cites] = (e, _cited(e, f, labour, capped))
            evidence.append(found[1])
    parties = sorted({f.party for f in flags if f.party})
    lists = sorted({_list_of(ctx, f) for k, f, _ in behind if k in ("entity", "possible")})
    cited = _entry_of(ctx, lead) if kind in ("entity", "possible") else None  # WATCHLIST's
    match = cited if kind == "entity" else None
    gid = good.id
    return flag(
        ctx,
        RULE,
        severity,
        _variant(kind, cap, lead),
        good=gid,
        path=lead.path,
        params={
            "good": gid,
            "description": good.description,
            "parties": ", ".join(parties),
            "count": len(parties),
            "rules": ", ".join(sorted({f.rule for f in flags})),
            "lists": ", ".join(lists),
            "labour": LABOUR_LABEL[labour],
            "labour_type": labour,
            "entity": cited.entity if cited is not None else "",
            "merchandise": (match.merchandise or "?") if match is not None else "?",
            "wording": match.labour_wording if match is not None else "",
            "as_of": ctx.as_of.isoformat(),
        },
        evidence=evidence,
    )


def _cited(e: Evidence, f: Flag, labour: str, cap: str) -> Evidence:
    """A record ``f`` cites, as the evidence of a CT9897 flag: its detail says which rule
    raised it on which party and path, the labour type, and why it is capped (if it is)."""
    capped = {"at_most_high": cap} if cap else {}
    detail = {
        **e.detail,
        "rule": str(f.rule),
        "party": f.party,
        "path": list(f.path),
        "labour_type": labour,
        **capped,
    }
    # dataclasses.replace(e, detail=detail), made straight
    made: Evidence = new_evidence(
        e.source, e.edition, e.record, e.score, e.url, detail, e.jurisdiction
    )
    return made


# The records other rules' flags cite, as CT9897 evidence, kept for the process (a
# portfolio's flags cite the same shared records, GOODS and COUNTRY ones, on the same
# parties and paths): by (id of the record, rule, party, path, labour type, cap), held
# with the record (an id is not reused while its object lives); frozen and shared by
# the flags they back, not to be changed. Emptied when full.
Cited = tuple[int, str, str | None, tuple[str, ...], str, str]
_CITED: dict[Cited, tuple[Evidence, Evidence]] = {}
_CITED_MOST = 8192


def _entry_of(ctx: Context, f: Flag) -> ListEntry | None:
    """The list entry a WATCHLIST flag cites."""
    record = f.evidence[0].record if f.evidence else None
    found: ListEntry | None = next(
        (m.entry for m in ctx.matches.get(f.party or "", ()) if m.entry.id == record), None
    )
    return found


def _list_of(ctx: Context, f: Flag) -> str:
    """The list of the entry a WATCHLIST flag cites."""
    entry = _entry_of(ctx, f)
    return entry.list_name if entry is not None else ""
