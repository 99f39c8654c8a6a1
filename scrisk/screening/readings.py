"""The pinyin readings shipped with the screener (``pinyin_readings.json``).

Screening a name in Latin letters against the lists needs the list names and
places written in Chinese characters in pinyin too ("新疆大全" -> "xinjiang
daquan"). pypinyin gives those readings, but importing it loads its phrase
dictionaries: about 0.5 s of CPU in every process that screens, a third of a
one-bid ``scrisk assess``. The readings of the shipped lists are therefore
kept in a table made from pypinyin itself (:func:`collect`) and read instead;
a text not in it (a declared name in Chinese characters, a list added by a
data update) is read by pypinyin as before, so the table changes speed, never
a result. ``tests/test_pinyin_readings.py`` checks that the table is exactly
what pypinyin gives now for every text the shipped screener reads.

    python -m scrisk.screening.readings            # write the table anew
    python -m scrisk.screening.readings --check    # exit 1 if it is not up to date
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

FORMAT = "scrisk-pinyin/1"


def collect() -> dict[str, list[str]]:
    """Every text of Chinese characters a screener over the shipped lists reads in
    pinyin, with pypinyin's reading of it (the shipped table is not consulted)."""
    from scrisk.screening import variants
    from scrisk.screening.matcher import Screener

    asked: set[str] = set()
    variants._LISTENERS.append(asked.add)
    variants._words.cache_clear()
    variants.hanzi_to_latin.cache_clear()
    try:
        Screener()
    finally:
        variants._LISTENERS.remove(asked.add)
        variants._words.cache_clear()
        variants.hanzi_to_latin.cache_clear()
    return {chars: variants.pypinyin_syllables(chars) for chars in sorted(asked)}


def table_text(readings: dict[str, list[str]]) -> str:
    """The table as written: one reading a line, sorted, so a change reads as a diff."""
    from pypinyin import __version__ as version

    lines = ",\n".join(
        f"    {json.dumps(chars, ensure_ascii=False)}: {json.dumps(syl)}"
        for chars, syl in sorted(readings.items())
    )
    head = {
        "format": FORMAT,
        "made_by": f"pypinyin {version} (lazy_pinyin), python -m scrisk.screening.readings",
    }
    start = json.dumps(head, ensure_ascii=False, indent=2, sort_keys=True)[:-2]
    return f'{start},\n  "readings": {{\n{lines}\n  }}\n}}\n'


def shipped_path() -> Path:
    """Where the table lives in the package (a source checkout or an installed wheel)."""
    return Path(str(resources.files("scrisk.screening").joinpath("pinyin_readings.json")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the screener's pinyin readings.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    args = parser.parse_args(argv)
    readings = collect()
    text = table_text(readings)
    path = shipped_path()
    if args.check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        state = "up to date" if same else "stale: run python -m scrisk.screening.readings"
        print(f"{path}: {state}")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"{path}: {len(readings)} readings written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
