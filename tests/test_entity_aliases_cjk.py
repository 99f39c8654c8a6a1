"""Every Chinese-script name in the shipped alias dataset screens to its own entity."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from scrisk.reference import get_reference
from scrisk.screening import Screener, default_screener
from scrisk.screening.entries import entity_key

AS_OF = date(2025, 6, 30)


@pytest.fixture(scope="module")
def lists() -> Screener:
    return default_screener()


def _entity_ids(entity: str) -> set[str]:
    """Ids of the entries whose entity name (or one of its list aliases) is ``entity``."""
    key = entity_key(entity)
    return {
        str(e.id)
        for e in get_reference().list_entries()
        if entity_key(str(e.entity)) == key or any(entity_key(a) == key for a in e.aliases)
    }


CJK = [a for a in get_reference().entity_aliases() if a.script in ("Hans", "Hant")]


def test_the_dataset_holds_chinese_names_of_many_entities():
    assert len({(a.list, a.entity) for a in CJK}) >= 45
    assert all(a.source_url.startswith("http") and a.source_title for a in CJK)


@pytest.mark.parametrize("alias", CJK, ids=[a.alias for a in CJK])
def test_a_chinese_alias_screened_alone_finds_its_entity(lists, alias):
    ids = _entity_ids(alias.entity)
    assert ids, alias.entity
    found = lists.match([alias.alias], ["CN"], AS_OF)[0]
    hits = [m for m in found if str(m.entry.id) in ids]
    assert hits, (alias.alias, [str(m.entry.id) for m in found])
    if alias.kind == "chinese_name":
        # a full name is a strong match to its entity
        assert any(m.cls == "strong" for m in hits), (alias.alias, [m.cls for m in hits])


def test_the_sector_data_readme_states_the_alias_counts():
    readme = (Path(__file__).resolve().parents[1] / "sector_data" / "README.md").read_text(
        encoding="utf-8"
    )
    m = re.search(
        r"Holds (\d+) aliases: (\d+) in Chinese script \((\d+) Chinese names, (\d+) stock short "
        r"names, (\d+) former names\) for (\d+) entities, from (\d+) cited pages",
        readme,
    )
    assert m, "the entity_aliases.csv row of sector_data/README.md states no counts"
    every = get_reference().entity_aliases()
    kinds = [a.kind for a in CJK]
    assert [int(g) for g in m.groups()] == [
        len(every),
        len(CJK),
        kinds.count("chinese_name"),
        kinds.count("short_name"),
        kinds.count("former_name"),
        len({(a.list, a.entity) for a in CJK}),
        len({a.source_url for a in CJK}),
    ]
