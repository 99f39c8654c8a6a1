"""Publishable French: one term per concept (scrisk/i18n/glossary.json) in every catalogue,
OQLF spacing, elision of « de »/« le » before names and countries, plural agreement."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from scrisk.i18n import elide, t, tn

FOLDER = resources.files("scrisk.i18n")
GLOSSARY = json.loads(FOLDER.joinpath("glossary.json").read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A variant inside a dotted name is code, not wording: the policy key
# "clauses.PN150.standing_offer" is what the user types in the TOML file.
IN_A_NAME = r"(?<![\w.])"


# No exception: the score is « note » everywhere, the screening table and the ranking's
# why included (issue 24).
KEPT: set[tuple[str, str]] = set()


def _found(variant: str, text: str) -> bool:
    return re.search(IN_A_NAME + re.escape(variant), text, re.IGNORECASE) is not None


def _catalogues() -> list[tuple[str, str]]:
    return [
        (lang, e.name)
        for lang in ("en", "fr")
        for e in sorted(FOLDER.joinpath(lang).iterdir(), key=lambda e: e.name)
        if e.name.endswith(".json")
    ]


def _text(lang: str, name: str) -> dict[str, str]:
    data = json.loads(FOLDER.joinpath(lang, name).read_text(encoding="utf-8"))
    return {k: PLACEHOLDER.sub("X", v) for k, v in data.items()}


def variants_in(lang: str, name: str) -> list[str]:
    """Every non-glossary variant in one catalogue, as ``key: variant``."""
    found = []
    for key, text in _text(lang, name).items():
        for term in GLOSSARY["terms"]:
            for variant in term.get(f"{lang}_not", []):
                if _found(variant, text) and (key, variant) not in KEPT:
                    found.append(f"{key}: {variant!r} (use {term[lang]!r})")
    return found


SPACING = [
    (re.compile(r" :"), "ordinary space before « : » (use a non-breaking space)"),
    (re.compile(r"\w:(\s|$)"), "no space before « : »"),
    (re.compile(r"«(?!\u00a0)"), "« not followed by a non-breaking space"),
    (re.compile(r"(?<!\u00a0)»"), "» not preceded by a non-breaking space"),
    # none (Canadian usage) or a narrow no-break space (the rule messages, issue 9)
    (re.compile(r"[ \u00a0];"), "space before « ; » (none, or a narrow no-break space)"),
]


def spacing_in(name: str) -> list[str]:
    return [
        f"{key}: {why}"
        for key, text in _text("fr", name).items()
        for pattern, why in SPACING
        if pattern.search(text)
    ]


def _check(found: list[str], name: str) -> None:
    assert found == [], name


@pytest.mark.parametrize(("lang", "name"), _catalogues())
def test_every_catalogue_uses_the_glossary_terms(lang, name):
    _check(variants_in(lang, name), name)


@pytest.mark.parametrize("name", [n for lang, n in _catalogues() if lang == "fr"])
def test_french_spacing_follows_the_oqlf(name):
    _check(spacing_in(name), name)


def test_the_checks_find_what_they_look_for():
    text = {"a": "Le lieu de travail de X : voir l'appel d'offres", "b": "« Réviseur» ; fin"}
    found = [
        f"{k}: {v}"
        for k, s in text.items()
        for term in GLOSSARY["terms"]
        for v in term.get("fr_not", [])
        if _found(v, s)
    ]
    assert len(found) == 3  # lieu de travail, appel d'offres, réviseur
    assert _found("PN150", "les clauses PN150 (clauses.PN150.all)")  # prose is checked
    assert not _found("PN150", "paramètre clauses.PN150.all")  # a policy key is not
    why = [w for s in text.values() for p, w in SPACING if p.search(s)]
    assert len(why) == 4  # " :", «R, r», " ;"


@pytest.mark.parametrize(
    "second",
    [
        "Partie inscrite sur une liste d'exécution",
        "une liste d'application contre le travail forcé",
        "le pointage de la partie",
        "le rapport prévu par la Loi sur les chaînes d'approvisionnement",
        "la Loi sur le travail forcé et le travail des enfants dans les chaînes",
    ],
)
def test_a_second_rendering_of_a_concept_fails(second):
    """Enforcement list, score and the Supply Chains Act have one French name each."""
    found = [v for term in GLOSSARY["terms"] for v in term.get("fr_not", []) if _found(v, second)]
    assert found, second


def test_every_glossary_term_is_used_somewhere():
    fr = " ".join(" ".join(_text("fr", n).values()) for lang, n in _catalogues() if lang == "fr")
    for term in GLOSSARY["terms"]:  # singular or plural
        pattern = r"\s+".join(re.escape(word) + "s?" for word in term["fr"].split())
        assert re.search(pattern, fr, re.IGNORECASE), term["fr"]


@pytest.mark.parametrize(
    ("word", "article", "expected"),
    [
        ("Atlantis Gloves", "de", "d'Atlantis Gloves"),
        ("Inde", "de", "d'Inde"),
        ("Malaisie", "de", "de Malaisie"),
        ("Ouzbékistan", "le", "l'Ouzbékistan"),
        ("Éthiopie", "de", "d'Éthiopie"),
        ("Honduras", "le", "le Honduras"),
    ],
)
def test_elision_of_de_and_le(word, article, expected):
    assert elide(word, article) == expected


def test_templates_elide_names():
    assert "Chaîne d'approvisionnement d'Atlantis Gloves pour W1" in t(
        "picture.title", "fr", bidder="Atlantis Gloves", solicitation="W1"
    )
    assert "Chaîne d'approvisionnement de Northern Shield pour W1" in t(
        "picture.title", "fr", bidder="Northern Shield", solicitation="W1"
    )


@pytest.mark.parametrize(
    ("lang", "count", "word"),
    [
        ("fr", 2, "critiques"),
        ("fr", 1, "critique"),
        ("fr", 0, "critique"),
        ("en", 2, "critical"),
    ],
)
def test_severity_counts_agree_in_number(lang, count, word):
    assert tn("term.count.critical", count, lang) == word


def test_ilab_goods_and_list_names_are_translated_with_the_original_kept():
    assert t("ilab_good.Rubber Gloves", "fr") == "Gants en caoutchouc"
    assert t("ilab_good.Cotton", "fr") == "Coton" and t("ilab_good.Cotton", "en") == "Cotton"
    assert t("indicator.excessive_overtime", "fr") == "heures supplémentaires excessives"
    assert t("template.choice.result.conditional", "fr") == "réussi sous conditions"
    title = t("dataset_title.uflpa_entity_list", "fr", original="UFLPA Entity List")
    assert title == "Liste des entités de l'UFLPA (titre original\u00a0: UFLPA Entity List)"
