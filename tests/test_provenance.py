"""Provenance in the assessment document: version, datasets with sha256, policy hash and
overrides; same inputs, same bytes; the Sources sheet shows it."""

from __future__ import annotations

import openpyxl
from assessment_bids import example

import scrisk
from scrisk.assessment.provenance import policy_sha256


def test_provenance_names_version_datasets_and_policy():
    a = scrisk.assess(example("glove_bid"))
    prov = a.to_dict()["provenance"]
    assert prov["scrisk"] == scrisk.__version__
    ref = scrisk.get_reference()
    assert [(d["id"], d["edition"], d["sha256"]) for d in prov["datasets"]] == sorted(
        (d.id, d.edition, d.sha256) for d in ref.datasets
    )
    assert all(len(d["sha256"]) == 64 for d in prov["datasets"])
    assert prov["policy_sha256"] == policy_sha256(a.policy)
    assert prov["policy_overrides"] == {}


def test_overrides_are_the_settings_that_differ_by_dotted_key():
    a = scrisk.assess(example("glove_bid"), policy={"scoring": {"attenuation": 0.8}})
    prov = a.to_dict()["provenance"]
    assert prov["policy_overrides"] == {"scoring.attenuation": 0.8}
    plain = scrisk.assess(example("glove_bid")).to_dict()["provenance"]
    assert prov["policy_sha256"] != plain["policy_sha256"]


def test_the_same_inputs_give_the_same_bytes_with_provenance():
    one = scrisk.assess(example("glove_bid")).to_json()
    two = scrisk.assess(example("glove_bid")).to_json()
    assert one == two and '"provenance"' in one


def test_the_sources_sheet_carries_hashes_version_and_overrides(tmp_path):
    a = scrisk.assess(example("glove_bid"), policy={"scoring": {"attenuation": 0.8}})
    path = a.to_excel(tmp_path / "r.xlsx", lang="fr")
    ws = (
        openpyxl.load_workbook(path)["Sources"]
        if "Sources" in openpyxl.load_workbook(path).sheetnames
        else openpyxl.load_workbook(path).worksheets[-1]
    )
    rows = list(ws.iter_rows(values_only=True))
    sha = {d["id"]: d["sha256"] for d in a.to_dict()["provenance"]["datasets"]}
    by_id = {r[0]: r for r in rows[1:]}
    assert all(by_id[i][6] == h for i, h in sha.items())
    assert by_id["scrisk"][3] == scrisk.__version__
    assert by_id["policy"][6] == a.to_dict()["provenance"]["policy_sha256"]
    assert by_id["policy:scoring.attenuation"][3] == "0.8"
