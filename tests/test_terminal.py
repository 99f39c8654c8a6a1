"""The rich terminal report, rendered from real assessments of the bundled examples."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
from assessment_bids import add_party, bid, party
from rich.console import Console

from scrisk.assessment import assess, compare
from scrisk.i18n import t
from scrisk.report.terminal.ranking import render_comparison
from scrisk.report.terminal.render import render_assessment

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ("glove_bid", "apparel_bid", "clean_bid", "apparel_gaps_bid")


@pytest.fixture(scope="module")
def assessments():
    return {name: assess(EXAMPLES / f"{name}.json") for name in NAMES}


def _render(doc, *, lang="en", width=100, **options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False)
    render_assessment(doc, console, lang=lang, **options)
    return buffer.getvalue()


def _joined(text: str) -> str:
    """The text with word wrapping undone (any run of white space read as one space)."""
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("name", NAMES)
def test_every_example_renders_within_the_width(assessments, name, width, lang):
    text = _render(assessments[name].to_dict(lang), lang=lang, width=width, details=True)
    lines = text.splitlines()
    assert len(lines) > 20
    assert max(len(line) for line in lines) <= width
    assert "\x1b[" not in text  # not a terminal: no escape codes


def test_header_clauses_flags_paths_and_sources_of_the_glove_bid(assessments):
    doc = assessments["glove_bid"].to_dict("en")
    text = _render(doc, details=True)
    joined = _joined(text)
    # the verdict first, in plain words, then the facts
    assert text.startswith(f"Critical risk, score {doc['score']:.1f} out of 100: ")
    assert doc["solicitation"]["id"] in text and doc["bidder"]["name"] in text
    assert f"closes {doc['solicitation']['closing_date']}, assessed as of {doc['as_of']}" in text
    # clause matrix: every clause on one row with its status and the flags behind it,
    # by title (never the internal key)
    wide = _render(doc, width=250).splitlines()
    for clause in doc["clauses"]:
        row = next(line for line in wide if clause["title"] in line)
        assert {
            "pass": " pass ",
            "fail": " fail ",
            "not_applicable": " not applicable ",
            "high_risk": " high risk ",
            "review": " review ",
            "no_indicator": " no indicator ",
        }[clause["status"]] in row
        # "CT9897::G1" shown as "Import prohibition ... (G1)"; a long list folds onto the
        # lines below
        for key in clause["flags"][:1]:
            rule, *about = key.split(":")
            who = ", ".join(a for a in about if a)
            assert f"{t(f'rule.{rule}.title', 'en')} ({who})" in row
            assert key not in row
    assert "Code of Conduct for Procurement" in "".join(wide)
    assert "CODE " not in "".join(wide) and "PN150" not in "".join(wide)
    # flags grouped by severity, most severe first, with evidence
    assert text.index("Critical (2)") < text.index("High (1)") < text.index("Medium (2)")
    watch = next(f for f in doc["flags"] if f["rule"] == "WATCHLIST")
    assert watch["evidence"][0]["record"] in joined
    assert f"({watch['evidence'][0]['edition']})" in joined
    assert "Path to bidder: M1 → B" in text
    # the riskiest paths: a tree from the bidder down to the source
    tree = text[text.index("Riskiest supply paths") :].splitlines()
    bidder = next(i for i, line in enumerate(tree) if "Northern Shield" in line)
    maker = next(i for i, line in enumerate(tree) if "M1 Supermax" in line)
    latex = next(i for i, line in enumerate(tree) if "R1 Semenanjung" in line)
    assert bidder < maker < latex
    indent = [len(tree[i]) - len(tree[i].lstrip(" │└├─")) for i in (bidder, maker, latex)]
    assert indent == sorted(indent) and len(set(indent)) == 3
    assert "critical party risk 97.2" in tree[maker]
    assert "medium party risk 30.0" in " ".join(tree[latex:])
    # footer: every dataset with its edition
    footer = _joined(text[text.index("Data: ") :])
    for dataset in doc["data"]:
        assert f"({dataset['edition']})" in footer


def test_french_report(assessments):
    text = _render(assessments["apparel_bid"].to_dict("fr"), lang="fr", width=80, details=True)
    for heading in (
        "Évaluation du risque de travail forcé",
        "Demande de soumissions",
        "Risque critique, note de 79,2 sur 100\u00a0: ",
        "Matrice des clauses",
        "Signalements par gravité",
        "Critique (2)",
        "Élevé (5)",  # Bangladeshi garments: forced labour listed only from 2022-09-28
        "Chemin jusqu'au soumissionnaire\u00a0:",
        "Preuve\u00a0:",
        "Données\u00a0:",
    ):
        assert heading in text, heading
    assert "Flags by severity" not in text and "Evidence:" not in text
    assert "2\u00a0critiques · 5\u00a0élevés" in text  # plurals, non-breaking spaces


def test_clean_bid_says_so(assessments):
    text = _render(assessments["clean_bid"].to_dict("en"), details=True)
    assert text.startswith("Low risk, score 0.0 out of 100: no flags")
    assert "No flags" in text and "No party carries risk to the bidder." in text


def test_unknown_risk_is_shown_as_unknown_never_low():
    doc = bid(category="other")
    party(doc, "F1")["materials"] = ["unobtainium"]  # no reference data for it
    a = assess(doc).to_dict("en")
    levels = {p["id"]: p["risk_level"] for p in a["parties"]}
    # F1 has no data; the bidder's goods are made in part from F1's inputs: not low either
    assert levels["F1"] == levels["B"] == "unknown"
    text = _render(a, details=True)
    assert "no reference data for them or their suppliers (not low): B, F1" in text
    data_gap = text[text.index("DATA_GAP  ") :]
    assert "F1 Beaver Valley Weaving Inc. (material supplier, CA) · unknown" in data_gap
    missing = copy.deepcopy(a)
    missing["score"] = None
    assert "risk, score unknown out of 100" in _render(missing)


def test_declared_text_is_never_read_as_markup():
    doc = bid()
    party(doc, "M1")["name"] = "[bold red]Tamarack[/] Sewing [link=http://x]Inc.[/link]"
    party(doc, "M1")["annual_capacity"] = 10  # a CAPACITY flag about M1
    text = _render(assess(doc).to_dict("en"), width=120, details=True)
    assert "[bold red]Tamarack[/] Sewing [link=http://x]Inc.[/link]" in text


def test_long_lists_are_cut_with_a_count(assessments):
    text = _render(
        assessments["apparel_bid"].to_dict("en"), max_flags=2, max_evidence=1, details=True
    )
    # the Bangladeshi maker's garments are listed for child labour only on 2022-03-31
    # (forced labour from the 2022 edition, 2022-09-28): one high flag fewer
    assert "... 3 more high flags not shown" in text
    assert "... 3 more medium flags not shown" in text
    assert "... 6 more evidence records" in text  # CT9897 cites 7 records


def test_comparison_table(assessments):
    frame = compare([assessments["apparel_bid"], assessments["clean_bid"]], lang="en")
    buffer = io.StringIO()
    render_comparison(frame, Console(file=buffer, width=80, force_terminal=False), lang="en")
    text = buffer.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert text.index("Laurentian") < text.index("Maple Ridge")
    assert "Warning" not in text
    with pytest.warns(UserWarning):
        mixed = compare([assessments["clean_bid"], assessments["glove_bid"]], lang="fr")
    buffer = io.StringIO()
    render_comparison(mixed, Console(file=buffer, width=100, force_terminal=False), lang="fr")
    text = buffer.getvalue()
    assert "Avertissement" in text and "Rang" in text and "Pourquoi" in text


def test_parties_not_linked_to_the_bidder_are_named_not_dropped():
    doc = bid()
    for i in range(25):
        add_party(
            doc,
            id=f"X{i:02d}",
            role="subcontractor",
            name=f"Loose Thread {i} Ltd.",
            address="1 Side St",
            city="Moncton",
            region="New Brunswick",
            country="CA",
        )
    a = assess(doc).to_dict("en")
    assert len(a["graph"]["unreachable"]) == 25
    text = _render(a, width=250)  # one header line, no panel border inside it
    listed = ", ".join(a["graph"]["unreachable"][:20])
    assert f"Not linked to the bidder (reported, not dropped): {listed}, and 5 more" in text
