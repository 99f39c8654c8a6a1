"""The diff of two assessment documents: pure, keyed by rule/party/good/record, with reasons
taken from the evidence records (list entry and its dates, dataset edition), each record
named by its label (as the assessment workbook names it), its key only in ``records``."""

from __future__ import annotations

import copy

import pytest
from assessment_bids import example

import scrisk
from scrisk.register.diff import Change, diff_changes, diff_documents, rose
from scrisk.vocab import level_risk

SUPERMAX = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"


@pytest.fixture(scope="module")
def glove_2021() -> dict:
    return scrisk.assess(example("glove_bid")).to_dict()


def test_the_same_document_has_no_changes(glove_2021):
    assert diff_documents(glove_2021, copy.deepcopy(glove_2021)) == []


def test_an_order_modified_between_the_two_dates_is_a_changed_flag_with_its_date(glove_2021):
    later = scrisk.assess(example("glove_bid"), as_of="2024-01-15", stage="contract").to_dict()
    changes = diff_documents(glove_2021, later)
    (watch,) = [c for c in changes if c["rule"] == "WATCHLIST"]
    assert watch["change"] == "changed" and watch["records"] == [SUPERMAX]
    assert watch["because"] == (
        "CBP WRO/Findings: Supermax Corporation Bhd. and its wholly owned subsidiaries, "
        "issued 2021-10-21, modified on 2023-09-18"
    )
    # and the reverse direction says the same entry, and nothing is invented
    back = diff_documents(later, glove_2021)
    (rewatch,) = [c for c in back if c["rule"] == "WATCHLIST"]
    assert (rewatch["severity_before"], rewatch["severity_after"]) == ("info", "critical")


def test_an_entry_issued_after_the_first_date_is_added_not_changed():
    before = scrisk.assess(example("glove_bid"), as_of="2021-06-01").to_dict()  # not yet issued
    after = scrisk.assess(example("glove_bid"), as_of="2021-12-10").to_dict()
    assert any(f["rule"] == "WATCHLIST" and f["severity"] == "info" for f in before["flags"])
    (watch,) = [c for c in diff_documents(before, after) if c["rule"] == "WATCHLIST"]
    assert (watch["change"], watch["severity_before"], watch["severity_after"]) == (
        "added",
        None,
        "critical",
    )
    assert watch["records"] == [SUPERMAX]  # the key for machines, the label for people
    assert watch["because"].endswith("Supermax Corporation Bhd. and its wholly owned "
                                     "subsidiaries, issued 2021-10-21 (a new entry)")  # fmt: skip
    assert SUPERMAX not in watch["because"]


def test_a_new_dataset_edition_is_named_as_the_reason(glove_2021):
    after = copy.deepcopy(glove_2021)
    goods = next(f for f in after["flags"] if f["rule"] == "GOODS")
    goods["severity"] = "medium"
    goods["evidence"][0]["edition"] = "2024"
    (change,) = diff_documents(glove_2021, after)
    assert (change["change"], change["rule"], change["party"]) == ("changed", "GOODS", "M1")
    # the glove bid closes 2021-12-10: the ILAB edition in force then is 2020's (rules v3)
    assert change["because"] == (
        "ILAB list of goods: Rubber Gloves from Malaysia, listed since 2020, edition 2020 → 2024"
    )


def test_a_flag_dropped_is_removed_and_the_reason_is_in_french_when_asked(glove_2021):
    after = copy.deepcopy(glove_2021)
    after["flags"] = [f for f in after["flags"] if f["rule"] != "COUNTRY" or f["party"] != "R1"]
    (change,) = diff_documents(glove_2021, after, lang="fr")
    assert (change["change"], change["rule"], change["party"]) == ("removed", "COUNTRY", "R1")
    assert change["records"] == ["country:MY"]
    assert change["because"] == (
        "Profil de pays\u00a0: Malaisie (note du pays 66,7, pas une correspondance de nom)"
        " [scrisk v1]"
    )


def test_levels_rise_in_their_own_order():
    assert level_risk("critical") > level_risk("high") > level_risk("medium")
    assert level_risk("medium") > level_risk("unknown") > level_risk("low")
    assert rose({"risk_level": "high"}, {"risk_level": "critical"})
    assert not rose({"risk_level": "critical"}, {"risk_level": "high"})
    # "unknown" is never low: low -> unknown is a rise, and a level the diff does not
    # know (an older document's missing level) ranks as unknown
    assert rose({"risk_level": "low"}, {"risk_level": "unknown"})
    assert not rose({"risk_level": "unknown"}, {"risk_level": "low"})
    assert rose({}, {"risk_level": "medium"}) and not rose({}, {"risk_level": "unknown"})


def test_the_reason_speaks_french_with_the_status_in_french(glove_2021):
    later = scrisk.assess(example("glove_bid"), as_of="2024-01-15", stage="contract").to_dict()
    (watch,) = [c for c in diff_documents(glove_2021, later, lang="fr") if c["rule"] == "WATCHLIST"]
    assert watch["because"].endswith("modifiée le 2023-09-18")


def test_the_typed_diff_reads_the_typed_document_as_its_dict(glove_2021):
    a = scrisk.assess(example("glove_bid"), as_of="2024-01-15", stage="contract")
    typed = diff_changes(glove_2021, a.document("en"), lang="fr")
    assert all(isinstance(c, Change) for c in typed) and typed
    assert [c.to_dict() for c in typed] == diff_documents(glove_2021, a.to_dict(), lang="fr")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_reason_shows_a_record_key(glove_2021, lang):
    later = scrisk.assess(example("glove_bid"), as_of="2024-01-15", stage="contract").to_dict()
    dropped = copy.deepcopy(later)
    dropped["flags"] = [f for f in later["flags"] if f["rule"] not in ("COUNTRY", "GOODS")]
    seen = 0
    for before, after in ((glove_2021, later), (later, dropped), (dropped, glove_2021)):
        for c in diff_documents(before, after, lang=lang):
            seen += 1
            assert c["records"] and c["because"]
            for key in c["records"]:
                assert key not in c["because"], (key, c["because"])
            assert "country:" not in c["because"] and "$." not in c["because"]
    assert seen >= 5


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_dict_side_reads_as_its_typed_document(glove_2021, lang):
    """The diff reads a document's dict only as far as matching needs: the same changes as
    from the document typed in full, whichever side is a dict."""
    from scrisk.assessment.document import AssessmentDocument

    later = scrisk.assess(example("glove_bid"), as_of="2024-01-15", stage="contract")
    typed_before = AssessmentDocument.from_dict(glove_2021)
    full = diff_documents(typed_before, later.document(lang), lang=lang)
    assert full
    assert diff_documents(glove_2021, later.document(lang), lang=lang) == full
    assert diff_documents(glove_2021, later.to_dict(lang), lang=lang) == full
    assert diff_documents(later.to_dict(lang), glove_2021, lang=lang) == diff_documents(
        later.document(lang), typed_before, lang=lang
    )


@pytest.mark.parametrize(
    "spoil",
    [
        lambda f: f.pop("severity"),
        lambda f: f.update(rule="NO_SUCH_RULE"),
        lambda f: f.update(evidence=[{"record": "x"}]),
        lambda f: f.update(path="$.parties[0]"),
        lambda f: f.pop("title"),  # required, though matching does not read it
        lambda f: f.pop("evidence"),
    ],
)
def test_a_spoilt_flag_is_refused_as_the_document_codec_refuses_it(glove_2021, spoil):
    from scrisk.assessment.document import FlagDoc

    spoilt = copy.deepcopy(glove_2021)
    spoil(spoilt["flags"][0])
    with pytest.raises(ValueError) as codec:
        FlagDoc.from_dict(spoilt["flags"][0])
    with pytest.raises(ValueError) as diff:
        diff_documents(spoilt, glove_2021)
    assert str(diff.value) == str(codec.value)


def test_a_declared_party_record_names_its_own_party_whatever_was_labelled_before(glove_2021):
    # the reasons' labels are kept across a re-screen's contracts: a list's or the ILAB's
    # record reads the same for every party, a declared party's record names its party
    def named(doc: dict, name: str) -> dict:
        out = copy.deepcopy(doc)
        next(p for p in out["parties"] if p["id"] == "R1")["name"] = name
        return out

    def with_gap(doc: dict, name: str) -> dict:
        out = named(doc, name)
        gap = copy.deepcopy(next(f for f in out["flags"] if f["party"] == "R1"))
        gap.update(rule="DATA_GAP", severity="medium")
        gap["evidence"] = [
            {
                "record": "parties[2], field 'address'",
                "source": "declaration",
                "edition": None,
                "score": None,
            }
        ]
        out["flags"].append(gap)
        return out

    seen = []
    for name in ("Semenanjung Polymer Latex Sdn. Bhd.", "Another Latex Maker Sdn. Bhd."):
        (change,) = diff_documents(with_gap(glove_2021, name), named(glove_2021, name))
        assert (change["change"], change["rule"]) == ("removed", "DATA_GAP")
        assert f"{name} (R1)" in change["because"]
        seen.append(change["because"])
    assert seen[0] != seen[1]
    # one country record, two parties: the same words for both
    dropped = copy.deepcopy(glove_2021)
    dropped["flags"] = [f for f in glove_2021["flags"] if f["rule"] != "COUNTRY"]
    m1, r1 = sorted(diff_documents(glove_2021, dropped), key=lambda c: c["party"])
    assert (m1["party"], r1["party"]) == ("M1", "R1")
    assert m1["because"] == r1["because"] and "Malaysia" in m1["because"]


def test_a_flag_raised_twice_on_one_party_and_good_is_matched_by_its_records(glove_2021):
    # (rule, party, good) once on one side, twice on the other: each matched by its records
    doubled = copy.deepcopy(glove_2021)
    first = next(f for f in doubled["flags"] if f["rule"] == "COUNTRY")
    twin = copy.deepcopy(first)
    twin["evidence"] = [dict(first["evidence"][0], record="country:XX")]
    doubled["flags"].append(twin)
    (added,) = diff_documents(glove_2021, doubled)
    assert (added["change"], added["records"]) == ("added", ["country:XX"])
    (removed,) = diff_documents(doubled, glove_2021)
    assert (removed["change"], removed["records"]) == ("removed", ["country:XX"])
    assert diff_documents(doubled, copy.deepcopy(doubled)) == []
    raised = copy.deepcopy(doubled)
    raised["flags"][-1]["severity"] = "critical"
    (changed,) = diff_documents(doubled, raised)
    assert (changed["change"], changed["records"]) == ("changed", ["country:XX"])


def test_summarise_rose_is_summarise_and_rose(glove_2021):
    from scrisk.register.diff import summarise, summarise_rose

    later = scrisk.assess(example("glove_bid"), as_of="2024-01-15", stage="contract")
    for before, after in ((glove_2021, later.document("en")), (later.to_dict(), glove_2021)):
        both = summarise_rose(before, after)
        assert both == {**summarise(before, after), "rose": rose(before, after)}
        assert list(both) == ["before", "after", "rose"]


def test_a_record_reads_the_same_each_time_its_label_is_asked(glove_2021):
    # labels are kept by the evidence part itself across diffs: the same words every time,
    # in each language
    later = scrisk.assess(example("glove_bid"), as_of="2024-01-15", stage="contract")
    typed = later.document("en")
    first = {lang: diff_documents(glove_2021, typed, lang=lang) for lang in ("en", "fr")}
    assert first["en"] and first["en"] != first["fr"]
    for lang in ("fr", "en", "fr"):
        assert diff_documents(glove_2021, typed, lang=lang) == first[lang]
        assert diff_documents(glove_2021, later.to_dict(lang), lang=lang) == first[lang]
