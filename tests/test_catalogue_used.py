"""Every catalogue key is used by the code, and both catalogues have the same keys.

A key is used when the code names it: as a string literal (``t("term.next.title")``; a
``tn`` key's ``.one``/``.other`` by its base), in a web template (``_("web.skip")``), or
under a prefix the code builds keys from (``f"severity.{level}"``,
``_("web.error." ~ code ~ ".title")``). Those prefixes are listed here, so that a new one
is a decision, not an accident. Under the prefixes whose endings are the code's own
words (a column's or a fact's key), each ending must also be a literal of the code:
a dead heading cannot hide under a live prefix.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import scrisk
from scrisk.i18n import catalogue

PACKAGE = Path(scrisk.__file__).parent

# Prefixes of keys built at run time: f-strings of the package, template concatenations
# (web), and the sourced tables of names taken from the data (term, data_name,
# dataset_name, edition_name, source_name build "<table>.<value>").
DYNAMIC = frozenset(
    {
        "category.",
        "clause.",
        "clause.short.",
        "clause_note.",
        "clause_source.",
        "data.warning.",
        "data.warnings.",
        "dataset_name.",
        "dataset_title.",
        "edition.",
        "excel.class.",
        "excel.col.",
        "excel.decision.",
        "excel.field.",
        "excel.next.",
        "excel.sheet.",
        "excel.summary.",
        "ilab_good.",
        "indicator.",
        "life.col.",
        "life.decision.",
        "life.event.",
        "life.evidence.",
        "life.instrument.",
        "life.stage.",
        "life.status.",
        "list.",
        "list_measure.",
        "list_status.",
        "out.kind.",
        "pow.field.",
        "region_name.",
        "register.because.decision.",
        "register.change.",
        "register.col.",
        "register.reason.",
        "register.status.",
        "right.",
        "role.",
        "rule.",
        "s211.",
        "screen.active.",
        "screen.class.",
        "screen.col.",
        "severity.",
        "source.",
        "status.",
        "template.choice.",
        "template.col.",
        "template.field.",
        "template.intro.",
        "template.sheet.",
        "template.vocab.",
        "term.count.",
        "term.decision.",
        "web.award.instrument.",
        "web.error.",
        "web.match.active.",
        "web.match.class.",
        "web.stage.",
    }
)
# Prefixes whose endings are words of the code (column and fact keys of tables).
ENDINGS_FROM_CODE = ("excel.col.", "excel.summary.", "register.col.", "life.col.", "screen.col.")
NOT_KEYS = frozenset(
    {
        "scrisk.assessment.rules.",  # a module path, not a message
        "_obj.",  # an attribute store in code slotmake writes, not a message
    }
)
KEY_PREFIX = re.compile(r"^[a-z_0-9]+(?:\.[A-Za-z_0-9]+)*\.$")
TEMPLATE_PREFIX = re.compile(r"""_\(\s*["']([a-z_.]+\.)["']\s*~""")
TEMPLATE_KEY = re.compile(r"""_\(\s*["']([a-z_.0-9]+)["']""")


def _code() -> tuple[set[str], set[str]]:
    """String literals of the package, and the dotted prefixes its f-strings build keys on."""
    literals: set[str] = set()
    built: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and len(node.values) > 1:
                first = node.values[0]
                if isinstance(first, ast.Constant) and KEY_PREFIX.match(str(first.value)):
                    built.add(str(first.value))
    return literals, built


def _templates() -> tuple[set[str], set[str]]:
    text = "".join(p.read_text(encoding="utf-8") for p in (PACKAGE / "web").rglob("*.html"))
    return set(TEMPLATE_KEY.findall(text)), set(TEMPLATE_PREFIX.findall(text))


def _dynamic(key: str) -> str | None:
    found = [p for p in DYNAMIC if key.startswith(p)]
    return max(found, key=len) if found else None


def unused(keys: list[str]) -> list[str]:
    """The keys no code names, directly or under a declared prefix."""
    literals, _ = _code()
    named, _ = _templates()
    out = []
    for key in sorted(keys):
        base = re.sub(r"\.(one|other)$", "", key)
        if {key, base} & (literals | named):
            continue
        prefix = _dynamic(key)
        if prefix is None or (prefix in ENDINGS_FROM_CODE and base[len(prefix) :] not in literals):
            out.append(key)
    return out


def test_both_catalogues_have_the_same_keys():
    en, fr = set(catalogue("en")), set(catalogue("fr"))
    assert sorted(en - fr) == [] and sorted(fr - en) == []


def test_every_prefix_the_code_builds_keys_on_is_declared():
    _, built = _code()
    _, in_templates = _templates()
    undeclared = sorted(
        p
        for p in built | in_templates
        if p not in NOT_KEYS and not any(p.startswith(d) for d in DYNAMIC)
    )
    assert undeclared == [], "declare the prefix in DYNAMIC (or NOT_KEYS)"


def test_every_catalogue_key_is_used():
    found = unused(list(catalogue("en")))
    assert found == [], "delete these keys from scrisk/i18n/en and fr (no code uses them)"


def test_the_measure_finds_an_unused_key():
    """A key no code names is found, at the top level or under a prefix of code words."""
    keys = [*catalogue("en"), "term.nowhere", "excel.summary.nowhere", "severity.critical"]
    assert unused(keys) == ["excel.summary.nowhere", "term.nowhere"]
