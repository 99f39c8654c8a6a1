"""Fuzz: random declarations through scrisk.assess and the command line (issue 12, point 11).

Random graphs (cycles, unknown ids, several or no bidders), missing and
malformed fields, random unicode (escape sequences, bidirectional overrides,
lone surrogates, formula-looking text). Whatever comes in:

- the command line ends with exit 0, 1 or 2 and never a traceback;
- an assessment lists every declared party, its score lies within 0-100;
- the same input gives the same bytes (JSON and workbook).

Quick in CI (profile ``ci``); ``SCRISK_HYPOTHESIS_PROFILE=long`` runs 1,500
examples per test.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from scrisk.assessment import assess
from scrisk.cli import main
from scrisk.errors import DeclarationError
from scrisk.schema import ROLES

HOSTILE = st.sampled_from(
    [
        "\x1b[2J\x1b[H",
        "\x1b]8;;http://x\x07link\x1b]8;;\x07",
        "\u202egnp.exe",
        '=HYPERLINK("http://x")',
        "+cmd|' /C calc'!A0",
        "[bold red]LOW[/]",
        "#REF!",
        "\x00",
        "Supermax Glove Manufacturing",
        "Hetian Taida Apparel",
        "Xinjiang",
        "Aksu",
        "",
    ]
)
TEXT = st.one_of(
    st.text(max_size=30), HOSTILE, st.builds(lambda a, b: a + b, st.text(max_size=8), HOSTILE)
)
COUNTRY = st.one_of(
    st.sampled_from(
        [
            "CA",
            "MY",
            "CN",
            "BD",
            "Malasia",
            "Bangaldesh",
            "China",
            "Xinjiang (China)",
            "Austrlia",
            "Congo",
            "ZZ",
        ]
    ),
    TEXT,
)
JUNK = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just("Lone \ud800 surrogate"),
)


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a well-formed value, sometimes junk of another type, sometimes absent."""
    return st.one_of(value, value, value, JUNK)


@st.composite
def declarations(draw: st.DrawFn) -> dict[str, Any]:
    """Half well-formed (random graph and text, valid structure), half with malformed parts."""
    clean = draw(st.booleans())
    maybe = (lambda v: v) if clean else _maybe
    n = draw(st.integers(1, 12))
    ids = [f"P{i}" for i in range(n)]
    roles = [draw(st.sampled_from(ROLES[1:])) for _ in ids]
    roles[0] = "bidder"
    if not clean and draw(st.booleans()) and n > 1:  # a second bidder, a role not in ROLES
        roles[draw(st.integers(1, n - 1))] = draw(st.sampled_from(["bidder", "wizard", ""]))
    goods = [
        {
            "id": f"G{j}",
            "description": draw(TEXT) or "shirts",
            "hs_code": draw(
                st.sampled_from(["6205.20", "4015.19", "5201", None] + ([] if clean else ["12"]))
            ),
        }
        for j in range(draw(st.integers(1 if clean else 0, 2)))
    ]
    targets = [*ids] if clean else [*ids, "GHOST"]
    parties = []
    for pid, role in zip(ids, roles, strict=True):
        party: dict[str, Any] = {"id": pid, "role": role}
        for field, value in (
            ("name", TEXT),
            ("address", TEXT),
            ("city", TEXT),
            ("country", COUNTRY),
        ):
            if draw(st.booleans()):
                party[field] = draw(maybe(value))
        if role != "bidder":  # random graph: cycles, self-loops, unknown ids
            party["supplies_to"] = draw(st.lists(st.sampled_from(targets), max_size=3))
            party["goods"] = draw(
                st.lists(st.sampled_from([g["id"] for g in goods] or ["G0"]), max_size=2)
            )
            party["materials"] = draw(
                st.lists(
                    st.sampled_from(["cotton", "nitrile latex", "yarn", draw(TEXT)]), max_size=2
                )
            )
            if draw(st.booleans()):
                party["workers"] = draw(maybe(st.integers(0, 10**6)))
        parties.append(party)
    dates = ["2021-12-10", "2024-01-15"] + ([] if clean else ["15/01/2024", "2021-02-30"])
    doc: dict[str, Any] = {
        "format": "scrisk-declaration/1",
        "solicitation": {
            "id": draw(TEXT) or "S",
            "category": draw(
                st.sampled_from(["apparel", "ppe", "other"] + ([] if clean else ["toys"]))
            ),
            "closing_date": draw(st.sampled_from(dates)),
            "goods": goods,
        },
        "parties": parties,
    }
    if draw(st.booleans()):
        doc["certifications"] = [
            {
                "party": "P0",
                "type": "ethical_procurement",
                "signed_on": "2021-01-01",
                "rights": draw(
                    st.lists(
                        st.sampled_from(
                            ["child_labour", "forced_labour", "wages"] + ([] if clean else ["x"])
                        ),
                        max_size=3,
                    )
                ),
            }
        ]
    return doc


def _check(doc: dict[str, Any], assessment: Any) -> None:
    out = assessment.to_dict()
    assert {p["id"] for p in out["parties"]} == {p["id"] for p in doc["parties"]}
    assert 0 <= out["score"] <= 100 and math.isfinite(out["score"])
    for p in out["parties"]:
        assert p["score"] is None or 0 <= p["score"] <= 100
    assert assessment.to_json() == assessment.to_json()


@given(declarations())
def test_assess_takes_any_declaration(doc):
    try:
        a = assess(doc)
    except DeclarationError as error:
        assert error.faults and all(str(f) for f in error.faults)
        return
    _check(doc, a)


@given(declarations(), st.sampled_from(["en", "fr"]))
def test_the_command_line_never_fails_with_a_traceback(tmp_path_factory, capsys, doc, lang):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "bid.json"
    path.write_text(json.dumps(doc), encoding="utf-8")  # lone surrogates escaped as \ud800
    outs = [folder / "a.json", folder / "b.json"]
    # the real terminal report (verdict, facts, paths, warnings) as well as fault and
    # error messages must be inert whatever was declared
    codes = [
        main(["assess", str(path), "--json", str(out), "--lang", lang, "--fail-on", "high"])
        for out in outs
    ]
    captured = capsys.readouterr()
    assert codes[0] == codes[1] and codes[0] in (0, 1, 2)
    assert "Traceback" not in captured.err and "\x1b" not in captured.out + captured.err
    if codes[0] == 2:
        said = "fault" if lang == "en" else "anomalie"  # the fault list in --lang (#24)
        assert said in captured.err and not outs[0].exists()
        return
    assert outs[0].read_bytes() == outs[1].read_bytes()  # same input, same bytes
    written = json.loads(outs[0].read_text(encoding="utf-8"))
    assert {p["id"] for p in written["parties"]} == {p["id"] for p in doc["parties"]}
    assert 0 <= written["score"] <= 100


@given(st.lists(declarations(), min_size=2, max_size=3))
def test_a_batch_reports_every_input_in_order(tmp_path_factory, capsys, docs):
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for i, doc in enumerate(docs):
        paths.append(folder / f"bid{i}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    code = main(["assess", *map(str, paths), "--json", "-"])  # the report goes to stderr
    captured = capsys.readouterr()
    out = captured.out
    assert "Traceback" not in captured.err and "\x1b" not in captured.out + captured.err
    usable = []
    for doc in docs:
        try:
            assess(doc)
            usable.append(True)
        except DeclarationError:
            usable.append(False)
    if not any(usable):
        assert code == 2 and out == ""
        return
    records = json.loads(out)
    assert len(records) == len(docs)  # one record per input, in input order
    for record, ok, path in zip(records, usable, paths, strict=True):
        assert (record["format"] == "scrisk-assessment/1") == ok
        if not ok:
            assert record["input"] == str(path) and record["faults"]
    assert code in ((0, 1) if all(usable) else (2,))


@given(declarations())
def test_a_workbook_report_is_the_same_bytes_twice(tmp_path_factory, doc):
    try:
        a = assess(doc)
    except DeclarationError:
        return
    folder = tmp_path_factory.mktemp("xlsx")
    first, second = a.to_excel(folder / "a.xlsx"), a.to_excel(folder / "b.xlsx")
    assert Path(first).read_bytes() == Path(second).read_bytes()


CELL_VALUES = st.one_of(
    TEXT,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.booleans(),
    st.sampled_from(["=1+1", "=A1", '=HYPERLINK("x")', "#REF!", "Y", "N", "2021-13-45"]),
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Solicitation", "Goods", "Parties", "Certifications", "Audits"]),
            st.integers(1, 8),
            st.integers(1, 16),
            CELL_VALUES,
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_a_tampered_workbook_never_fails_with_a_traceback(tmp_path_factory, capsys, edits, hide):
    import openpyxl

    folder = tmp_path_factory.mktemp("wb")
    path = folder / "bid.xlsx"
    wb = openpyxl.load_workbook(
        Path(__file__).resolve().parent.parent / "examples" / "glove_bid.xlsx"
    )
    from scrisk.xlsx_io import clean_text

    for sheet, row, column, value in edits:  # "=..." stays a formula, "#REF!" is text
        wb[sheet].cell(row, column).value = clean_text(value) if isinstance(value, str) else value
    if hide:
        wb["Audits"].sheet_state = "hidden"
    wb.save(path)
    code = main(["assess", str(path), "--json", str(folder / "out.json")])
    captured = capsys.readouterr()
    err = captured.err
    assert code in (0, 1, 2) and "Traceback" not in err
    assert "\x1b" not in captured.out + err
    if code == 2:
        assert "fault" in err
    else:
        written = json.loads((folder / "out.json").read_text(encoding="utf-8"))
        assert 0 <= written["score"] <= 100
