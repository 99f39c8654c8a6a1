"""Printed reviewer workbooks, through LibreOffice: how many pages, what page one holds,
no internal key on a reviewer's sheet, supplier evidence beside its flag, a chain
picture for every bid of a comparison (issue 24, and issue 23's evidence).

The workbooks are converted to PDF once for the module (one soffice run); the tests
that need LibreOffice skip cleanly where it is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from pathlib import Path

import openpyxl
import pytest
from libreoffice import soffice

from scrisk.assessment import assess
from scrisk.cli import main
from scrisk.i18n import t
from scrisk.report.excel.workbook import write_comparison_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NEEDS_SOFFICE = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed"
)
STITCHER = "Emblem Works Atlantic Inc."  # S1 of apparel_gaps_bid: no declared cotton source


def _workbooks(out: Path) -> dict[str, Path]:
    books = {}
    for lang in ("en", "fr"):
        for name in ("glove_bid", "apparel_bid"):
            books[f"{name}-{lang}"] = assess(EXAMPLES / f"{name}.json").to_excel(
                out / f"{name}-{lang}.xlsx", lang=lang
            )
    books["clean_bid-en"] = assess(EXAMPLES / "clean_bid.json").to_excel(out / "clean_bid-en.xlsx")
    names = ("apparel_bid", "apparel_gaps_bid", "clean_bid")
    bids = [assess(EXAMPLES / f"{n}.json") for n in names]
    books["compare-en"] = write_comparison_workbook(bids, out / "compare-en.xlsx")
    return books


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _workbooks(tmp_path_factory.mktemp("books"))


@pytest.fixture(scope="module")
def printed(books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each workbook as LibreOffice prints it (one soffice run for all of them)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    out = tmp_path_factory.mktemp("pdf")
    done = soffice(*books.values(), outdir=out)
    assert done.returncode == 0, done.stderr
    return {name: out / f"{path.stem}.pdf" for name, path in books.items()}


def pages(pdf: Path) -> int:
    """Pages of a PDF: pdfinfo where poppler is installed, else the page objects counted."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        assert found, info.stdout
        return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def page_text(pdf: Path, page: int, *, layout: bool = True) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) not installed")
    return subprocess.run(
        [
            "pdftotext",
            *(["-layout"] if layout else []),
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            "-",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@NEEDS_SOFFICE
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_glove_workbook_prints_on_at_most_ten_pages(printed, lang):
    # 21 pages in English and 25 in French before the print was designed
    assert 4 <= pages(printed[f"glove_bid-{lang}"]) <= 10
    assert pages(printed[f"apparel_bid-{lang}"]) <= 10


@NEEDS_SOFFICE
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_summary_is_one_page_and_the_clauses_start_page_two(printed, lang):
    pdf = printed[f"glove_bid-{lang}"]
    first, second = page_text(pdf, 1), page_text(pdf, 2)
    assert t("excel.title.assessment", lang) in " ".join(first.split())
    assert t("excel.summary.next_steps", lang) in first  # the verdict and what to do next
    assert "Supermax" in first and "92" in first
    assert second.lstrip().startswith(t("excel.summary.clauses", lang))  # the next sheet
    n = pages(pdf)
    # every page names the bid in its footer
    for page in range(1, n + 1):
        assert "EN578-211087/A" in page_text(pdf, page), page


@NEEDS_SOFFICE
def test_an_empty_review_sheet_prints_no_page_and_is_still_read(printed, books, capsys):
    pdf = printed["clean_bid-en"]
    text = "\n".join(page_text(pdf, p) for p in range(1, pages(pdf) + 1))
    assert "Listed entity" not in text and "Clause matrix" in text
    code = main(["assess", str(EXAMPLES / "clean_bid.json"), "--decisions",
                 str(books["clean_bid-en"]), "-q"])  # fmt: skip
    assert code == 0 and "holds no answered decision" in capsys.readouterr().err


@NEEDS_SOFFICE
def test_a_comparison_prints_every_bidder_on_its_pages(printed, books):
    pdf = printed["compare-en"]
    n = pages(pdf)
    assert n <= 14  # 16 for three bids before
    ranking = page_text(pdf, 1)
    for bidder in ("Laurentian Workwear", "Maple Ridge Uniform", "Fundy Coast Apparel"):
        assert bidder in ranking
    for page in range(2, n + 1):  # a bid's pages name it in the footer
        text = page_text(pdf, page)
        assert any(b in text for b in ("Laurentian", "Maple Ridge", "Fundy Coast", "comparison"))


def test_a_comparison_gives_every_bid_its_chain_picture_and_why(books):
    wb = openpyxl.load_workbook(books["compare-en"])
    bid_sheets = wb.sheetnames[1:-1]
    assert len(bid_sheets) == 3
    for rank, name in enumerate(bid_sheets, start=1):
        ws = wb[name]
        assert len(ws._images) == 1, name
        why = next(r[1].value for r in ws.iter_rows() if r[0].value == "Why")
        assert why.startswith(f"Ranked {rank} of 3: "), name


# what a reviewer's sheet must never show: the document's record keys and entry ids, JSON
# paths of the declaration, and rule ids (people read the rule's title)
RULE_IDS = re.compile(r"\b(CT9897|WATCHLIST|CHAIN_GAP|EP_CERT|DATA_GAP|PN150)\b")
COUNTRY_KEY = re.compile(r"\bcountry:[A-Z]{2}\b")


def keys_on_reviewer_sheets(path: Path, doc: dict) -> list[str]:
    """Cells of printed sheets (visible sheets, visible columns) that show an internal key."""
    keys = {str(e["record"]) for f in doc["flags"] for e in f["evidence"]}
    keys |= {str(m["entry_id"]) for m in doc.get("screening") or ()}
    keys = {k for k in keys if len(k) > 4}
    wb = openpyxl.load_workbook(path)
    found = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str):
                    continue
                if ws.column_dimensions[c.column_letter].hidden:
                    continue
                text = c.value
                if (
                    any(k in text for k in keys)
                    or "$.parties" in text
                    or COUNTRY_KEY.search(text)
                    or RULE_IDS.search(text)
                ):
                    found.append(f"{ws.title}!{c.coordinate}: {text[:70]!r}")
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", ["glove_bid", "apparel_bid", "apparel_gaps_bid"])
def test_reviewer_sheets_show_labels_never_keys(tmp_path, name, lang):
    a = assess(EXAMPLES / f"{name}.json")
    doc = a.to_dict(lang)
    path = a.to_excel(tmp_path / f"{name}.xlsx", lang=lang)
    assert keys_on_reviewer_sheets(path, doc) == []
    # the keys are kept on the Sources sheet, which is not printed
    sources = openpyxl.load_workbook(path).worksheets[-1]
    kept = {c.value for row in sources.iter_rows() for c in row}
    assert {e["record"] for f in doc["flags"] for e in f["evidence"]} <= kept


def test_the_measure_finds_a_key(tmp_path):
    a = assess(EXAMPLES / "glove_bid.json")
    doc = a.to_dict()
    path = tmp_path / "k.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = f"see {doc['flags'][0]['evidence'][0]['record']}"
    wb.active["A2"] = "Import prohibition exposure (tariff item 9897.00.00)"
    wb.save(path)
    assert [f.split(":")[0] for f in keys_on_reviewer_sheets(path, doc)] == ["Sheet!A1"]


def test_comparison_and_rescreen_sheets_show_no_keys(tmp_path):
    items = [assess(EXAMPLES / f"{n}.json") for n in ("glove_bid", "apparel_bid")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # two solicitations
        path = write_comparison_workbook(items, tmp_path / "c.xlsx")
    docs = [a.to_dict() for a in items]
    merged = {
        "flags": [f for d in docs for f in d["flags"]],
        "screening": [m for d in docs for m in d["screening"]],
    }
    assert keys_on_reviewer_sheets(path, merged) == []


def _evidence_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_of: str) -> dict:
    """The apparel gaps bid assessed on ``as_of`` with the register's origin evidence for
    its stitcher's cotton (valid 2026-01-01 to 2026-10-31): Flags rows by their heading."""
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SCRISK_REGISTER", raising=False)
    url = str(tmp_path / "register.sqlite")
    if not Path(url).exists():
        code = main(
            ["evidence", "add", "--supplier", STITCHER, "--country", "CA", "--kind", "origin",
             "--issuer", "Cotton Board", "--material", "cotton", "--from", "2026-01-01",
             "--to", "2026-10-31", "--register", url]
        )  # fmt: skip
        assert code == 0
    book = tmp_path / f"gaps-{as_of}.xlsx"
    code = main(
        ["assess", str(EXAMPLES / "apparel_gaps_bid.json"), "--register", url,
         "--as-of", as_of, "--excel", str(book), "-q"]
    )  # fmt: skip
    assert code in (0, 1)
    ws = openpyxl.load_workbook(book)["Flags"]
    head = [c.value for c in ws[1]]
    return {
        r[0]: dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }


def test_evidence_valid_on_the_as_of_date_is_shown_beside_its_flag(tmp_path, monkeypatch):
    rows = _evidence_workbook(tmp_path, monkeypatch, "2026-10-15")
    gap = rows[f"{STITCHER} (S1)\nGap in the declared supply chain"]
    held = gap["Review; supplier evidence"]
    assert held.startswith("origin document (cotton) from Cotton Board, valid 2026-01-01")
    assert "counts on this date" in held and "It settles: Gap in the declared supply" in held
    # nobody else's flag carries the stitcher's evidence
    others = [v["Review; supplier evidence"] for k, v in rows.items() if "(S1)" not in k]
    assert not any(others)

    later = _evidence_workbook(tmp_path, monkeypatch, "2026-11-30")
    held = later[f"{STITCHER} (S1)\nGap in the declared supply chain"]["Review; supplier evidence"]
    assert "expired, it does not count on this date" in held and "settles" not in held


def _rescreen_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str = "en"
) -> tuple[Path, dict]:
    """The glove bid recorded, awarded on 2021-12-15 and re-screened as of 2024-01-15 (the
    Supermax order modified, a new ILAB edition): its workbook and its JSON."""
    import json

    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SCRISK_TODAY", "2026-09-15")
    url = str(tmp_path / "r.sqlite")
    assert main(["assess", str(EXAMPLES / "glove_bid.json"), "--record", "--register", url,
                 "-q"]) == 0  # fmt: skip
    from scrisk import open_register

    with open_register(url) as reg:
        (record,) = reg.history()["records"]
    assert main(["award", record["id"], "--contract", "C-1", "--on", "2021-12-15",
                 "--register", url]) == 0  # fmt: skip
    book, report = tmp_path / f"rescreen-{lang}.xlsx", tmp_path / f"rescreen-{lang}.json"
    code = main(["rescreen", "--as-of", "2024-01-15", "--register", url, "--no-record",
                 "--lang", lang, "--excel", str(book), "--json", str(report), "-q"])  # fmt: skip
    assert code in (0, 1)
    return book, json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_rescreen_workbook_names_records_by_label_and_keeps_keys_aside(
    tmp_path, monkeypatch, lang
):
    book, report = _rescreen_book(tmp_path, monkeypatch, lang)
    changes = report["contracts"][0]["changes"]
    records = {r for ch in changes for r in ch["records"]}
    assert len(changes) >= 2 and records
    doc = {"flags": [{"evidence": [{"record": r} for r in records]}]}
    assert keys_on_reviewer_sheets(book, doc) == []
    wb = openpyxl.load_workbook(book)
    because = [r[7] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True) if r[7]]
    assert any("Supermax Corporation Bhd." in b for b in because)
    assert all(b[0].isupper() for b in because)  # each reason starts as a sentence
    # every printed page says what it is and as of when
    assert report["as_of"] in wb.worksheets[0].oddFooter.left.text
    # the keys are on the Sources sheet, which is hidden (not printed)
    sources = wb.worksheets[-1]
    assert sources.title == "Sources" and sources.sheet_state == "hidden"
    kept = "\n".join(str(c.value) for row in sources.iter_rows() for c in row if c.value)
    assert all(r in kept for r in records)


@NEEDS_SOFFICE
def test_the_rescreen_workbook_gives_each_because_its_own_lines(tmp_path, monkeypatch):
    from test_workbook_print import cut_off

    book, _ = _rescreen_book(tmp_path, monkeypatch)
    assert cut_off(book) == []  # every row as tall as its wrapped text
    ws = openpyxl.load_workbook(book).worksheets[0]
    because = [r[7] for r in ws.iter_rows(min_row=2, values_only=True) if r[7]]
    assert len(because) >= 2
    done = soffice(book, outdir=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "rescreen-en.pdf"
    assert pages(pdf) == 1  # one page wide: no column printed on a page of its own
    # in reading order (not -layout, which interleaves the columns' lines): each reason
    # printed whole, its lines one after the other, nothing printed over it
    text = " ".join(page_text(pdf, 1, layout=False).split())
    for reason in because:
        assert " ".join(reason.split()) in text
