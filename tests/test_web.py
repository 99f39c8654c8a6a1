"""The web page at the HTTP level (Starlette's TestClient, a real SQLite register):
the pages, faults of an upload, reviewer answers kept in the register, the
comparison, the award and re-screens, the contract's life."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from web_support import (
    ENTRY,
    EXAMPLES,
    SAME,
    TestClient,
    csrf,
    glove,
    make_client,
    record,
    upload,
)

from scrisk.register.callups import callup


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


# -- the pages ----------
def test_home_page_is_accessible_and_offers_french(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="en">' in html
    assert 'class="skip" href="#main"' in html and 'id="main"' in html
    assert '<label for="declaration">' in html and 'id="declaration"' in html
    assert '<label for="as_of">' in html and '<label for="stage">' in html
    assert ">Français</a>" in html and 'href="/?lang=fr"' in html
    french = client.get("/?lang=fr").text
    assert '<html lang="fr">' in french and ">English</a>" in french
    assert "Évaluer une soumission" in french


def test_an_uploaded_bid_shows_its_verdict_why_clauses_flags_and_evidence(client):
    where = record(client, glove())
    html = client.get(where).text
    verdict = html.index("Critical risk, score 92.3 out of 100")
    assert verdict < html.index("Clauses") < html.index("Flags and their evidence")
    assert "Party on a forced-labour enforcement list" in html  # why
    assert "A3006T Ethical procurement certification" in html  # clause matrix
    # every flag with its evidence: source, edition, jurisdiction, record, score
    assert "CBP Withhold Release Orders and Findings (19 U.S.C. 1307)" in html
    assert "CBP file of 2026-06-23 + compiled lifted orders" in html
    assert "<td>US</td>" in html and ENTRY in html and "100.0" in html
    assert "Data warnings" in html and "Flags are risk indicators" in html  # disclaimer
    assert "Next steps" in html
    picture = client.get(where + "/chain.svg")
    assert picture.status_code == 200
    assert picture.headers["content-type"].startswith("image/svg+xml")
    assert picture.content.lstrip().startswith((b"<?xml", b"<svg"))
    assert f'<img src="{where}/chain.svg"' in html  # an image: no script in it can run


def test_the_record_page_in_french(client):
    where = record(client, glove())
    html = client.get(where + "?lang=fr").text
    assert '<html lang="fr">' in html
    assert "Risque critique, note de 92,3 sur 100" in html
    assert "Correspondances de nom" in html and ">English</a>" in html
    assert f'href="{where}/report.xlsx?lang=fr"' in html


def test_downloads_are_made_from_the_stored_record_with_safe_headers(client):
    where = record(client, glove())
    js = client.get(where + "/report.json")
    assert js.status_code == 200
    assert js.headers["content-disposition"] == (
        'attachment; filename="scrisk-EN578-211087_A-B-en.json"'
    )
    assert js.headers["x-content-type-options"] == "nosniff"
    doc = json.loads(js.content)
    assert doc["format"] == "scrisk-assessment/1" and doc["risk_level"] == "critical"
    assert doc == json.loads(client.get(where + "/report.json").content)  # reproducible
    fr = json.loads(client.get(where + "/report.json?lang=fr").content)
    assert fr["lang"] == "fr"
    xlsx = client.get(where + "/report.xlsx?lang=fr")
    assert xlsx.status_code == 200 and xlsx.content[:4] == b"PK\x03\x04"
    assert xlsx.headers["content-disposition"].endswith('-fr.xlsx"')


def test_a_bad_declaration_lists_every_fault_naming_the_file_as_sent(client):
    bid = glove()
    bid["parties"][1]["role"] = "wizard"
    bid["parties"][2]["supplies_to"] = ["NOBODY"]
    response = upload(client, json.dumps(bid).encode(), name="<i>bid.json")
    assert response.status_code == 400
    html = response.text
    assert "&lt;i&gt;bid.json" in html and "<i>bid" not in html
    assert "wizard" in html and "NOBODY" in html
    assert html.count("<li>") >= 2
    assert "declaration.json" not in html  # the private file name is never shown
    broken = upload(client, b"{not json", name="broken.json")
    assert broken.status_code == 400 and "not valid JSON" in broken.text


def test_an_upload_without_a_file_or_with_a_bad_date_is_refused_with_a_message(client):
    response = upload(client, json.dumps(glove()).encode(), as_of="31/12/2021")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text
    empty = client.post("/assess", data={"csrf": csrf(client)}, headers=SAME)
    assert empty.status_code == 400 and "Choose a declaration file" in empty.text


# -- reviewer answers, comparison, award ----------
def answer(client: TestClient, where: str, decision: str, reviewer: str = "A. Tremblay", **extra):
    return client.post(
        where + "/decisions",
        data={
            "csrf": csrf(client, where),
            "party": "M1",
            "entry_id": ENTRY,
            "decision": decision,
            "reviewer": reviewer,
            "comment": "different company <b>",
            **extra,
        },
        headers=SAME,
        follow_redirects=False,
    )


def test_a_name_match_answered_on_the_page_applies_at_once_and_in_later_bids(client):
    where = record(client, glove())
    assert "Party on a forced-labour enforcement list" in client.get(where).text
    done = answer(client, where, "not_a_match")
    assert done.status_code == 303 and done.headers["location"] == where + "#matches"
    html = client.get(where).text
    assert "Party on a forced-labour enforcement list" not in html  # the WATCHLIST flag
    assert "Reviewed: not a match, by A. Tremblay" in html
    assert "different company &lt;b&gt;" in html
    history = client.app.state.site.records.register.history()
    (kept,) = history["decisions"]
    assert (kept["decision"], kept["reviewer"], kept["entry_id"]) == (
        "not_a_match",
        "A. Tremblay",
        ENTRY,
    )
    later = glove()  # another bid, another solicitation, the same supplier
    later["solicitation"]["id"] = "EN578-999999/B"
    later["parties"][0]["name"] = "Another Bidder Ltd."
    html = client.get(record(client, later)).text
    assert "Party on a forced-labour enforcement list" not in html
    assert "Reviewed: not a match, by A. Tremblay" in html


def test_an_answer_needs_a_reviewer_and_a_match_of_the_bid(client):
    where = record(client, glove())
    assert answer(client, where, "not_a_match", reviewer="  ").status_code == 400
    assert answer(client, where, "maybe").status_code == 400
    assert answer(client, where, "confirmed", entry_id="UFLPA-nothing").status_code == 400
    assert client.app.state.site.records.register.history()["decisions"] == []


def test_the_solicitation_page_ranks_its_bids_with_why(client):
    record(client, (EXAMPLES / "apparel_bid.xlsx").read_bytes(), "apparel_bid.xlsx")
    record(client, json.loads((EXAMPLES / "clean_bid.json").read_text(encoding="utf-8")))
    record(client, glove())  # another solicitation: not in the ranking
    page = client.get("/solicitation", params={"id": "W8486-220315/A"})
    assert page.status_code == 200
    html = page.text
    assert html.index("Laurentian Workwear Inc.") < html.index("Maple Ridge Uniform Supply Ltd.")
    assert "Northern Shield" not in html
    assert html.count('<td class="num">') == 4  # rank and score of two bids
    assert "critical" in html and "low" in html


def test_an_award_and_a_rescreen_show_on_the_contract_page(client):
    where = record(client, glove())
    rid = where.rsplit("/", 1)[1]
    token = csrf(client, where)
    awarded = client.post(
        where + "/award",
        data={"csrf": token, "contract": "EN578-211087/001/ZF", "on": "2021-12-15"},
        headers=SAME,
        follow_redirects=False,
    )
    assert awarded.status_code == 303 and awarded.headers["location"] == f"/contracts/{rid}"
    page = client.get(f"/contracts/{rid}").text
    assert "Contract EN578-211087/001/ZF" in page and "Not re-screened yet." in page
    again = client.post(
        where + "/award",
        data={"csrf": token, "contract": "X-2", "on": "2021-12-16"},
        headers=SAME,
    )
    assert again.status_code == 400 and "already contract" in again.text
    screened = client.post(
        "/rescreen",
        data={"csrf": token, "as_of": "2024-01-15", "back": rid},
        headers=SAME,
        follow_redirects=False,
    )
    assert screened.status_code == 303 and screened.headers["location"] == f"/contracts/{rid}"
    page = client.get(f"/contracts/{rid}").text
    assert "Re-screen as of 2024-01-15" in page
    assert "changed" in page  # the Supermax order modified in 2023: what changed and why
    fr = client.get(f"/contracts/{rid}?lang=fr").text
    assert "Nouvelle vérification en date du 2024-01-15" in fr


def test_the_contract_page_shows_its_suppliers_evidence_and_its_actions(client):
    where = record(client, glove())
    rid = where.rsplit("/", 1)[1]
    client.post(
        where + "/award",
        data={
            "csrf": csrf(client, where),
            "contract": "EN578-211087/001/ZF",
            "on": "2021-12-15",
            "instrument": "standing_offer",
        },
        headers=SAME,
    )
    register = client.app.state.site.records.register
    assert register.history()["records"][0]["instrument"] == "standing_offer"
    callup(register, "EN578-211087/001/ZF", number="CU-0001", on="2022-03-01", value=125000)
    register.add_evidence(
        supplier="Supermax Glove Manufacturing Sdn. Bhd.",
        country="MY",
        kind="certificate",
        issuer="Old Certifier",
        scheme="WRAP",
        valid_from="2019-01-01",
        valid_to="2020-12-31",
    )
    register.add_evidence(
        supplier="Supermax Glove Manufacturing Sdn. Bhd.",
        country="MY",
        kind="audit",
        issuer="SGS <i>",
        scheme="SA8000",
        valid_from="2021-01-01",
        valid_to="2030-12-31",
    )
    register.open_action(
        "EN578-211087/001/ZF",
        flag="WATCHLIST:M1",
        due="2022-01-31",
        owner="A. Tremblay",
        plan="Ask for tracing evidence <script>",
        on="2021-12-16",
    )
    html = client.get(f"/contracts/{rid}").text
    assert "SA8000" in html and "SGS &lt;i&gt;" in html
    assert "WATCHLIST:M1" in html and "Ask for tracing evidence &lt;script&gt;" in html
    assert "overdue" in html  # due 2022-01-31, still open
    assert "CU-0001" in html and "2022-03-01" in html  # the call-up, screened as of its date
    # the expired certificate is listed and says it does not count; the audit does not
    assert html.count("expired: does not count") == 1
    assert html.index("Old Certifier") < html.index("expired: does not count")
    fr = client.get(f"/contracts/{rid}?lang=fr").text
    assert "CU-0001" in fr and "expirée\u00a0: ne compte pas" in fr
    assert "<script" not in html


def test_the_award_form_offers_the_three_instruments_and_refuses_others(client):
    where = record(client, glove())
    page = client.get(where).text
    for kind in ("contract", "standing_offer", "supply_arrangement"):
        assert f'value="{kind}"' in page
    assert "Standing offer" in page and "Offre à commandes" in client.get(where + "?lang=fr").text
    r = client.post(
        where + "/award",
        data={
            "csrf": csrf(client, where),
            "contract": "EN578-211087/002",
            "on": "2021-12-15",
            "instrument": "lease",
        },
        headers=SAME,
    )
    assert r.status_code == 400 and "standing offer" in r.text
    assert client.app.state.site.records.register.history()["records"][0]["contract"] is None
