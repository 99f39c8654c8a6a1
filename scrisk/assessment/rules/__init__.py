"""The rule registry: one module per rule id, each with ``check(ctx) -> list[Flag]``
and its declaration ``RULE`` (:class:`~scrisk.assessment.rules.spec.RuleSpec`: id,
messages, the clauses it feeds, the settings it reads).

Rules run in this order; a later rule may read the flags of earlier ones from
``ctx.found`` (CT9897 summarises WATCHLIST, REGION and GOODS along each chain).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from types import ModuleType

from scrisk.assessment.context import Context
from scrisk.assessment.rules.spec import RuleSpec
from scrisk.findings import Flag
from scrisk.vocab import Rule

RULE_MODULES: dict[Rule, str] = {
    Rule.WATCHLIST: "watchlist",
    Rule.REGION: "region",
    Rule.GOODS: "goods",
    Rule.COUNTRY: "country",
    Rule.DATA_GAP: "data_gap",
    Rule.EP_CERT: "ep_cert",
    Rule.POW: "pow",
    Rule.CHAIN_GAP: "chain_gap",
    Rule.CAPACITY: "capacity",
    Rule.AUDIT: "audit",
    Rule.CT9897: "ct9897",
    Rule.S211: "s211",
}
RULES = tuple(RULE_MODULES)


@cache
def rule_check(rule: str) -> Callable[[Context], list[Flag]]:
    """The ``check`` function of one rule id."""
    module = _MODULES.get(rule)
    if module is None:
        module = _MODULES[rule] = import_module(
            f"scrisk.assessment.rules.{RULE_MODULES[Rule(rule)]}"
        )
    check: Callable[[Context], list[Flag]] = module.check  # read each time (tests patch it)
    return check


_MODULES: dict[str, ModuleType] = {}  # each rule's module, by rule id, once imported


@cache
def rule_specs() -> dict[str, RuleSpec]:
    """Every rule's declaration by id, in run order."""
    specs: dict[str, RuleSpec] = {}
    for rule, module in RULE_MODULES.items():
        spec = import_module(f"scrisk.assessment.rules.{module}").RULE
        if not isinstance(spec, RuleSpec) or spec.id != rule:
            raise TypeError(f"scrisk.assessment.rules.{module}.RULE does not declare {rule}")
        specs[rule] = spec
    return specs


def run_rules(ctx: Context) -> list[Flag]:
    """Every rule in order, flags sorted (``Flag.sort_key``)."""
    flags: list[Flag] = []
    for rule in RULES:
        found = rule_check(rule)(ctx)
        ctx.found[rule] = found
        flags.extend(found)
    return sorted(flags, key=Flag.sort_key)


__all__ = ["RULES", "RULE_MODULES", "rule_check", "rule_specs", "run_rules"]
