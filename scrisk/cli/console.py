"""Terminal helpers every command shares: the progress bar, the faults list, file names.

Kept apart from the commands so that any of them (and :mod:`scrisk.cli.batch`)
can use them without importing another command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.errors import DeclarationError, Fault


@contextmanager
def progress(total: int, description: str) -> Iterator[Callable[..., None]]:
    """A transient progress bar on stderr when it is a terminal and there is real work.

    Yields ``advance(n=1)``; a no-op when piped, so scripts see no noise.
    """
    if total < 2 or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def as_typed(error: DeclarationError, typed: str) -> list[Fault]:
    """The faults of one input, naming the file as the user typed it (not only its name)."""
    from dataclasses import replace

    name = Path(typed).name
    return [
        replace(f, location=replace(f.location, file=typed))
        if f.location.file in (None, name) and typed != name
        else f
        for f in error.faults
    ]


def print_faults(error: DeclarationError, *, lang: str = "en") -> None:
    """Print every fault, one per line, to stderr (no traceback), in ``lang``: the
    location words, field names and messages from the ``input.*`` catalogue."""
    from rich.console import Console

    from scrisk.i18n import t, tn

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    n = len(error.faults)
    head = tn("input.header", n, lang)
    console.print(f"[bold red]{t('input.error', lang)}[/] {head}")
    from scrisk.textsafe import inert

    for fault in error.faults:  # declared text in a message is shown, never run
        console.print(f"  - {inert(fault.render(lang))}", markup=False)


__all__ = ["as_typed", "print_faults", "progress"]
