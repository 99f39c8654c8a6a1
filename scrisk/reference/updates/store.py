"""Editions of the enforcement lists kept in the user data folder (never the package).

Layout, under ``scrisk.userdata.user_data_dir()/reference/``::

    editions.json                      # every edition, oldest first, per dataset
    uflpa_entity_list/001-2026-08-20.csv
    cbp_wro_findings/001-2026-06-23.csv

Each edition is a whole list in the shipped CSV shape; earlier files stay
side by side (an edition is never rewritten). The loader uses the newest
edition of a dataset that was not rolled back (``scrisk data rollback`` marks
it ``rolled_back`` in the index, and keeps its file); ``scrisk data`` says
which one. Files are written aside and renamed, so an interrupted update or
rollback leaves the previous state intact.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from scrisk.errors import ScriskError
from scrisk.reference._io import write_csv
from scrisk.reference.lists import HEADER

FOLDER = "reference"
INDEX = "editions.json"
FORMAT = "scrisk-editions/1"
SHIPPED = "shipped"  # what ``rollback --to`` calls the editions in the package


def root(user_dir: Path) -> Path:
    return user_dir / FOLDER


def load_index(user_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Editions per dataset, oldest first ({} when nothing was ever updated)."""
    path = root(user_dir) / INDEX
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScriskError(f"{path}: unreadable index of updated lists ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ScriskError(f"{path}: not a {FORMAT} index of updated lists")
    return {str(k): list(v) for k, v in (data.get("datasets") or {}).items()}


def in_use(editions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The editions still in the line of use (not rolled back), oldest first."""
    return [e for e in editions if not e.get("rolled_back")]


def latest(user_dir: Path) -> dict[str, dict[str, Any]]:
    """The edition in use per dataset: the last one recorded and not rolled back."""
    out = {}
    for ds, eds in load_index(user_dir).items():
        line = in_use(eds)
        if line:
            out[ds] = line[-1]
    return out


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _save_index(user_dir: Path, index: dict[str, list[dict[str, Any]]]) -> None:
    text = json.dumps(
        {"format": FORMAT, "datasets": index}, ensure_ascii=False, indent=1, sort_keys=True
    )
    _write_atomic(root(user_dir) / INDEX, text + "\n")


def record(
    user_dir: Path, dataset: str, rows: list[dict[str, Any]], meta: dict[str, Any]
) -> dict[str, Any]:
    """Write a new edition file and add it to the index; returns its index entry."""
    index = load_index(user_dir)
    editions = index.setdefault(dataset, [])
    name = f"{len(editions) + 1:03d}-{meta['horizon']}.csv"
    folder = root(user_dir) / dataset
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (name + ".tmp")
    write_csv(tmp, HEADER, rows)
    os.replace(tmp, folder / name)
    entry = {**meta, "file": f"{dataset}/{name}", "rows": len(rows)}
    editions.append(entry)
    _save_index(user_dir, index)
    return entry


def roll_back(
    user_dir: Path, datasets: list[str] | None, *, to: str | None = None
) -> list[dict[str, Any]]:
    """Put the edition before the one in use back in use, for ``datasets`` (None: every
    dataset that has an updated edition in use). Returns, per dataset, what was in use
    (``from``) and what is now (``to``: an edition file, or ``shipped``).

    ``to`` names the edition to go back to (its file, e.g. ``cbp_wro_findings/001-...csv``,
    or ``shipped``): then a dataset already there is left as it is, so running the same
    command twice changes nothing the second time. Without ``to``, each call goes back one
    edition. Nothing to go back to is a ScriskError naming the dataset, and then nothing is
    written. Rolled-back files stay in the folder and in the index (marked ``rolled_back``).
    """
    index = load_index(user_dir)
    wanted = datasets if datasets else sorted(ds for ds, eds in index.items() if in_use(eds))
    if not wanted:
        raise ScriskError(
            "data rollback: nothing to roll back: every list uses the editions shipped with "
            "scrisk (no 'scrisk data update' is in use)"
        )
    faults: list[str] = []
    plans: list[tuple[str, list[dict[str, Any]], str]] = []
    for ds in wanted:
        line = in_use(index.get(ds, []))
        current = line[-1]["file"] if line else SHIPPED
        if to is None:
            if not line:
                faults.append(f"{ds}: nothing to roll back (the shipped edition is in use)")
                continue
            plans.append((ds, [line[-1]], line[-2]["file"] if len(line) > 1 else SHIPPED))
            continue
        files = [e["file"] for e in line]
        if to != SHIPPED and to not in files:
            known = ", ".join([SHIPPED, *files])
            faults.append(f"{ds}: no edition {to!r} in use to go back to (in use: {known})")
            continue
        keep = 0 if to == SHIPPED else files.index(to) + 1
        plans.append((ds, line[keep:], to if current != to else current))
    if faults:
        raise ScriskError(
            "data rollback: nothing was rolled back:\n" + "\n".join(f"- {f}" for f in faults)
        )
    report = []
    for ds, withdrawn, now in plans:
        for e in withdrawn:
            e["rolled_back"] = True
        report.append(
            {
                "dataset": ds,
                "from": withdrawn[-1]["file"] if withdrawn else now,
                "to": now,
                "rolled_back": [e["file"] for e in withdrawn],
            }
        )
    if any(r["rolled_back"] for r in report):
        _save_index(user_dir, index)
    return report


__all__ = [
    "FOLDER",
    "INDEX",
    "SHIPPED",
    "in_use",
    "latest",
    "load_index",
    "record",
    "roll_back",
    "root",
]
