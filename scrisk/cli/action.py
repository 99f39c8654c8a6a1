"""`scrisk action open|update` and `scrisk actions`: corrective action plans on the flags
of awarded contracts (owner, plan, due date; status open -> in_progress -> verified -> closed).

scrisk action open E60PQ-190001/001/PQ --flag WATCHLIST:M1 --due 2026-08-01 \\
    --owner "J. Tremblay" --plan "Obtain the supplier's remediation report"   # prints the id
scrisk action update 5be1c0d2 --status in_progress --note "report requested"
scrisk actions --overdue
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scrisk.i18n import LANGS
from scrisk.vocab import ActionStatus, values

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.register.codec import Action


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from scrisk.cli.common import as_of_date
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "action",
        help="open or update a corrective action plan on a contract's flag",
        description="Open a corrective action on a flag of an awarded contract, or move "
        "one forward (open -> in_progress -> verified -> closed).",
        epilog="Exit status: 0 done; 2 bad usage, unknown contract or action, due before "
        "opening, a status moving back, or unusable register; nothing written.",
    )
    inner = p.add_subparsers(dest="action_command", metavar="open|update", required=True)
    o = inner.add_parser("open", help="open an action (prints its id)")
    o.add_argument("contract", metavar="CONTRACT", help="contract number or record id (prefix)")
    o.add_argument("--flag", metavar="RULE:PARTY", required=True, help="e.g. WATCHLIST:M1")
    o.add_argument("--due", metavar="DATE", type=as_of_date, required=True, help="due date")
    o.add_argument("--owner", metavar="TEXT", required=True, help="who carries it out")
    o.add_argument("--plan", metavar="TEXT", required=True, help="what will be done")
    o.add_argument("--on", metavar="DATE", type=as_of_date, default=None, help="opened (today)")
    o.add_argument("--lang", choices=LANGS, default="en", help="language of the message")
    add_register_option(o)
    o.set_defaults(run=run_open)
    u = inner.add_parser("update", help="move an action forward, with a note")
    u.add_argument("action", metavar="ID", help="the action id (or an unambiguous prefix)")
    u.add_argument("--status", choices=values(ActionStatus), required=True, help="new status")
    u.add_argument("--note", metavar="TEXT", default=None, help="what happened")
    u.add_argument("--on", metavar="DATE", type=as_of_date, default=None, help="date (today)")
    u.add_argument("--lang", choices=LANGS, default="en", help="language of the message")
    add_register_option(u)
    u.set_defaults(run=run_update)

    q = sub.add_parser(
        "actions",
        help="list corrective actions (open, overdue)",
        description="List the corrective actions, oldest first; overdue ones are marked.",
        epilog="Exit status: 0 done; 2 bad usage or unusable register.",
    )
    q.add_argument("--open", dest="only_open", action="store_true", help="not yet verified/closed")
    q.add_argument("--overdue", action="store_true", help="past their due date, not done")
    q.add_argument("--json", metavar="PATH", dest="json_path", help="write JSON ('-': stdout)")
    q.add_argument("--lang", choices=LANGS, default="en", help="language of the table")
    q.add_argument("--force", action="store_true", help="replace an existing --json file")
    add_register_option(q)
    q.set_defaults(run=run_list)


def run_open(args: argparse.Namespace) -> int:
    from scrisk.cli.registry import open_from_args

    with open_from_args(args, create=False) as reg:
        done = reg.open_action(
            args.contract,
            flag=args.flag,
            due=args.due,
            owner=args.owner,
            plan=args.plan,
            on=args.on,
        )
    print(done.id)  # the new id alone, for scripts
    return 0


def run_update(args: argparse.Namespace) -> int:
    from scrisk.cli.registry import open_from_args
    from scrisk.i18n import t

    with open_from_args(args, create=False) as reg:
        done = reg.update_action(args.action, status=args.status, note=args.note, on=args.on)
    print(
        t(
            "life.action.updated",
            args.lang,
            id=done.id[:8],
            before=t(f"life.status.{done.before}", args.lang),
            after=t(f"life.status.{done.status}", args.lang),
            on=done.on,
        )
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    from scrisk.cli.batch import plan_run_outputs
    from scrisk.cli.common import write_text
    from scrisk.cli.registry import open_from_args, register_files
    from scrisk.jsontext import dumps
    from scrisk.reference.freshness import today

    plan_run_outputs(args, register_files(args))
    on = today()
    with open_from_args(args, create=False) as reg:
        items = reg.read_actions(only_open=args.only_open, overdue=args.overdue, on=on)
    listed = [a.to_dict() for a in items]
    found = {"format": "scrisk-actions/1", "as_of": on.isoformat(), "actions": listed}
    if args.json_path == "-":
        sys.stdout.write(dumps(found))
        return 0
    if args.json_path:
        write_text(args.json_path, dumps(found), args.lang)
    render(items, args.lang)
    return 0


def render(items: Sequence[Action], lang: str) -> None:
    """One row per action: id, contract, flag, owner, due, status (overdue in red)."""
    from rich.console import Console
    from rich.table import Table

    from scrisk.i18n import t
    from scrisk.textsafe import inert

    console = Console(highlight=False)
    if not items:
        console.print(t("life.action.none", lang), markup=False)
        return
    table = Table(show_edge=False, pad_edge=False)
    for key in ("action", "contract", "flag", "owner", "due", "status"):
        table.add_column(t(f"life.col.{key}", lang), overflow="fold", no_wrap=key == "action")
    for a in items:
        status = t(f"life.status.{a.status}", lang)
        if a.overdue:
            status += " — " + t("life.overdue", lang)
        table.add_row(
            a.id[:8],
            inert(a.contract, markup=True),
            inert(a.flag, markup=True),
            inert(a.owner, markup=True),
            a.due,
            status,
            style="red" if a.overdue else None,
        )
    console.print(table)


__all__ = ["register", "render", "run_list", "run_open", "run_update"]
