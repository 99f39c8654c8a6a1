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
import math
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

from scrisk.screening.entries import entry_names  # noqa: E402
from scrisk.screening.normalize import analyze_name, fold, word_tables  # noqa: E402
from scrisk.screening.word_classes import token_class  # noqa: E402

OAR_FIXTURE = ROOT / "tests" / "fixtures" / "oar_facility_fixtures_sample.csv"
REAL_NAMES = ROOT / "bench" / "data" / "real_names.csv"
REAL_NEGATIVES = ROOT / "bench" / "data" / "real_negatives.csv"
# issue #14: false possible matches on real unlisted names under 0.05 %, no false strong
TARGET_FALSE_POSSIBLE = 0.0005
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
    return {str(e.id): [(n.text, n.kind) for n in entry_names(e)] for e in entries}


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


def real_cases(entries: Sequence[Any], path: Path = REAL_NAMES) -> tuple[list[Case], list[str]]:
    """Sourced real names; positives name an entry-id fragment. Returns (cases, left out)."""
    ids = [str(e.id) for e in entries]
    cases: list[Case] = []
    left_out: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            kind = f"real:{r['script']}:{r['cause']}"
            if not r["expected"]:
                cases.append(Case(r["name"], r["country"] or None, frozenset(), kind))
                continue
            expected = frozenset(i for i in ids if r["expected"] in i)
            if expected:
                cases.append(Case(r["name"], r["country"] or None, expected, kind))
            else:
                left_out.append(r["name"])
    return cases, left_out


def report_real(cases: Sequence[Case], screener: Any, *, as_of: date = AS_OF) -> list[str]:
    """Recall and false matches of the real names, by script and by cause."""
    found = screener.match([c.name for c in cases], [c.country for c in cases], as_of)
    groups: dict[str, list[tuple[Case, list[Any]]]] = {}
    for case, matches in zip(cases, found, strict=True):
        _, script, cause = case.kind.split(":")
        family = "Chinese" if script in ("Hans", "Hant") else "Latin"
        for key in (f"{family} (all)", f"{family} {cause}"):
            groups.setdefault(key, []).append((case, matches))
    lines = []
    misses = []
    for key in sorted(groups):
        pos = [(c, m) for c, m in groups[key] if c.expected]
        neg = [(c, m) for c, m in groups[key] if not c.expected]
        hit = sum(1 for c, m in pos if m and str(m[0].entry.id) in c.expected)
        strong = sum(1 for c, m in neg if m and m[0].cls == "strong")
        possible = sum(1 for c, m in neg if m and m[0].cls == "possible")
        text = f"{key:34}"
        if pos:
            text += f" recall {hit}/{len(pos)} = {hit / len(pos):.0%}"
        if neg:
            text += f"  false strong {strong}/{len(neg)}, false possible {possible}/{len(neg)}"
        lines.append(text)
        if key.endswith("(all)"):
            misses += [
                f"  missed {c.name!r}"
                for c, m in pos
                if not (m and str(m[0].entry.id) in c.expected)
            ]
            misses += [
                f"  false {m[0].cls} {c.name!r} -> {m[0].matched_name!r}" for c, m in neg if m
            ]
    return lines + misses


# ----------------------------------------------------------------------------- real negatives

# source (github:owner/repo/path@commit) -> group reported
SOURCE_GROUPS = (
    ("Database_Project_Manufacturing_Disclosure", "brand factory lists (Nike, adidas, VF, Puma)"),
    ("Nike-China", "brand factory lists (Nike, adidas, VF, Puma)"),
    ("opensupplyhub/", "Open Supply Hub fixtures"),
    ("A股列表.xlsx", "Shenzhen SE list (CN)"),
    ("GPLIST.xls", "Shanghai SE list (CN)"),
    ("astock/", "A-share short names (CN)"),
    ("vnstock/", "Vietnam listings (VN)"),
    ("EQUITY_L.csv", "NSE list (IN)"),
    ("nasdaq_screener", "NASDAQ screener (US and foreign)"),
    ("s-and-p-500", "S&P 500 (US)"),
    ("screener.csv", "TSX screener (CA)"),
    ("myData.csv", "SGX list (SG)"),
)


def source_group(source: str) -> str:
    return next((label for key, label in SOURCE_GROUPS if key in source), "other")


def negative_cases(path: Path = REAL_NEGATIVES) -> list[tuple[Case, str]]:
    """The real unlisted names, each with its source group."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            (
                Case(r["name"], r["country"] or None, frozenset(), f"negative:{r['script']}"),
                source_group(r["source"]),
            )
            for r in csv.DictReader(fh)
        ]


def _log_binom_cdf(k: int, n: int, p: float) -> float:
    """log P(X <= k) for X ~ Binomial(n, p), 0 < p < 1."""
    terms = [
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
        for i in range(k + 1)
    ]
    top = max(terms)
    return top + math.log(sum(math.exp(t - top) for t in terms))


def upper_bound(k: int, n: int, confidence: float = 0.95) -> float:
    """One-sided Clopper-Pearson upper bound on a rate seen k times in n trials."""
    if n == 0:
        return 1.0
    if k >= n:
        return 1.0
    if k == 0:
        return 1.0 - (1.0 - confidence) ** (1.0 / n)
    lo, hi, alpha = k / n, 1.0, math.log(1.0 - confidence)
    for _ in range(100):  # P(X <= k) falls as p grows: bisect for P(X <= k) = 1 - confidence
        mid = (lo + hi) / 2
        if _log_binom_cdf(k, n, mid) > alpha:
            lo = mid
        else:
            hi = mid
    return hi


@dataclass(frozen=True)
class NegativeStats:
    count: int
    strong: int
    possible: int

    @property
    def rate(self) -> float:
        return self.possible / self.count if self.count else 0.0

    @property
    def bound(self) -> float:
        return upper_bound(self.possible, self.count)


def screen_negatives(
    cases: Sequence[tuple[Case, str]], screener: Any, *, as_of: date = AS_OF
) -> list[tuple[Case, str, Any]]:
    """Each negative with its best match (None when nothing reached possible)."""
    found = screener.match([c.name for c, _ in cases], [c.country for c, _ in cases], as_of)
    return [(c, g, ms[0] if ms else None) for (c, g), ms in zip(cases, found, strict=True)]


def negative_stats(screened: Sequence[tuple[Case, str, Any]]) -> NegativeStats:
    return NegativeStats(
        len(screened),
        sum(1 for *_, m in screened if m is not None and m.cls == "strong"),
        sum(1 for *_, m in screened if m is not None and m.cls == "possible"),
    )


def report_negatives(screened: Sequence[tuple[Case, str, Any]]) -> list[str]:
    """False matches of the real unlisted names: all, by script, by source group."""
    groups: dict[str, list[tuple[Case, str, Any]]] = {"all": list(screened)}
    for item in screened:
        case, group, _ = item
        groups.setdefault(f"script {case.kind.split(':')[1]}", []).append(item)
        groups.setdefault(group, []).append(item)
    head = f"{'real negatives':46} {'names':>6} {'strong':>6} {'possible':>8} {'rate':>8}"
    lines = [f"{head} {'95% upper':>9}"]
    for key in (
        ["all"]
        + sorted(k for k in groups if k.startswith("script "))
        + sorted(k for k in groups if k != "all" and not k.startswith("script "))
    ):
        st = negative_stats(groups[key])
        lines.append(
            f"{key:46} {st.count:6} {st.strong:6} {st.possible:8} {st.rate:8.3%} {st.bound:9.3%}"
        )
    st = negative_stats(screened)
    verdict = st.strong == 0 and st.rate < TARGET_FALSE_POSSIBLE
    lines.append(
        f"target: no false strong, false possible under {TARGET_FALSE_POSSIBLE:.2%}: "
        f"{'met' if verdict else 'NOT met'} (upper bound {st.bound:.3%})"
    )
    lines += [
        f"  false {m.cls:8} {c.name!r} ({c.country}, {g}) -> {m.matched_name!r} {m.score}"
        for c, g, m in screened
        if m is not None
    ]
    return lines


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
