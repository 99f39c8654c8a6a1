"""Where scrisk keeps what a user's runs create: updated lists and the register.

Never inside the installed package (which may be read-only and is replaced on
upgrade). ``SCRISK_HOME`` names the folder outright (tests, shared offices,
containers); otherwise the platform's user data folder (platformdirs: XDG on
Linux, ``~/Library/Application Support`` on macOS, ``%LOCALAPPDATA%`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path


def user_data_dir(*, create: bool = False) -> Path:
    """The user data folder (``SCRISK_HOME`` or the platform's), created when asked."""
    home = os.environ.get("SCRISK_HOME")
    if home:
        path = Path(home).expanduser()
    else:
        from platformdirs import user_data_path

        path = user_data_path("scrisk", appauthor=False)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


__all__ = ["user_data_dir"]
