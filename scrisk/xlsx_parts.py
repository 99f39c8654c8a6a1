"""Every XML part of an untrusted workbook checked before any parser sees it.

Parsing is bounded before it starts (#20: a 77 KB workbook whose sheet carried a
60 MB XML comment parsed for 400 s, as expat re-scans an unfinished token on every
chunk it is fed: time grows with the square of the longest token). Every XML part
is read first, streaming and capped whatever its zip header says, and refused when
it packs too much (compression ratio), holds one token past MAX_TOKEN_BYTES (a
tag, a text run, a comment, a processing instruction, a CDATA section), many
comments, or a DOCTYPE (Excel writes none). A legitimate cell is at most 32,767
characters (~200 KB of XML with escapes), so 1 MB leaves room and bounds the square.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from scrisk.errors import FaultCollector, Location

MAX_TOKEN_BYTES = 1024 * 1024
MAX_PART_RATIO = 200  # uncompressed / compressed, for parts past RATIO_FLOOR (Excel: ~5-20)
RATIO_FLOOR = 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024  # any XML part other than a sheet or the shared text
MAX_MARKUP = 1_000  # comments, processing instructions and CDATA sections in one part


def parts_parse_safely(
    path: Path,
    infos: list[zipfile.ZipInfo],
    where: Location,
    faults: FaultCollector,
    limits: tuple[int, int],
) -> bool:
    """False (with a fault naming the part) when an XML part would be slow to parse."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in infos:
                name = info.filename
                if not name.casefold().endswith((".xml", ".rels", ".vml")):
                    continue
                key = name.casefold()
                sheet_limit, text_limit = limits
                limit = (
                    text_limit
                    if key.endswith("sharedstrings.xml")
                    else max(sheet_limit, MAX_PART_BYTES)
                )
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_PART_RATIO * max(
                    info.compress_size, 1
                ):
                    faults.add(
                        where,
                        "too_large",
                        f"the part {name} unpacks from {info.compress_size:,} to "
                        f"{info.file_size:,} bytes, more than {MAX_PART_RATIO} times its "
                        "size: not a workbook Excel writes (a zip bomb?); save it again "
                        "from Excel",
                    )
                    return False
                problem = _part_problem(zf, info, limit)
                if problem:
                    faults.add(where, "too_large", f"the part {name} {problem}")
                    return False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as error:
        faults.add(
            where,
            "unreadable",
            f"not a readable Excel workbook (.xlsx): {error or 'truncated or corrupt'}",
        )
        return False
    return True


_MARKUP = (
    (b"<!--", b"-->", "an XML comment"),
    (b"<![CDATA[", b"]]>", "a CDATA section"),
    (b"<?", b"?>", "a processing instruction"),
)


def _part_problem(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> str | None:
    """Why a part would be slow or unsafe to parse, or None. Read streaming and capped
    at ``limit`` bytes whatever its header says (a header may lie)."""
    chunks: list[bytes] = []
    size = 0
    with zf.open(info) as stream:
        while chunk := stream.read(4 * 1024 * 1024):
            size += len(chunk)
            if size > limit:
                return f"is more than {limit:,} bytes uncompressed; the limit is {limit:,} bytes"
            chunks.append(chunk)
    data = b"".join(chunks)
    if b"<!DOCTYPE" in data:
        return "declares a DOCTYPE, which Excel never writes; save it again from Excel"
    for opener, closer, what in _MARKUP:
        count = data.count(opener)
        if count > MAX_MARKUP:
            return f"holds {count:,} instances of {what}; Excel writes a handful at most"
        at = data.find(opener)
        while at >= 0:
            end = data.find(closer, at + len(opener))
            if end < 0 or end - at > MAX_TOKEN_BYTES:
                length = (len(data) if end < 0 else end) - at
                return (
                    f"holds {what} of {length:,} bytes; the limit is {MAX_TOKEN_BYTES:,} "
                    "bytes (an oversized token makes the file slow to read)"
                )
            at = data.find(opener, end + len(closer))
    longest = _longest_run_without_markup(data)
    if longest > MAX_TOKEN_BYTES:
        return (
            f"holds {longest:,} bytes in one tag or text, past the limit of "
            f"{MAX_TOKEN_BYTES:,} bytes (a cell holds at most 32,767 characters)"
        )
    return None


def _longest_run_without_markup(data: bytes) -> int:
    """The longest stretch of ``data`` holding no ``<``: one tag or one text node
    at least (``<`` cannot occur inside either), found in C speed."""
    import numpy as np

    marks = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("<"))
    if marks.size == 0:
        return len(data)
    edges = np.concatenate(([-1], marks, [len(data)]))
    return int(np.diff(edges).max()) - 1


__all__ = ["MAX_PART_RATIO", "MAX_TOKEN_BYTES", "parts_parse_safely"]
