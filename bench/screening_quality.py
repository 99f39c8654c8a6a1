"""Matching-quality harness for name screening: precision and recall, by rule.

    python bench/screening_quality.py [--variants 5] [--seed 20261129] [--show-errors 20]

Positives are made **by rule** from the list data itself: every name and alias
of every enforcement-list entry, perturbed at random (seeded) the ways bidders
write names: upper/lower case, legal form dropped or changed, abbreviations,
punctuation, words reordered, one-letter misspellings. A positive is found when
its best match is an entry that carries the source name.

Negatives are the facility names of the Open Supply Hub fixture sample
(tests/fixtures/oar_facility_fixtures_sample.csv, real apparel/footwear
factories, none on the lists) and near misses made by rule from each list
name: its distinctive words replaced by made-up syllables, or dropped so that
only generic words ("Glove Manufacturing Sdn Bhd") remain.

No name is hand-picked; thresholds must hold on whatever the rules produce.

``--real`` adds sourced real names (bench/data/real_names.csv): spellings of
listed entities and of firms that are not listed, in Latin and Chinese script,
each with the page it was read on, and reports recall and false matches by
script and by cause (listed spelling, variant, former name, subsidiary, short
name, name with parts; unlisted firm of the same place or the same words).
A positive whose entity is not on the loaded lists is left out and counted.
It also screens bench/data/real_negatives.csv (26,000 real company and facility
names that are on no list, built by bench/data/build_real_negatives.py) and
reports, by script and by source group, the false strong and false possible
matches with a one-sided 95 % upper bound on the false-possible rate
(Clopper-Pearson).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scrisk.screening.entries import TRADE_WORDS_OFF, entry_names  # noqa: E402
from scrisk.screening.normalize import analyze_name  # noqa: E402
from scrisk.screening.word_classes import token_class  # noqa: E402
from scrisk.screening.words import fold, word_tables  # noqa: E402

OAR_FIXTURE = ROOT / "tests" / "fixtures" / "oar_facility_fixtures_sample.csv"
# issue #14: false possible matches on real unlisted names under 0.05 %, no false strong
AS_OF = date(2025, 6, 30)

# Legal forms a bidder may put in place of the list's (folded forms are in legal_forms.json).
LEGAL_SUFFIXES = (
    "Co., Ltd.",
    "Co Ltd",
    "Limited",
    "Ltd",
    "Sdn. Bhd.",
    "Sdn Bhd",
    "Bhd",
    "Corporation",
    "Corp.",
    "Inc.",
    "Company Limited",
    "LLC",
    "S.A. de C.V.",
)
# Abbreviations a bidder may write (the reverse of name_words.json "abbreviations").
ABBREVIATE = {
    "manufacturing": "Mfg",
    "international": "Intl",
    "industry": "Ind",
    "industries": "Inds",
    "industrial": "Ind",
    "company": "Co",
    "corporation": "Corp",
    "technology": "Tech",
    "holdings": "Hldgs",
    "group": "Grp",
    "products": "Prods",
    "trading": "Trdg",
    "development": "Dev",
    "biotechnology": "Biotech",
}
# countries a subsidiary or trading office of a listed firm may declare
OTHER_COUNTRIES = ("HK", "SG", "VN", "TH", "US", "CA", "MY", "CN")
SYLLABLES = (
    "an",
    "bao",
    "chang",
    "da",
    "feng",
    "fu",
    "guo",
    "hai",
    "heng",
    "hong",
    "hua",
    "jia",
    "jin",
    "kang",
    "li",
    "long",
    "mei",
    "ming",
    "nan",
    "qiang",
    "rui",
    "sheng",
    "shun",
    "tai",
    "tian",
    "wei",
    "xiang",
    "xin",
    "yang",
    "yi",
    "yuan",
    "zhong",
)


@dataclass(frozen=True)
class Case:
    name: str
    country: str | None
    expected: frozenset[str]  # entry ids that are correct answers (empty: negative)
    kind: str


def list_entries() -> tuple[Any, ...]:
    from scrisk.reference import get_reference

    return tuple(get_reference().list_entries())


# ----------------------------------------------------------------------------- positives


def _misspell(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("sub", "del", "swap", "ins"))
    letter = rng.choice("aeioulnrst")
    if op == "sub":
        return word[:i] + letter + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + letter + word[i:]


def _strip_legal(text: str) -> str:
    parts = analyze_name(text)
    if not parts.legal_forms:
        return text
    words = text.split()
    # drop trailing words whose folded form is a legal-form word
    legal_words = {w for form in parts.legal_forms for w in form.split()}
    while len(words) > 1 and fold(words[-1]) in legal_words | {""}:
        words.pop()
    return " ".join(words).rstrip(" ,")


def perturb(text: str, rng: random.Random) -> str:
    """One bidder-style rewrite of ``text`` (1-3 random operations)."""
    ops = rng.sample(
        ["upper", "lower", "strip_legal", "swap_legal", "abbrev", "punct", "reorder", "typo"],
        k=rng.randint(1, 3),
    )
    for op in ops:
        if op == "upper":
            text = text.upper()
        elif op == "lower":
            text = text.lower()
        elif op == "strip_legal":
            text = _strip_legal(text)
        elif op == "swap_legal":
            text = f"{_strip_legal(text)} {rng.choice(LEGAL_SUFFIXES)}"
        elif op == "abbrev":
            words = text.split()
            idx = [i for i, w in enumerate(words) if fold(w) in ABBREVIATE]
            if idx:
                i = rng.choice(idx)
                words[i] = ABBREVIATE[fold(words[i])]
            text = " ".join(words)
        elif op == "punct":
            text = re.sub(r"[.,]", "", text) if rng.random() < 0.7 else text.replace(" ", ", ", 1)
        elif op == "reorder":
            words = _strip_legal(text).split()
            if len(words) >= 2:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
            text = " ".join(words)
        elif op == "typo":
            words = text.split()
            idx = [i for i, w in enumerate(words) if len(w) >= 5]
            if idx:
                i = rng.choice(idx)
                words[i] = _misspell(words[i], rng)
            text = " ".join(words)
    return text


def _names_by_entry(entries: Sequence[Any]) -> dict[str, list[tuple[str, str]]]:
    """The names of each entry the lists write (not the screener's own short forms made
    by taking trade words off: they are not list text)."""
    return {
        str(e.id): [(n.text, n.kind) for n in entry_names(e) if n.alias_kind != TRADE_WORDS_OFF]
        for e in entries
    }


def positives(entries: Sequence[Any], *, variants: int, rng: random.Random) -> list[Case]:
    by_core: dict[str, set[str]] = {}
    names = _names_by_entry(entries)
    for eid, items in names.items():
        for text, _ in items:
            by_core.setdefault(analyze_name(text).core, set()).add(eid)
    country = {str(e.id): e.country for e in entries}
    cases: list[Case] = []
    for eid, items in names.items():
        for text, kind in items:
            expected = frozenset(by_core[analyze_name(text).core])
            for _ in range(variants):
                draw = rng.random()  # 60% same country, 30% none, 10% another country
                declared = country[eid] if draw < 0.6 else None
                if draw >= 0.9 and country[eid]:
                    declared = rng.choice([c for c in OTHER_COUNTRIES if c != country[eid]])
                cases.append(Case(perturb(text, rng), declared, expected, f"positive:{kind}"))
    return cases


# ----------------------------------------------------------------------------- negatives


def _made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()


def _distinctive(word: str) -> bool:
    """A word that identifies a firm: not generic, not a place, not a legal form or stopword."""
    if fold(word) in word_tables().stopwords:
        return False
    core = analyze_name(word).tokens if fold(word) else ()
    return (
        bool(core)
        and not analyze_name(word).legal_forms
        and fold(word) == " ".join(core)
        and all(token_class(t) in ("distinctive", "common") for t in core)
    )


def near_misses(entries: Sequence[Any], *, rng: random.Random) -> list[Case]:
    """Each list name with its distinctive words replaced, or dropped."""
    listed = {analyze_name(n.text).core for e in entries for n in entry_names(e)}
    cases: list[Case] = []

    def add(text: str, country: str | None, kind: str) -> None:
        if analyze_name(text).core not in listed:  # a list name itself is no near miss
            cases.append(Case(text, country, frozenset(), kind))

    for e in entries:
        for n in entry_names(e):
            if n.kind == "short_form":
                continue
            words = n.text.split()
            distinct = [i for i, w in enumerate(words) if _distinctive(w)]
            if not distinct:
                continue
            replaced = list(words)
            for i in distinct:
                replaced[i] = _made_up_word(rng)
            add(" ".join(replaced), e.country, "near_miss:replaced")
            kept = [w for i, w in enumerate(words) if i not in distinct]
            if kept and analyze_name(" ".join(kept)).core:
                add(" ".join(kept), e.country, "near_miss:generic_only")
    return cases


def facility_names(path: Path = OAR_FIXTURE) -> list[Case]:
    from scrisk.countries import resolve_country

    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Case(r["name"], resolve_country(r["country"]), frozenset(), "facility")
            for r in csv.DictReader(fh)
            if r["name"].strip()
        ]


# ----------------------------------------------------------------------------- scoring


def evaluate(cases: Sequence[Case], screener: Any, *, as_of: date = AS_OF) -> dict[str, Any]:
    found = screener.match([c.name for c in cases], [c.country for c in cases], as_of)
    stats: dict[str, Any] = {}
    errors: list[str] = []
    for label, classes in (("strong", {"strong"}), ("strong+possible", {"strong", "possible"})):
        tp = fp = fn = 0
        for case, matches in zip(cases, found, strict=True):
            best = next((m for m in matches if m.cls in classes), None)
            if case.expected:
                if best is not None and str(best.entry.id) in case.expected:
                    tp += 1
                else:
                    fn += 1
                    if best is not None:
                        fp += 1
                    if label == "strong+possible":
                        errors.append(
                            f"missed   {case.name!r} ({case.country}) -> "
                            f"{best.entry.id if best else None}"
                        )
            elif best is not None:
                fp += 1
                if label == "strong" or case.kind == "facility":
                    errors.append(
                        f"false {best.cls:8} {case.name!r} ({case.kind}, {case.country})"
                        f" -> {best.matched_name!r} {best.score}"
                    )
        stats[label] = {
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    facility_strong = sum(
        1
        for c, ms in zip(cases, found, strict=True)
        if c.kind == "facility" and any(m.cls == "strong" for m in ms)
    )
    stats["facility_strong"] = facility_strong
    stats["errors"] = errors
    return stats


def build_cases(
    entries: Sequence[Any], *, variants: int, seed: int, facilities: Path | None = OAR_FIXTURE
) -> list[Case]:
    rng = random.Random(seed)
    cases = positives(entries, variants=variants, rng=rng) + near_misses(entries, rng=rng)
    if facilities is not None:
        cases += facility_names(facilities)
    return cases


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=5, help="perturbed variants per list name")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--show-errors", type=int, default=20)
    parser.add_argument("--real", action="store_true", help="also the sourced real names")
    args = parser.parse_args(argv)
    from scrisk.screening import Screener

    entries = list_entries()
    cases = build_cases(entries, variants=args.variants, seed=args.seed)
    stats = evaluate(cases, Screener(entries))
    kinds: dict[str, int] = {}
    for c in cases:
        kinds[c.kind.split(":")[0]] = kinds.get(c.kind.split(":")[0], 0) + 1
    print(f"cases: {len(cases)} {kinds}  (seed {args.seed}, {args.variants} variants per name)")
    for label in ("strong", "strong+possible"):
        s = stats[label]
        print(
            f"{label:16} precision {s['precision']:.4f}  recall {s['recall']:.4f}  "
            f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
        )
    print(f"facility names with a strong match: {stats['facility_strong']}")
    for line in stats["errors"][: args.show_errors]:
        print("  ", line)
    if args.real:
        from real_names_quality import (
            negative_cases,
            real_cases,
            report_negatives,
            report_real,
            screen_negatives,
        )

        real, left_out = real_cases(entries)
        print(
            f"real names: {len(real)} ({len(left_out)} positives left out: entity not on "
            f"the loaded lists)"
        )
        for line in report_real(real, Screener(entries)):
            print(line)
        for line in report_negatives(screen_negatives(negative_cases(), Screener(entries))):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
