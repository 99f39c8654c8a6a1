"""A misspelt country never lowers the verdict: sampled measurement (run on demand).

    python bench/bench_country_misspellings.py [--samples 12000] [--seed 12] [--exhaustive]

Draws one-letter misspellings of ISO country names (two letters for names of
8+ letters: substitute, delete, insert or swap, as tests/test_country_near.py
does), or with ``--exhaustive`` every one-letter edit of every name, sets
each as the country of the apparel example's garment maker, and
compares the bid's score and level with the same bid correctly spelt.
Assessments are shared between texts that resolve the same way (same code or
same candidates). Prints how the misspellings were read (as their country,
ambiguous and assumed as the riskiest candidate, another country's real
name, unresolved) and how many scored or levelled lower (the goal: none).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if (ROOT / "scrisk").is_dir():
    sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402

from scrisk.assessment import assess  # noqa: E402
from scrisk.countries import fold, near_country, resolve_country  # noqa: E402

LEVELS = {"low": 0, "medium": 1, "high": 2, "critical": 3}
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def maker_bid(country: str, example: str = "apparel_bid", party: str = "M1") -> dict[str, Any]:
    """The example with ``party`` declared in ``country`` (the apparel example is cut to
    the bidder and its garment maker, as the property test does)."""
    doc = json.loads((ROOT / "examples" / f"{example}.json").read_text(encoding="utf-8"))
    if example == "apparel_bid":
        doc["parties"] = [p for p in doc["parties"] if p["id"] in ("B", party)]
    next(p for p in doc["parties"] if p["id"] == party)["country"] = country
    return doc


def misspell(name: str, rng: random.Random) -> str:
    text = name
    for _ in range(rng.randint(1, 2 if len(fold(name)) >= 8 else 1)):
        i = rng.randrange(len(text))
        kind = rng.choice(("substitute", "delete", "insert", "swap"))
        letter = rng.choice(LETTERS)
        if kind == "substitute":
            text = text[:i] + letter + text[i + 1 :]
        elif kind == "delete" and len(text) > 4:
            text = text[:i] + text[i + 1 :]
        elif kind == "insert":
            text = text[:i] + letter + text[i:]
        elif i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


def every_one_letter_edit(name: str) -> set[str]:
    """Every text one substitution, deletion, insertion or swap from ``name``."""
    out: set[str] = set()
    for i in range(len(name) + 1):
        for letter in LETTERS:
            out.add(name[:i] + letter + name[i:])
            if i < len(name):
                out.add(name[:i] + letter + name[i + 1 :])
        if i < len(name) and len(name) > 4:
            out.add(name[:i] + name[i + 1 :])
        if i + 1 < len(name):
            out.add(name[:i] + name[i + 1] + name[i] + name[i + 2 :])
    out.discard(name)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=12000)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--example", default="apparel_bid", help="an examples/*.json stem")
    ap.add_argument("--party", default="M1", help="the party whose country is misspelt")
    ap.add_argument(
        "--exhaustive",
        action="store_true",
        help="every one-letter edit of every name instead of a sample",
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    names = sorted({c.name for c in pycountry.countries if len(fold(c.name)) >= 4})
    verdicts: dict[Any, tuple[float, str]] = {}

    def verdict(key: Any, text: str) -> tuple[float, str]:
        if key not in verdicts:
            a = assess(maker_bid(text, args.example, args.party))
            verdicts[key] = (a.score, a.risk_level)
        return verdicts[key]

    counts = {
        "read as its country": 0,
        "read as another country": 0,
        "ambiguous, riskiest assumed": 0,
        "ambiguous, meant country not a candidate": 0,
        "misspelt Congo (the right spelling is ambiguous too)": 0,
        "another country's name": 0,
        "unresolved": 0,
        "lower": 0,
    }
    lower: list[str] = []
    odd: list[str] = []
    start = time.perf_counter()
    if args.exhaustive:
        cases = [(name, typo) for name in names for typo in sorted(every_one_letter_edit(name))]
    else:
        cases = [
            (name, misspell(name, rng)) for name in (rng.choice(names) for _ in range(args.samples))
        ]
    for name, typo in cases:
        if resolve_country(typo) is not None:
            counts["another country's name"] += 1
            continue
        near = near_country(typo)
        meant = resolve_country(name)
        if near.suggestions:
            counts["ambiguous, riskiest assumed"] += 1
            if meant is None:  # "Congo" itself names CD or CG
                counts["misspelt Congo (the right spelling is ambiguous too)"] += 1
            elif meant not in near.suggestions:
                counts["ambiguous, meant country not a candidate"] += 1
                odd.append(f"{typo!r} for {name!r}: candidates {near.suggestions}")
        elif near.code == meant:
            counts["read as its country"] += 1
        else:
            what = "unresolved" if near.code is None else "read as another country"
            counts[what] += 1
            odd.append(f"{typo!r} for {name!r}: {what} {near.code or ''}".rstrip())
        right = verdict(("code", meant), name)
        wrong = verdict(("near", near.code, near.suggestions), typo)
        if wrong[0] < right[0] or LEVELS[wrong[1]] < LEVELS[right[1]]:
            counts["lower"] += 1
            lower.append(f"{typo!r} for {name!r}: {wrong} < {right}")
    took = time.perf_counter() - start
    how = "one-letter edits, all" if args.exhaustive else f"misspellings sampled (seed {args.seed})"
    print(
        f"{args.example} ({args.party}): {len(cases)} {how} in {took:.1f} s, "
        f"{len(verdicts)} distinct assessments"
    )
    for what, n in counts.items():
        print(f"  {what}: {n}")
    for line in lower[:20]:
        print(f"  LOWER {line}")
    for line in sorted(set(odd))[:20]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
