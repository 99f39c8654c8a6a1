"""Writing output files without destroying inputs or a user's work.

Every command that writes a file goes through :func:`plan_outputs` (before any
work is done) and :func:`write_file` (at the end):

- an output path that is an input of the same run (the same file, also
  through a link or another spelling of the path) is refused;
- two outputs of one run to the same file are refused;
- the suffix must match the format (``--excel`` ``.xlsx``, ``--json``
  ``.json`` or ``-`` for stdout);
- an existing file is replaced only with ``--force``, or when it is a report
  scrisk wrote and nobody changed since (:func:`is_own_report`);
- a path that exists but is not a regular file (a device such as
  ``/dev/full``, a folder, a pipe) is refused;
- the file is written to a temporary file in the same folder, flushed to the
  disk and renamed over the target in one step, so an interrupted run leaves
  the previous file intact and two runs writing the same path cannot mix;
- any write error becomes :class:`OutputError` (exit 2) naming the path.

Commands added later (rescreen, history) call the same two functions with
their own kinds and input paths.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scrisk.errors import ScriskError

# The JSON documents scrisk writes as reports. A declaration
# ("scrisk-declaration/1") is an input and is never among them.
REPORT_FORMATS = frozenset(
    {
        "scrisk-assessment/1",
        "scrisk-comparison/1",
        "scrisk-screen/1",
        "scrisk-data/1",
        "scrisk-fault/1",
        "scrisk-rescreen/1",
        "scrisk-history/1",
        "scrisk-s211/1",
    }
)
# A JSON file larger than this is not parsed to see whether scrisk wrote it.
MAX_OWN_JSON_BYTES = 512 * 1024 * 1024

_SURROGATE = re.compile("[\ud800-\udfff]")
SUFFIXES = {"json": (".json",), "xlsx": (".xlsx",), "docx": (".docx",)}


class OutputError(ScriskError):
    """An output that must not or cannot be written (exit 2)."""


@dataclass(frozen=True, slots=True)
class Output:
    """One file a command will write: the option that named it, its path and kind."""

    option: str  # "--json", "--excel", "PATH"
    path: str
    kind: str  # "json" | "xlsx"


def _same(a: Path, b: Path) -> bool:
    """Same file: by inode when both exist (hard links), else by resolved path."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return os.path.abspath(a) == os.path.abspath(b)


def is_own_report(path: Path, kind: str) -> bool:
    """True when ``path`` is a report scrisk wrote, unchanged since.

    Workbooks: the report marker in the document properties and scrisk's fixed
    modified time (any program that saves the file changes it). JSON: a scrisk
    report document (or a list of them) by its ``format`` key.
    """
    if kind in ("xlsx", "docx"):  # both OOXML packages saved by xlsx_io.save
        from scrisk.xlsx_io import is_scrisk_report

        return is_scrisk_report(path)
    try:
        if path.stat().st_size > MAX_OWN_JSON_BYTES:
            return False
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    items = data if isinstance(data, list) else [data]
    return bool(items) and all(
        isinstance(i, dict) and i.get("format") in REPORT_FORMATS for i in items
    )


def plan_outputs(
    outputs: Iterable[Output],
    inputs: Sequence[str | os.PathLike[str]],
    *,
    force: bool = False,
    lang: str = "en",
) -> list[Output]:
    """Check every output of a run before any work is done; raise :class:`OutputError`.

    ``inputs`` are every file the run reads (declarations, decisions, policy,
    names file). Returns the outputs that name a file (``-`` left out).
    Messages in ``lang``.
    """
    from scrisk.i18n import t

    planned: list[Output] = []
    problems: list[str] = []
    for out in outputs:
        if out.path == "-" and out.kind == "json":
            continue
        target = Path(out.path)
        suffixes = SUFFIXES[out.kind]
        if target.suffix.casefold() not in suffixes:
            problems.append(
                t(
                    "out.suffix_or_stdout" if out.kind == "json" else "out.suffix",
                    lang,
                    option=out.option,
                    path=out.path,
                    kind=t(f"out.kind.{out.kind}", lang),
                    suffixes=" | ".join(suffixes),
                )
            )
            continue
        clash = next((i for i in inputs if _same(target, Path(i))), None)
        if clash is not None:
            problems.append(t("out.is_input", lang, option=out.option, path=out.path, input=clash))
            continue
        other = next((p for p in planned if _same(target, Path(p.path))), None)
        if other is not None:
            problems.append(
                t("out.twice", lang, option=out.option, path=out.path, other=other.option)
            )
            continue
        if target.exists() or target.is_symlink():
            try:
                mode = target.stat().st_mode
            except OSError as exc:
                problems.append(
                    t(
                        "out.unusable",
                        lang,
                        option=out.option,
                        path=out.path,
                        reason=exc.strerror or exc,
                    )
                )
                continue
            if not stat.S_ISREG(mode):
                problems.append(t("out.not_file", lang, option=out.option, path=out.path))
                continue
            if not force and not is_own_report(target, out.kind):
                problems.append(t("out.exists", lang, option=out.option, path=out.path))
                continue
        if not target.parent.is_dir():
            problems.append(
                t("out.no_folder", lang, option=out.option, path=out.path, folder=target.parent)
            )
            continue
        planned.append(out)
    if problems:
        raise OutputError(
            problems[0]
            if len(problems) == 1
            else t("out.many", lang) + "\n" + "\n".join(f"  - {p}" for p in problems)
        )
    return planned


def write_file(
    path: str | os.PathLike[str], write: Callable[[Path], object], *, lang: str = "en"
) -> Path:
    """Write atomically: ``write(temporary path)``, flush to disk, rename over ``path``.

    The temporary file sits in the same folder (same file system, so the rename
    is atomic) and is removed when anything fails; the previous file, if any,
    is left as it was. Errors become :class:`OutputError` naming ``path``.
    """
    target = Path(path)
    folder = target.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        write(Path(tmp))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _set_mode(Path(tmp), target)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        from scrisk.i18n import t

        raise OutputError(
            t("out.cannot_write", lang, path=target, reason=exc.strerror or exc)
        ) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target


def write_text(path: str | os.PathLike[str], text: str, *, lang: str = "en") -> Path:
    """UTF-8 text written atomically (see :func:`write_file`)."""
    # a lone surrogate cannot be UTF-8: shown as U+FFFD rather than a crash
    data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
    return write_file(path, lambda p: p.write_bytes(data), lang=lang)


def _set_mode(tmp: Path, target: Path) -> None:
    """The replaced file's permissions, or the usual ones for a new file (mkstemp's are 0600)."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


__all__ = [
    "REPORT_FORMATS",
    "Output",
    "OutputError",
    "is_own_report",
    "plan_outputs",
    "write_file",
    "write_text",
]
