"""The vocabularies are declared once (scrisk.vocab); the old tuple names derive from them."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from scrisk import vocab
from scrisk.errors import REASONS
from scrisk.i18n import catalogue
from scrisk.reference.model import JURISDICTIONS, LABOUR_TYPES
from scrisk.schema import ROLES
from scrisk.vocab import (
    DECISIONS,
    PARTY_LEVELS,
    RISK_LEVELS,
    SEVERITIES,
    Decision,
    RiskLevel,
    Severity,
    at_least,
    level_risk,
    severity_rank,
    worst,
)

PACKAGE = Path(vocab.__file__).parent


def test_old_names_are_the_enum_values_in_order() -> None:
    assert SEVERITIES == ("critical", "high", "medium", "low", "info")
    assert RISK_LEVELS == ("critical", "high", "medium", "low")
    assert DECISIONS == ("confirmed", "not_a_match", "unsure")
    assert ROLES == tuple(vocab.Role)
    assert LABOUR_TYPES == ("prison", "forced", "child")
    assert JURISDICTIONS == ("CA", "US", "intl")
    assert REASONS == frozenset(vocab.FaultReason)
    # plain strings, so messages that repr() them read as before
    assert all(type(s) is str for s in (*SEVERITIES, *RISK_LEVELS, *DECISIONS, *ROLES))


def test_members_are_their_strings_in_json_and_dicts() -> None:
    doc = {Severity.HIGH: [RiskLevel.LOW, Decision.NOT_A_MATCH]}
    assert json.dumps(doc) == '{"high": ["low", "not_a_match"]}'
    assert {"high": 1}[Severity.HIGH] == 1
    assert f"{Severity.CRITICAL}" == "critical"


def test_order_helpers() -> None:
    assert [s.rank for s in Severity] == [0, 1, 2, 3, 4]
    assert Severity.worst(["low", "high", "info"]) is Severity.HIGH
    assert Severity.worst([]) is Severity.LOW
    assert worst(["medium", "critical"]) == "critical"
    assert severity_rank("info") == 4
    assert RiskLevel.CRITICAL.rank < RiskLevel.LOW.rank
    with pytest.raises(ValueError):
        Severity.worst(["severe"])
    with pytest.raises(ValueError):
        severity_rank("severe")
    assert severity_rank("severe", 9) == 9
    assert at_least("low", "high") == "high" and at_least("critical", "medium") == "critical"


def test_unknown_ranks_between_low_and_medium() -> None:
    """A party's "unknown" level (low by its own evidence, but fed by a data gap) is
    never low and is not shown to be medium: one order for the diff, the worst-case
    country choice, the picture and the comparison."""
    order = sorted(PARTY_LEVELS, key=level_risk)
    assert order == ["low", "unknown", "medium", "high", "critical"]
    assert level_risk(None) == level_risk("severe") == -1
    assert level_risk("severe", 7) == 7
    # reports list them worst first with unknown last (a legend order, not a ranking)
    assert PARTY_LEVELS == (*RISK_LEVELS, "unknown")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_severity_role_and_decision_has_a_label(lang: str) -> None:
    cat = catalogue(lang)
    assert all(f"severity.{s}" in cat for s in Severity)
    assert all(f"role.{r}" in cat for r in vocab.Role)
    assert all(f"excel.decision.{d}" in cat for d in Decision)


def _string_tuples(tree: ast.AST) -> list[tuple[str, ...]]:
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Tuple)
            and node.elts
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
        ):
            found.append(tuple(e.value for e in node.elts))  # type: ignore[attr-defined]
    return found


def test_no_module_redeclares_an_order() -> None:
    """A literal tuple of three or more words of one vocabulary, outside vocab.py, is a copy."""
    orders = [vocab.values(e) for e in (Severity, RiskLevel, Decision, vocab.Role)]
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "vocab.py":
            continue
        for words in _string_tuples(ast.parse(path.read_text(encoding="utf-8"))):
            for order in orders:
                if len(words) >= 3 and set(words) <= set(order):
                    copies.append(f"{path.relative_to(PACKAGE)}: {words}")
    assert copies == []


def test_every_fault_reason_in_the_code_is_in_the_taxonomy():
    """Fault reasons are a closed set (FaultReason): a new one is added there, not invented."""
    used: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in {"add", "Fault", "_fault", "fault", "Problem"}:
                continue
            args = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "reason")]
            if name == "Problem":
                args = [*node.args[2:3], *(k.value for k in node.keywords if k.arg == "reason")]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    used[arg.value] = f"{path.relative_to(PACKAGE)}:{node.lineno}"
    assert len(used) >= 10  # the scan sees the readers' faults
    unknown = {r: where for r, where in used.items() if r not in set(vocab.FaultReason)}
    assert unknown == {}
