"""`scrisk callup CONTRACT --number N --on DATE [--value CAD]`: a call-up against a
standing offer or supply arrangement, screened as of its date.

scrisk award 3f2c1a9b --contract E60PQ-190001/001/PQ --on 2026-05-01 --instrument standing_offer
scrisk callup E60PQ-190001/001/PQ --number 7 --on 2026-09-01 --value 48000
"""

from __future__ import annotations

import argparse

from scrisk.i18n import LANGS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from scrisk.cli.common import as_of_date
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "callup",
        help="record a call-up against a standing offer or supply arrangement",
        description="Record call-up NUMBER against CONTRACT (the contract number given to "
        "'scrisk award', or its record id or an unambiguous prefix). The bid is screened "
        "again as of the call-up date (clauses as of the award date); rescreen and history "
        "show the call-up.",
        epilog="Exit status: 0 done; 2 bad usage, unknown contract, a plain contract "
        "(not a standing offer or supply arrangement) or unusable register; nothing written.",
    )
    p.add_argument("contract", metavar="CONTRACT", help="contract number or record id (prefix)")
    p.add_argument("--number", metavar="N", required=True, help="the call-up number")
    p.add_argument(
        "--on", metavar="DATE", type=as_of_date, required=True, help="call-up date (YYYY-MM-DD)"
    )
    p.add_argument("--value", metavar="CAD", type=float, default=None, help="value in CAD")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the message")
    add_register_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scrisk.cli.registry import open_from_args
    from scrisk.i18n import t
    from scrisk.register.callups import callup
    from scrisk.register.excel import label
    from scrisk.textsafe import inert

    with open_from_args(args, create=False) as reg:
        done = callup(reg, args.contract, number=args.number, on=args.on, value=args.value)
    print(
        t(
            "life.callup.done",
            args.lang,
            number=inert(done.number),
            contract=inert(done.contract),
            on=done.called_on,
            level=label(done.risk_level, args.lang) or "?",
            id=done.id[:8],
        )
    )
    return 0


__all__ = ["register", "run"]
