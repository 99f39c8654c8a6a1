"""The ``scrisk`` command: a thin layer that parses options, calls the library, renders.

Each command lives in its own module exposing ``register(subparsers)`` and
``run(args) -> int``. Command modules import only argparse at module level;
heavy libraries are imported inside ``run`` so ``scrisk --help`` stays fast.

Exit status: 0 done; 1 done and ``--fail-on`` reached; 2 bad usage or unusable
input (a message naming file, sheet/row or JSON path, and field; no traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from scrisk import __version__
from scrisk.cli import (
    action,
    assess,
    award,
    callup,
    compare,
    data,
    evidence,
    history,
    report,
    rescreen,
    screen,
    serve,
    template,
)
from scrisk.cli.console import print_faults
from scrisk.errors import DeclarationError, ScriskError

COMMANDS = (
    assess,
    compare,
    template,
    screen,
    data,
    award,
    rescreen,
    history,
    callup,
    evidence,
    action,
    report,
    serve,
)

EXIT_OK, EXIT_FAIL_ON, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 too; keep its wording
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="scrisk",
        description=(
            "Forced- and child-labour risk of apparel and PPE bids, checked against "
            "PSPC's ethical procurement clauses and Customs Tariff item 9897.00.00."
        ),
        epilog="Run 'scrisk COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"scrisk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from scrisk.report.terminal.wrap import keep_no_break_spaces

    keep_no_break_spaces()  # every command's French lines: never broken before « : »
    try:
        return int(args.run(args))
    except DeclarationError as error:
        print_faults(error, lang=getattr(args, "lang", None) or "en")
        return EXIT_USAGE
    except ScriskError as error:
        from scrisk.textsafe import inert

        print(f"scrisk: error: {inert(error, keep_newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


__all__ = ["EXIT_FAIL_ON", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]
