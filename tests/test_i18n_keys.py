"""Every message the code asks for exists in both catalogues, with the parameters it needs.

``t()`` raises on a missing key or parameter (it never prints the key as text);
this test finds such a bug before a user does, by reading every ``t(...)``
call in the package: literal keys must exist and the call must pass every
placeholder; keys built from a vocabulary (``f"severity.{level}"``) must
exist for every word of that vocabulary.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import scrisk
from scrisk import vocab
from scrisk.assessment.clauses import CLAUSES
from scrisk.assessment.decision_book import UNAPPLIED_REASONS
from scrisk.assessment.rules import RULES
from scrisk.assessment.rules.pow import FIELDS
from scrisk.cli.screen import ACTIVE
from scrisk.i18n import LANGS, MessageError, catalogue, in_all_langs, t
from scrisk.outputs import SUFFIXES
from scrisk.reference import get_reference
from scrisk.register.codec import EVENT_KINDS as KINDS
from scrisk.register.diff import CHANGES
from scrisk.report.docx.s211 import SECTIONS
from scrisk.schema import ILO_INDICATORS
from scrisk.template import INTRO_LINES
from scrisk.vocab import DECISIONS

PACKAGE = Path(scrisk.__file__).parent
CALLS = ("t", "in_all_langs", "msg")  # msg: a translatable input fault (scrisk.errors)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in CALLS
                and node.args
            ):
                found.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", node))
    return found


def _prefix(key: ast.JoinedStr) -> str:
    first = key.values[0]
    return first.value if isinstance(first, ast.Constant) else ""


# keys built at run time: prefix -> every key the code can build with it
_statuses = sorted({e.status for e in get_reference().list_entries() if e.status})
DYNAMIC: dict[str, list[str]] = {
    "severity.": [f"severity.{s}" for s in vocab.Severity],
    "status.": [f"status.{s}" for s in vocab.DOCUMENTARY_STATUSES],
    "role.": [f"role.{r}" for r in vocab.Role],
    "category.": [f"category.{c}" for c in vocab.Category],
    "right.": [f"right.{r}" for r in vocab.Right],
    "rule.": [f"rule.{r}.title" for r in RULES],
    "clause.": [f"clause.{c}" for c in CLAUSES],
    "excel.decision.": [f"excel.decision.{d}" for d in DECISIONS],
    "term.decision.": [f"term.decision.{d}" for d in vocab.Decision],
    "excel.class.": [f"excel.class.{c}" for c in ("strong", "possible")],
    "excel.col.": [k for k in catalogue("en") if k.startswith("excel.col.")],
    "excel.sheet.": [
        f"excel.sheet.{k}" for k in ("summary", "flags", "parties", "paths", "review", "sources")
    ],
    "excel.summary.": [k for k in catalogue("en") if k.startswith("excel.summary.")],
    "pow.field.": [f"pow.field.{f}" for f in FIELDS],
    "list_status.": [f"list_status.{s}" for s in [*_statuses, "unknown"]],
    "template.intro.": [f"template.intro.{n}" for n in range(1, INTRO_LINES + 1)],
    "screen.col.": [
        f"screen.col.{c}"
        for c in ("row", "name", "country", "class", "active", "matched_name", "score")
    ],
    "screen.class.": ["screen.class.strong", "screen.class.possible"],
    "screen.active.": [f"screen.active.{v}" for v in ACTIVE.values()],
    "list_measure.": [f"list_measure.{j}" for j in vocab.Jurisdiction],
    "data.warning.": [f"data.warning.{c}" for c in vocab.DataWarningCode],
    "register.col.": [k for k in catalogue("en") if k.startswith("register.col.")],
    "register.change.": [f"register.change.{c}" for c in CHANGES],
    "register.reason.": [f"register.reason.{r}" for r in UNAPPLIED_REASONS],
    "register.status.": [f"register.status.{s}" for s in _statuses],
    "out.kind.": [f"out.kind.{k}" for k in SUFFIXES],
    "data.warnings.": [
        f"data.warnings.{c}.{form}" for c in vocab.DataWarningCode for form in ("short", "count")
    ],
    "clause.short.": [f"clause.short.{c}" for c in CLAUSES],
    "dataset_title.": [k for k in catalogue("en") if k.startswith("dataset_title.")],
    "template.col.": [f"template.col.{k}" for k in ("field", "value", "required", "meaning")],
    "template.vocab.": [
        f"template.vocab.{k}"
        for k in ("rights", "indicators", "role", "category", "instrument", "result")
    ],
    "indicator.": [f"indicator.{i}" for i in ILO_INDICATORS],
    # the contract's life (issue 23): call-ups, evidence, actions, history, S-211 report
    "life.col.": [k for k in catalogue("en") if k.startswith("life.col.")],
    "life.status.": [
        f"life.status.{s}" for s in (*vocab.ActionStatus, "valid", "expired", "not_yet")
    ],
    "life.instrument.": [f"life.instrument.{i}" for i in vocab.Instrument],
    "life.evidence.kind.": [f"life.evidence.kind.{k}" for k in vocab.EvidenceKind],
    "life.evidence.": [f"life.evidence.{s}" for s in ("valid", "expired", "not_yet")],
    "life.event.": [f"life.event.{e}" for e in KINDS if e not in ("action",)],
    "life.stage.": [f"life.stage.{s}" for s in vocab.Stage],
    "life.decision.": [f"life.decision.{d}" for d in vocab.Decision],
    "register.because.decision.": [f"register.because.decision.{d}" for d in vocab.Decision],
    "s211.col.": [k for k in catalogue("en") if k.startswith("s211.col.")],
    "s211.fig.": [k for k in catalogue("en") if k.startswith("s211.fig.")],
    "s211.section.": [f"s211.section.{s}.{p}" for s in SECTIONS for p in ("title", "guide")],
    # tn(key, count): key.one and key.other
    "": [k for k in catalogue("en") if k.endswith((".one", ".other"))],
}


def test_every_literal_key_exists_and_gets_its_parameters():
    problems = []
    for where, call in _calls():
        key = call.args[0]
        if not isinstance(key, ast.Constant):
            continue
        spread = any(kw.arg is None for kw in call.keywords)  # **params: checked at run time
        given = {kw.arg for kw in call.keywords if kw.arg}
        for lang in LANGS:
            template = catalogue(lang).get(key.value)
            if template is None:
                problems.append(f"{where}: {key.value!r} missing in {lang}")
            elif not spread and not _placeholders(template) <= given:
                problems.append(
                    f"{where}: {key.value!r} ({lang}) needs "
                    f"{sorted(_placeholders(template) - given)}"
                )
    assert problems == []


def test_every_built_key_has_a_known_vocabulary_and_exists():
    unknown = sorted(
        {
            f"{where}: {_prefix(call.args[0])!r}"
            for where, call in _calls()
            if isinstance(call.args[0], ast.JoinedStr) and _prefix(call.args[0]) not in DYNAMIC
        }
    )
    assert unknown == [], "add the vocabulary of these keys to DYNAMIC"
    missing = [
        f"{key} ({lang})"
        for keys in DYNAMIC.values()
        for key in keys
        for lang in LANGS
        if key not in catalogue(lang)
    ]
    assert missing == []


def test_flag_messages_exist_for_every_rule():
    for lang in LANGS:
        for rule in RULES:
            keys = [k for k in catalogue(lang) if k.startswith(f"rule.{rule}.")]
            assert f"rule.{rule}.title" in keys and len(keys) >= 2, (rule, lang)


def test_a_missing_key_or_parameter_raises_never_prints_the_key():
    with pytest.raises(MessageError, match="no.such.key"):
        t("no.such.key", "fr")
    with pytest.raises(MessageError, match="parties"):
        t("excel.next.POW.fail", "en")
    assert "parties" in _placeholders(catalogue("fr")["excel.next.POW.fail"])
    assert in_all_langs("list_status.revoked") == {"en": "revoked", "fr": "révoquée"}
    assert in_all_langs("list_status.vacated", "vacated") == {"en": "vacated", "fr": "vacated"}
