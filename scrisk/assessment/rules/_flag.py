"""Helpers shared by the rules: a flag with its path to the bidder filled in."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from scrisk.assessment.context import Context
from scrisk.assessment.rules.spec import RuleSpec
from scrisk.errors import Location
from scrisk.findings import Evidence, Flag, new_evidence, new_flag
from scrisk.jsontypes import JsonValue
from scrisk.vocab import Severity, severity_of


def flag(
    ctx: Context,
    rule: RuleSpec,
    severity: Severity | str,
    key: str,
    *,
    party: str | None = None,
    good: str | None = None,
    params: Mapping[str, JsonValue] | None = None,
    evidence: tuple[Evidence, ...] | list[Evidence] = (),
    path: tuple[str, ...] | None = None,
    reviewed: Mapping[str, JsonValue] | None = None,
) -> Flag:
    """A :class:`Flag` of ``rule`` whose path runs from ``party`` to the bidder (unless
    given); ``key`` is one of the message variants ``rule`` declares. A ``params`` dict is
    the flag's own (the rules make a new one for each flag), any other mapping is copied."""
    if path is None:
        if party is None:
            path = ()
        else:  # Context.path: its memo read here first (most flags' parties have one)
            path = ctx._paths.get(party)
            if path is None:
                path = ctx.path(party)
    message = _MESSAGES.get((rule.id, key))
    if message is None or message[0] is not rule:
        message = _MESSAGES[(rule.id, key)] = (rule, rule.message_key(key))
    found = _SEVERITY_OF.get(severity)
    made: Flag = new_flag(  # Flag(...), each field a plain store
        rule.id,
        severity_of(severity) if found is None else found,
        party,
        good,
        message[1],
        params if type(params) is dict else dict(params) if params else {},
        tuple(evidence),
        tuple(path),
        reviewed=dict(reviewed) if reviewed is not None else None,
    )
    return made


# a rule's message key by (rule id, variant), held with the rule's declaration (a test
# may declare another rule of the same id); a severity by its text
_MESSAGES: dict[tuple[str, str], tuple[RuleSpec, str]] = {}
_SEVERITY_OF: dict[str, Severity] = {str(s): s for s in Severity}


def party_label(ctx: Context, party_id: str) -> str:
    """'Name (id)' for messages; the id alone when the party has no name (one text per
    party, however many flags name it)."""
    found = ctx.labels.get(party_id)
    if found is None:
        name = ctx.party(party_id).name
        found = ctx.labels[party_id] = f"{name} ({party_id})" if name else party_id
    return found


# The two below are asked once per flag (a 100,000-party bid: 120,000 times) about a few
# hundred countries and names: each answer is made once and shared by the flags' params,
# which are read, never changed.


@lru_cache(maxsize=4096)
def country_label(iso2: str | None, name: str) -> dict[str, str]:
    """A country for messages: ``name`` in English, the ISO French short name in French
    (shared: not to be changed)."""
    from scrisk.countries import country_name

    return {"en": name, "fr": country_name(iso2, "fr") or name}


@lru_cache(maxsize=4096)
def data_names(prefix: str, name: str) -> dict[str, str]:
    """A reference-data name (ILAB good, region) for messages, in every language, from the
    sourced table (:func:`scrisk.i18n.data_name`); an untranslated one is marked so
    (shared: not to be changed)."""
    from scrisk.i18n import LANGS, data_name

    return {lang: data_name(prefix, name, lang) for lang in LANGS}


DECLARATION = "Declaration"


# Jurisdiction of evidence taken from the declaration: what the bidder hands a
# Canadian contracting authority under Canadian procurement requirements.
DECLARATION_JURISDICTION = "CA"
# Jurisdiction of the shipped datasets a rule cites by id (others: "intl").
# The region file is the UFLPA presumption region; the ILAB lists are the US
# Department of Labor's.
DATASET_JURISDICTION = {
    "cbp_wro_findings": "US",
    "uflpa_entity_list": "US",
    "scrisk_regions": "US",
    "ilab_goods_2022": "US",
    "ilab_2024_changes": "US",
    "ilab_country_findings_2022": "US",
}


def declared(source: str, record: str, edition: str = "") -> Evidence:
    """Evidence taken from the declaration itself (audits, certifications, fields)."""
    ev: Evidence = new_evidence(
        source=source,
        edition=edition or "scrisk-declaration/1",
        record=record,
        jurisdiction=DECLARATION_JURISDICTION,
    )
    return ev


def declared_party(ctx: Context, party_id: str, field: str | None = None) -> Evidence:
    """The party's place in the input (JSON path, or sheet and row), so it can be fixed there."""
    loc = ctx.party(party_id).source
    if loc is not None:
        where = Location(None, loc.sheet, loc.row, loc.path, field)
        record = str(where)
    else:
        record = f"parties[{party_id}]" + (f".{field}" if field else "")
    return declared(DECLARATION, record, ctx.declaration.format)


def dataset_record(ctx: Context, dataset: str, record: str, **detail: JsonValue) -> Evidence:
    """Evidence citing one record of a shipped dataset (source title and edition)."""
    ev: Evidence = new_evidence(
        source=ctx.source_title(dataset),
        edition=_about(ctx, dataset)[0],
        record=record,
        detail=detail,
        jurisdiction=jurisdiction_of(ctx, dataset),
    )
    return ev


def _about(ctx: Context, dataset: str) -> tuple[str, str]:
    """(edition, jurisdiction) of a shipped dataset, looked up once per assessment."""
    found = ctx.datasets.get(dataset)
    if found is None:
        try:
            info = ctx.reference.dataset(dataset)
        except KeyError:
            edition, jurisdiction = "", None
        else:
            edition, jurisdiction = str(info.edition), getattr(info, "jurisdiction", None)
        found = ctx.datasets[dataset] = (
            edition,
            str(jurisdiction or DATASET_JURISDICTION.get(dataset, "intl")),
        )
    return found


def jurisdiction_of(ctx: Context, dataset: str) -> str:
    """Whose data a shipped dataset is: its manifest's ``jurisdiction``, else the table above,
    else "intl" (country indices, scrisk's own mappings)."""
    return _about(ctx, dataset)[1]


__all__ = [
    "DECLARATION",
    "DECLARATION_JURISDICTION",
    "country_label",
    "data_names",
    "dataset_record",
    "declared",
    "declared_party",
    "flag",
    "jurisdiction_of",
    "party_label",
]
