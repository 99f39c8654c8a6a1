"""What changed between two assessment documents of one bid, and why.

A pure function of two documents (``before``, ``after``): no database, no
reference data. Flags are matched by rule, party, good and, where a rule
raises several flags on the same party and good, by their evidence records.
Each change is ``added``, ``removed`` or ``changed`` (severity), with a
``because`` taken from the evidence records themselves: the list entry and
its issue or status date, or the dataset edition that changed. The reasons
name each record by its label, as the assessment workbook does ("CBP
WRO/Findings: Supermax Corporation Bhd., issued 2021-10-21"); the record keys
stay in ``records``, for machines.

A WATCHLIST flag on an entry issued after the document's as-of date is a
note that the entry exists, not a finding on that date: the diff counts it
as absent, so an order issued after the award shows as *added*.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple, overload

from scrisk.assessment.document import (
    AssessmentDocument,
    DecisionDoc,
    EvidenceDoc,
    FlagDoc,
    PartyDoc,
)
from scrisk.i18n import catalogue, edition_name, t
from scrisk.jsontext import parsed_keys
from scrisk.vocab import UNKNOWN_LEVEL, Rule, Severity, level_risk, severity_rank

CHANGE_ORDER = {"added": 0, "changed": 1, "removed": 2}
CHANGES = tuple(CHANGE_ORDER)  # register.change.<change>

Document = AssessmentDocument | Mapping[str, object]
Base = tuple[str, str | None, str | None]  # rule, party, good
Key = tuple[str, str | None, str | None, tuple[str, ...]]  # ... and records, when ambiguous


# the keys of a document's dict read most often, as the JSON reader gives them
_AS_OF, _RISK_LEVEL, _SCORE, _FLAGS, _DECISIONS, _PARTIES, _RECORD, _DETAIL = parsed_keys(
    "as_of", "risk_level", "score", "flags", "decisions", "parties", "record", "detail"
)


@dataclass(frozen=True, slots=True)
class Head:
    """A document's date, level and score (the Rescreen JSON's ``before`` / ``after``)."""

    as_of: str | None
    risk_level: str | None
    score: float | None

    @classmethod
    def of(cls, doc: Document) -> Head:
        if isinstance(doc, AssessmentDocument):
            return cls(doc.as_of, doc.risk_level, doc.score)
        as_of, level, score = doc.get(_AS_OF), doc.get(_RISK_LEVEL), doc.get(_SCORE)
        return cls(
            str(as_of) if as_of else None,
            str(level) if level else None,
            score if isinstance(score, int | float) else None,
        )

    def to_dict(self) -> dict[str, object]:
        return {"as_of": self.as_of, "risk_level": self.risk_level, "score": self.score}


@dataclass(frozen=True, slots=True)
class Side:
    """What the diff reads of one document: its date, flags, decisions and party names."""

    as_of: str
    flags: tuple[FlagDoc | _Plain, ...]
    decisions: Sequence[DecisionDoc]
    names: _Names  # party id -> declared name

    @classmethod
    def of(cls, doc: Document) -> Side:
        """The typed side, from the document or its dict (a saved JSON, the register's copy).

        From a dict, each flag is read only as far as matching needs (:class:`_Plain`); the
        flags that changed are typed in full later. A dict whose flags or decisions do not
        have the shape the document codec reads is read by that codec, which says why.
        """
        if isinstance(doc, AssessmentDocument):
            return cls(doc.as_of, doc.flags, doc.decisions, _Names(doc.parties, typed=True))
        flags, decisions = _items(doc.get(_FLAGS)), _items(doc.get(_DECISIONS))
        names = _Names(doc.get(_PARTIES), typed=False)
        plain = _plain_flags(flags)
        if plain is None or not all(_DECISION_KEYS <= d.keys() for d in decisions):
            return cls(
                str(doc.get(_AS_OF) or ""),
                tuple(FlagDoc.from_dict(f) for f in flags),
                tuple(DecisionDoc.from_dict(d) for d in decisions),
                names,
            )
        return cls(str(doc.get(_AS_OF) or ""), plain, _LazyDecisions(decisions), names)

    def findings(self) -> list[FlagDoc | _Plain]:
        """The flags that are findings on the as-of date (not notes of a later entry)."""
        as_of = self.as_of  # only an info flag may be a note (_not_yet)
        return [f for f in self.flags if f.severity != "info" or not _not_yet(f, as_of)]


class _Names:
    """A document's party id -> declared name, read from its parties (typed, or as its dict
    has them) when first asked: only the label of a changed flag's record reads it."""

    __slots__ = ("_parties", "_typed", "_found")

    def __init__(self, parties: object, *, typed: bool) -> None:
        self._parties, self._typed = parties, typed
        self._found: dict[str, str] | None = None

    def get(self, party: str) -> str | None:
        found = self._found
        if found is None:
            found = self._found = self._read()
        return found.get(party)

    def _read(self) -> dict[str, str]:
        if self._typed:
            parties: tuple[PartyDoc, ...] = self._parties  # type: ignore[assignment]
            return {p.id: p.name for p in parties if p.name}
        return {
            str(p.get("id")): str(p.get("name")) for p in _items(self._parties) if p.get("name")
        }


_DICT_ONLY = frozenset({dict})


def _items(value: object) -> list[Mapping[str, object]]:
    """The objects of a list of a document's dict; the list itself (read only) where all
    its items are dicts, as JSON gives them."""
    if not isinstance(value, list | tuple):
        return []
    if type(value) is list and _DICT_ONLY.issuperset(map(type, value)):
        return value
    return [v for v in value if type(v) is dict or isinstance(v, Mapping)]  # dict: no ABC check


def _required(cls: type[FlagDoc | EvidenceDoc | DecisionDoc]) -> frozenset[str]:
    return frozenset(
        f.name
        for f in fields(cls)
        if f.default is MISSING and f.default_factory is MISSING and f.name != "extra"
    )


_FLAG_KEYS, _EVIDENCE_KEYS, _DECISION_KEYS = map(_required, (FlagDoc, EvidenceDoc, DecisionDoc))
_RULES: dict[str, Rule] = {r.value: r for r in Rule}
_SEVERITIES: dict[str, Severity] = {s.value: s for s in Severity}


class _Plain(NamedTuple):
    """A flag of a document read from its dict, as far as matching reads it: its rule,
    severity, party, good, review and evidence records (each evidence as its dict). The
    typed flag (:meth:`typed`) is made only for a flag that changed. A tuple: made for
    every flag, by ``tuple.__new__`` (no Python-level initialiser run)."""

    rule: Rule
    severity: Severity
    party: str | None
    good: str | None
    reviewed: object
    evidence: Sequence[Mapping[str, object]]  # the dict's own list (only read)
    raw: Mapping[str, object]

    def typed(self) -> FlagDoc:
        return FlagDoc.from_dict(self.raw)


def _plain_flags(flags: list[Mapping[str, object]]) -> tuple[_Plain, ...] | None:
    """The flags of a document's dict read for matching; None when one of them is not of the
    shape :meth:`FlagDoc.from_dict` reads (then that codec reads them, and says why), or has
    no rule or severity (read by that codec as they were before)."""
    out = []
    rules, severities, read_evidence, new = _RULES, _SEVERITIES, _EVIDENCE_READ, tuple.__new__
    for f in flags:
        # every required key read at once (a dict: KeyError when one is missing)
        if type(f) is not dict and not _FLAG_KEYS <= f.keys():
            return None
        try:
            evidence, path, rule, severity, party, good, reviewed = _FLAG_READ(f)[:7]
            for e in evidence if type(evidence) is list else ():
                if type(e) is not dict:
                    return None
                read_evidence(e)  # its required keys there
        except KeyError:
            return None
        if not (
            type(evidence) is list
            and (path is None or type(path) is list or isinstance(path, (list, tuple)))
            and isinstance(rule, str)
            and isinstance(severity, str)
            and (rule := rules.get(rule)) is not None
            and (severity := severities.get(severity)) is not None
        ):
            return None
        out.append(
            new(
                _Plain,
                (
                    rule,
                    severity,
                    party,  # as the codec reads them: as they are
                    good,
                    reviewed,
                    evidence,  # the dict's list, only read
                    f,
                ),
            )
        )
    return tuple(out)


# A flag dict's evidence, path, rule, severity, party, good and review, then its other
# required keys, read in one call (KeyError when one is missing)
_FLAG_READ_FIRST = ("evidence", "path", "rule", "severity", "party", "good", "reviewed")


_FLAG_READ = itemgetter(
    *parsed_keys(*_FLAG_READ_FIRST, *sorted(_FLAG_KEYS.difference(_FLAG_READ_FIRST)))
)
_EVIDENCE_READ = itemgetter(*parsed_keys(*sorted(_EVIDENCE_KEYS)))


class _LazyDecisions(Sequence[DecisionDoc]):
    """A document dict's decisions, typed when first read (the earlier side's never are)."""

    def __init__(self, raw: list[Mapping[str, object]]) -> None:
        self._raw = raw
        self._typed: tuple[DecisionDoc, ...] | None = None

    def _all(self) -> tuple[DecisionDoc, ...]:
        if self._typed is None:
            self._typed = tuple(DecisionDoc.from_dict(d) for d in self._raw)
        return self._typed

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, i: int) -> DecisionDoc: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[DecisionDoc]: ...
    def __getitem__(self, i: int | slice) -> DecisionDoc | Sequence[DecisionDoc]:
        return self._all()[i]

    def __iter__(self) -> Iterator[DecisionDoc]:
        return iter(self._all())


def _typed(flag: FlagDoc | _Plain | None) -> FlagDoc | None:
    return flag.typed() if isinstance(flag, _Plain) else flag


@dataclass(frozen=True, slots=True)
class Change:
    """One flag added, removed or changed (severity), and why, in words."""

    change: str  # added | changed | removed
    rule: str
    party: str | None
    good: str | None
    records: tuple[str, ...]  # the evidence records' keys (for machines)
    severity_before: str | None
    severity_after: str | None
    reasons: tuple[str, ...]  # each by the records' labels, never their keys

    @property
    def because(self) -> str:
        return "; ".join(self.reasons)

    def order(self) -> tuple[int, int, str, str, str, tuple[str, ...]]:
        return (
            CHANGE_ORDER[self.change],
            severity_rank(self.severity_after or self.severity_before, 9),
            self.rule,
            self.party or "",
            self.good or "",
            self.records,
        )

    def to_dict(self) -> dict[str, object]:
        """The change as the Rescreen JSON gives it (docs: interfaces.md)."""
        return {
            "change": self.change,
            "rule": self.rule,
            "party": self.party,
            "good": self.good,
            "records": list(self.records),
            "severity_before": self.severity_before,
            "severity_after": self.severity_after,
            "because": self.because,
        }


def _level(head: Head) -> int:
    """How risky the bid's level is; a level missing or not known ranks as unknown."""
    return level_risk(head.risk_level, level_risk(UNKNOWN_LEVEL))


def rose(before: Document, after: Document) -> bool:
    """Whether the bid's level is higher in ``after`` than in ``before``."""
    return _level(Head.of(after)) > _level(Head.of(before))


def _records(flag: FlagDoc | _Plain) -> tuple[str, ...]:
    if isinstance(flag, _Plain):
        return tuple(sorted([str(e[_RECORD]) for e in flag.evidence]))
    return tuple(sorted([str(e.record) for e in flag.evidence]))


def _about(detail: object, key: str) -> str:
    """One field of an evidence's ``detail`` as :class:`RecordDetail` reads it (text, empty
    when absent), without reading the others."""
    found = (detail or {}).get(key)  # type: ignore[attr-defined]
    return str(found) if found else ""


def _issued(evidence: EvidenceDoc | Mapping[str, object]) -> str:
    if isinstance(evidence, EvidenceDoc):
        return _about(evidence.detail, "issued")
    return _about(evidence.get("detail"), "issued")


def _not_yet(flag: FlagDoc | _Plain, as_of: str) -> bool:
    """An info flag about an entry issued after the as-of date (not a finding then)."""
    if flag.severity != "info" or not as_of:
        return False
    issued = [_issued(e) for e in flag.evidence]
    return bool(issued) and all(i and i > as_of for i in issued)


Based = list[tuple[Base, "FlagDoc | _Plain"]]


def _based(side: Side) -> Based:
    """The side's findings, each with its (rule, party, good)."""
    return [((f.rule, f.party, f.good), f) for f in side.findings()]


def _keyed(based: Based, ambiguous: set[Base]) -> dict[Base | Key, FlagDoc | _Plain]:
    """The side's findings by (rule, party, good), and by their records too where that
    is ambiguous (on either side; the first of the same records kept)."""
    out: dict[Base | Key, FlagDoc | _Plain] = dict(based)  # the others: once on this side
    if ambiguous:
        for base in ambiguous:
            out.pop(base, None)
        for base, f in based:
            if base in ambiguous:
                out.setdefault(base + (_records(f),), f)
    return out


def _ambiguous(*sides: Based) -> set[Base]:
    """(rule, party, good) raised more than once in a document: matched by records too."""
    found: set[Base] = set()
    for based in sides:
        counts = Counter(map(_FIRST, based))
        if len(counts) < len(based):
            found |= {k for k, n in counts.items() if n > 1}
    return found


_FIRST = itemgetter(0)


class _Known:
    """Evidence record -> the fullest evidence seen for it (list entries carry dates); an
    evidence read from a document's dict is typed when first asked for. The sides are
    read when a record is first asked for (a contract with no change never asks)."""

    def __init__(self, *sides: Side) -> None:
        self._sides = sides
        self._found: dict[object, EvidenceDoc | Mapping[str, object]] | None = None

    def _read(self) -> dict[object, EvidenceDoc | Mapping[str, object]]:
        found: dict[object, EvidenceDoc | Mapping[str, object]] = {}
        for side in self._sides:
            for f in side.flags:
                if isinstance(f, _Plain):
                    for d in f.evidence:
                        record = d[_RECORD]
                        if d.get(_DETAIL) or record not in found:
                            found[record] = d
                else:
                    for e in f.evidence:
                        if e.detail or e.record not in found:
                            found[e.record] = e
        return found

    def get(self, record: str) -> EvidenceDoc | None:
        found = self._found
        if found is None:
            found = self._found = self._read()
        e = found.get(record)
        if e is None or isinstance(e, EvidenceDoc):
            return e
        typed = found[record] = EvidenceDoc.from_dict(e)
        return typed


# A record's words depend only on what its label reads (evidence_label, evidence_line):
# the same ILAB or list entry recurs across a re-screen's contracts, so each label is made
# once; bounded, cleared when full
_LABELS: dict[tuple[object, ...], str] = {}
_BY_PART: dict[tuple[int, str, bool, str], tuple[EvidenceDoc, str]] = {}
_LABELS_KEPT = 20_000
_LABEL_DETAIL = (
    "entity",
    "list",
    "issued",
    "good",
    "country",
    "listed_from",
    "alias",
    "matched_text",
)


def _label_key(e: EvidenceDoc, lang: str, whom: str, edition: bool) -> tuple[object, ...] | None:
    """All a label reads of the evidence, as it reads it (None: a value that cannot be
    part of a key; that label is not kept); ``whom``: the party it names, "" for a
    record that names none (see :meth:`_Pair.label`)."""
    detail = e.detail
    if (
        detail is not None
        and type(detail) not in _PLAIN_MAPPINGS
        and not isinstance(detail, Mapping)
    ):
        return None
    score = e.score
    if score is not None and type(score) not in (int, float):
        return None
    get = detail.get if detail else _NOTHING.get  # each as _about reads it
    return (
        lang,
        edition,
        whom,
        str(e.record or ""),
        str(e.source),
        str(e.edition or ""),
        type(score),
        score,
        *[str(found) if (found := get(k)) else "" for k in _LABEL_DETAIL],
    )


_NOTHING: Mapping[str, object] = {}
_PLAIN_MAPPINGS = frozenset({dict, MappingProxyType})  # no ABC check for these


@dataclass(frozen=True, slots=True)
class _Pair:
    """The two sides of one flag and what the diff knows of its records."""

    before: FlagDoc | None
    after: FlagDoc | None
    was: Side
    now: Side
    known: _Known
    lang: str

    def label(self, evidence: EvidenceDoc, *, edition: bool = False) -> str:
        """A record in words, as the Flags sheet names it (``edition``: with its dataset's
        edition, :func:`scrisk.report.excel.labels.evidence_line`)."""
        # whom a record is about is read only for a declared party's record ("parties[3],
        # field 'country'"): a list's or the ILAB's record reads the same for every party,
        # its label made once for all of them (the party's name looked up only to make it)
        whom = self._whom() if "parties" in str(evidence.record or "") else None
        # the same evidence part (frozen) recurs across a re-screen's documents: its
        # label found by the part itself, its key not made again
        ident = (id(evidence), self.lang, edition, whom or "")
        seen = _BY_PART.get(ident)
        if seen is not None and seen[0] is evidence:
            return seen[1]
        key = _label_key(evidence, self.lang, whom or "", edition)
        found = _LABELS.get(key) if key is not None else None
        if found is None:
            from scrisk.report.excel.labels import evidence_label, evidence_line

            words = evidence_line if edition else evidence_label
            found = words(evidence, self.lang, party=self._whom() if whom is None else whom)
            if key is not None:
                if len(_LABELS) >= _LABELS_KEPT:
                    _LABELS.clear()
                _LABELS[key] = found
        if key is not None:  # a label kept by what it reads: kept by its part too
            if len(_BY_PART) >= _LABELS_KEPT:
                _BY_PART.clear()
            _BY_PART[ident] = (evidence, found)  # held: its id is not reused
        return found

    def _whom(self) -> str:
        """The flag's party, by its declared name and id ("Name (P3)") when it has one."""
        flag = self.after or self.before
        party = str(flag.party or "") if flag else ""
        name = self.now.names.get(party) or self.was.names.get(party)
        return f"{name} ({party})" if name else party

    def decided(self) -> DecisionDoc | None:
        """The reviewer decision of the later document that removed or changed this flag.

        A decision is about a party and a list entry: it explains the change when it is
        on the flag's party and one of the flag's evidence records, and the before-side of
        the flag did not already carry it.
        """
        flag = self.before or self.after
        if flag is None or (self.before is not None and self.before.reviewed):
            return None  # already decided before: the change comes from elsewhere
        if not self.now.decisions:
            return None
        records = set(_records(flag))
        for d in self.now.decisions:
            if d.party == flag.party and d.entry_id in records:
                return d
        return None

    def reasons(self) -> tuple[str, ...]:
        lang, was, now = self.lang, self.was.as_of, self.now.as_of
        decided = self.decided()
        if decided is not None:  # a reviewer's answer, not a change of the list record
            return (
                t(
                    f"register.because.decision.{decided.decision}",
                    lang,
                    reviewer=decided.reviewer or "?",
                    date=decided.date or "?",
                    evidence=self._entry(decided.entry_id),
                ),
            )
        old = {e.record: e for e in (self.before.evidence if self.before else ())}
        new = {e.record: e for e in (self.after.evidence if self.after else ())}
        out: list[str] = []
        for rec in sorted(set(old) | set(new)):
            e = self.known.get(rec) or new.get(rec) or old[rec]
            reason = self._reason(e, old.get(rec), new.get(rec), was, now)
            if reason:
                out.append(reason)
        if not out and was != now:
            out.append(t("register.because.assessment", lang, before=was, after=now))
        return tuple(out)

    def _entry(self, record: str) -> str:
        known = self.known.get(record)
        return self.label(known) if known is not None else "?"

    def _reason(
        self,
        e: EvidenceDoc,
        old: EvidenceDoc | None,
        new: EvidenceDoc | None,
        was: str,
        now: str,
    ) -> str | None:
        lang, detail = self.lang, e.detail
        get = (detail or _NOTHING).get  # each as _about reads it
        status = str(found) if (found := get("status")) else ""
        status_date = str(found) if (found := get("status_date")) else ""
        issued = str(found) if (found := get("issued")) else ""
        if status_date and status and was < status_date <= now:
            key = f"register.status.{status}"  # a status with no wording yet reads as given
            shown = t(key, lang) if key in catalogue(lang) else status
            return t(
                "register.because.status",
                lang,
                evidence=self.label(e),
                date=status_date,
                status=shown,
            )
        if issued and was < issued <= now:
            return t("register.because.issued", lang, evidence=self.label(e))
        if old is not None and new is not None:
            if old.edition == new.edition:
                return None  # the same record, unchanged: not a reason
            return t(
                "register.because.edition",
                lang,
                evidence=self.label(e),
                before=edition_name(old.edition, lang),
                after=edition_name(new.edition, lang),
            )
        return self.label(e, edition=True)  # a record on one side only


def diff_changes(before: Document, after: Document, *, lang: str = "en") -> list[Change]:
    """Every flag added, removed or changed (severity) from ``before`` to ``after``, typed.

    Sorted: added, changed, removed; then by severity, rule, party, good.
    """
    was, now = Side.of(before), Side.of(after)
    based_was, based_now = _based(was), _based(now)
    ambiguous = _ambiguous(based_was, based_now)
    old, new = _keyed(based_was, ambiguous), _keyed(based_now, ambiguous)
    known = _Known(was, now)
    changes: list[Change] = []
    for key in set(old) | set(new):
        plain_b, plain_a = old.get(key), new.get(key)
        if plain_b is not None and plain_a is not None and plain_b.severity == plain_a.severity:
            continue
        b, a = _typed(plain_b), _typed(plain_a)
        flag = a or b
        if flag is None:  # pragma: no cover - every key came from one side
            continue
        pair = _Pair(b, a, was, now, known, lang)
        changes.append(
            Change(
                change="added" if b is None else "removed" if a is None else "changed",
                rule=key[0],
                party=key[1],
                good=key[2],
                records=_records(flag),
                severity_before=b.severity if b else None,
                severity_after=a.severity if a else None,
                reasons=pair.reasons(),
            )
        )
    changes.sort(key=Change.order)
    return changes


def diff_documents(
    before: Document, after: Document, *, lang: str = "en"
) -> list[dict[str, object]]:
    """Every flag added, removed or changed (severity) from ``before`` to ``after``.

    Each change: ``change``, ``rule``, ``party``, ``good``, ``records`` (evidence
    records' keys), ``severity_before``, ``severity_after``, ``because`` (in words,
    records by their labels). Sorted: added, changed, removed; then by severity, rule,
    party, good.
    """
    return [c.to_dict() for c in diff_changes(before, after, lang=lang)]


def summarise(before: Document, after: Document) -> dict[str, object]:
    """Level and score before and after (the Rescreen JSON's ``before`` / ``after``)."""
    return {"before": Head.of(before).to_dict(), "after": Head.of(after).to_dict()}


def summarise_rose(before: Document, after: Document) -> dict[str, object]:
    """:func:`summarise` and ``rose`` (:func:`rose`), each document's head read once."""
    was, now = Head.of(before), Head.of(after)
    return {"before": was.to_dict(), "after": now.to_dict(), "rose": _level(now) > _level(was)}


__all__ = ["Change", "diff_changes", "diff_documents", "rose", "summarise", "summarise_rose"]
