"""Country profiles and the composite country risk: inputs beside the score, unknown not low."""

from __future__ import annotations

import json

import pytest

from scrisk.reference import get_reference


@pytest.fixture(scope="module")
def ref():
    return get_reference()


def test_profile_joins_every_source_by_iso_code(ref) -> None:
    my = ref.country("MY")
    assert my.name == "Malaysia"
    assert my.indicators["ituc_rating"] == "5"  # PROVENANCE spot check
    assert my.indicators["wgi_rl_est"] == pytest.approx(0.57, abs=0.01)
    assert my.indicators["wgi_rl_year"] == 2023
    assert my.indicators["ilab_goods_listed"] == 4
    assert my.indicators["ilab_advancement_level"] is None  # ILAB does not assess Malaysia
    assert set(my.sources) >= {"walkfree_gsi_2023", "ituc_gri_2025", "wb_wgi_2023"}
    ca = ref.country("ca")
    assert ca.indicators["gsi_prevalence_per_1000"] == pytest.approx(1.8)
    assert ca.indicators["wgi_rl_pctrank"] == pytest.approx(90, abs=1)
    kp = ref.country("KP")
    assert kp.indicators["gsi_prevalence_per_1000"] == pytest.approx(104.6)


def test_score_is_the_weighted_mean_of_the_components_shown(ref) -> None:
    method = json.loads((ref.profiles_dir / "method.json").read_text(encoding="utf-8"))
    weights = {k: v["weight"] for k, v in method["components"].items()}
    for iso2 in ("MY", "CN", "CA", "BD", "KP"):
        p = ref.country(iso2)
        have = {k: v for k, v in p.components.items() if v is not None}
        coverage = sum(weights[k] for k in have)
        assert p.coverage == pytest.approx(coverage)
        expected = sum(weights[k] * v for k, v in have.items()) / coverage
        assert p.risk_score == pytest.approx(expected, abs=0.05)


def test_levels_follow_real_indicators(ref) -> None:
    assert ref.country("CA").risk_level == "low"
    assert ref.country("MY").risk_level == "high"
    assert ref.country("CN").risk_level == "high"
    assert ref.country("KP").risk_level == "high"
    assert ref.country("CN").risk_score > ref.country("CA").risk_score


def test_a_country_with_no_indicators_is_unknown_not_low(ref) -> None:
    method = json.loads((ref.profiles_dir / "method.json").read_text(encoding="utf-8"))
    unknown = [p for p in ref.countries() if p.risk_level == "unknown"]
    assert unknown, "some source territories have too little data"
    for p in unknown:
        assert p.risk_score is None
        assert p.coverage < method["coverage_threshold"]
    # only the worldwide ILAB goods component is known: coverage too low for a score
    bare = [p for p in unknown if p.sources == ("ilab_goods_2022",)]
    assert all(p.components["ilab_goods"] is not None for p in bare)
    # a country that no source has at all gives no profile, never a low one
    assert ref.country("VA") is None or ref.country("VA").risk_level != "low"
    assert ref.country("ZZ") is None and ref.country(None) is None


def test_kosovo_uses_the_user_assigned_code(ref) -> None:
    xk = ref.country("XK")
    assert xk is not None and xk.name == "Kosovo"
    assert "walkfree_gsi_2023" in xk.sources and "wb_wgi_2023" in xk.sources


def test_every_source_country_name_is_mapped_or_listed_with_a_reason(ref) -> None:
    import csv

    with (ref.profiles_dir / "country_names.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 400
    unmapped = [r for r in rows if not r["iso2"]]
    assert {r["source_name"] for r in unmapped} == {"ANT", "Netherlands Antilles (former)"}
    assert all(r["how"].startswith("unmapped: ") for r in unmapped)
    mapped = {(r["dataset"], r["source_name"]): r["iso2"] for r in rows if r["iso2"]}
    assert mapped[("ilab_goods_2022", "Congo, Democratic Republic of the")] == "CD"
    assert mapped[("ilab_goods_2022", "Turkey (Türkiye)")] == "TR"
    assert mapped[("ilab_country_findings_2022", "West Bank and the Gaza Strip")] == "PS"
    assert mapped[("wb_wgi_2023", "ZAR")] == "CD"
    assert mapped[("ituc_gri_2025", "Korea (Republic of)")] == "KR"
