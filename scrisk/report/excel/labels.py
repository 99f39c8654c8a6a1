"""What a reviewer's sheet calls things: records, flags and evidence by label, never by key.

The assessment document names its evidence by record keys
(``CBP-supermax-...-wro``, ``ILAB-2022:MY:rubber-gloves``, ``country:MY``,
``$.parties[2], field 'supplies_to'``): stable, but not words. The printed sheets
show what a record is ("CBP WRO/Findings: Supermax Corporation Bhd., issued
2021-10-21"); the keys stay on the Sources sheet for whoever traces them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from scrisk.assessment.document import AssessmentDocument, EvidenceDoc, FlagDoc
from scrisk.i18n import edition_name, source_name, t, term
from scrisk.model import FORMAT as DECLARATION_FORMAT
from scrisk.register.codec import SUPPLIER_EVIDENCE, Bearing

_DECLARED = re.compile(
    r"^\$?\.?(?P<part>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:, field '(?P<field>\w+)')?$"
)


def is_name_match(evidence: EvidenceDoc) -> bool:
    """A scored record other than a country profile: a list entry matched by name, whose
    score is a name-match score (a country's composite score is not one)."""
    return evidence.score is not None and not str(evidence.record or "").startswith("country:")


def _country(code: str, lang: str) -> str:
    from scrisk.countries import country_name

    return country_name(code, lang) or code if code else ""


def evidence_label(
    evidence: EvidenceDoc, lang: str, *, party: str = "", goods: Mapping[str, str] | None = None
) -> str:
    """One evidence record in words (``party``: who a declaration record is about)."""
    detail = evidence.about
    record = str(evidence.record or "")
    if detail.entity:
        listed = term("list", detail.list, lang) or source_name(str(evidence.source), lang)
        issued = detail.issued
        key = "excel.evidence.listed_on" if issued else "excel.evidence.listed"
        return t(key, lang, list=listed, entity=detail.entity, date=issued)
    if detail.good and detail.country:
        since = detail.listed_from[:4]
        good = term("ilab_good", detail.good, lang)
        country = _country(detail.country, lang)
        key = "excel.evidence.ilab_since" if since else "excel.evidence.ilab"
        return t(key, lang, good=good, country=country, year=since)
    if detail.alias or detail.matched_text:
        place = detail.matched_text or detail.alias
        return t("excel.evidence.region", lang, place=place)
    if record.startswith("country:"):
        return t(
            "excel.evidence.country",
            lang,
            country=_country(record.split(":", 1)[1], lang),
            score=_score(evidence.score, lang),
        )
    if record.startswith("risk_inputs:"):
        good = record.split(":", 1)[1]
        return t("excel.evidence.inputs", lang, good=term("ilab_good", good, lang))
    found = _DECLARED.match(record)
    if found:
        part, index, field = found.group("part"), found.group("index"), found.group("field")
        if part == "parties":
            whom = party or (f"#{int(index) + 1}" if index else "")
            key = "excel.evidence.declared_field" if field else "excel.evidence.declared_party"
            return t(key, lang, party=whom, field=field_name(field or "", lang))
        if part == "certifications":
            number = int(index) + 1 if index else 1
            return t("excel.evidence.certification", lang, number=number)
        return t("excel.evidence.declared", lang)
    return source_name(str(evidence.source), lang)


def field_name(field: str, lang: str) -> str:
    """A declaration field as a heading reads ("supplies to"), not as its key."""
    key = f"excel.field.{field}"
    from scrisk.i18n import catalogue

    return catalogue(lang).get(key) or field.replace("_", " ")


def _score(value: float | None, lang: str) -> str:
    if value is None:
        return "?"
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def flag_heading(
    flag: FlagDoc, names: Mapping[str, str], goods: Mapping[str, str], lang: str
) -> str:
    """What identifies a flag's printed row: whom it is about, then the rule's title."""
    about = ""
    if flag.party:
        pid = str(flag.party)
        name = names.get(pid) or ""
        about = f"{name} ({pid})" if name and name != pid else pid
    elif flag.good:
        gid = str(flag.good)
        about = f"{goods.get(gid) or ''} ({gid})".strip()
    title = str(flag.title or t(f"rule.{flag.rule}.title", lang))
    return f"{about}\n{title}" if about else title


def evidence_text(flag: FlagDoc, names: Mapping[str, str], lang: str) -> str:
    """The flag's evidence, one record a line, each with its source's edition."""
    party = str(flag.party or "")
    whom = f"{names.get(party) or party} ({party})" if names.get(party) else party
    lines: list[str] = []
    for e in flag.evidence:
        line = evidence_line(e, lang, party=whom)
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)


def evidence_line(evidence: EvidenceDoc, lang: str, *, party: str = "") -> str:
    """One evidence record in words with its dataset's edition in ``lang``, as the Flags
    sheet and the re-screen's reasons print it (never the record's key)."""
    line = evidence_label(evidence, lang, party=party)
    edition = edition_name(str(evidence.edition or ""), lang)
    if edition.startswith(DECLARATION_FORMAT.split("/")[0]):
        edition = ""  # the bid's own declaration: its format's name is no dataset's edition
    if edition and edition not in line:
        line += f" [{edition}]"
    return line


def name_match_score(flag: FlagDoc) -> float | None:
    """The best name-match score behind a flag (None when no evidence is a name match)."""
    scores = [float(e.score) for e in flag.evidence if is_name_match(e) and e.score is not None]
    return max(scores) if scores else None


def supplier_evidence(doc: AssessmentDocument, given: Iterable[Bearing] | None) -> list[Bearing]:
    """The register's due-diligence evidence about this bid's suppliers (``supplier_evidence``
    of the JSON document, :func:`scrisk.register.evidence.bearing`): given, or kept in the
    document read back from a dict (each entry read by the register's codec)."""
    if given is not None:
        return list(given)
    found = doc.extra.get(SUPPLIER_EVIDENCE)
    if not isinstance(found, list | tuple):
        return []
    return [Bearing.from_dict(e) for e in found if isinstance(e, Mapping)]


def evidence_beside(flag: FlagDoc, entries: Iterable[Bearing], lang: str = "en") -> list[str]:
    """What the register's evidence about the flag's supplier says on the as-of date
    (:func:`evidence_note`): valid evidence counts, expired evidence says it does not."""
    out = []
    for e in entries:
        if e.party != (flag.party or ""):
            continue
        bears = any(
            f.rule == flag.rule and (f.good or None) == (flag.good or None) for f in e.flags
        )
        if bears:
            out.append(evidence_note(e, lang))
    return out


def evidence_note(entry: Bearing, lang: str) -> str:
    """One evidence entry in words: what, from whom, valid when, whether it counts on the
    as-of date (the register's own sentences, life.evidence.*), and the flags it settles
    by their titles (the register's note names them by rule id)."""
    what = t(f"life.evidence.kind.{entry.kind}", lang)
    scheme = f" {entry.scheme}" if entry.scheme else ""
    material = f" ({entry.material})" if entry.material else ""
    head = t(
        f"life.evidence.{entry.status or 'valid'}",
        lang,
        what=what + scheme + material,
        issuer=entry.issuer or "?",
        start=entry.valid_from or "?",
        end=entry.valid_to or "?",
    )
    settled = sorted({t(f"rule.{f.rule}.title", lang) for f in entry.flags if f.settles})
    if settled:
        head += " " + t("excel.evidence.settles", lang, flags="; ".join(settled))
    return head


__all__ = [
    "evidence_beside",
    "evidence_note",
    "evidence_label",
    "evidence_line",
    "evidence_text",
    "field_name",
    "flag_heading",
    "is_name_match",
    "name_match_score",
    "supplier_evidence",
]
