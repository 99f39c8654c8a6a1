"""Editions of the enforcement lists kept in the user data folder (never the package).

Layout, under ``scrisk.userdata.user_data_dir()/reference/``::

    editions.json                      # every edition, oldest first, per dataset
    uflpa_entity_list/001-2026-08-20.csv
    cbp_wro_findings/001-2026-06-23.csv

Each edition is a whole list in the shipped CSV shape; earlier files stay
side by side (an edition is never rewritten). The loader uses the newest
edition of a dataset; ``scrisk data`` says which one. Files are written aside
and renamed, so an interrupted update leaves the previous state intact.
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


def latest(user_dir: Path) -> dict[str, dict[str, Any]]:
    """The edition in use per dataset: the last one recorded."""
    return {ds: eds[-1] for ds, eds in load_index(user_dir).items() if eds}


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


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
    text = json.dumps(
        {"format": FORMAT, "datasets": index}, ensure_ascii=False, indent=1, sort_keys=True
    )
    _write_atomic(root(user_dir) / INDEX, text + "\n")
    return entry


__all__ = ["FOLDER", "INDEX", "latest", "load_index", "record", "root"]
