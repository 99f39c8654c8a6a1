"""`scrisk history [SOLICITATION] [--json PATH|-]`: what the register holds.

Every event in order — assessed, re-screened, awarded, called up, decided,
evidence, action — one to three lines each at 80 columns, with names (the
bidder's, the supplier's) rather than party ids. ``--json`` gives the records,
re-screen runs, decisions, call-ups, evidence, actions and the same events.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scrisk.i18n import LANGS

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.jsontypes import JsonObject
    from scrisk.register.codec import Event


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "history",
        help="the recorded assessments, decisions and awards",
        description="List the register's records (assessments and re-screens, with the "
        "contract once awarded), re-screen runs and reviewer decisions.",
        epilog="Exit status: 0 done; 2 bad usage or unusable register.",
    )
    p.add_argument(
        "solicitation",
        nargs="?",
        metavar="SOLICITATION",
        default=None,
        help="only the records of this solicitation",
    )
    p.add_argument(
        "--json",
        metavar="PATH",
        dest="json_path",
        help="write the history JSON to PATH ('-' for stdout, and nothing else there)",
    )
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the table")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --json file that is not an unchanged scrisk report",
    )
    add_register_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from scrisk.cli.batch import plan_run_outputs
    from scrisk.cli.common import write_text
    from scrisk.cli.registry import open_from_args, register_files
    from scrisk.i18n import t
    from scrisk.jsontext import dumps
    from scrisk.textsafe import inert

    lang = args.lang
    plan_run_outputs(args, register_files(args))  # bad output paths refused before any work
    with open_from_args(args, create=False) as reg:
        found = reg.read_history(args.solicitation)
        where = reg.where
    if args.json_path:
        text = dumps(found.to_dict())
        if args.json_path == "-":
            sys.stdout.write(text)
            return 0
        write_text(args.json_path, text, lang)
    console = Console(highlight=False)
    if not found.records and not found.events:
        console.print(t("register.history.empty", lang, where=where), markup=False)
        return 0
    console.print(t("register.history.title", lang, where=inert(where)), markup=False, style="bold")
    for line in lines(found.events, lang, width=console.width):
        console.print(line, markup=False, highlight=False, no_wrap=True, crop=False)
    return 0


def lines(events: Iterable[Event], lang: str, *, width: int) -> list[str]:
    """Every event as 1-3 lines of at most ``width`` columns: the date, then what happened,
    names as declared (ids shortened to the 8 characters every command accepts)."""
    import textwrap

    indent = " " * 12
    out = []
    for e in events:
        text = describe(e, lang)
        out.extend(
            textwrap.wrap(
                f"{e.date}  {text}",
                width=max(40, width),
                subsequent_indent=indent,
                break_on_hyphens=False,
                max_lines=3,
                placeholder=" …",
            )
        )
    return out


def describe(event: Event | JsonObject, lang: str) -> str:
    """One event in words (declared text made inert); ``event`` typed, or its JSON form."""
    from scrisk.i18n import t
    from scrisk.i18n.format import decimal, whole
    from scrisk.register.codec import Event
    from scrisk.register.excel import label
    from scrisk.textsafe import inert

    e = event if isinstance(event, Event) else Event.from_dict(event)

    def level() -> str:
        score = decimal(e.score, lang) if e.score is not None else "?"
        return f"{label(e.risk_level, lang) or '?'} {score}"

    kind = e.event
    common = {
        "record": str(e.record or "")[:8],
        "solicitation": inert(e.solicitation or "?"),
        "bidder": inert(e.bidder or "?"),
        "contract": inert(e.contract or "?"),
    }
    if kind in ("assessed", "rescreened"):
        stage = t(f"life.stage.{e.stage}", lang) if e.stage else "?"
        return t(f"life.event.{kind}", lang, level=level(), stage=stage, **common)
    if kind == "awarded":
        instrument = t(f"life.instrument.{e.instrument}", lang)
        return t("life.event.awarded", lang, instrument=instrument, **common)
    if kind == "called_up":
        value = "" if e.value is None else f", {whole(e.value, lang)} CAD"
        return t(
            "life.event.called_up", lang, number=inert(e.number or ""), value=value,
            level=level(), **common,
        )  # fmt: skip
    if kind == "decided":
        return t(
            "life.event.decided",
            lang,
            reviewer=inert(e.reviewer or "?"),
            name=inert(e.name or e.party or "?"),
            decision=t(f"life.decision.{e.decision}", lang),
            entry=inert(e.entry_id or "?"),
        )
    if kind == "evidence":
        what = " ".join(
            x for x in (t(f"life.evidence.kind.{e.kind}", lang), e.scheme, e.material) if x
        )
        return t(
            "life.event.evidence", lang, what=inert(what), supplier=inert(e.supplier or ""),
            country=e.country or "?", issuer=inert(e.issuer or ""),
            start=e.valid_from, end=e.valid_to,
        )  # fmt: skip
    text = t(
        "life.event.action_opened" if e.opened else "life.event.action",
        lang,
        id=str(e.id)[:8],
        flag=inert(e.flag or ""),
        owner=inert(e.owner or ""),
        due=e.due,
        status=t(f"life.status.{e.status}", lang),
        **common,
    )
    if e.note:
        text += f" — {inert(e.note)}"
    if e.overdue:
        text += f" ({t('life.overdue', lang)})"
    return text


__all__ = ["describe", "lines", "register", "run"]
