"""English and French catalogues: same domains, same keys, same placeholders, real French."""

from __future__ import annotations

import json
import re
import string
from importlib import resources

import pytest

from scrisk.i18n import LANGS, catalogue, t

FOLDER = resources.files("scrisk.i18n")
# Headings that are the same word in both languages, checked one by one.
SAME_IN_BOTH = {
    "excel.col.clause",
    "excel.col.message",
    "excel.summary.quantity",
    "excel.col.parties",
    "excel.sheet.parties",
    "excel.sheet.clauses",  # Clauses, Dates, Verdict: the same word in both languages
    "excel.summary.dates",
    "excel.summary.verdict",
}
HEADING = re.compile(r"^excel\.(sheet|col|summary|title)\.")


def _domains(lang: str) -> dict[str, dict[str, str]]:
    return {
        e.name: json.loads(e.read_text(encoding="utf-8"))
        for e in FOLDER.joinpath(lang).iterdir()
        if e.name.endswith(".json")
    }


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_domain_exists_in_both_languages_with_the_same_keys():
    en, fr = _domains("en"), _domains("fr")
    assert set(en) == set(fr)
    assert {"common.json", "excel.json"} <= set(en)
    for name in en:
        assert set(en[name]) == set(fr[name]), name


def test_no_key_is_defined_in_two_domains():
    seen: dict[str, str] = {}
    for name, keys in _domains("en").items():
        for key in keys:
            assert key not in seen, f"{key} in {name} and {seen[key]}"
            seen[key] = name


def test_placeholders_are_identical_in_both_languages():
    en, fr = catalogue("en"), catalogue("fr")
    for key, template in en.items():
        assert _placeholders(template) == _placeholders(fr[key]), key


def test_french_headings_are_french_not_copies():
    en, fr = _domains("en")["excel.json"], _domains("fr")["excel.json"]
    headings = [k for k in en if HEADING.match(k)]
    assert len(headings) > 60
    same = {k for k in headings if en[k] == fr[k]}
    assert same == SAME_IN_BOTH


def test_sheet_names_fit_excel():
    for lang in LANGS:
        for key, value in catalogue(lang).items():
            if key.startswith("excel.sheet."):
                name = value.format(rank=99)
                assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name), (lang, key)
        names = [
            t(f"excel.sheet.{k}", lang)
            for k in ("summary", "flags", "parties", "paths", "review", "sources")
        ]
        assert len({n.casefold() for n in names}) == len(names)


@pytest.mark.parametrize(
    ("key", "params", "fr_text"),
    [
        (
            "excel.next.POW.fail",
            {"parties": "M1"},
            (
                "Demander au soumissionnaire le nom, l'adresse municipale ou le pays manquant "
                "du lieu d'origine des travaux de\u00a0: M1."
            ),
        ),
        ("excel.decision.not_a_match", {}, "pas une correspondance"),
        ("status.fail", {}, "non conforme"),
    ],
)
def test_messages_render_in_french(key, params, fr_text):
    assert t(key, "fr", **params) == fr_text
    assert t(key, "en", **params) != fr_text


@pytest.mark.parametrize("lang", LANGS)
def test_a_picked_renderer_writes_what_message_writes_for_every_key(lang):
    """i18n.picked: every template of the catalogue, made into Python code or rendered by
    message(), gives message()'s text for the same parameters, a value given in every
    language read in ``lang`` (a dict without it written as it is); the same error where
    message() fails (a missing parameter: MessageError); never one call's text for
    another's parameters (nothing is kept but the renderer)."""
    from scrisk.i18n import MessageError, message, picked

    def values(template, seed):
        out = {}
        for i, (_, name, spec, _) in enumerate(string.Formatter().parse(template)):
            if name is None or name in out:
                continue
            if spec and spec[-1:] in "dfge%n":
                out[name] = 7 + seed + (0.25 if spec[-1] != "d" else 0)
            elif i % 3 == 0:
                out[name] = {"en": f"In English {name} {seed}", "fr": f"En français {name} {seed}"}
            elif i % 3 == 1:
                out[name] = f"Value {name} {seed}"
            else:
                out[name] = {"xx": "no language"} if seed else 12
        return out

    for key, template in catalogue(lang).items():
        for seed in (0, 1):
            params = values(template, seed)
            given = {
                k: v[lang] if isinstance(v, dict) and lang in v else v for k, v in params.items()
            }
            try:
                expected = message(key, lang, dict(given))
            except Exception as exc:  # the renderer fails alike
                with pytest.raises(type(exc)):
                    picked(key, lang)(params)
                continue
            assert picked(key, lang)(params) == expected, key
        if params:
            missing = dict(params)
            missing.pop(next(iter(missing)))
            with pytest.raises(MessageError):
                picked(key, lang)(missing)
    with pytest.raises(MessageError):
        picked("no.such.key", lang)({})
