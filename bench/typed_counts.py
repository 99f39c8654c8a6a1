"""Count what issue 22 measures: ``Any`` and string-keyed lookups in the core packages.

Run from the repository root: ``python bench/typed_counts.py`` (``--files`` lists
the worst files). Counted from the source with ``ast``, so comments, strings and
imports do not count:

- ``Any``: every use of the name ``Any`` (``Any`` or ``typing.Any``) in an
  annotation or expression; the ``from typing import Any`` line itself is not a use.
- string-keyed lookups: ``x["key"]`` (a subscript whose index is a string
  literal, read or written) and ``x.get("key", ...)`` (a ``.get`` call whose
  first argument is a string literal).

Issue 22's target: at most 60 ``Any`` and at most 80 lookups in the five packages.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "scrisk"
PACKAGES = ("assessment", "report", "register", "cli", "decisions")


def counts(path: Path) -> tuple[int, int]:
    """(uses of ``Any``, string-keyed lookups) in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    anys = lookups = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "Any":
            anys += 1
        elif isinstance(node, ast.Attribute) and node.attr == "Any":
            anys += 1
        elif isinstance(node, ast.Subscript):
            index = node.slice
            if isinstance(index, ast.Constant) and isinstance(index.value, str):
                lookups += 1
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            lookups += 1
    return anys, lookups


def main(argv: list[str]) -> int:
    per_file: dict[Path, tuple[int, int]] = {}
    totals: Counter[str] = Counter()
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            a, s = counts(path)
            per_file[path] = (a, s)
            totals[f"{package} Any"] += a
            totals[f"{package} lookups"] += s
    print(f"{'package':<12}{'Any':>6}{'lookups':>9}")
    for package in PACKAGES:
        print(f"{package:<12}{totals[package + ' Any']:>6}{totals[package + ' lookups']:>9}")
    all_any = sum(a for a, _ in per_file.values())
    all_lookups = sum(s for _, s in per_file.values())
    print(f"{'total':<12}{all_any:>6}{all_lookups:>9}")
    if "--files" in argv:
        print()
        ranked = sorted(per_file.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))
        for path, (a, s) in ranked[:30]:
            print(f"{a:>5}{s:>6}  {path.relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
