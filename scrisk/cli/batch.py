"""Batches that keep going, and the output check every writing command runs first.

A batch (``scrisk assess a.json b.json bad.json``, ``scrisk compare ...``)
reads every input; an unusable one is kept in place as an :class:`Unusable`
(its path as typed and its faults) so the readable ones are still assessed
and reported, the JSON array holds a fault record (``scrisk-fault/1``) in
input order, and the command exits 2 at the end. A bad policy or decisions
file applies to every bid and stops the run before any assessment.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrisk.cli.console import as_typed, progress

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment import Assessment
    from scrisk.decisions import Decision
    from scrisk.errors import Fault
    from scrisk.model import Declaration
    from scrisk.policy.settings import Settings
    from scrisk.register import Register


@dataclass(frozen=True)
class Unusable:
    """An input of a batch that could not be read: its path as typed and its faults."""

    input: str
    faults: list[Fault]

    def to_dict(self) -> dict[str, Any]:
        """The fault record standing for this input in a JSON array (input order kept)."""
        return {
            "format": FAULT_FORMAT,
            "input": self.input,
            "faults": [f.to_dict() for f in self.faults],
        }


FAULT_FORMAT = "scrisk-fault/1"


def read_settings(
    args: argparse.Namespace,
) -> tuple[Settings | None, dict[tuple[str, str], Decision] | None]:
    """The policy and decisions that apply to every bid of the run.

    A bad policy or decisions file applies to every bid, so it stops the run
    (``DeclarationError``, exit 2) before any assessment.
    """
    from scrisk.errors import DeclarationError

    policy = None
    if args.policy is not None:
        from scrisk.policy import load_policy

        policy = load_policy(args.policy)  # typed; every unusable setting named at once
    decisions = None
    if getattr(args, "decisions", None):
        from scrisk.decisions import load_decisions

        try:
            decisions = load_decisions(args.decisions)
        except DeclarationError as error:
            raise DeclarationError(as_typed(error, args.decisions)) from None
        if not decisions:  # an unanswered Review sheet: say so, never silently nothing (#24)
            import sys

            from scrisk.i18n import t
            from scrisk.textsafe import inert

            print(
                t("term.cli.decisions_none", args.lang, path=inert(args.decisions)), file=sys.stderr
            )
    return policy, decisions


def _read(typed: str) -> Declaration | Unusable:
    from scrisk.errors import DeclarationError
    from scrisk.readers import load_declaration

    try:
        return load_declaration(typed)
    except DeclarationError as error:
        return Unusable(typed, as_typed(error, typed))


# read ahead, so a portfolio's party names are screened in one matcher call for a few
# bids (whatever their closing dates) rather than one call per bid; bounded, so memory
# stays that of a few bids; a bid past PREREAD_PARTIES alone screens itself
PREREAD_BIDS = 64
PREREAD_PARTIES = 4000


def _read_ahead(inputs: Sequence[str]) -> Iterator[list[tuple[str, Declaration | Unusable]]]:
    """The inputs read in order, in groups of at most PREREAD_BIDS declarations holding
    at most PREREAD_PARTIES parties (a larger declaration is a group of its own)."""
    group: list[tuple[str, Declaration | Unusable]] = []
    parties = 0
    for typed in inputs:
        item = _read(typed)
        size = 0 if isinstance(item, Unusable) else len(item.parties)
        if group and (len(group) >= PREREAD_BIDS or parties + size > PREREAD_PARTIES):
            yield group
            group, parties = [], 0
        group.append((typed, item))
        parties += size
    if group:
        yield group


def iter_batch(
    args: argparse.Namespace, register: Register | None = None
) -> Iterator[Assessment | Unusable]:
    """Each input read and assessed in turn, in input order; unusable ones kept in place.

    A few declarations at a time (:func:`_read_ahead`): a portfolio of any size runs
    in the memory of its largest bid and a few small ones, as long as the caller does
    not keep what it is given. With a ``register``, the decisions it holds on each
    bid's suppliers apply too (those of ``--decisions`` take precedence)."""
    from scrisk.assessment import assess
    from scrisk.assessment.engine import screen_declarations
    from scrisk.i18n import t

    policy, decisions = read_settings(args)
    stage = getattr(args, "stage", "bid")
    with progress(len(args.inputs), t("term.cli.progress", args.lang)) as advance:
        for group in _read_ahead(args.inputs):
            decls = [item for _, item in group if not isinstance(item, Unusable)]
            screened = iter(
                screen_declarations(decls, as_of=args.as_of, policy=policy, stage=stage)
                if len(decls) > 1
                else [None] * len(decls)
            )
            for _, item in group:
                if isinstance(item, Unusable):
                    yield item
                    advance()
                    continue
                given: Mapping[tuple[str, str], Decision] | list[Decision] | None = decisions
                if register is not None:
                    given = [*register.decisions_for(item), *(decisions or {}).values()]
                yield assess(
                    item,
                    as_of=args.as_of,
                    policy=policy,
                    decisions=given,
                    stage=stage,
                    screened=next(screened),
                    contract_date=getattr(args, "contract_date", None),
                )
                advance()


def assess_batch(
    args: argparse.Namespace, register: Register | None = None
) -> list[Assessment | Unusable]:
    """Every input assessed with the same options (:func:`iter_batch`), kept in a list."""
    return list(iter_batch(args, register))


def print_unusable(items: Sequence[Assessment | Unusable], *, lang: str = "en") -> None:
    """The faults of every unusable input, on stderr, after the reports of the others."""
    from scrisk.cli.console import print_faults
    from scrisk.errors import DeclarationError

    faults = [f for item in items if isinstance(item, Unusable) for f in item.faults]
    if faults:
        print_faults(DeclarationError(faults), lang=lang)


def plan_run_outputs(args: argparse.Namespace, inputs: Sequence[str]) -> None:
    """Refuse bad output paths before any work (see :mod:`scrisk.outputs`)."""
    from scrisk.outputs import Output, plan_outputs

    outs = []
    if getattr(args, "json_path", None):
        outs.append(Output("--json", args.json_path, "json"))
    if getattr(args, "excel_path", None):
        outs.append(Output("--excel", args.excel_path, "xlsx"))
    read = [
        i for i in (*inputs, getattr(args, "policy", None), getattr(args, "decisions", None)) if i
    ]
    plan_outputs(outs, read, force=getattr(args, "force", False), lang=getattr(args, "lang", "en"))


__all__ = [
    "FAULT_FORMAT",
    "Unusable",
    "assess_batch",
    "iter_batch",
    "plan_run_outputs",
    "print_unusable",
    "read_settings",
]
