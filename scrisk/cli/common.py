"""What the bid commands share: the common options and how results are written.

``scrisk assess`` and ``scrisk compare`` take the same inputs and options
(:func:`add_common_options`); they, ``history`` and ``rescreen`` write JSON
(:func:`scrisk.jsontext.dumps`, :func:`write_text`) and workbooks (:func:`write_workbook`) the
same way. Batches that keep going and the output check live in
:mod:`scrisk.cli.batch`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from scrisk.dates import parse_date
from scrisk.i18n import LANGS
from scrisk.jsontext import dumps, too_large
from scrisk.vocab import Stage, values

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from rich.console import Console

    from scrisk.jsontypes import JsonObject


def as_of_date(text: str) -> date:
    """A date option (``--as-of``, ``--on`` ...): an ISO date, or a usage error (exit 2)."""
    try:
        return parse_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


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
        help="date the evidence is read on: list status, dataset editions, CT9897 "
        "coverage, S-211 (YYYY-MM-DD; default each solicitation's closing date)",
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


class JsonOut:
    """The JSON of a run, written as it comes: one document, or an array in input order.

    The bytes are those of :func:`dumps` of the document or of the whole list
    (each item indented two more spaces: JSON text holds no raw newline inside a
    string), but a batch never holds every document: on stdout (``--json -``) each
    one is written as soon as it is assessed; for a file only its text is kept,
    until the file is written whole. Fault records before the first assessed bid
    wait, so a run where nothing could be read leaves stdout empty.
    """

    def __init__(self, *, many: bool, to_stdout: bool) -> None:
        self.many, self.to_stdout = many, to_stdout
        self.parts: list[str] = []  # for a file, or a single document
        self.waiting: list[str] = []  # fault records before the first document
        self.started = False
        self.chars = 2

    def add(self, value: JsonObject, *, assessed: bool) -> None:
        """One document (``assessed``) or fault record, in input order."""
        # an assessed bid's document holds no NaN (its numbers were checked when read)
        self.add_text(dumps(value, finite=assessed), assessed=assessed)

    def add_text(self, text: str, *, assessed: bool, item: bool = False) -> None:
        """:meth:`add` of a value's :func:`dumps` text, written already; ``item``: written
        as an item of the array already (``typed_json(..., item=True)``: a batch)."""
        if self.many and not item:
            text = "  " + text[:-1].replace("\n", "\n  ")
        self.chars += len(text) + 2
        too_large(self.chars)
        if not (self.many and self.to_stdout):
            self.parts.append(text)
            return
        if not assessed and not self.started:
            self.waiting.append(text)
            return
        for part in (*self.waiting, text):
            sys.stdout.write(",\n" + part if self.started else "[\n" + part)
            self.started = True
        self.waiting.clear()

    def text(self) -> str:
        """The whole JSON text (a file, or one document on stdout)."""
        return "[\n" + ",\n".join(self.parts) + "\n]\n" if self.many else self.parts[0]

    def finish(self) -> None:
        """End what went to stdout (or write the one document there) and flush."""
        if not self.many:
            sys.stdout.write(self.text())
        elif self.started:
            sys.stdout.write("\n]\n")
        sys.stdout.flush()


def write_text(path: str, text: str, lang: str) -> None:
    """Write text atomically (temporary file, then rename); errors exit 2 naming the path."""
    from scrisk.outputs import write_text as write_atomic

    write_atomic(path, text, lang=lang)


def write_workbook(write: Callable[[Path], object], path: str, lang: str) -> None:
    """``write(temporary path)`` then rename over ``path`` (see :mod:`scrisk.outputs`)."""
    from scrisk.outputs import write_file

    write_file(path, write, lang=lang)


def worker_count(text: str) -> int:
    """A ``--workers`` value: -1 (every core) or a whole number of 1 or more."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n == 0 or n < -1:
        raise argparse.ArgumentTypeError(f"expected -1 or a whole number of 1 or more: {text!r}")
    return n


def report_console(args: argparse.Namespace) -> Console:
    """Where the human report goes: stdout, or stderr when stdout carries the JSON.

    The rich console is made when first used: a batch that prints one plain line a bid
    (written to ``.file``) never imports rich (0.04 s of CPU)."""
    return cast("Console", _LazyConsole(sys.stderr if args.json_path == "-" else sys.stdout))


class _LazyConsole:
    """A rich Console over ``file``, made on the first use of anything but ``file``."""

    def __init__(self, file: TextIO) -> None:
        self.file = file
        self._made: Console | None = None

    def __getattr__(self, name: str) -> object:
        if self._made is None:
            from rich.console import Console

            self._made = Console(file=self.file, highlight=False)
        return getattr(self._made, name)


__all__ = [
    "JsonOut",
    "add_common_options",
    "as_of_date",
    "report_console",
    "worker_count",
    "write_text",
    "write_workbook",
]
