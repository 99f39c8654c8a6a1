"""`scrisk award RECORD --contract NUMBER --on DATE`: mark a recorded bid as the awarded contract.

scrisk assess bid.json --record            # prints the record id
scrisk award 3f2c1a9b --contract EN578-211087/001/ZF --on 2021-12-15
scrisk award 3f2c --contract E60PQ-190001/001/PQ --on 2026-05-01 --instrument standing_offer

RECORD is the id 'scrisk assess --record' printed, or any prefix of it that names
one record only (history shows the first 8 characters). The award date is the
contract date of every later re-screen: the contract keeps the clauses it was signed with.
"""

from __future__ import annotations

import argparse

from scrisk.i18n import LANGS
from scrisk.vocab import Instrument, values


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from scrisk.cli.common import as_of_date
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "award",
        help="mark a recorded bid as the awarded contract",
        description="Mark the bid recorded as RECORD (the id 'scrisk assess --record' "
        "printed) as the awarded contract NUMBER, so 'scrisk rescreen' follows it.",
        epilog="Exit status: 0 done; 2 bad usage, unknown record or unusable register.",
    )
    p.add_argument(
        "record", metavar="RECORD", help="the record id of the awarded bid (or a unique prefix)"
    )
    p.add_argument("--contract", metavar="NUMBER", required=True, help="the contract number")
    p.add_argument(
        "--on", metavar="DATE", type=as_of_date, required=True, help="the award date (YYYY-MM-DD)"
    )
    p.add_argument(
        "--instrument",
        choices=values(Instrument),
        default=Instrument.CONTRACT.value,
        help="what was awarded (call-ups go against a standing offer or supply arrangement)",
    )
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the message")
    add_register_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scrisk.cli.registry import open_from_args
    from scrisk.i18n import t

    with open_from_args(args, create=False) as reg:
        done = reg.award(
            args.record, contract=args.contract, on=args.on, instrument=args.instrument
        )
    print(
        t(
            "register.awarded",
            args.lang,
            id=done.record,
            contract=done.contract,
            on=done.awarded_on,
        )
        + " "
        + t(f"life.instrument.{done.instrument}", args.lang)
    )
    return 0


__all__ = ["register", "run"]
