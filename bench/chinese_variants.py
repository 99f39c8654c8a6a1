"""Recall on every shipped Chinese-script alias written the ways Chinese names vary.

    python bench/chinese_variants.py [--show-misses 30]

Each name in Chinese characters that a list entry is found under (the alias
dataset's Chinese names and short names) is rewritten by rule, never by hand:

- ``script``: the other script (simplified <-> traditional, OpenCC ``s2t`` / ``t2s``);
- ``spaced``: a space between every two characters ("合 盛 硅 业");
- ``brackets``: half-width brackets for full-width ones and back ("合盛硅业（鄯善）");
- ``suffix``: the legal form replaced by another (有限公司, 有限责任公司, 股份有限公司,
  集团有限公司, (集团)有限公司, （集团）有限公司, 集团, 公司) or dropped;
- ``plant``: a plant or factory of the firm (…厂, …工厂);
- ``branch``: a branch or plant after the full name, with a city
  (…乌鲁木齐分公司, …阿克苏分厂, …分公司);
- ``place``: the leading place dropped (新疆合盛硅业 -> 合盛硅业), or 新疆 / 乌鲁木齐 /
  阿克苏 put in front of a name without one;
- ``pinyin``: the name in pinyin (pypinyin), legal form dropped: the syllables of
  a word joined (words as pypinyin's segmenter cuts them), or one word a syllable,
  with or without tone marks.

Each is screened with the country of its entry. A variant is found when the
entry the alias belongs to is among its matches
(any class: "possible" is what a bridged or shortened name can reach). The
report gives recall by kind and the misses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

AS_OF = date(2025, 6, 30)
# legal forms a variant may carry instead of the alias's own
SUFFIXES = (
    "有限公司",
    "有限责任公司",
    "股份有限公司",
    "集团有限公司",
    "(集团)有限公司",
    "（集团）有限公司",
    "集团",
    "公司",
    "",
)
PLANTS = ("厂", "工厂")
BRANCHES = ("乌鲁木齐分公司", "阿克苏分厂", "分公司")
PREFIXES = ("新疆", "乌鲁木齐", "阿克苏")
# the places a name may start with (longest first), to drop
LEADING_PLACES = ("新疆维吾尔自治区", "内蒙古", "乌鲁木齐", "阿克苏", "新疆", "东莞", "合肥")


@dataclass(frozen=True, slots=True)
class Variant:
    text: str
    kind: str
    alias: str
    expected: frozenset[str]


def _convert(text: str, config: str) -> str:
    import opencc

    return str(opencc.OpenCC(config).convert(text))


def _legal_off(text: str) -> str:
    """The name without its legal form (the longest suffix of the shipped table)."""
    from scrisk.screening.words import word_tables

    for suffix in word_tables().cjk_suffixes:  # longest first
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _words(text: str) -> list[str]:
    """Words of a name as pypinyin's own segmenter (mmseg) cuts it, runs of single
    characters taken two at a time ("东 海 晶 澳" -> 东海 晶澳)."""
    from pypinyin.seg.mmseg import seg

    out: list[str] = []
    run = ""
    for word in seg.cut(text):
        if len(word) == 1:
            run += word
            continue
        out.extend(run[i : i + 2] for i in range(0, len(run), 2))
        run = ""
        out.append(word)
    out.extend(run[i : i + 2] for i in range(0, len(run), 2))
    return out


def _pinyin(text: str) -> list[str]:
    """The name without its legal form in pinyin: a word a group of syllables, one word a
    syllable, one word a syllable with tone marks."""
    from pypinyin import Style, lazy_pinyin

    base = _legal_off(text)
    words = " ".join("".join(lazy_pinyin(w)).capitalize() for w in _words(base) if w.strip())
    syllables = lazy_pinyin(base)
    tones = lazy_pinyin(base, style=Style.TONE)
    return [
        words,  # "Hesheng Guiye"
        " ".join(s.capitalize() for s in syllables),  # "He Sheng Gui Ye"
        " ".join(s.capitalize() for s in tones),  # "Hé Shèng Guī Yè"
    ]


def variants(alias: str) -> list[tuple[str, str]]:
    """(text, kind) of the rewritings of one alias in Chinese characters, deduplicated,
    the alias itself left out."""
    simp = _convert(alias, "t2s")
    trad = _convert(simp, "s2t")
    out: dict[str, str] = {}
    out.setdefault(trad if alias == simp else simp, "script")
    out.setdefault(" ".join(simp), "spaced")
    if any(c in simp for c in "()（）"):
        flipped = simp.translate(str.maketrans("()（）", "（）()"))
        out.setdefault(flipped, "brackets")
    base = _legal_off(simp)
    for suffix in SUFFIXES:
        out.setdefault(base + suffix, "suffix")
    for plant in PLANTS:
        out.setdefault(base + plant, "plant")
    for branch in BRANCHES:
        out.setdefault(simp + branch, "branch")
    place = next((p for p in LEADING_PLACES if simp.startswith(p) and len(simp) > len(p) + 2), None)
    if place:
        out.setdefault(simp[len(place) :], "place")
    else:
        for prefix in PREFIXES:
            out.setdefault(prefix + simp, "place")
    for text in _pinyin(simp):
        out.setdefault(text, "pinyin")
    out.pop(alias, None)
    return [(t, k) for t, k in out.items() if t.strip()]


def chinese_variants(screener: Any) -> list[Variant]:
    """Every variant of every Chinese-script alias the screener finds entries under."""
    by_text: dict[str, set[str]] = {}
    for entry_id, text, kind in screener.names:
        if kind != "short_form" and any("\u4e00" <= c <= "\u9fff" for c in text):
            by_text.setdefault(text, set()).add(entry_id)
    out: list[Variant] = []
    for alias in sorted(by_text):
        for text, kind in variants(alias):
            out.append(Variant(text, kind, alias, frozenset(by_text[alias])))
    return out


def recall(cases: Sequence[Variant], screener: Any) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """(found, total) by kind (and "all"), and a line per miss."""
    country = {str(e.id): getattr(e, "country", None) for e in screener.entries}
    found = screener.match(
        [c.text for c in cases], [country[min(c.expected)] for c in cases], AS_OF
    )
    counts: dict[str, list[int]] = {}
    misses: list[str] = []
    for case, matches in zip(cases, found, strict=True):
        hit = any(str(m.entry.id) in case.expected for m in matches)
        for key in ("all", case.kind):
            c = counts.setdefault(key, [0, 0])
            c[0] += hit
            c[1] += 1
        if not hit:
            best = f" (best: {matches[0].matched_name} {matches[0].score})" if matches else ""
            misses.append(f"  missed {case.kind:8} {case.text!r} of {case.alias!r}{best}")
    return {k: (v[0], v[1]) for k, v in counts.items()}, misses


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=30)
    args = parser.parse_args(argv)
    from scrisk.screening import default_screener

    screener = default_screener()
    cases = chinese_variants(screener)
    counts, misses = recall(cases, screener)
    aliases = len({c.alias for c in cases})
    print(f"{aliases} Chinese-script names, {len(cases)} variants")
    for key in ["all"] + sorted(k for k in counts if k != "all"):
        hit, total = counts[key]
        print(f"{key:10} recall {hit}/{total} = {hit / total:.1%}")
    for line in misses[: args.show_misses]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
