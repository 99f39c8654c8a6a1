"""Message catalogues, English and French.

Catalogues are JSON files ``scrisk/i18n/<lang>/<domain>.json`` mapping a key to
a ``str.format`` template. Every domain must exist in every language with the
same keys and placeholders, and every key the code uses must exist (tests
check all three). ``t("rule.WATCHLIST.strong", "fr", party="M1")``. A missing
key or parameter is a :class:`MessageError`, never the key printed as text.
Numbers for readers (decimal comma, thousands) are :mod:`scrisk.i18n.format`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

LANGS = ("en", "fr")
DEFAULT_LANG = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All keys of one language, merged over its domain files."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGS)}")
    merged: dict[str, str] = {}
    folder = resources.files("scrisk.i18n").joinpath(lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")


def elide(word: str, article: str) -> str:
    """French elision: ``de``/``le`` before ``word``, or ``d'``/``l'`` before a vowel
    ("d'Atlantis", "de Malaisie", "l'Inde"). An ``h`` is not elided: in company names
    it is usually aspirated."""
    first = word.lstrip("«\u00a0 \"'")[:1].casefold()
    if first in _VOWELS:
        return article[0] + "'" + word
    return f"{article} {word}"


class _Word(str):
    """A parameter a French template may elide: ``{country:de}`` gives "d'Inde" or
    "de Malaisie", ``{name:le}`` "l'..." or "le ..."; any other format as ``str``."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec in ("de", "le", "De", "Le"):
            return elide(str(self), spec)
        return str.__format__(str(self), spec)


_ELISION = re.compile(r":[DdLl]e\}")


@cache
def _elides(template: str) -> bool:
    """Whether a template uses an elision format (``{country:de}``, ``{name:le}``)."""
    return _ELISION.search(template) is not None


class MessageError(KeyError):
    """A message key missing from a catalogue, or a parameter missing from a call (a bug)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """Render ``key`` in ``lang`` with ``params``; MessageError if the key or a parameter
    it names is missing.

    Text parameters accept the French elision formats ``{name:de}`` and ``{name:le}``.
    """
    template = catalogue(lang).get(key)
    if template is None:
        raise MessageError(f"no message {key!r} in the {lang!r} catalogue")
    if _elides(template):  # only then are text parameters wrapped (a copy of each)
        params = {k: _Word(v) if isinstance(v, str) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError) as exc:
        raise MessageError(f"message {key!r} ({lang}) needs the parameter {exc}") from None


def message(key: str, lang: str, params: dict[str, Any], /) -> str:
    """``t(key, lang, **params)`` from a dict of parameters the caller gives up (its text
    values may be wrapped in place for elision): no copy of them is made, for the
    renderer of a document's many flags. MessageError as :func:`t`."""
    found = _TEMPLATES.get((key, lang))
    if found is None:
        template = catalogue(lang).get(key)
        if template is None:
            raise MessageError(f"no message {key!r} in the {lang!r} catalogue")
        found = _TEMPLATES[key, lang] = (template, _elides(template))
    template, elides = found
    if elides:
        for k, v in params.items():
            if isinstance(v, str):
                params[k] = _Word(v)
    try:
        return template.format_map(params)
    except (KeyError, IndexError) as exc:
        raise MessageError(f"message {key!r} ({lang}) needs the parameter {exc}") from None


# (template, whether it elides) by (key, language), for message(): the catalogues are read
# once (catalogue is cached) and never change
_TEMPLATES: dict[tuple[str, str], tuple[str, bool]] = {}


def picked(key: str, lang: str, /) -> Callable[[Mapping[str, Any]], str]:
    """A renderer of ``key`` in ``lang`` from parameters some of which are given in every
    language (``{"en": .., "fr": ..}``, :func:`in_all_langs`): ``picked(key, "en")(params)``
    is ``message(key, "en", params)`` with each dict value holding ``lang`` replaced by
    that text (values as they are otherwise). Made once per key and language, as Python
    code that reads each parameter the template names and writes them in an f-string (no
    copy of the parameters, no template parsed at each call); a template it cannot write
    so (elision, a nested or indexed field) is rendered by :func:`message`. For English
    (French numbers are written otherwise: scrisk.assessment.document_build.localised).
    MessageError as :func:`t`."""
    found = _PICKED.get((key, lang))
    if found is None:
        found = _PICKED[key, lang] = _picked(key, lang)
    return found


_PICKED: dict[tuple[str, str], Callable[[Mapping[str, Any]], str]] = {}


def _picked(key: str, lang: str) -> Callable[[Mapping[str, Any]], str]:
    template = catalogue(lang).get(key)
    made = None if template is None or _elides(template) else _compiled(template, key, lang)
    if made is not None:
        return made

    def render(params: Mapping[str, Any], /) -> str:
        return message(
            key,
            lang,
            {k: v[lang] if isinstance(v, dict) and lang in v else v for k, v in params.items()},
        )

    return render


def _compiled(template: str, key: str, lang: str) -> Callable[[Mapping[str, Any]], str] | None:
    """The Python function that writes ``template`` (None where it is not simple: a
    field that is not a plain name, a nested format, a positional field)."""
    from string import Formatter

    try:
        parsed = list(Formatter().parse(template))
    except ValueError:
        return None
    scope: dict[str, Any] = {"LANG": lang, "KEY": key, "MessageError": MessageError}
    lines = ["def made(p, /):", "    try:"]
    local: dict[str, str] = {}
    pieces = []
    for literal, name, spec, conversion in parsed:
        if literal:
            constant = f"L{len(scope)}"  # the text read as a constant (no escaping)
            scope[constant] = literal
            pieces.append("{" + constant + "}")
        if name is None:
            continue
        if not name.isidentifier() or (spec and ("{" in spec or "}" in spec)):
            return None
        var = local.get(name)
        if var is None:
            var = local[name] = f"v{len(local)}"
            lines.append(f"        {var} = p[{name!r}]")
            lines.append(
                f"        if isinstance({var}, dict) and LANG in {var}: {var} = {var}[LANG]"
            )
        conv = f"!{conversion}" if conversion else ""
        pieces.append("{" + var + conv + (f":{spec}" if spec else "") + "}")
    if not local:  # a text without parameters
        lines.append("        pass")
    lines += [
        "    except KeyError as exc:",
        "        needs = f'message {KEY!r} ({LANG}) needs the parameter {exc}'",
        "        raise MessageError(needs) from None",
        "    return f" + repr("".join(pieces)),
    ]
    try:
        exec("\n".join(lines), scope)  # noqa: S102 - code made here from a catalogue's template
    except SyntaxError:  # a conversion or format Python does not write in an f-string
        return None
    made: Callable[[Mapping[str, Any]], str] = scope["made"]
    return made


@cache
def text(key: str, lang: str = DEFAULT_LANG, /) -> str:
    """``t(key, lang)`` of a message with no parameters (a title, a disclaimer), rendered
    once per key and language."""
    return t(key, lang)


def in_all_langs(key: str, default: str | None = None, /, **params: Any) -> dict[str, str]:
    """``{lang: t(key, lang, **params)}`` for every language: a flag parameter rendered
    later in the output's language. ``default`` stands in for a key not in the
    catalogues (a word taken from reference data that has no translation yet)."""
    if default is not None and key not in catalogue(DEFAULT_LANG):
        return dict.fromkeys(LANGS, default)
    return {lang: t(key, lang, **params) for lang in LANGS}


def tn(key: str, count: int, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """``key.one`` or ``key.other`` by ``count``: English singular for 1 only, French
    for 0 and 1 (OQLF); ``count`` is passed to the template."""
    one = count == 1 if lang != "fr" else abs(count) < 2
    return t(f"{key}.{'one' if one else 'other'}", lang, count=count, **params)


def term(prefix: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """A vocabulary value in ``lang`` (``term("ilab_good", "Cotton", "fr")`` is "Coton");
    a value without a translation stays as it is."""
    return catalogue(lang).get(f"{prefix}.{value}") or value


def data_name(prefix: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """A name taken from the reference data (an ILAB good, a region) in ``lang``, from the
    sourced table in the catalogue (``ilab_good.*``, ``region_name.*``; sources in
    sector_data/README.md). A name with no translation is never passed off as French:
    it is shown as written, marked as the English name (``data.untranslated``)."""
    found = catalogue(lang).get(f"{prefix}.{value}")
    return found or t("data.untranslated", lang, name=value)


def dataset_name(dataset: str, title: str, lang: str = DEFAULT_LANG) -> str:
    """A reference dataset as a reader of ``lang`` knows it: in English its own
    title, in French its French name (``dataset_name.<id>``); one the catalogue does not
    name is shown under its own title, marked as English (``data.untranslated``)."""
    if lang == DEFAULT_LANG:
        return title
    return (
        data_name("dataset_name", dataset, lang)
        if f"dataset_name.{dataset}" in catalogue(lang)
        else t("data.untranslated", lang, name=title)
    )


def edition_name(edition: str, lang: str = DEFAULT_LANG) -> str:
    """A dataset's edition as written in its provenance ("2022 reporting year") in ``lang``,
    from the sourced table (``edition.*``, sources in sector_data/README.md); an edition the
    table does not have (a later update's) is shown as written: it is mostly dates."""
    return catalogue(lang).get(f"edition.{edition}") or edition


def source_name(source: str, lang: str = DEFAULT_LANG) -> str:
    """A dataset title for display: the bid's own declaration is named in ``lang``; a
    published dataset by its name in ``lang`` (:func:`dataset_name`, the title read back to
    its dataset through the English table), one the table does not know by its own title."""
    found = catalogue(lang).get(f"source.{source}")
    if found:
        return found
    dataset = _datasets_by_title().get(source) if lang != DEFAULT_LANG else None
    return dataset_name(dataset, source, lang) if dataset else source


@cache
def _datasets_by_title() -> dict[str, str]:
    """A shipped dataset's English title -> its id (``dataset_name.<id>`` in English)."""
    prefix = "dataset_name."
    return {v: k[len(prefix) :] for k, v in catalogue(DEFAULT_LANG).items() if k.startswith(prefix)}


__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "MessageError",
    "catalogue",
    "data_name",
    "dataset_name",
    "edition_name",
    "elide",
    "in_all_langs",
    "message",
    "picked",
    "source_name",
    "t",
    "term",
    "text",
    "tn",
]
