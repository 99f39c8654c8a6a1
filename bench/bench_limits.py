"""Bounded work on hostile sizes (issue 12, point 9): time and peak memory per case.

    python bench/bench_limits.py                  # every case
    python bench/bench_limits.py chain ring       # some of them

Each case runs in a child process (``resource`` gives its peak RSS) through the
command line, as a user would run it: ``scrisk assess FILE --json OUT``, or
``scrisk screen``. A case passes when it ends under 30 s (60 s for the
million-row workbook) and 1 GB, or is refused by a documented limit (exit 2
with a ``too_large`` fault). Inputs are generated, deterministic:

- chain: a 5,000-tier chain (each party supplies the next, the last the bidder);
- chain_at_limit: 50 chains of 100 tiers (the deepest accepted), 5,000 parties;
- parties_at_limit: 20,000 parties (the most accepted) in 200 chains of 100 tiers;
- dense: 3,000 parties each supplying 200 others (600,000 edges);
- dense_at_limit: 1,000 parties each supplying 200 others (200,000 links, the most accepted);
- ring: a 3,000-party ring of makers, each supplying the next and the bidder;
- long_name: a 25 MB party name;
- rows: a declaration workbook with a million party rows (id, role);
- rows_compact: a million rows of one number each (under the sheet-size limit);
- names_read: reading (only) a names workbook with a million rows;
- names_rows: screening that workbook (refused past 250,000 names);
- names_at_limit: screening 250,000 names;
- wide_decisions: a decisions workbook with 20,000 rows of 16,000 columns;
- shared_strings: a workbook whose shared strings part is 180 MB.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _base(parties: list[dict]) -> dict:
    return {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": "S",
            "category": "apparel",
            "closing_date": "2024-01-15",
            "goods": [{"id": "G1", "description": "cotton shirts", "hs_code": "6205.20"}],
        },
        "parties": [
            {
                "id": "B",
                "role": "bidder",
                "name": "Bidder Inc.",
                "address": "1 Main",
                "city": "Ottawa",
                "country": "CA",
            },
            *parties,
        ],
    }


def _party(i: int, to: list[str], **extra: object) -> dict:
    return {
        "id": f"P{i}",
        "role": "subcontractor",
        "name": f"Party {i} Ltd.",
        "address": f"{i} Road",
        "city": "Dhaka",
        "country": "BD" if i % 2 else "CN",
        "supplies_to": to,
        **extra,
    }


def chain(folder: Path) -> list[str]:
    n = 5000
    parties = [
        _party(
            i,
            ["B" if i == 0 else f"P{i - 1}"],
            goods=["G1"] if i == 0 else [],
            materials=["cotton"],
        )
        for i in range(n)
    ]
    path = folder / "chain.json"
    path.write_text(json.dumps(_base(parties)))
    return ["assess", str(path), "--json", str(folder / "out.json"), "--quiet"]


def dense(folder: Path) -> list[str]:
    n, k = 3000, 200
    parties = [
        _party(i, ["B"] + [f"P{(i + j) % n}" for j in range(1, k)], goods=["G1"]) for i in range(n)
    ]
    path = folder / "dense.json"
    path.write_text(json.dumps(_base(parties)))
    return ["assess", str(path), "--json", str(folder / "out.json"), "--quiet"]


def dense_at_limit(folder: Path) -> list[str]:
    """1,000 parties each supplying 200 others: 200,000 links, the most accepted."""
    n, k = 1000, 200
    parties = [
        _party(i, ["B"] + [f"P{(i + j) % n}" for j in range(1, k)], goods=["G1"]) for i in range(n)
    ]
    path = folder / "dense.json"
    path.write_text(json.dumps(_base(parties)))
    return ["assess", str(path), "--json", str(folder / "out.json"), "--quiet"]


def _chains(folder: Path, name: str, chains: int, most: int | None = None) -> list[str]:
    """``chains`` chains of 100 tiers (cotton at every tier), the first ``most`` parties."""
    parties = [
        _party(
            c * 100 + t,
            ["B" if t == 0 else f"P{c * 100 + t - 1}"],
            goods=["G1"] if t == 0 else [],
            materials=["cotton"],
        )
        for c in range(chains)
        for t in range(100)
    ]
    path = folder / name
    path.write_text(json.dumps(_base(parties[:most])))
    return ["assess", str(path), "--json", str(folder / "out.json"), "--quiet"]


def chain_at_limit(folder: Path) -> list[str]:
    """A 100-tier chain, the deepest accepted, 50 times over (5,000 parties)."""
    return _chains(folder, "chains.json", 50)


def parties_at_limit(folder: Path) -> list[str]:
    """20,000 parties (the most accepted) in 200 chains of 100 tiers: the longest paths."""
    return _chains(folder, "many.json", 200, 19_999)


def ring(folder: Path) -> list[str]:
    n = 3000
    parties = [
        _party(i, ["B", f"P{(i + 1) % n}"], goods=["G1"], role="manufacturer") for i in range(n)
    ]
    for p in parties:
        p["role"] = "manufacturer"
    path = folder / "ring.json"
    path.write_text(json.dumps(_base(parties)))
    return ["assess", str(path), "--json", str(folder / "out.json"), "--quiet"]


def long_name(folder: Path) -> list[str]:
    parties = [_party(0, ["B"], goods=["G1"])]
    parties[0]["name"] = "Supermax Glove " * (25 * 1024 * 1024 // 15)
    path = folder / "long.json"
    path.write_text(json.dumps(_base(parties)))
    return ["assess", str(path), "--json", str(folder / "out.json"), "--quiet"]


def _sheet_xml(
    rows: int, cols: list[str], *, header: list[str] | None = None, compact: bool = False
) -> bytes:
    """A sheet of ``rows`` rows (no <dimension>, as some tools write them)."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
        'formats.org/spreadsheetml/2006/main"><sheetData>'
    )
    out = [head]
    if header:
        cells = "".join(
            f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'
            for c, h in zip(cols, header, strict=True)
        )
        out.append(f'<row r="1">{cells}</row>')
    for r in range(2 if header else 1, rows + 1):
        if compact:  # the smallest a row can be: one number
            out.append(f"<row><c><v>{r}</v></c></row>")
            continue
        cells = "".join(f'<c r="{c}{r}" t="inlineStr"><is><t>{c}{r}</t></is></c>' for c in cols)
        out.append(f'<row r="{r}">{cells}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out).encode()


def rows(folder: Path, compact: bool = False) -> list[str]:
    """The glove example workbook with its Parties sheet replaced by a million party rows."""
    import openpyxl

    src = ROOT / "examples" / "glove_bid.xlsx"
    wb = openpyxl.load_workbook(src, read_only=True)
    part = f"xl/worksheets/sheet{wb.sheetnames.index('Parties') + 1}.xml"
    wb.close()
    path = folder / "rows.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = _sheet_xml(1_000_000, ["A", "B"], header=["id", "role"], compact=compact)
            zout.writestr(info.filename, data)
    return ["assess", str(path), "--quiet"]


def rows_compact(folder: Path) -> list[str]:
    """A million party rows of one number each (small enough to pass the sheet-size limit)."""
    return rows(folder, compact=True)


def names_at_limit(folder: Path) -> list[str]:
    """Screening 250,000 names (the most one file may hold), from a workbook."""
    return names_rows(folder, n=250_000)


def names_rows(folder: Path, n: int = 1_000_000) -> list[str]:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Names"
    path = folder / "names.xlsx"
    wb.save(path)
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as zin:
        parts = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts:
            if name == part:
                xml = _sheet_xml(n, ["A"]).replace(b"<t>A1</t>", b"<t>name</t>", 1)
                data = xml
            zout.writestr(name, data)
    return ["screen", str(path), "--json", str(folder / "out.json"), "--as-of", "2024-01-01"]


def wide_decisions(folder: Path) -> list[str]:
    """A decisions workbook whose rows reach column 16,000 (a note far right)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Review"
    ws.append(["party", "entry_id", "decision"])
    for r in range(2, 20_002):
        ws.cell(r, 1, "M1")
        ws.cell(r, 16_000, "x")
    path = folder / "decisions.xlsx"
    wb.save(path)
    return [
        "assess",
        str(ROOT / "examples" / "glove_bid.json"),
        "--decisions",
        str(path),
        "--quiet",
    ]


def shared_strings(folder: Path) -> list[str]:
    """A names workbook whose shared strings part is 180 MB (180,000 strings of 1,000 chars)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["name"])
    path = folder / "strings.xlsx"
    wb.save(path)
    big = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
        '/spreadsheetml/2006/main"><si><t>name</t></si><si><t>Acme</t></si>'
        + "".join(f"<si><t>{i:01000d}</t></si>" for i in range(180_000))
        + "</sst>"
    ).encode()
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
        b'formats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s">'
        b'<v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData>'
        b"</worksheet>"
    )
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    parts["xl/worksheets/sheet1.xml"] = sheet
    parts["xl/sharedStrings.xml"] = big
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>",
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return ["screen", str(path), "--json", str(folder / "out.json"), "--as-of", "2024-01-01"]


def names_read(folder: Path) -> list[str]:
    """Only reading the million-row names workbook (no screening): see names_rows."""
    args = names_rows(folder)
    return ["--read-names", args[1]]


CASES = {
    f.__name__: f
    for f in (
        chain,
        chain_at_limit,
        parties_at_limit,
        dense,
        dense_at_limit,
        ring,
        long_name,
        rows,
        rows_compact,
        names_read,
        names_rows,
        names_at_limit,
        wide_decisions,
        shared_strings,
    )
}

# Peak resident memory from VmHWM: ru_maxrss survives exec on Linux, so it would
# report the parent's peak (the generated input) instead of scrisk's.
CHILD = """
import sys, time
from scrisk.cli import main
start = time.perf_counter()
if sys.argv[1] == "--read-names":
    from scrisk.readers.names import read_names
    code = len(read_names(sys.argv[2], max_rows=2_000_000).names) and 0
else:
    code = main(sys.argv[1:])
took = time.perf_counter() - start
with open("/proc/self/status") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024
print(f"@@ {code} {took:.1f} {peak:.0f}", file=sys.stderr)
"""


def run(name: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args = CASES[name](folder)
        size = sum(p.stat().st_size for p in folder.iterdir())
        env = {**os.environ, "SCRISK_HOME": str(folder / "home")}
        try:
            done = subprocess.run(
                [PY, "-c", CHILD, *args], capture_output=True, text=True, timeout=600, env=env
            )
        except subprocess.TimeoutExpired:
            return f"{name:16} input {size / 1e6:8.1f} MB  TIMEOUT (600 s)"
        tail = [line for line in done.stderr.splitlines() if line.startswith("@@")]
        if not tail:
            return f"{name:16} CRASH: {done.stderr[-400:]}"
        code, took, peak = tail[-1].split()[1:]
        out = folder / "out.json"
        written = out.stat().st_size / 1e6 if out.exists() else 0.0
        why = ""
        if code == "2":
            lines = [line.strip() for line in done.stderr.splitlines()]
            why = next(
                (line for line in lines if "limit" in line or "up to" in line),
                " ".join(lines)[:160],
            )
            why = why.split(": ", 1)[-1] if why.startswith("- ") else why
        return (
            f"{name:16} input {size / 1e6:8.1f} MB  exit {code}  {float(took):6.1f} s  "
            f"peak {float(peak):7.0f} MB  json {written:7.1f} MB  {why[:150]}"
        )


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for case in sys.argv[1:] or list(CASES):
        start = time.perf_counter()
        print(run(case), flush=True)
