"""What the Summary sheet says, as text: flag references, party labels, next steps.

Read from the assessment document alone; the terminal's next steps
(scrisk.report.terminal.verdict) say the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from scrisk.assessment.document import AssessmentDocument, ClauseDoc, FlagDoc
from scrisk.i18n import catalogue, t


def flag_key(flag: FlagDoc) -> str:
    """The clause matrix's reference to a flag: ``RULE:party:good``."""
    return f"{flag.rule}:{flag.party or ''}:{flag.good or ''}"


# A name longer than this is shortened on the Summary (the Parties and Flags sheets keep it
# whole), so a clause row stays within a printed page.
SUMMARY_NAME_CHARS = 60


def party_label(party_id: str, names: dict[str, str]) -> str:
    name = names.get(party_id)
    if name and len(name) > SUMMARY_NAME_CHARS:
        name = name[: SUMMARY_NAME_CHARS - 1].rstrip() + "\u2026"
    return f"{name} ({party_id})" if name and name != party_id else party_id


MAX_LISTED = 20


MAX_REFERENCES = 6


def flag_references(keys: Sequence[str], doc: AssessmentDocument, lang: str) -> str:
    """The flags behind a clause, one a line; past six, the rest are counted (the Flags
    sheet lists all), so the row fits a printed page."""
    shown = "\n".join(flag_reference(k, doc, lang) for k in keys[:MAX_REFERENCES])
    more = len(keys) - MAX_REFERENCES
    return shown + (f"\n\u2026 (+{more})" if more > 0 else "")


def party_list(ids: list[str], names: dict[str, str]) -> str:
    """Parties named in advice; past twenty, the rest are counted (the Flags sheet lists all)."""
    ids = [p for p in ids if p]
    shown = "; ".join(party_label(p, names) for p in ids[:MAX_LISTED])
    return shown + (f"; \u2026 (+{len(ids) - MAX_LISTED})" if len(ids) > MAX_LISTED else "")


def flagged_party(flag: FlagDoc) -> str | None:
    """The party a flag is about; a good-level flag names the first party of its path."""
    if flag.party:
        return str(flag.party)
    return str(flag.path[0]) if flag.path else None


def flag_parties(flag: FlagDoc) -> set[str]:
    """The flagged party, and for a good-level flag every party its evidence is about."""
    out = {p} if (p := flagged_party(flag)) else set()
    for e in flag.evidence:
        if party := e.about.party:
            out.add(party)
    return out


def clause_title(clause: ClauseDoc, lang: str) -> str:
    """A clause as people name it ("PN-150 Anti-forced-labour contract clauses"), never its id."""
    return str(clause.title or t(f"clause.{clause.clause}", lang))


def flag_reference(key: str, doc: AssessmentDocument, lang: str) -> str:
    """A clause's ``RULE:party:good`` reference as the rule's title and whom it is about."""
    rule, *about = key.split(":")
    names = party_names(doc)
    goods = {str(g.id): g.description or "" for g in doc.solicitation.goods}
    whom = []
    for i, part in enumerate(about):
        if not part or part == "None":
            continue
        whom.append(
            party_label(part, names)
            if i == 0
            else (f"{goods[part]} ({part})" if goods.get(part) else part)
        )
    title = t(f"rule.{rule}.title", lang)
    return t("excel.summary.flag_ref", lang, title=title, whom=", ".join(whom)) if whom else title


def party_names(doc: AssessmentDocument) -> dict[str, str]:
    """Party id -> declared name ("" when none)."""
    return {str(p.id): p.name or "" for p in doc.parties}


class Step(NamedTuple):
    """One piece of advice: the clause it answers, its status, the text, and the rule it
    is about ("" for a clause's own advice) and the parties it names."""

    code: str
    status: str
    text: str
    rule: str = ""
    parties: str = ""


def advice(doc: AssessmentDocument, lang: str, review_sheet: str) -> list[Step]:
    """Every failed or review clause's advice, then per rule behind it (:func:`next_steps`)."""
    names = party_names(doc)
    by_key: dict[str, FlagDoc] = {}
    for f in doc.flags:  # "RULE:party:good", a missing part empty or "None"
        by_key.setdefault(flag_key(f), f)
        by_key.setdefault(f"{f.rule}:{f.party}:{f.good}", f)
    bidder = doc.bidder.id or ""
    known = catalogue(lang)
    out: list[Step] = []
    advised_rules: set[str] = set()
    for clause in doc.clauses:
        status = clause.status
        if status not in ("fail", "high_risk", "review"):
            continue
        flags = [by_key[k] for k in clause.flags if k in by_key]
        parties = sorted(set().union(*(flag_parties(f) for f in flags))) or [bidder]
        listed = party_list(parties, names)
        code = clause.clause or ""
        key = f"excel.next.{code}.{status}"
        if key in known:
            out.append(Step(code, status, t(key, lang, parties=listed), parties=listed))
        for rule in sorted({f.rule or "" for f in flags}):
            rule_key = f"excel.next.rule.{rule}"
            if rule in advised_rules or rule_key not in known:
                continue
            advised_rules.add(rule)
            with_rule = sorted(set().union(*(flag_parties(f) for f in flags if f.rule == rule)))
            whom = party_list(with_rule, names) or listed
            text = t(rule_key, lang, sheet=review_sheet, parties=whom)
            out.append(Step(code, status, text, rule=rule, parties=whom))
    return out


def next_steps(doc: AssessmentDocument, lang: str, review_sheet: str) -> list[tuple[str, str, str]]:
    """(clause, status, advice) for every failed or review clause, then per rule behind it."""
    return [(s.code, s.status, s.text) for s in advice(doc, lang, review_sheet)]


def pending_reviews(doc: AssessmentDocument) -> int:
    """Name matches no reviewer decision answers yet."""
    decided = {(d.party, d.entry_id) for d in doc.decisions}
    return sum(1 for m in doc.screening if (m.party, m.entry_id) not in decided)
