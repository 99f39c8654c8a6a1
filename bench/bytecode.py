"""Compile the package's bytecode before a bench times fresh processes.

pip compiles every module when it installs scrisk, so a user's ``scrisk`` reads
bytecode. A source checkout run with ``PYTHONDONTWRITEBYTECODE`` set (as on the
machines these figures come from) would instead compile every changed module
again in every process: a quarter of a second of start-up that no installed
copy pays. The benches that time ``python -m scrisk ...`` call this first.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_package() -> None:
    """Write the bytecode of every module of ``scrisk/`` (quietly; up to date: no-op)."""
    compileall.compile_dir(ROOT / "scrisk", quiet=1)
