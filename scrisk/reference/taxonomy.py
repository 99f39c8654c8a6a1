"""Goods taxonomy: HS 2022 codes and material words -> goods, and goods <- risky inputs.

These are classification rules authored for scrisk (``scrisk/reference/authored/``),
not figures. The build checks them against the sources -- every HS code must
exist in HS 2022, every good must be an ILAB good or a declared scrisk node --
and ships them in ``sector_data/`` next to a trimmed HS 2022 table.

Lookups:
- :meth:`Taxonomy.goods_for_hs`: most specific matching prefix wins
  ("4015.19.10" -> rule 4015.19 -> Rubber Gloves, Gloves).
- :meth:`Taxonomy.goods_for_material`: phrases found in the text with word
  boundaries, longest first and non-overlapping ("nitrile butadiene rubber
  latex" is Synthetic Rubber, not also Rubber).
- :meth:`Taxonomy.risk_inputs`: upstream materials carrying a good's risk,
  nearest first (Garments <- Textiles <- Thread/Yarn <- Cotton).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrisk.reference._io import BuildError, fold_text, read_csv, write_csv

HS_FILE = "hs2022_nomenclature.csv"
HS_RULES_FILE = "hs_goods.csv"
MATERIALS_FILE = "material_goods.csv"
INPUTS_FILE = "goods_inputs.csv"
TAXONOMY_FILE = "goods_taxonomy.csv"

# Chapters shipped even when no rule uses them yet (apparel and PPE scope).
CORE_CHAPTERS = {"39", "40", *(str(c) for c in range(50, 66)), "90"}


def hs_digits(code: str) -> str:
    """'4015.19.10' -> '40151910'; non-digits dropped."""
    return re.sub(r"\D", "", str(code))


def _split(cell: str) -> list[str]:
    return [g.strip() for g in cell.split(";") if g.strip()]


def build_taxonomy(
    raw_hs: Path, authored: Path, out: Path, ilab_goods: dict[str, str], *, dataset: str
) -> dict[str, dict[str, Any]]:
    """Validate the authored rules and write them with the trimmed HS table.

    ``ilab_goods`` maps each ILAB good name to its sector.
    """
    problems: list[str] = []
    nodes = {r["good"]: r for r in read_csv(authored / TAXONOMY_FILE)}
    known = set(ilab_goods) | set(nodes)

    def check_goods(where: str, goods: list[str]) -> None:
        for good in goods:
            if good not in known:
                problems.append(f"{where}: {good!r} is neither an ILAB good nor a scrisk node")

    hs_rows = read_csv(raw_hs)
    hs_codes = {r["hscode"] for r in hs_rows}
    rules = read_csv(authored / HS_RULES_FILE)
    seen: set[str] = set()
    for rule in rules:
        digits = hs_digits(rule["hs_code"])
        if digits not in hs_codes:
            problems.append(f"{HS_RULES_FILE}: {rule['hs_code']} is not an HS 2022 code")
        if digits in seen:
            problems.append(f"{HS_RULES_FILE}: {rule['hs_code']} appears twice")
        seen.add(digits)
        check_goods(f"{HS_RULES_FILE} {rule['hs_code']}", _split(rule["goods"]))
    materials = read_csv(authored / MATERIALS_FILE)
    for row in materials:
        check_goods(f"{MATERIALS_FILE} {row['phrase']!r}", _split(row["goods"]))
    inputs = read_csv(authored / INPUTS_FILE)
    for row in inputs:
        check_goods(f"{INPUTS_FILE} {row['good']}<-{row['input']}", [row["good"], row["input"]])
    if problems:
        raise BuildError("goods taxonomy rules do not check out:\n  " + "\n  ".join(problems))

    chapters = CORE_CHAPTERS | {hs_digits(r["hs_code"])[:2] for r in rules}
    trimmed = [r for r in hs_rows if r["hscode"][:2] in chapters and r["level"] in ("2", "4", "6")]
    n_hs = write_csv(
        out / HS_FILE, ["section", "hscode", "description", "parent", "level"], trimmed
    )

    rules_out = sorted(
        ({**r, "hs_code": r["hs_code"], "digits": hs_digits(r["hs_code"])} for r in rules),
        key=lambda r: r["digits"],
    )
    write_csv(out / HS_RULES_FILE, ["hs_code", "goods", "note"], rules_out)
    write_csv(
        out / MATERIALS_FILE,
        ["phrase", "goods", "note"],
        sorted(materials, key=lambda r: fold_text(r["phrase"])),
    )
    write_csv(
        out / INPUTS_FILE, ["good", "input", "note"], inputs
    )  # authored order = nearest first
    taxonomy = [
        {"good": g, "kind": "ilab", "sector": s, "note": ""} for g, s in ilab_goods.items()
    ] + [{"good": g, "kind": "scrisk", "sector": "", "note": r["note"]} for g, r in nodes.items()]
    taxonomy.sort(key=lambda r: r["good"].casefold())
    write_csv(out / TAXONOMY_FILE, ["good", "kind", "sector", "note"], taxonomy)
    return {
        "hs2022": {"rows": n_hs, "files": [HS_FILE], "chapters": sorted(chapters)},
        dataset: {
            "rows": len(rules) + len(materials) + len(inputs),
            "files": [HS_RULES_FILE, MATERIALS_FILE, INPUTS_FILE, TAXONOMY_FILE],
            "hs_rules": len(rules),
            "material_phrases": len(materials),
            "input_edges": len(inputs),
        },
    }


@dataclass(frozen=True)
class Taxonomy:
    """Runtime lookups over the shipped rules (built once, then read-only)."""

    hs_rules: dict[str, tuple[str, ...]]
    hs_descriptions: dict[str, str]
    phrases: tuple[tuple[str, tuple[str, ...]], ...]
    pattern: re.Pattern[str] | None
    inputs: dict[str, tuple[str, ...]]
    kinds: dict[str, str]

    @classmethod
    def load(cls, folder: Path) -> Taxonomy:
        hs_rules = {
            hs_digits(r["hs_code"]): tuple(_split(r["goods"]))
            for r in read_csv(folder / HS_RULES_FILE)
        }
        hs_desc = {r["hscode"]: r["description"] for r in read_csv(folder / HS_FILE)}
        phrase_map = {
            fold_text(r["phrase"]): tuple(_split(r["goods"]))
            for r in read_csv(folder / MATERIALS_FILE)
        }
        phrases = tuple(sorted(phrase_map.items(), key=lambda kv: (-len(kv[0]), kv[0])))
        pattern = (
            re.compile(r"\b(" + "|".join(re.escape(p) for p, _ in phrases) + r")\b")
            if phrases
            else None
        )
        inputs: dict[str, list[str]] = {}
        for row in read_csv(folder / INPUTS_FILE):
            inputs.setdefault(row["good"], []).append(row["input"])
        kinds = {r["good"]: r["kind"] for r in read_csv(folder / TAXONOMY_FILE)}
        return cls(
            hs_rules, hs_desc, phrases, pattern, {k: tuple(v) for k, v in inputs.items()}, kinds
        )

    def goods_for_hs(self, code: str | None) -> tuple[str, ...]:
        """Goods of the most specific rule whose code is a prefix of ``code``."""
        digits = hs_digits(code or "")
        for n in range(len(digits), 1, -1):
            goods = self.hs_rules.get(digits[:n])
            if goods is not None:
                return goods
        return ()

    def goods_for_material(self, text: str | None) -> tuple[str, ...]:
        """Goods named by the material phrases in ``text``, in order of appearance."""
        if not text or self.pattern is None:
            return ()
        lookup = dict(self.phrases)
        found: list[str] = []
        for m in self.pattern.finditer(fold_text(text)):
            for good in lookup[m.group(1)]:
                if good not in found:
                    found.append(good)
        return tuple(found)

    def risk_inputs(self, good: str) -> tuple[str, ...]:
        """Upstream materials that carry ``good``'s risk, nearest first (transitive)."""
        order: list[str] = []
        frontier = [good]
        while frontier:
            nxt: list[str] = []
            for g in frontier:
                for inp in self.inputs.get(g, ()):
                    if inp != good and inp not in order:
                        order.append(inp)
                        nxt.append(inp)
            frontier = nxt
        return tuple(order)


__all__ = ["Taxonomy", "build_taxonomy", "hs_digits"]
