"""What changed between two assessment documents of one bid, and why.

A pure function of two documents (``before``, ``after``): no database, no
reference data. Flags are matched by rule, party, good and, where a rule
raises several flags on the same party and good, by their evidence records.
Each change is ``added``, ``removed`` or ``changed`` (severity), with a
``because`` taken from the evidence records themselves: the list entry and
its issue or status date, or the dataset edition that changed.

A WATCHLIST flag on an entry issued after the document's as-of date is a
note that the entry exists, not a finding on that date: the diff counts it
as absent, so an order issued after the award shows as *added*.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from scrisk.i18n import catalogue, t
from scrisk.vocab import UNKNOWN_LEVEL, level_risk, severity_rank

CHANGE_ORDER = {"added": 0, "changed": 1, "removed": 2}
CHANGES = tuple(CHANGE_ORDER)  # register.change.<change>

Key = tuple[str, str | None, str | None, tuple[str, ...]]


def _level(doc: dict[str, Any]) -> int:
    """How risky the bid's level is; a level missing or not known ranks as unknown."""
    return level_risk(doc.get("risk_level"), level_risk(UNKNOWN_LEVEL))


def rose(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether the bid's level is higher in ``after`` than in ``before``."""
    return _level(after) > _level(before)


def _records(flag: dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(str(e.get("record")) for e in flag.get("evidence") or ()))


def _not_yet(flag: dict[str, Any], as_of: str | None) -> bool:
    """An info flag about an entry issued after the as-of date (not a finding then)."""
    if flag.get("severity") != "info" or not as_of:
        return False
    issued = [str((e.get("detail") or {}).get("issued") or "") for e in flag.get("evidence") or ()]
    return bool(issued) and all(i and i > as_of for i in issued)


def _keyed(doc: dict[str, Any], ambiguous: set[tuple[Any, ...]]) -> dict[Key, dict[str, Any]]:
    out: dict[Key, dict[str, Any]] = {}
    as_of = doc.get("as_of")
    for f in doc.get("flags") or ():
        if _not_yet(f, as_of):
            continue
        base = (f.get("rule"), f.get("party"), f.get("good"))
        key: Key = (*base, _records(f) if base in ambiguous else ())
        out.setdefault(key, f)
    return out


def _ambiguous(*docs: dict[str, Any]) -> set[tuple[Any, ...]]:
    """(rule, party, good) raised more than once in a document: matched by records too."""
    found: set[tuple[Any, ...]] = set()
    for doc in docs:
        counts = Counter(
            (f.get("rule"), f.get("party"), f.get("good"))
            for f in doc.get("flags") or ()
            if not _not_yet(f, doc.get("as_of"))
        )
        found |= {k for k, n in counts.items() if n > 1}
    return found


def _details(*docs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Evidence record -> the fullest evidence seen for it (list entries carry dates)."""
    out: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for f in doc.get("flags") or ():
            for e in f.get("evidence") or ():
                rec = str(e.get("record"))
                if e.get("detail") or rec not in out:
                    out[rec] = e
    return out


def _because(
    before_flag: dict[str, Any] | None,
    after_flag: dict[str, Any] | None,
    before: dict[str, Any],
    after: dict[str, Any],
    known: dict[str, dict[str, Any]],
    lang: str,
) -> str:
    was = str(before.get("as_of") or "")
    now = str(after.get("as_of") or "")
    decided = _decided(before_flag, after_flag, after)
    if decided is not None:  # a reviewer's answer, not a change of the list record
        return t(
            f"register.because.decision.{decided['decision']}",
            lang,
            reviewer=decided.get("reviewer") or "?",
            date=decided.get("date") or "?",
            record=decided.get("entry_id"),
        )
    old = {str(e.get("record")): e for e in (before_flag or {}).get("evidence") or ()}
    new = {str(e.get("record")): e for e in (after_flag or {}).get("evidence") or ()}
    reasons: list[str] = []
    for rec in sorted(set(old) | set(new)):
        e = known.get(rec) or new.get(rec) or old.get(rec) or {}
        d = e.get("detail") or {}
        label = {
            "list": d.get("list") or e.get("source"),
            "entity": d.get("entity") or rec,
            "record": rec,
        }
        status_date, issued = d.get("status_date"), d.get("issued")
        if status_date and d.get("status") and was < status_date <= now:
            status = str(d["status"])
            key = f"register.status.{status}"  # a status with no wording yet reads as given
            shown = t(key, lang) if key in catalogue(lang) else status
            reasons.append(
                t("register.because.status", lang, **label, date=status_date, status=shown)
            )
        elif issued and was < issued <= now:
            reasons.append(t("register.because.issued", lang, **label, date=issued))
        elif rec in old and rec in new and old[rec].get("edition") != new[rec].get("edition"):
            reasons.append(
                t(
                    "register.because.edition",
                    lang,
                    source=e.get("source"),
                    before=old[rec].get("edition"),
                    after=new[rec].get("edition"),
                    record=rec,
                )
            )
        elif rec in old and rec in new:
            continue  # the same record, unchanged: not a reason
        else:
            reasons.append(
                t(
                    "register.because.record",
                    lang,
                    source=e.get("source"),
                    edition=e.get("edition"),
                    record=rec,
                )
            )
    if not reasons and was != now:
        reasons.append(t("register.because.assessment", lang, before=was, after=now))
    return "; ".join(reasons)


def _decided(
    before_flag: dict[str, Any] | None, after_flag: dict[str, Any] | None, after: dict[str, Any]
) -> dict[str, Any] | None:
    """The reviewer decision of ``after`` that removed or changed this flag, if one did.

    A decision is about a party and a list entry: it explains the change when it is
    on the flag's party and one of the flag's evidence records, and the before-side
    of the flag did not already carry it.
    """
    flag = before_flag or after_flag or {}
    records = set(_records(flag))
    if (before_flag or {}).get("reviewed"):
        return None  # already decided before: the change comes from elsewhere
    for d in after.get("decisions") or ():
        if d.get("party") == flag.get("party") and d.get("entry_id") in records:
            return dict(d)
    return None


def diff_documents(
    before: dict[str, Any], after: dict[str, Any], *, lang: str = "en"
) -> list[dict[str, Any]]:
    """Every flag added, removed or changed (severity) from ``before`` to ``after``.

    Each change: ``change``, ``rule``, ``party``, ``good``, ``records`` (evidence
    records), ``severity_before``, ``severity_after``, ``because``. Sorted: added,
    changed, removed; then by rule, party, good.
    """
    ambiguous = _ambiguous(before, after)
    old, new = _keyed(before, ambiguous), _keyed(after, ambiguous)
    known = _details(before, after)
    changes: list[dict[str, Any]] = []
    for key in set(old) | set(new):
        b, a = old.get(key), new.get(key)
        if b is not None and a is not None and b.get("severity") == a.get("severity"):
            continue
        change = "added" if b is None else "removed" if a is None else "changed"
        flag = a or b or {}
        changes.append(
            {
                "change": change,
                "rule": key[0],
                "party": key[1],
                "good": key[2],
                "records": list(_records(flag)),
                "severity_before": b.get("severity") if b else None,
                "severity_after": a.get("severity") if a else None,
                "because": _because(b, a, before, after, known, lang),
            }
        )
    changes.sort(
        key=lambda c: (
            CHANGE_ORDER[c["change"]],
            severity_rank(c["severity_after"] or c["severity_before"], 9),
            str(c["rule"]),
            str(c["party"] or ""),
            str(c["good"] or ""),
            c["records"],
        )
    )
    return changes


def summarise(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Level and score before and after (the Rescreen JSON's ``before`` / ``after``)."""

    def side(doc: dict[str, Any]) -> dict[str, Any]:
        return {
            "as_of": doc.get("as_of"),
            "risk_level": doc.get("risk_level"),
            "score": doc.get("score"),
        }

    return {"before": side(before), "after": side(after)}


__all__ = ["diff_documents", "rose", "summarise"]
