"""Verdicts an officer can defend: messages are indicators and requests, US evidence is
labelled US, French follows the terms and typography of Canadian federal procurement,
and every output carries the one-sentence disclaimer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from assessment_bids import example

import scrisk
from scrisk.cli import main
from scrisk.i18n import catalogue, t

I18N = Path(scrisk.__file__).parent / "i18n"


def verdict_texts(lang: str) -> dict[str, str]:
    """Every rule message, clause note, source, next step and comparison reason."""
    cat = catalogue(lang)
    prefixes = (
        "rule.",
        "clause_note.",
        "clause_source.",
        "compare.why.",
        "excel.next.",
        "excel.compare.",
        "status.",
        "clause.",
    )
    return {k: v for k, v in cat.items() if k.startswith(prefixes)}


FORBIDDEN = {
    "en": [
        r"non-?responsive",
        r"do not award",
        r"refer to legal",
        r"\bmust not be awarded",
        r"\bis made (with|by) forced labour",
        r"\bwere made with forced labour",
        r"could be refused at the border",
        r"could be terminated",
    ],
    "fr": [
        r"non recevable",
        r"irrecevable",
        r"ne pas attribuer",
        r"service juridique",
        r"appel d'offres",
        r"pourrait être résilié",
        r"refusés? à la frontière",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_message_makes_a_legal_determination(lang):
    texts = verdict_texts(lang)
    assert len(texts) > 80
    for key, text in texts.items():
        for pattern in FORBIDDEN[lang]:
            assert not re.search(pattern, text, re.IGNORECASE), (key, pattern, text)


@pytest.mark.parametrize(
    "lang,presumed,us", [("en", r"presum", r"\bUS\b|UFLPA"), ("fr", r"présum", r"américaine|UFLPA")]
)
def test_a_presumption_is_always_said_to_be_us_law(lang, presumed, us):
    found = 0
    for key, text in verdict_texts(lang).items():
        if re.search(presumed, text, re.IGNORECASE):
            found += 1
            assert re.search(us, text), (key, text)
    assert found >= 2


def test_messages_resting_on_us_evidence_say_so_in_both_languages():
    a = scrisk.assess(example("glove_bid"))
    for lang, us in (("en", "US"), ("fr", r"améric|États-Unis")):
        doc = a.to_dict(lang)
        for f in doc["flags"]:
            jurisdictions = {e.get("jurisdiction") for e in f["evidence"]}
            if f["rule"] in ("WATCHLIST", "GOODS", "REGION", "CT9897") and "US" in jurisdictions:
                assert re.search(us, f["message"]), (lang, f["rule"], f["message"])


def test_every_evidence_record_has_a_jurisdiction():
    for name in ("glove_bid", "apparel_bid", "apparel_gaps_bid", "clean_bid"):
        for f in scrisk.assess(example(name)).to_dict()["flags"]:
            for e in f["evidence"]:
                assert e.get("jurisdiction") in ("US", "CA", "intl"), (name, f["rule"], e)
    by_rule = {}
    for f in scrisk.assess(example("glove_bid")).flag_list:
        by_rule.setdefault(f.rule, set()).update(e.jurisdiction for e in f.evidence)
    assert by_rule["WATCHLIST"] == {"US"} and by_rule["GOODS"] == {"US"}
    assert by_rule["COUNTRY"] == {"intl"}
    apparel = scrisk.assess(example("apparel_bid")).flag_list
    assert {e.jurisdiction for f in apparel if f.rule == "REGION" for e in f.evidence} == {"US"}
    gaps = scrisk.assess(example("apparel_gaps_bid")).flag_list
    assert {e.jurisdiction for f in gaps if f.rule == "POW" for e in f.evidence} == {"CA"}


FR_TERMS = (
    "lieu d'origine des travaux",
    "demande de soumissions",
    "soumissionnaire",
    "sous-traitant de premier niveau",
    "numéro tarifaire 9897.00.00",
    "Tarif des douanes",
)


def test_french_uses_the_terms_of_canadian_procurement():
    text = " ".join(catalogue("fr").values())
    for term in FR_TERMS:
        assert term in text, term
    assert "appel d'offres" not in text


def test_french_typography_of_the_verdict_catalogue():
    fr = json.loads((I18N / "fr" / "rules.json").read_text(encoding="utf-8"))
    fr.update(json.loads((I18N / "fr" / "disclaimer.json").read_text(encoding="utf-8")))
    for key, text in fr.items():
        assert " :" not in text and "« " not in text and " »" not in text, key
        assert not re.search(r"[^\u202f][;!?]", text), key  # fine no-break space before ; ! ?
        assert not re.search(r"[^\u00a0]:", text.replace("https:", "")), key
        # elisions: "de un", "que il", "si il", "de ASFC" ... are mistakes
        assert not re.search(r"\b(de|que|ne|se) (un|une|il|ils|elle|elles|on|ASFC|AP-)", text), key
        assert not re.search(r"\bsi ils?\b", text), key


def test_disclaimer_in_the_assessment_document_in_both_languages():
    a = scrisk.assess(example("glove_bid"))
    en, fr = a.to_dict("en")["disclaimer"], a.to_dict("fr")["disclaimer"]
    assert en.startswith("Flags are risk indicators") and "not findings" in en
    assert "indicateurs de risque" in fr and "ASFC" in fr
    assert en.count(". ") == 0 and fr.count(". ") == 0  # one sentence


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_disclaimer_in_the_terminal_report(capsys, lang):
    assert main(["assess", str(example("clean_bid")), "--lang", lang]) == 0
    assert squash(t("disclaimer.assessment", lang)) in squash(capsys.readouterr().out)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_disclaimer_on_the_excel_summary(tmp_path, lang):
    out = scrisk.assess(example("glove_bid")).to_excel(tmp_path / "r.xlsx", lang=lang)
    ws = openpyxl.load_workbook(out).worksheets[0]
    cells = [c.value for row in ws.iter_rows(max_row=4) for c in row if c.value]
    assert t("disclaimer.assessment", lang) in cells


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_disclaimer_in_the_screen_results(tmp_path, capsys, lang):
    names = tmp_path / "names.csv"
    names.write_text("name,country\nSUPERMAX GLOVE MFG SDN BHD,MY\n", encoding="utf-8")
    assert main(["screen", str(names), "--json", "-", "--lang", lang]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["disclaimer"] == t("disclaimer.screen", lang)
    assert doc["format"] == "scrisk-screen/1"
    assert main(["screen", str(names), "--lang", lang]) == 0
    assert squash(t("disclaimer.screen", lang)) in squash(capsys.readouterr().out)


def test_disclaimer_with_the_screen_dataframe():
    frame = scrisk.screen(["SUPERMAX GLOVE MFG SDN BHD"], countries=["MY"])
    assert frame.attrs["disclaimer"] == t("disclaimer.screen", "en")


def test_excel_next_steps_are_requests():
    a = scrisk.assess(example("glove_bid"))
    for lang, verbs in (
        ("en", ("Ask", "Review", "Before award", "Contract stage", "Confirm", "Risk unknown")),
        (
            "fr",
            (
                "Demander",
                "Examiner",
                "Avant l'attribution",
                "Étape du contrat",
                "Confirmer",
                "Risque inconnu",
            ),
        ),
    ):
        from scrisk.report.excel.summary_text import next_steps

        steps = next_steps(a.document(lang), lang, "Review")
        assert steps
        for _, status, advice in steps:
            assert status in ("review", "high_risk", "fail")
            assert advice.startswith(verbs), advice


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_disclaimer_under_the_comparison(capsys, lang):
    assert (
        main(
            ["compare", str(example("clean_bid")), str(example("apparel_gaps_bid")), "--lang", lang]
        )
        == 0
    )
    assert squash(t("disclaimer.assessment", lang)) in squash(capsys.readouterr().out)
    assert main(["compare", str(example("clean_bid")), "--lang", lang, "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["disclaimer"] == t("disclaimer.assessment", lang)
