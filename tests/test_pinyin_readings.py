"""The shipped pinyin readings: exactly pypinyin's, for every text the shipped lists
need, so that screening reads them without importing pypinyin (a speed-up that must
never change a result)."""

from __future__ import annotations

import json
import subprocess
import sys

from scrisk.screening import readings, variants


def test_shipped_table_is_what_pypinyin_gives_for_every_text_the_lists_need() -> None:
    shipped = json.loads(readings.shipped_path().read_text(encoding="utf-8"))
    assert shipped["format"] == readings.FORMAT
    needed = readings.collect()
    assert len(needed) > 100  # the lists' Chinese names and places
    # nothing missing, nothing left over, every reading pypinyin's own
    assert shipped["readings"] == needed
    assert readings.shipped_path().read_text(encoding="utf-8") == readings.table_text(needed)


def test_a_text_not_in_the_table_is_read_by_pypinyin() -> None:
    text = "重庆洪崖洞纺织"  # not a list name: 重 read as "chong" in 重庆 (a phrase reading)
    assert text not in variants._readings()
    assert variants._pinyin(text) == variants.pypinyin_syllables(text)
    assert variants._pinyin(text)[:2] == ["chong", "qing"]


def test_screening_latin_names_does_not_import_pypinyin_but_chinese_names_do() -> None:
    code = (
        "import sys\n"
        "from scrisk.screening.matcher import default_screener\n"
        "from datetime import date\n"
        "s = default_screener()\n"
        "found = s.match(['Xinjiang Daqo New Energy Co Ltd'], ['CN'], date(2026, 12, 1))\n"
        "print(int('pypinyin' in sys.modules), len(found[0]) > 0)\n"
        "found = s.match(['新疆大全新能源股份有限公司'], ['CN'], date(2026, 12, 1))\n"
        "print(int('pypinyin' in sys.modules), len(found[0]) > 0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "0 True"  # a Latin name found on the lists, pypinyin never loaded
    assert out[1].split()[1] == "True"  # the Chinese-script name found too
