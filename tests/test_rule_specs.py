"""Each rule declares its id, messages, clauses fed and settings once (``RULE`` in its
module); the clause matrix is derived from the declarations, and the declarations are
checked here against the catalogues and each module's source."""

from __future__ import annotations

import inspect
import re
from importlib import import_module

import pytest

from scrisk.assessment.clauses import CLAUSES, fed
from scrisk.assessment.rules import RULE_MODULES, rule_specs
from scrisk.assessment.rules.spec import Effect, RuleSpec
from scrisk.findings import Flag
from scrisk.i18n import LANGS, catalogue
from scrisk.policy import default_settings
from scrisk.vocab import Rule, Severity


def test_every_rule_id_has_one_declaration() -> None:
    specs = rule_specs()
    assert sorted(specs) == sorted(Rule)
    assert all(isinstance(s, RuleSpec) and s.id == rule for rule, s in specs.items())


@pytest.mark.parametrize("lang", LANGS)
def test_declared_messages_are_the_catalogue_keys(lang: str) -> None:
    cat = catalogue(lang)
    declared = {s.message_key(m) for s in rule_specs().values() for m in s.messages}
    in_catalogue = {
        k for k in cat if re.fullmatch(r"rule\.[A-Z0-9_]+\.\w+", k) and not k.endswith(".title")
    }
    assert declared - in_catalogue == set()  # a message raised but not written
    assert in_catalogue - declared == set()  # a message written but never raised


def test_an_undeclared_message_is_refused() -> None:
    with pytest.raises(ValueError, match="not declared"):
        rule_specs()["POW"].message_key("mising")


def test_feeds_name_clauses_and_quiet_names_messages() -> None:
    for spec in rule_specs().values():
        assert set(spec.feeds) <= set(CLAUSES), spec.id
        assert set(spec.quiet) <= set(spec.messages), spec.id
        assert all(set(f) <= set(Severity) for f in spec.feeds.values()), spec.id


def _setting_exists(dotted: str) -> bool:
    value: object = default_settings()
    for part in dotted.split("."):
        if not hasattr(value, part):
            return False
        value = getattr(value, part)
    return True


def _settings_read(module: str) -> set[str]:
    """Dotted settings a rule module reads: ``policy.<table>.<key>``, or a table held
    in a name and read by attribute (``measures = ctx.policy.measures``)."""
    source = inspect.getsource(import_module(f"scrisk.assessment.rules.{module}"))
    assert "policy[" not in source and "policy.get(" not in source  # typed: by attribute
    out = {f"{t}.{k}" for t, k in re.findall(r"\bpolicy\.(\w+)\.(\w+)", source)}
    for name, table in re.findall(r"\b(\w+) = ctx\.policy\.(\w+)\s*$", source, re.M):
        out.update(f"{table}.{k}" for k in re.findall(rf"\b{name}\.(\w+)", source))
    return out


@pytest.mark.parametrize("rule", list(RULE_MODULES))
def test_declared_settings_are_the_ones_the_module_reads(rule: str) -> None:
    spec = rule_specs()[rule]
    assert all(_setting_exists(s) for s in spec.settings), spec.settings
    read = _settings_read(RULE_MODULES[rule])
    if rule == "DATA_GAP":
        read |= _settings_read("data_horizon")
    assert read == set(spec.settings)


def _flag(rule: str, severity: str, variant: str) -> Flag:
    return Flag(
        rule=Rule(rule),
        severity=Severity(severity),
        party="P1",
        good=None,
        message_key=f"rule.{rule}.{variant}",
    )


def test_the_clause_matrix_follows_the_declarations() -> None:
    """rules.md v2/v3, as declared: a spot check of each kind of feed."""
    audit = _flag("AUDIT", "info", "indicators")
    stale = _flag("DATA_GAP", "info", "past_horizon")
    gap = _flag("DATA_GAP", "info", "no_profile")
    possible = _flag("WATCHLIST", "medium", "possible")
    strong = _flag("WATCHLIST", "critical", "strong")
    undated = _flag("EP_CERT", "info", "undated")
    flags = [audit, stale, gap, possible, strong, undated]
    assert fed(flags, "CODE")[Effect.WORST] == [audit, strong]  # an audit finding: high risk
    assert fed(flags, "CODE")[Effect.REVIEW] == [possible]
    assert fed(flags, "PN150")[Effect.REVIEW] == [audit, gap, possible]
    assert fed(flags, "CT9897")[Effect.REVIEW] == [gap, possible]  # stale data: never
    assert fed(flags, "A3006T")[Effect.NAMED] == [undated]
    assert all(not any(fed(flags, "POW").values()) for _ in (0,))


def test_flags_and_evidence_are_made_as_dataclasses_make_them() -> None:
    """findings: Flag and Evidence set their slots straight (a faster __init__ of the same
    signature): every field set, defaults and a fresh dict per record, still frozen."""
    import dataclasses
    import inspect

    from scrisk.findings import Evidence

    for cls in (Flag, Evidence):
        params = list(inspect.signature(cls).parameters.values())
        assert [p.name for p in params] == [f.name for f in dataclasses.fields(cls)]
        for p, f in zip(params, dataclasses.fields(cls), strict=True):
            assert (p.default is inspect.Parameter.empty) == (
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            )
    record = Evidence(source="s", edition="e", record="r")
    assert (record.score, record.url, record.detail, record.jurisdiction) == (None, None, {}, None)
    assert Evidence("s", "e", "r").detail is not record.detail  # a fresh dict each
    assert Evidence("s", "e", "r", 1.5, "u", {"a": 1}, "US") == Evidence(
        source="s", edition="e", record="r", score=1.5, url="u", detail={}, jurisdiction="US"
    )  # detail: compare=False
    made = Flag(Rule.GOODS, Severity.HIGH, "P1", "G1", "rule.GOODS.child", reviewed={"a": 1})
    assert (made.params, made.evidence, made.path, made.weight, made.reviewed) == (
        {},
        (),
        (),
        None,
        {"a": 1},
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.party = "P2"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Flag(Rule.GOODS, Severity.HIGH, "P1")  # type: ignore[call-arg]
    # rules/ct9897.py copies an evidence record field by field (a new field: copy it there)
    assert [f.name for f in dataclasses.fields(Evidence)] == [
        "source",
        "edition",
        "record",
        "score",
        "url",
        "detail",
        "jurisdiction",
    ]
