"""Options and helpers shared by the commands that use the register."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from scrisk.assessment.document import AssessmentDocument
    from scrisk.register import Register
    from scrisk.register.codec import Bearing


def add_register_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--register",
        metavar="URL",
        dest="register_url",
        default=None,
        help="the register: a file path, sqlite:///PATH or postgresql://user@host/db "
        "(default SCRISK_REGISTER, else register.sqlite in the user data folder)",
    )


def open_from_args(args: argparse.Namespace, *, create: bool) -> Register:
    """The register named by ``--register`` / ``SCRISK_REGISTER`` / the default file."""
    from scrisk.register import open_register

    return open_register(args.register_url, create=create)


def register_files(args: argparse.Namespace) -> list[str]:
    """The register's own file (a SQLite register), which no output of the run may replace."""
    from scrisk.register.connect import resolve

    url, _shown, _explicit = resolve(getattr(args, "register_url", None))
    return [url[len("sqlite:///") :]] if url.startswith("sqlite:///") else []


def print_unapplied(doc: AssessmentDocument, console: Console, lang: str) -> None:
    """One note per reviewer decision the assessment could not apply (never dropped silently)."""
    if not doc.decisions_unapplied:  # nearly every bid: nothing to import or print
        return
    from scrisk.i18n import t
    from scrisk.report.excel.review import decision_label
    from scrisk.textsafe import inert

    for note in doc.decisions_unapplied:
        console.print(
            t(
                "register.decision.unapplied",
                lang,
                reason=t(f"register.reason.{note.reason}", lang),
                decision=decision_label(note.decision, lang),
                name=inert(str(note.name or note.party or "?")),
                entry=note.entry_id,
                reviewer=inert(str(note.reviewer or "?")),
                date=note.date or "?",
            ),
            markup=False,
            soft_wrap=True,
            style="yellow",
        )


def print_evidence(found: Sequence[Bearing], console: Console, lang: str) -> None:
    """The register's evidence about this bid's suppliers (valid, expired or not yet),
    each with the flags of the same supplier it bears on (``--details``;
    :func:`scrisk.register.evidence.bearing`)."""
    from scrisk.i18n import t
    from scrisk.textsafe import inert

    if not found:
        return
    console.print(t("life.evidence.heading", lang), style="bold", markup=False)
    for e in found:
        flags = ", ".join(f"{f.rule}/{f.good or '-'}" for f in e.flags) or "-"
        console.print(
            f"  {e.party} {inert(e.supplier)} — {inert(e.note)} [{flags}]",
            markup=False,
            soft_wrap=True,
            style=None if e.counts else "dim",
        )


__all__ = [
    "add_register_option",
    "open_from_args",
    "print_evidence",
    "print_unapplied",
    "register_files",
]
