"""`scrisk assess`: JSON on stdout and nothing else, input order, byte-identical output,
every fault of every file at once (exit 2), --fail-on, French, Excel, the real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scrisk.assessment import assess
from scrisk.cli import main
from scrisk.i18n import t

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GLOVE = str(EXAMPLES / "glove_bid.json")
APPAREL = str(EXAMPLES / "apparel_bid.json")
CLEAN = str(EXAMPLES / "clean_bid.json")
GAPS = str(EXAMPLES / "apparel_gaps_bid.json")
SUPERMAX_WRO = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"


def _bad_json(tmp_path: Path) -> Path:
    path = tmp_path / "truncated.json"
    path.write_text('{"format": "scrisk-declaration/1", "solicitation": {', encoding="utf-8")
    return path


def _dangling(tmp_path: Path) -> tuple[Path, int]:
    """The clean example with its maker shipping to a party that is not declared."""
    doc = json.loads(Path(CLEAN).read_text(encoding="utf-8"))
    maker = next(i for i, p in enumerate(doc["parties"]) if p["role"] == "manufacturer")
    doc["parties"][maker]["supplies_to"] = ["B", "GHOST"]
    path = tmp_path / "dangling.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path, maker


def test_json_dash_puts_only_the_assessment_json_on_stdout(capsys):
    assert main(["assess", GLOVE, "--json", "-"]) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)  # the whole of stdout is one JSON document
    assert doc["format"] == "scrisk-assessment/1"
    assert doc["risk_level"] == "critical"
    watch = [f for f in doc["flags"] if f["rule"] == "WATCHLIST"]
    assert [(f["party"], f["severity"]) for f in watch] == [("M1", "critical")]
    assert watch[0]["evidence"][0]["record"] == SUPERMAX_WRO
    # the human report went to stderr instead
    assert t("term.title", "en") in err and "Supermax Glove Manufacturing" in err


def test_json_is_the_assessment_document_byte_for_byte_and_stable(capsys, tmp_path):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["assess", APPAREL, "--json", str(first)]) == 0
    assert main(["assess", APPAREL, "--json", str(second), "--quiet"]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8") == assess(APPAREL).to_json("en")
    capsys.readouterr()
    main(["assess", APPAREL, "--json", "-"])
    out1 = capsys.readouterr().out
    main(["assess", APPAREL, "--json", "-"])
    assert capsys.readouterr().out == out1 == first.read_text(encoding="utf-8")


def test_several_inputs_give_a_json_array_in_input_order(capsys):
    inputs = [CLEAN, GLOVE, APPAREL, GAPS]
    assert main(["assess", *inputs, "--json", "-"]) == 0
    docs = json.loads(capsys.readouterr().out)
    declared = [json.loads(Path(p).read_text(encoding="utf-8")) for p in inputs]
    bidder_names = [
        next(p["name"] for p in d["parties"] if p["role"] == "bidder") for d in declared
    ]
    assert [d["bidder"]["name"] for d in docs] == bidder_names
    assert [d["solicitation"]["id"] for d in docs] == [d["solicitation"]["id"] for d in declared]
    assert [d["risk_level"] for d in docs] == ["low", "critical", "critical", "high"]


def test_terminal_report_and_json_file(capsys, tmp_path):
    target = tmp_path / "glove.json"
    assert main(["assess", GLOVE, "--json", str(target), "--details"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(target.read_text(encoding="utf-8"))["bidder"]["id"] == "B"
    assert str(target) in out  # the "written to" line is never wrapped
    joined = "".join(line.strip() for line in out.splitlines())  # undo wrapping
    for text in (
        "Clause matrix",
        "Flags by severity",
        "Riskiest supply paths",
        SUPERMAX_WRO,
        "EN578-211087/A",
    ):
        assert text in joined, text
    assert err == ""


def test_several_inputs_with_summary_end_with_an_overview_in_input_order(capsys):
    assert main(["assess", GAPS, CLEAN, "--summary"]) == 0
    out = capsys.readouterr().out
    assert out.count(t("term.title", "en")) == 2  # the full summary of each bid
    overview = out[out.index(t("term.overview.title", "en")) :]
    assert overview.index("Fundy Coast") < overview.index("Laurentian")


def test_several_inputs_give_one_line_per_bid_in_input_order(capsys):
    assert main(["assess", GAPS, CLEAN, "--lang", "fr"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        (
            f"{GAPS}\u00a0: Fundy Coast Apparel Ltd.\u00a0: risque élevé, note de 50,0 sur 100, "
            "signalements C/É/M 0/1/1"
        ),
        (
            f"{CLEAN}\u00a0: Laurentian Workwear Inc.\u00a0: risque faible, note de 0,0 sur 100, "
            "signalements C/É/M 0/0/0"
        ),
    ]


def test_a_bid_line_shows_the_declared_name_as_written(capsys, tmp_path):
    """Declared text is data: a name holding an emoji code or a control character is
    printed as declared (the control made visible), never rendered."""
    doc = json.loads(Path(CLEAN).read_text(encoding="utf-8"))
    bidder = next(p for p in doc["parties"] if p["role"] == "bidder")
    bidder["name"] = ":warning: [bold]Laurentian\x1b[31m"
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["assess", str(odd), CLEAN, "--json", "-"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{odd}: :warning: [bold]Laurentian\u241b[31m: low risk")
    assert "\x1b" not in lines[0]
    assert lines[1].startswith(f"{CLEAN}: Laurentian Workwear Inc.: low risk")


def test_a_streamed_json_array_is_the_bytes_of_the_whole_list(capsys, tmp_path):
    """Each bid goes to stdout as it is assessed; the bytes are those of one dumps()."""
    from scrisk.jsontext import dumps

    bad = _bad_json(tmp_path)
    inputs = [str(bad), GLOVE, CLEAN, str(bad)]
    assert main(["assess", *inputs, "--json", "-", "--quiet"]) == 2
    out = capsys.readouterr().out
    docs = [assess(p).to_dict("en") for p in (GLOVE, CLEAN)]
    faults = json.loads(out)
    assert faults[0]["format"] == faults[3]["format"] == "scrisk-fault/1"
    assert out == dumps([faults[0], *docs, faults[3]])
    target = tmp_path / "all.json"
    assert main(["assess", *inputs, "--json", str(target), "--quiet"]) == 2
    assert target.read_text(encoding="utf-8") == out


@pytest.mark.parametrize("enabled", [True, False])
def test_a_batch_leaves_the_collector_as_it_found_it(capsys, monkeypatch, enabled):
    """A batch holds the collector off between its collections (every COLLECT_EVERY bids)
    and freezes the loaded heap; the caller's collector is back as it was, the same bytes."""
    import gc

    from scrisk.cli import assess as assess_cli

    monkeypatch.setattr(assess_cli, "COLLECT_EVERY", 2)  # a collection inside this batch
    collections = gc.get_stats()[2]["collections"]
    inputs = [GLOVE, CLEAN, APPAREL, GLOVE, CLEAN]
    (gc.enable if enabled else gc.disable)()
    try:
        assert main(["assess", *inputs, "--json", "-", "--quiet"]) == 0
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()
    if enabled:
        assert gc.get_stats()[2]["collections"] > collections
    out = capsys.readouterr().out
    assert json.loads(out) == [assess(p).to_dict("en") for p in inputs]


def test_a_batch_where_nothing_is_readable_leaves_stdout_empty(capsys, tmp_path):
    bad = _bad_json(tmp_path)
    assert main(["assess", str(bad), str(bad), "--json", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not valid JSON" in err


def test_no_progress_bar_or_other_noise_when_piped(capsys, tmp_path):
    target = tmp_path / "all.json"
    assert main(["assess", CLEAN, GLOVE, APPAREL, GAPS, "--json", str(target), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 4


def test_xlsx_and_json_declarations_assess_alike(capsys):
    main(["assess", str(EXAMPLES / "glove_bid.xlsx"), GLOVE, "--json", "-"])
    from_xlsx, from_json = json.loads(capsys.readouterr().out)
    for key in ("risk_level", "score", "clauses", "paths"):
        assert from_xlsx[key] == from_json[key], key


def test_malformed_json_exits_2_naming_the_file_and_place(capsys, tmp_path):
    bad = _bad_json(tmp_path)
    assert main(["assess", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert str(bad) in err and "line 1, column" in err and "not valid JSON" in err
    assert "Traceback" not in err


def test_dangling_supplies_to_exits_2_naming_path_and_field(capsys, tmp_path):
    path, maker = _dangling(tmp_path)
    assert main(["assess", str(path), "--json", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"$.parties[{maker}].supplies_to[1]" in err
    assert "field 'supplies_to'" in err and "GHOST" in err and str(path) in err


def test_faults_of_every_bad_file_are_listed_together(capsys, tmp_path):
    bad = _bad_json(tmp_path)
    dangling, _ = _dangling(tmp_path)
    missing = tmp_path / "missing.xlsx"
    assert main(["assess", str(bad), CLEAN, str(dangling), str(missing)]) == 2
    out, err = capsys.readouterr()
    assert "Laurentian Workwear" in out  # the readable bid is still assessed and reported
    assert "3 faults" in err
    for path in (bad, dangling, missing):
        assert str(path) in err
    assert "GHOST" in err and "cannot read the file" in err


@pytest.mark.parametrize(
    ("bid", "level", "status"),
    [
        (GLOVE, "critical", 1),
        (GAPS, "critical", 0),
        (GAPS, "high", 1),
        (CLEAN, "medium", 0),
        (CLEAN, "low", 1),  # low is "at or above low"
    ],
)
def test_fail_on_exits_1_at_or_above_the_level(capsys, bid, level, status):
    assert main(["assess", bid, "--fail-on", level, "--quiet"]) == status
    assert capsys.readouterr().out == ""


def test_fail_on_looks_at_every_bid(capsys):
    assert main(["assess", CLEAN, GLOVE, "--fail-on", "critical", "--json", "-"]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 2
    assert "--fail-on critical: 1 of 2 bids" in err


def test_french_report_headings_and_json(capsys):
    assert main(["assess", GLOVE, "--lang", "fr", "--details"]) == 0
    out = capsys.readouterr().out
    for text in (
        "Évaluation du risque de travail forcé",
        "Matrice des clauses",
        "Signalements par gravité",
        "Soumissionnaire",
        "Risque critique, note de 92,3 sur 100\u00a0:",
        "critique",
        "risque élevé",
        "Critique (2)",
        "Données\u00a0:",
    ):
        assert text in out, text
    assert "Clause matrix" not in out and "Flags by severity" not in out
    main(["assess", GLOVE, "--lang", "fr", "--json", "-"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["lang"] == "fr"
    assert doc["clauses"][0]["title"] == "A3006T Attestation d'approvisionnement éthique"


def test_as_of_moves_the_assessment_date(capsys):
    # CBP modified the Supermax order on 2023-09-18: in 2024 the match is no longer in force
    main(["assess", GLOVE, "--as-of", "2024-01-01", "--json", "-"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["as_of"] == "2024-01-01"
    assert [f["severity"] for f in doc["flags"] if f["rule"] == "WATCHLIST"] == ["info"]


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--as-of", "2021-02-30"], "--as-of"),
        (["--as-of", "yesterday"], "--as-of"),
        (["--lang", "de"], "--lang"),
        (["--fail-on", "severe"], "--fail-on"),
    ],
)
def test_bad_options_exit_2_with_a_message(capsys, argv, named):
    with pytest.raises(SystemExit) as stop:
        main(["assess", GLOVE, *argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {named}" in err and "Traceback" not in err


def test_bad_policy_file_exits_2(capsys, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text("[nonsense]\nx = 1\n", encoding="utf-8")
    assert main(["assess", GLOVE, "--policy", str(policy)]) == 2
    assert "unknown policy section" in capsys.readouterr().err


def test_reviewer_decisions_are_applied(capsys, tmp_path):
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "party,entry_id,decision,reviewer,date\n"
        f"M1,{SUPERMAX_WRO},confirmed,A. Reviewer,2021-12-01\n",
        encoding="utf-8",
    )
    main(["assess", GLOVE, "--decisions", str(decisions), "--details"])
    out = capsys.readouterr().out
    assert "Reviewer decision: confirmed match (A. Reviewer, 2021-12-01)" in out
    assert (
        "Supermax Glove Manufacturing Sdn. Bhd. (M1): confirmed match, A. Reviewer, 2021-12-01"
    ) in " ".join(out.split())
    decisions.write_text(
        f"party,entry_id,decision\nM1,{SUPERMAX_WRO},not_a_match\n", encoding="utf-8"
    )
    main(["assess", GLOVE, "--decisions", str(decisions), "--json", "-"])
    doc = json.loads(capsys.readouterr().out)
    assert not [f for f in doc["flags"] if f["rule"] == "WATCHLIST"]
    assert doc["decisions"][0]["decision"] == "not_a_match"


def test_excel_for_one_bid_and_for_several(capsys, tmp_path):
    one, several = tmp_path / "one.xlsx", tmp_path / "several.xlsx"
    assert main(["assess", GLOVE, "--excel", str(one), "--quiet"]) == 0
    assert main(["assess", CLEAN, GLOVE, "--excel", str(several), "--lang", "fr"]) == 0
    assert str(several) in capsys.readouterr().out
    first = load_workbook(one, read_only=True)
    assert first.sheetnames[0] == t("excel.sheet.summary", "en")
    second = load_workbook(several, read_only=True)
    assert second.sheetnames[0] == t("excel.sheet.ranking", "fr")
    assert len(second.sheetnames) == 4  # ranking, one sheet per bid, the Review sheet


def test_unwritable_output_exits_2(capsys, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.json"
    assert main(["assess", CLEAN, "--json", str(target)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_help_works(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "assess" in out and "compare" in out
    with pytest.raises(SystemExit) as stop:
        main(["assess", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for option in (
        "--json",
        "--excel",
        "--as-of",
        "--lang",
        "--fail-on",
        "--policy",
        "--decisions",
    ):
        assert option in out


def test_the_real_entry_point(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "scrisk", "assess", GLOVE, CLEAN, "--json", "-"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode()
    docs = json.loads(run.stdout.decode("utf-8"))
    assert [d["risk_level"] for d in docs] == ["critical", "low"]
    assert b"Traceback" not in run.stderr
    bad = _bad_json(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "scrisk", "assess", str(bad)],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2 and run.stdout == b""
    assert str(bad).encode() in run.stderr and b"Traceback" not in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "scrisk", "--help"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0 and b"assess" in run.stdout
