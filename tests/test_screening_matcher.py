"""Name matching against the enforcement lists: classes, country weighting, as-of status."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
from list_entries import list_entry

from scrisk.reference.model import ListEntry
from scrisk.screening import Match, Screener, default_screener

ROOT = Path(__file__).resolve().parents[1]


def entry(
    eid: str,
    entity: str,
    *,
    aliases: tuple[str, ...] = (),
    country: str | None = "MY",
    issued: date | None = date(2020, 1, 1),
    status: str = "active",
    status_date: date | None = None,
) -> ListEntry:
    return list_entry(
        eid,
        entity,
        aliases=aliases,
        country=country,
        merchandise="gloves",
        issued=issued,
        status=status,
        status_date=status_date,
    )


@pytest.fixture(scope="module")
def lists() -> Screener:
    return default_screener()


def best(screener: Screener, name: str, country: str | None, as_of: date) -> Match | None:
    found = screener.match([name], [country], as_of)[0]
    return found[0] if found else None


# ----------------------------------------------------------------------------- real data


def test_supermax_as_a_bidder_writes_it_is_a_strong_match_active_in_2022(lists):
    m = best(lists, "SUPERMAX GLOVE MFG SDN. BHD.", "MY", date(2022, 1, 1))
    assert m is not None
    assert m.cls == "strong"
    assert m.entry.list_name == "CBP WRO/Findings"
    assert m.entry.entity.startswith("Supermax Corporation")
    assert m.matched_name == "Supermax Glove Manufacturing"
    assert m.active is True
    assert m.features["country"] == 1.0 and m.features["coverage"] == 1.0


def test_supermax_match_is_inactive_after_the_2023_modification(lists):
    m = best(lists, "SUPERMAX GLOVE MFG SDN. BHD.", "MY", date(2024, 1, 1))
    assert m is not None and m.cls == "strong"
    assert m.active is False


def test_top_glove_and_maxter_are_found(lists):
    top = lists.match(["Top Glove"], ["MY"], date(2021, 6, 1))[0]
    assert {m.entry.id for m in top} >= {e.id for e in lists.entries if "Top Glove" in e.entity}
    assert all(m.cls == "strong" for m in top)
    maxter = best(lists, "Maxter Glove Manufacturing", None, date(2022, 1, 1))
    assert maxter is not None and maxter.entry.entity.startswith("Supermax")


def test_an_entry_issued_after_the_as_of_date_is_not_active(lists):
    # Shanghai Select Safety Products: WRO of 2024-04-10
    m = best(lists, "Shanghai Select Safety Products Co., Ltd.", "CN", date(2023, 12, 31))
    assert m is not None and m.cls == "strong"
    assert m.entry.issued > date(2023, 12, 31)
    assert m.active is False
    later = best(lists, "Shanghai Select Safety Products Co., Ltd.", "CN", date(2024, 5, 1))
    assert later is not None and later.active is True


def test_generic_words_alone_never_make_a_strong_match(lists):
    names = [
        "Glove Manufacturing Sdn Bhd",
        "Xinjiang Cotton Textile Co., Ltd.",
        "Industrial Group Co",
        "Cotton and Linen Co., Ltd.",
        "Textile Trading Co",
        "Rubber Glove Industries Bhd",
        "Xinjiang Energy Trading Co",
    ]
    for name, matches in zip(
        names, lists.match(names, ["CN"] * len(names), date(2025, 1, 1)), strict=True
    ):
        assert all(m.cls != "strong" for m in matches), (name, matches[:1])


def test_token_set_subset_does_not_carry_a_strong_match(lists):
    # token-set ratio is 100 for this pair; the distinctive word "Junggar" is missing
    m = best(lists, "Xinjiang Cotton Linen Co Ltd", "CN", date(2025, 1, 1))
    assert m is None or m.cls != "strong"


def test_results_are_one_list_per_name_best_first_one_match_per_entry(lists):
    names = ["Top Glove Corporation Bhd", "no such firm at all", "Hetian Taida Apparel"]
    found = lists.match(names, [None, None, "CN"], date(2021, 1, 1))
    assert len(found) == 3
    assert found[1] == []
    for matches in found:
        ids = [m.entry.id for m in matches]
        assert len(ids) == len(set(ids))
        order = [({"strong": 0, "possible": 1}[m.cls], -m.score) for m in matches]
        assert order == sorted(order)  # strong before possible, then by score
        assert all(m.cls in ("strong", "possible") for m in matches)


def test_explain_names_the_entry_and_features(lists):
    m = best(lists, "Hetian Taida Apparel", "CN", date(2021, 1, 1))
    text = m.explain()
    assert m.entry.id in text and "token_set=" in text and "active" in text


# ----------------------------------------------------------------------------- country weighting


def test_same_country_supports_a_match_and_a_different_one_weakens_it():
    s = Screener([entry("T-1", "Kenzar Latex Sdn Bhd", country="MY")])
    on = date(2021, 1, 1)
    same = s.match(["Kenzr Latex"], ["MY"], on)[0][0]
    unknown = s.match(["Kenzr Latex"], [None], on)[0][0]
    other = s.match(["Kenzr Latex"], ["VN"], on)[0]
    assert same.score > unknown.score
    assert same.features["country"] == 1.0 and unknown.features["country"] == 0.0
    assert not other or other[0].score < unknown.score
    assert not other or other[0].features["country"] == -1.0


def test_entry_without_country_is_neither_supported_nor_weakened():
    s = Screener([entry("T-1", "Kenzar Latex Sdn Bhd", country=None)])
    a = s.match(["Kenzar Latex"], ["MY"], date(2021, 1, 1))[0][0]
    b = s.match(["Kenzar Latex"], [None], date(2021, 1, 1))[0][0]
    assert a.score == b.score and a.features["country"] == 0.0


def test_thresholds_come_from_the_policy():
    e = [entry("T-1", "Kenzar Latex Sdn Bhd")]
    name, on = ["Kenzr Latex"], date(2021, 1, 1)
    default = Screener(e).match(name, [None], on)[0][0]
    strict = Screener(
        e, policy={"screening": {"strong_threshold": 99.9, "possible_threshold": 99.0}}
    )
    assert default.score < 99.0
    assert strict.match(name, [None], on)[0] == []


def test_status_follows_the_entry_dates():
    e = entry(
        "T-1",
        "Kenzar Latex Sdn Bhd",
        issued=date(2021, 10, 21),
        status="modified",
        status_date=date(2023, 9, 18),
    )
    s = Screener([e])
    states = [
        s.match(["Kenzar Latex"], ["MY"], d)[0][0].active
        for d in (date(2021, 1, 1), date(2022, 1, 1), date(2024, 1, 1))
    ]
    assert states == [False, True, False]


# ----------------------------------------------------------------------------- quality harness


def _harness():
    spec = importlib.util.spec_from_file_location(
        "screening_quality", ROOT / "bench" / "screening_quality.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_quality_harness_reduced():
    """Rule-made positives of every list name, OAR facilities and near misses as negatives."""
    q = _harness()
    entries = q.list_entries()
    cases = q.build_cases(
        entries,
        variants=3,
        seed=11,
        facilities=ROOT / "tests" / "fixtures" / "oar_facility_fixtures_sample.csv",
    )
    assert sum(1 for c in cases if c.kind == "facility") > 900
    stats = q.evaluate(cases, Screener(entries))
    assert stats["facility_strong"] == 0, stats["errors"][:5]
    assert stats["strong"]["precision"] >= 0.98, stats["errors"][:10]
    assert stats["strong+possible"]["recall"] >= 0.95, stats["errors"][:10]


def test_countries_may_be_names_or_codes(lists):
    on = date(2022, 1, 1)
    by_code = lists.match(["Supermax Glove Manufacturing"], ["MY"], on)[0][0]
    by_name = lists.match(["Supermax Glove Manufacturing"], ["Malaysia"], on)[0][0]
    assert by_code.score == by_name.score and by_name.features["country"] == 1.0


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"strong_threshold": "high"}, "strong_threshold"),
        ({"possible_threshold": 95.0, "strong_threshold": 90.0}, "possible_threshold"),
        ({"coverage_weight": 1.5}, "coverage_weight"),
        ({"scorer_weights": {"token_set": 1.0, "cosine": 1.0}}, "scorer_weights"),
        ({"token_weights": {"generic": -1}}, "generic"),
    ],
)
def test_bad_screening_policy_is_rejected_naming_the_setting(override, named):
    from scrisk.errors import PolicyError

    with pytest.raises(PolicyError, match=named):
        Screener([entry("T-1", "Kenzar Latex")], policy={"screening": override})
