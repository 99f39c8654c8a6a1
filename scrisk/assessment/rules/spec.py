"""What a rule declares about itself, in one place: :class:`RuleSpec`.

Each rule module holds ``RULE = RuleSpec(...)`` beside its ``check(ctx)``:

- ``id``: the rule id of spec/rules.md (:class:`~scrisk.vocab.Rule`);
- ``messages``: the message variants it raises; variant ``v`` is the catalogue
  key ``rule.<id>.<v>`` (a variant not declared is refused when the flag is made,
  and tests check the declarations against both catalogues);
- ``feeds``: the clauses its flags feed, and how, by severity (:class:`Effect`);
  the clause matrix (:mod:`scrisk.assessment.clauses`) is derived from these;
- ``settings``: the policy settings the module reads (dotted, ``rules.contract_years``);
  a test reads each module's source and compares;
- ``quiet``: message variants that feed no clause (a dataset past its horizon
  informs, never decides: rules.md v3).

Adding a rule: a module with ``RULE`` and ``check``, its id in
:class:`~scrisk.vocab.Rule` and :data:`scrisk.assessment.rules.RULE_MODULES`, its
messages in ``i18n/<lang>/rules.json`` and its title in ``common.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from scrisk.vocab import Rule, Severity

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.findings import Flag


class Effect(StrEnum):
    """What a flag does to a clause row it feeds."""

    # the clause's worst status: high_risk for a risk clause; for a documentary one
    # fail at the contract stage, review at the bid stage (obtained before award)
    WORST = "worst"
    REVIEW = "review"  # the clause is at least "review"
    NAMED = "named"  # named in the row, the status unchanged (A3006T: an undated certificate)


ALL = tuple(Severity)
NOT_INFO = tuple(s for s in Severity if s is not Severity.INFO)


def feed(
    worst: tuple[Severity, ...] = (),
    review: tuple[Severity, ...] = (),
    named: tuple[Severity, ...] = (),
) -> Mapping[Severity, Effect]:
    """What a flag of each severity does to one clause."""
    out = dict.fromkeys(named, Effect.NAMED)
    out.update(dict.fromkeys(review, Effect.REVIEW))
    out.update(dict.fromkeys(worst, Effect.WORST))
    return MappingProxyType(out)


# How a labour-risk indicator feeds the Code of Conduct clause (CODE): critical is
# high risk, any other severity but info is review.
LABOUR_RISK = feed(worst=(Severity.CRITICAL,), review=NOT_INFO[1:])
# A part of the chain that cannot be checked: review for the import prohibition.
UNCHECKED = feed(review=ALL)


@dataclass(frozen=True)
class RuleSpec:
    """One rule's declaration (see the module docstring)."""

    id: Rule
    messages: tuple[str, ...]
    feeds: Mapping[str, Mapping[Severity, Effect]] = field(default_factory=dict)
    settings: tuple[str, ...] = ()
    quiet: tuple[str, ...] = ()

    def message_key(self, variant: str) -> str:
        """``rule.<id>.<variant>``; a variant the rule did not declare is a bug.

        One string per variant, made once (a large chain raises 100,000s of flags)."""
        made = self.__dict__.get("_message_keys")
        if made is None:
            made = self.__dict__["_message_keys"] = {}  # the frozen fields stay as they are
        found: str | None = made.get(variant)
        if found is None:
            if variant not in self.messages:
                raise ValueError(f"rule {self.id}: message {variant!r} is not declared in RULE")
            found = made[variant] = f"rule.{self.id}.{variant}"
        return found

    def effect(self, clause: str, flag: Flag) -> Effect | None:
        """What ``flag`` (one of this rule's) does to ``clause``; None = nothing."""
        by_severity = self.feeds.get(clause)
        if by_severity is None:
            return None
        if self.quiet and flag.message_key.removeprefix(f"rule.{self.id}.") in self.quiet:
            return None
        # keyed by Severity, a StrEnum: its plain text finds the same entry
        return by_severity.get(flag.severity)


__all__ = ["ALL", "LABOUR_RISK", "NOT_INFO", "UNCHECKED", "Effect", "RuleSpec", "feed"]
