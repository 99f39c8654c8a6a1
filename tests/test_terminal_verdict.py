"""The terminal verdict: one line a reviewer reads first, next steps, decisions, policy,
a default that fits a screen, plurals, and declared text that cannot drive the terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from assessment_bids import bid, party
from rich.console import Console

from scrisk.assessment import assess, compare
from scrisk.decisions import load_decisions
from scrisk.i18n import tn
from scrisk.report.terminal.ranking import render_comparison
from scrisk.report.terminal.render import render_assessment

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SUPERMAX = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"


def _render(doc, *, lang="en", width=100, **options) -> str:
    buffer = io.StringIO()
    render_assessment(
        doc, Console(file=buffer, width=width, force_terminal=False), lang=lang, **options
    )
    return buffer.getvalue()


@pytest.fixture(scope="module")
def glove():
    return assess(EXAMPLES / "glove_bid.json")


def test_the_first_line_is_the_verdict_with_its_two_reasons(glove):
    doc = glove.to_dict("en")
    first = " ".join(_render(doc, width=300).splitlines()[0].split())
    assert first.startswith("Critical risk, score 92.3 out of 100: ")
    assert (
        "Party on a forced-labour enforcement list: Supermax Glove Manufacturing Sdn. Bhd. (M1)"
    ) in first
    assert "Import prohibition exposure (tariff item 9897.00.00)" in first
    fr = _render(glove.to_dict("fr"), lang="fr", width=300).splitlines()[0]
    assert fr.startswith("Risque critique, note de 92,3 sur 100\u00a0: ")


def test_the_default_report_fits_a_screen_and_details_show_every_flag(glove):
    doc = glove.to_dict("en")
    short = _render(doc)
    assert len(short.splitlines()) <= 45
    assert "Next steps" in short and "Clause matrix" in short
    assert "Flags by severity" not in short and "Evidence:" not in short
    assert "5 flags: shown with --details" in " ".join(short.split())
    full = _render(doc, details=True)
    assert "Flags by severity" in full and SUPERMAX in " ".join(full.split())
    assert "Flags by severity" in _render(doc, width=200)  # a wide terminal shows them


def test_next_steps_name_the_parties_and_the_pending_review(glove):
    text = " ".join(_render(glove.to_dict("en"), width=200).split())
    assert "1. high risk Review the risk indicators with the bidder before award" in text
    assert "CBSA decides on imports case by case" in text
    assert "Supermax Glove Manufacturing Sdn. Bhd. (M1)" in text
    assert "1 name match waits for a reviewer decision" in text


def test_a_decision_applied_leaves_a_visible_trace(tmp_path):
    csv = tmp_path / "decisions.csv"
    csv.write_text(
        "party,entry_id,decision,reviewer,date,comment\n"
        f"M1,{SUPERMAX},not_a_match,A. Tremblay,2026-11-30,other company\n",
        encoding="utf-8",
    )
    a = assess(EXAMPLES / "glove_bid.json", decisions=load_decisions(csv))
    text = " ".join(_render(a.to_dict("en"), width=200).split())
    assert "Reviewer decisions applied" in text
    assert (
        "Supermax Glove Manufacturing Sdn. Bhd. (M1): not a match, A. Tremblay, 2026-11-30" in text
    )
    assert "name match waits" not in text


def test_a_custom_policy_is_named(glove):
    assert "Policy used (not the default): strict.toml" in _render(
        glove.to_dict("en"), policy="strict.toml", width=200
    )
    assert "Policy used" not in _render(glove.to_dict("en"), width=200)


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 flag:"),
        ("en", 2, "2 flags:"),
        ("en", 0, "0 flags:"),
        ("fr", 0, "0\u00a0signalement\u00a0:"),
        ("fr", 1, "1\u00a0signalement\u00a0:"),
        ("fr", 2, "2\u00a0signalements\u00a0:"),
    ],
)
def test_plurals_follow_each_language(lang, count, expected):
    assert tn("term.details_hint", count, lang).startswith(expected)


HOSTILE = (
    "\x1b[2J\x1b[H"  # clear the screen, cursor home
    "\x1b]8;;http://evil.example\x1b\\Click\x1b]8;;\x1b\\"  # OSC 8 hyperlink
    "\x1b]0;owned\x07"  # window title
    "[bold green]Risk level low[/] Ltd."
)


def test_declared_text_cannot_clear_the_screen_or_forge_a_verdict():
    doc = bid()
    party(doc, "M1")["name"] = HOSTILE
    party(doc, "M1")["annual_capacity"] = 10  # a CAPACITY flag names M1
    a = assess(doc)
    for details in (False, True):
        for force_terminal in (False, True):
            buffer = io.StringIO()
            console = Console(
                file=buffer,
                width=120,
                force_terminal=force_terminal,
                color_system="standard" if force_terminal else None,
            )
            render_assessment(a.to_dict("en"), console, lang="en", details=details)
            text = buffer.getvalue()
            assert "\x1b]" not in text and "\x1b[2J" not in text and "\x1b[H" not in text
            assert "\x07" not in text
            if not force_terminal:
                assert "\x1b" not in text
                # the markup is shown as typed, never read: the line is still there, literally
                assert "[bold green]Risk level low[/] Ltd." in text
                assert "␛[2J␛[H" in text
    frame = compare([a], lang="en")
    buffer = io.StringIO()
    render_comparison(frame, Console(file=buffer, width=120, force_terminal=False), lang="en")
    shown = buffer.getvalue()
    assert "\x1b" not in shown and "\x07" not in shown
