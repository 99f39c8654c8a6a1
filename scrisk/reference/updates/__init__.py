"""``scrisk data update``: enforcement lists refreshed from the publishers' own files.

One small parser per format, each turning a file into :class:`PublisherRow` s:

- ``dhs_html``: the DHS UFLPA Entity List page saved as HTML (one table per section);
- ``cbp_csv``: CBP's Withhold Release Orders and Findings CSV;
- ``opensanctions``: an OpenSanctions export of ``us_dhs_uflpa`` or
  ``us_cbp_forced_labor`` (FollowTheMoney JSON lines, or ``targets.simple.csv``).

:func:`parse_file` recognises the format from the content (not the file name)
and refuses, with the reason, a file it cannot read. ``edition`` turns parsed
rows into a new edition of the list in the user data folder, with the diff.
"""

from __future__ import annotations

from pathlib import Path

from scrisk.reference.updates.rows import (
    CBP,
    LIST_DATASETS,
    UFLPA,
    Limits,
    Parsed,
    PublisherRow,
    UpdateError,
)

CHUNK = 1 << 20  # bytes read at a time


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes, read a chunk at a time and refused as soon as it passes ``limit``
    (a 100 MB page costs one limit's worth of reading and memory, not the whole file)."""
    parts: list[bytes] = []
    size = 0
    try:
        with path.open("rb") as f:
            while chunk := f.read(min(CHUNK, limit + 1 - size)):
                parts.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise UpdateError(
                        f"{path}: too large: more than {limit:,} bytes (the publishers' files "
                        "are a few MB at most; policy [updates] max_file_bytes); refused after "
                        f"reading {limit:,} bytes"
                    )
    except OSError as exc:
        raise UpdateError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return b"".join(parts)


def parse_file(path: Path, *, dataset: str | None = None, limits: Limits | None = None) -> Parsed:
    """Read one publisher file within ``limits``; UpdateError naming the file and the
    reason otherwise."""
    from scrisk.reference.updates import cbp_csv, dhs_html, opensanctions

    limits = limits or Limits()
    if path.is_dir():
        raise UpdateError(f"{path}: a folder, not a publisher file")
    raw = read_bounded(path, limits.max_file_bytes)
    if not raw.strip():
        raise UpdateError(f"{path}: empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise UpdateError(f"{path}: not text (neither UTF-8 nor Windows-1252)") from None
    head = text.lstrip()[:4096].lower()
    if head.startswith("{"):
        parsed = opensanctions.parse_ftm(text, path, limits)
    elif "<table" in head or head.startswith(("<!doctype html", "<html", "<div", "<p")):
        parsed = dhs_html.parse(text, path, limits)
    elif head.startswith("id,schema,name"):
        parsed = opensanctions.parse_targets(text, path, limits)
    elif "effective date" in (head.splitlines() or [""])[0]:
        parsed = cbp_csv.parse(text, path, limits)
    else:
        raise UpdateError(
            f"{path}: wrong format: not a DHS UFLPA Entity List page (HTML tables), a CBP "
            "WRO/Findings CSV (header with 'Entity' and 'Effective Date') or an OpenSanctions "
            "export (FollowTheMoney JSON lines or targets.simple.csv)"
        )
    if dataset is not None and parsed.dataset != dataset:
        raise UpdateError(f"{path}: holds the {parsed.dataset} list, not {dataset}")
    if not parsed.rows:
        raise UpdateError(f"{path}: empty table: no entry with an entity name ({parsed.format})")
    return parsed


__all__ = [
    "CBP",
    "LIST_DATASETS",
    "UFLPA",
    "Limits",
    "Parsed",
    "PublisherRow",
    "UpdateError",
    "parse_file",
    "read_bounded",
]
