"""Small, deterministic file helpers shared by the builders and the loader.

Why stdlib csv and not pandas: the build must give identical bytes on every
run and platform, and the loader must stay fast and light. Every CSV is UTF-8,
"\\n" line endings, minimal quoting, rows in a sorted order chosen by the caller.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from scrisk.errors import ScriskError


class BuildError(ScriskError):
    """The raw data cannot be turned into processed data (names every problem)."""


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV as dicts of stripped strings ('' for missing)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
            for row in csv.DictReader(fh)
        ]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows (dicts) with ``header``; booleans as true/false, None as ''."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(row.get(col)) for col in header])
            n += 1
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(value, ".4f").rstrip("0").rstrip(".") if value == value else ""
    return str(value)


def write_json(path: Path, data: Any) -> None:
    """Sorted keys, 1-space indent, real UTF-8 (a reviewer reads 新疆, not \\u65b0)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_NOT_WORD = re.compile(r"[^\w]+")


def fold_text(text: str) -> str:
    """Lower case, accents stripped, every non-alphanumeric run -> one space."""
    text = str(text).casefold()
    if not text.isascii():  # ASCII has no accents to strip (NFKD leaves it as it is)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def slug(text: str, *, limit: int = 60) -> str:
    """Stable id fragment: 'Top Glove Sdn. Bhd.' -> 'top-glove-sdn-bhd'."""
    words = fold_text(text).replace("_", " ").split()
    out: list[str] = []
    for word in words:
        if out and len("-".join([*out, word])) > limit:
            break
        out.append(word)
    return "-".join(out) or "x"


def as_bool(text: str) -> bool:
    """'Yes'/'X'/'true' -> True; anything else (No, blank) -> False."""
    return text.strip().casefold() in ("yes", "x", "true", "y", "1")


__all__ = [
    "BuildError",
    "as_bool",
    "fold_text",
    "read_csv",
    "read_json",
    "sha256",
    "slug",
    "write_csv",
    "write_json",
]
