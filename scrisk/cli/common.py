"""What the bid commands share: the common options and how results are written.

``scrisk assess`` and ``scrisk compare`` take the same inputs and options
(:func:`add_common_options`); they, ``history`` and ``rescreen`` write JSON
(:func:`dumps`, :func:`write_text`) and workbooks (:func:`write_workbook`) the
same way. Batches that keep going and the output check live in
:mod:`scrisk.cli.batch`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.i18n import LANGS
from scrisk.vocab import Stage, values

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from rich.console import Console

MAX_OUTPUT_CHARS = 256 * 1024 * 1024  # one JSON report (20,000 parties at the limits: 80 MB)


def as_of_date(text: str) -> date:
    """``--as-of`` value: an ISO date, or a usage error naming the option (exit 2)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_common_options(p: argparse.ArgumentParser, *, what: str) -> None:
    """Options shared by ``assess`` and ``compare``."""
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="bid declaration: JSON or .xlsx workbook made from 'scrisk template'",
    )
    p.add_argument(
        "--json",
        metavar="PATH",
        dest="json_path",
        help=f"write the {what} JSON to PATH ('-' for stdout, and nothing else there)",
    )
    p.add_argument(
        "--excel", metavar="PATH", dest="excel_path", help="write the reviewer workbook to PATH"
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        type=as_of_date,
        default=None,
        help="date lists and clauses are taken on (YYYY-MM-DD; "
        "default each solicitation's closing date)",
    )
    if what == "assessment":
        p.add_argument(
            "--stage",
            choices=values(Stage),
            default="bid",
            help="bid: as of the closing date (default); contract: after award, "
            "as of --as-of or today (conditions of award then fail instead of review)",
        )
        p.add_argument(
            "--contract-date",
            metavar="DATE",
            type=as_of_date,
            default=None,
            help="date the contract was awarded (or the standing offer / supply arrangement "
            "issued): decides which clauses it carries (A3006T, POW, PN-150, Code of "
            "Conduct); default solicitation.contract_date, else the closing date",
        )
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="language of the report, JSON messages and workbook (default en)",
    )
    p.add_argument(
        "--policy",
        metavar="FILE",
        default=None,
        help="policy file (TOML/JSON) overriding weights, thresholds and clause dates",
    )
    p.add_argument(
        "--decisions",
        metavar="FILE",
        default=None,
        help="reviewer decisions on name matches: a report workbook's Review "
        "sheet or a decisions CSV",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no terminal report (files and exit status only)"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --json/--excel file that is not an unchanged scrisk report",
    )


def dumps(value: Any) -> str:
    """JSON as scrisk writes it everywhere: sorted keys, UTF-8 text, indent 2, final newline.

    Never invalid JSON: a NaN or infinity is refused (exit 2), not written as ``NaN``.
    """
    import json

    from scrisk.errors import ScriskError

    try:
        text = (
            json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        )
    except ValueError:
        raise ScriskError(
            "the result holds a number that is not finite (NaN or infinity), which JSON "
            "cannot hold; check the policy file's numbers"
        ) from None
    if len(text) > MAX_OUTPUT_CHARS:  # the input limits keep real reports far below this
        raise ScriskError(
            f"the JSON report would be {len(text):,} characters; the limit is "
            f"{MAX_OUTPUT_CHARS:,}: assess fewer bids at once"
        )
    return text


def write_text(path: str, text: str, lang: str) -> None:
    """Write text atomically (temporary file, then rename); errors exit 2 naming the path."""
    from scrisk.outputs import write_text as write_atomic

    write_atomic(path, text, lang=lang)


def write_workbook(write: Callable[[Path], Any], path: str, lang: str) -> None:
    """``write(temporary path)`` then rename over ``path`` (see :mod:`scrisk.outputs`)."""
    from scrisk.outputs import write_file

    write_file(path, write, lang=lang)


def report_console(args: argparse.Namespace) -> Console:
    """Where the human report goes: stdout, or stderr when stdout carries the JSON."""
    from rich.console import Console

    return Console(file=sys.stderr if args.json_path == "-" else sys.stdout, highlight=False)


__all__ = [
    "MAX_OUTPUT_CHARS",
    "add_common_options",
    "as_of_date",
    "dumps",
    "report_console",
    "write_text",
    "write_workbook",
]
