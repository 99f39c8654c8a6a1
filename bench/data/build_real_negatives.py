"""Build bench/data/real_negatives.csv: real company and facility names, none listed.

    python bench/data/build_real_negatives.py [--mirrors /work/.mirror] [--out PATH]

Every name is copied by program from a file of a public GitHub repository (read
from a local git mirror of it, at the commit named in the row's ``source``); no
name is typed. The sources, and what is done to each, are described in
bench/data/README.md ("real_negatives.csv"). Rows are deduplicated on the
case-folded, space-collapsed name (first source wins, in the order below).

Names found to be listed entities (the listed firm, its short or Chinese name,
a subsidiary of an entry that covers subsidiaries, or the parent whose name is
the listed subsidiary's name less its place) are not negatives: they are kept
as positives in bench/data/real_names.csv, and every name that file carries is
left out here (its negatives too: they are counted there).

Reading the .xls/.xlsx sources needs ``xlrd`` and ``openpyxl`` (not project
dependencies: install them for this one-off).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "data" / "real_negatives.csv"

# (owner/repo, commit read) of every source
ARITY = (
    "Arity-jpg/Database_Project_Manufacturing_Disclosure",
    "bd08cf6a09af60b730f552109b08231b81ff54b9",
)
NIKE = ("nisha5hetty/Nike-China", "80fc7d07e2f53a1bcc10ae1713e2bbbeeddcd8ad")
OSH = ("opensupplyhub/open-supply-hub", "3582f9b415b713825f8d5a31e5ea481b2ee3262f")
OAR = ("opensupplyhub/open-apparel-registry", "18174075c4b088f4a06b55c5a870cee7474a2f0a")
SZSE = ("LuWei-HUST/stocks", "ae6682c8c2f6e9dbab3578c57e9b2b32909d9a62")
ASHARE = ("harrisonlanny/astock", "65899a3ff02ae5a4190f4ac8721a705b051096b5")
VN = ("thinh-vu/vnstock", "0ea905279f3a59f5ce6733007aadc332009bab9d")
CSVFILES = ("RR192007/csvfiles", "c012f1c3e54a6b8af441045e2542602f736031e9")
SP500 = ("datasets/s-and-p-500-companies", "56509dd80619e4d8e1410c2260d68ddd3eab6068")

REAL_NAMES = ROOT / "bench" / "data" / "real_names.csv"


def real_names() -> set[str]:
    """Names bench/data/real_names.csv carries (listed spellings found in these sources too)."""
    with REAL_NAMES.open(encoding="utf-8", newline="") as fh:
        return {r["name"] for r in csv.DictReader(fh)}


def source(repo: tuple[str, str], path: str) -> str:
    """github:owner/repo/path@commit (the commit's first 12 hex digits: the file stays small)."""
    return f"github:{repo[0]}/{path}@{repo[1][:12]}"


class Mirrors:
    def __init__(self, base: Path) -> None:
        self.base = base

    def read(self, repo: tuple[str, str], path: str) -> bytes:
        d = self.base / repo[0].replace("/", "+") / "repo"
        git_dir = d / ".git" if (d / ".git").is_dir() else d
        return subprocess.run(
            ["git", "--git-dir", str(git_dir), "show", f"{repo[1]}:{path}"],
            check=True,
            capture_output=True,
        ).stdout

    def text(self, repo: tuple[str, str], path: str) -> str:
        return self.read(repo, path).decode("utf-8-sig")


def script_of(name: str, cjk: str = "Hans") -> str:
    """ISO 15924 code: ``cjk`` for a name with Han characters, Latn for Latin letters."""
    if any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in name):
        return cjk
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters):
        return "Latn"
    return "Zyyy"


def clean(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("\u00a0", " ")).strip()


Row = tuple[str, str, str, str]  # name, country, script, source


def _country(text: str | None) -> str:
    from scrisk.countries import resolve_country

    return resolve_country(text) or "" if text else ""


# ----------------------------------------------------------------------------- apparel


def arity(m: Mirrors) -> Iterator[Row]:
    """Nike, adidas, VF and Puma factory disclosures, as loaded into a student database."""
    countries: dict[str, str] = {}
    path_csv = "data/merged_adidas_nike.csv"
    for r in csv.DictReader(io.StringIO(m.text(ARITY, path_csv))):
        countries.setdefault(clean(r["Factory_Name"]).casefold(), _country(r["Country"]))
    path = "data/9.10 Factory.sql"
    for match in re.finditer(r"\('\d+', '((?:[^']|'')*)', '\d'", m.text(ARITY, path)):
        name = clean(match.group(1).replace("''", "'"))
        yield name, countries.get(name.casefold(), ""), "Latn", source(ARITY, path)


def _xls_rows(
    m: Mirrors, repo: tuple[str, str], path: str, header: int
) -> Iterator[dict[str, Any]]:
    """The rows below the header row of the first sheet of an .xls file, as dicts."""
    import xlrd

    sheet = xlrd.open_workbook(file_contents=m.read(repo, path)).sheet_by_index(0)
    head = sheet.row_values(header)
    for i in range(header + 1, sheet.nrows):
        yield dict(zip(head, sheet.row_values(i), strict=True))


def nike(m: Mirrors) -> Iterator[Row]:
    path = "Nike.xls"
    for r in _xls_rows(m, NIKE, path, 1):
        if str(r["Factory Name"]).strip():
            yield (
                clean(str(r["Factory Name"])),
                _country(str(r["Country/Region"])),
                "Latn",
                source(NIKE, path),
            )


def osh(m: Mirrors) -> Iterator[Row]:
    base = "src/django/api/fixtures/list_files/"
    paths = [
        "Fall 2017 Compliance List.csv",
        "Fall 2018 Compliance List.csv",
        "Spring 2017 Apparel List.csv",
        "Spring 2019 Compliance List.csv",
        "Summer 2017 Compliance List.csv",
        "Summer 2018 Affiliate List.csv",
        "Summer 2019 Affiliate List.csv",
        "Summer 2019 Apparel List.csv",
        "Summer 2019 Compliance List.csv",
        "Winter 2017 Affiliate List.csv",
        "Winter 2017 Compliance List.csv",
        "Winter 2018 Apparel List.csv",
        "Winter 2019 Compliance List V2.csv",
        "Winter 2019 Compliance List.csv",
    ]
    for p in paths:
        for r in csv.DictReader(io.StringIO(m.text(OSH, base + p))):
            if (r.get("name") or "").strip():
                yield clean(r["name"]), _country(r["country"]), "Latn", source(OSH, base + p)
    base = "src/django/api/management/commands/facility_lists/geocoded/"
    for n in range(2, 16):
        p = f"{base}{n}.csv"
        for r in csv.DictReader(io.StringIO(m.text(OAR, p))):
            if (r.get("name") or "").strip():
                yield clean(r["name"]), _country(r["country"]), "Latn", source(OAR, p)


# ----------------------------------------------------------------------------- Chinese


def szse(m: Mirrors) -> Iterator[Row]:
    """Shenzhen Stock Exchange A-share list: full Chinese name, English name, short name."""
    import openpyxl

    path = "A股列表.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(m.read(SZSE, path)))
    rows = list(wb.active.iter_rows(values_only=True))
    head = [str(h) for h in rows[0]]
    for values in rows[1:]:
        r = dict(zip(head, values, strict=True))
        for col in ("公司全称", "A股简称", "英文名称"):
            name = clean(str(r[col] or ""))
            if name:
                yield name, "CN", script_of(name), source(SZSE, path)


def sse(m: Mirrors) -> Iterator[Row]:
    """Shanghai Stock Exchange list: short names and English full names."""
    path = "GPLIST.xls"
    for r in _xls_rows(m, SZSE, path, 0):
        for col in ("扩位证券简称", "公司英文全称"):
            name = clean(str(r[col]))
            if name and name != "-":
                yield name, "CN", script_of(name), source(SZSE, path)


def ashare(m: Mirrors) -> Iterator[Row]:
    """Every A-share short name (listed and delisted) of a baostock stock list (type 1)."""
    path = "stock_basic.csv"
    for r in csv.DictReader(io.StringIO(m.text(ASHARE, path))):
        if r["type"] == "1":
            yield (
                clean(r["code_name"]),
                "CN",
                script_of(clean(r["code_name"])),
                source(ASHARE, path),
            )


# ----------------------------------------------------------------------------- other


def _listing(
    m: Mirrors, repo: tuple[str, str], path: str, column: str, country: str
) -> Iterator[Row]:
    """The names of one column of a CSV listing of one country's companies."""
    for r in csv.DictReader(io.StringIO(m.text(repo, path))):
        name = clean(r[column])
        if name:
            yield name, country, script_of(name), source(repo, path)


def vietnam(m: Mirrors) -> Iterator[Row]:
    return _listing(m, VN, "data/listing_companies_enhanced-2023.csv", "organName", "VN")


def nse(m: Mirrors) -> Iterator[Row]:
    return _listing(m, CSVFILES, "EQUITY_L.csv", "NAME OF COMPANY", "IN")


# security descriptions after a US listing's company name
_SECURITY = re.compile(
    r"\s*\b(Class [A-C] )?(Common Stock|Ordinary Shares?|Common Shares|American Depositary Shares?"
    r"|American Depository Shares?|Subordinate Voting Shares|Depositary Shares?|Shares of "
    r"Beneficial Interest|Common Units?)\b.*$",
    re.IGNORECASE,
)
_NOT_COMPANY = re.compile(
    r"\b(Warrants?|Units?|Rights?|ETF|Fund|Notes|Preferred|Debentures?|Trust Units|Index|Bond|"
    r"Acquisition Corp)\b",
    re.IGNORECASE,
)


def north_america(m: Mirrors) -> Iterator[Row]:
    path = "nasdaq_screener_1615209693391.csv"
    for r in csv.DictReader(io.StringIO(m.text(CSVFILES, path))):
        if _NOT_COMPANY.search(r["Name"]) or not _SECURITY.search(r["Name"]):
            continue
        name = clean(_SECURITY.sub("", r["Name"]))
        if name:
            yield name, _country(r["Country"]), script_of(name), source(CSVFILES, path)
    path = "data/constituents.csv"
    for r in csv.DictReader(io.StringIO(m.text(SP500, path))):
        yield clean(r["Security"]), "US", "Latn", source(SP500, path)
    path = "screener.csv"  # TSX
    for r in csv.DictReader(io.StringIO(m.text(CSVFILES, path))):
        if not _NOT_COMPANY.search(r["Name"]):
            name = clean(re.sub(r"\s+Common$", "", _SECURITY.sub("", r["Name"])))
            yield name, "", script_of(name), source(CSVFILES, path)


def singapore(m: Mirrors) -> Iterator[Row]:
    path = "myData.csv"
    for r in csv.DictReader(io.StringIO(m.text(CSVFILES, path))):
        name = clean(r["Trading Name"])
        if name and not _NOT_COMPANY.search(name):
            yield name, "", script_of(name), source(CSVFILES, path)


SOURCES = (arity, nike, osh, szse, sse, ashare, vietnam, nse, north_america, singapore)


def build(m: Mirrors) -> list[Row]:
    """All sources in order; a name whose core (legal form dropped) was seen is left out."""
    from scrisk.screening.normalize import analyze_name

    seen: set[str] = set()
    rows: list[Row] = []
    elsewhere = real_names()
    for fn in SOURCES:
        for name, country, script, src in fn(m):
            key = analyze_name(name).core or " ".join(name.casefold().split())
            if key in seen or name in elsewhere or len(key) < 2:
                continue
            seen.add(key)
            rows.append((name, country, script, src))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = build(Mirrors(args.mirrors))
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("name", "country", "script", "source"))
        w.writerows(rows)
    print(f"{len(rows)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
