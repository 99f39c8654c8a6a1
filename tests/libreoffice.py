"""LibreOffice run headless by the tests that print workbooks (they skip without it)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def soffice(
    *files: Path, outdir: Path, to: str = "pdf", timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """``soffice --convert-to TO`` of ``files`` into ``outdir``, with a user profile of its
    own there (a fresh profile: no settings of the machine's user change the print)."""
    profile = (outdir / "lo-profile").as_uri()
    return subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
