"""`scrisk screen` keeps, of a streamed screen, only the counts and the matches its table
shows (memory flat however many names match): the same table and counts as sorting them all.
"""

from __future__ import annotations

import random

import pytest

from scrisk.cli.screen import _Seen
from scrisk.screening.results import ScreenRow


def _rows(n: int, seed: int = 3) -> list[ScreenRow]:
    rng = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        cls = rng.choice(("strong", "possible", "none", "none"))
        score = None if cls == "none" else float(rng.choice((82, 88.5, 91, 95, 100)))
        active = None if cls == "none" else rng.choice((True, False, None))
        out.append(ScreenRow(i, f"Name {i}", None, cls, active, score=score))
    return out


def test_the_table_holds_the_best_matches_in_order_and_the_counts_are_whole() -> None:
    rows = _rows(5_000)
    seen = _Seen(keep_all=False, limit=200)
    assert list(seen.each(rows)) == rows  # every row goes on to the JSON writer
    hits = [r for r in rows if r.class_ != "none"]
    expected = sorted(
        hits, key=lambda r: ({"strong": 0, "possible": 1}[r.class_], -(r.score or 0), r.row)
    )
    assert seen.best() == expected[:200]
    assert seen.total == 5_000
    assert seen.matched == len(hits) > 200
    assert seen.counts == {
        "strong": sum(r.class_ == "strong" for r in rows),
        "possible": sum(r.class_ == "possible" for r in rows),
    }
    assert seen.in_force == sum(r.active is True for r in hits)
    assert seen.rows == []  # no workbook asked for: no row kept


def test_every_row_is_kept_for_a_workbook_and_fewer_matches_than_the_limit_all_show() -> None:
    rows = _rows(300, seed=5)
    seen = _Seen(keep_all=True, limit=1_000)
    for _ in seen.each(rows):
        pass
    assert seen.rows == rows
    assert len(seen.best()) == seen.matched


def _cells(path: object) -> dict[str, list[list[tuple[object, str]]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {
        ws.title: [[(c.value, c.data_type) for c in row] for row in ws.iter_rows()]
        for ws in wb.worksheets
    }


def test_a_streamed_workbook_holds_what_the_normal_one_holds(tmp_path: object) -> None:
    from datetime import date
    from pathlib import Path

    from openpyxl import load_workbook

    from scrisk.report.screen import StreamedWorkbook, write_excel

    rows = _rows(400, seed=7) + [
        ScreenRow(
            401,
            '=HYPERLINK("http://x")',
            "CN",
            "strong",
            True,
            score=97.0,
            entity="#N/A",
            matched_name="@cmd",
            lists=("UFLPA",),
        ),
    ]
    sources = [{"id": "uflpa", "source": "UFLPA Entity List", "edition": "2025-06"}]
    warnings = [{"message": "the list is old"}]
    normal, streamed = Path(str(tmp_path)) / "normal.xlsx", Path(str(tmp_path)) / "streamed.xlsx"
    write_excel(rows, normal, as_of=date(2025, 6, 30), sources=sources, warnings=warnings)
    book = StreamedWorkbook()
    for row in rows:
        book.add(row)
    book.save(streamed, as_of=date(2025, 6, 30), sources=sources, warnings=warnings)
    assert _cells(streamed) == _cells(normal)  # every value, and text stays text
    a, b = load_workbook(normal), load_workbook(streamed)
    for name in ("Results", "Summary"):
        assert b[name].freeze_panes == a[name].freeze_panes == "A2"
        assert b[name]["A1"].font.b and a[name]["A1"].font.b
        widths = {k: d.width for k, d in a[name].column_dimensions.items()}
        assert {k: b[name].column_dimensions[k].width for k in widths} == widths
    assert b["Results"].auto_filter.ref == a["Results"].auto_filter.ref == "A1:M402"


def test_the_cli_streams_a_large_workbook_with_the_same_cells(
    tmp_path: object, monkeypatch: object, capsys: object
) -> None:
    from pathlib import Path

    import pytest

    from scrisk.cli import main
    from scrisk.report import screen as io

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    tmp = Path(str(tmp_path))
    names = tmp / "names.csv"
    names.write_text(
        "name,country\nSUPERMAX GLOVE MFG SDN. BHD.,Malaysia\nMaple Leaf Textiles,CA\n"
        '"=HYPERLINK(""http://x"",""y"")",MY\nHetian Taida Apparel,China\n',
        encoding="utf-8",
    )
    args = ["screen", str(names), "--as-of", "2022-01-01", "--excel"]
    assert main([*args, str(tmp / "normal.xlsx")]) == 0
    monkeypatch.setattr(io, "STREAM_EXCEL_FROM", 1)  # this small file counts as large
    assert main([*args, str(tmp / "streamed.xlsx")]) == 0
    assert _cells(tmp / "streamed.xlsx") == _cells(tmp / "normal.xlsx")


@pytest.mark.parametrize(
    "text",
    [
        "name,country\r\nAcme,CA\r\n",
        "name\nAcme\nBeta",
        "name,country\rAcme,CA\r",
        'name,country\n"Acme\nInc",CA\nBeta,MY\n',
        "",
        "\n\n",
        "name\r\n\r\nAcme",
        '"a\r\nb",c\r\n',
        "only",
    ],
)
def test_the_names_file_is_read_a_line_at_a_time_as_before(text: str) -> None:
    import csv
    import io as stdio

    from scrisk.readers.names import _LINE

    lines = [m.group(0) for m in _LINE.finditer(text)]
    assert lines == stdio.StringIO(text, newline="").readlines()
    assert list(csv.reader(lines, strict=True)) == list(
        csv.reader(stdio.StringIO(text, newline=""), strict=True)
    )
