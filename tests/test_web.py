"""The web page at the HTTP level (Starlette's TestClient, a real SQLite register):
the pages, escaping of declared text, CSRF and cross-site posts, size limits, the
access token, hosts, error pages and reviewer answers kept in the register."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from scrisk.register import Register  # noqa: E402
from scrisk.web.app import create_app  # noqa: E402
from scrisk.web.uploads import MAX_UPLOAD_BYTES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BASE = "http://127.0.0.1:8765"
SAME = {"origin": BASE}
ENTRY = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"
HOSTILE = "<script>alert('bidder')</script>"


def glove() -> dict:
    return json.loads((EXAMPLES / "glove_bid.json").read_text(encoding="utf-8"))


def make_client(tmp_path: Path, base: str = BASE, **options) -> TestClient:
    app = create_app(register=tmp_path / "register.sqlite", **options)
    return TestClient(app, base_url=base, raise_server_exceptions=False)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def csrf(client: TestClient, path: str = "/") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def upload(client: TestClient, body: bytes, name: str = "bid.json", **fields) -> object:
    return client.post(
        "/assess",
        data={"csrf": csrf(client), **fields},
        files={"declaration": (name, body, "application/octet-stream")},
        headers=SAME,
        follow_redirects=False,
    )


def record(client: TestClient, declaration: dict | bytes, name: str = "bid.json") -> str:
    body = declaration if isinstance(declaration, bytes) else json.dumps(declaration).encode()
    response = upload(client, body, name)
    assert response.status_code == 303, response.text[:1000]
    location = response.headers["location"]
    assert re.fullmatch(r"/records/[0-9a-f-]{36}", location)
    return location


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


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/static/style.css", "/records/nothing"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src" not in headers["content-security-policy"]  # default-src 'none'
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


# -- declared text is data ----------
def test_declared_text_is_always_escaped(client):
    bid = glove()
    bid["parties"][0]["name"] = HOSTILE
    bid["parties"][2]["name"] = '"><img src=x onerror=alert(1)>'
    bid["solicitation"]["title"] = "<b>bold</b>"
    where = record(client, bid)
    for html in (client.get(where).text, client.get("/").text, client.get(where + "?lang=fr").text):
        assert "<script" not in html
        assert "<img src=x" not in html and "<b>bold</b>" not in html
    html = client.get(where).text
    assert "&lt;script&gt;alert(&#39;bidder&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    svg = client.get(where + "/chain.svg").content
    assert b"<script" not in svg


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


# -- cross-site requests ----------
def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(client, tmp_path):
    body = json.dumps(glove()).encode()
    files = {"declaration": ("bid.json", body, "application/json")}
    none = client.post("/assess", files=files, headers=SAME)
    assert none.status_code == 403 and "Refused" in none.text
    wrong = client.post("/assess", data={"csrf": "0" * 64}, files=files, headers=SAME)
    assert wrong.status_code == 403
    other = make_client(tmp_path)  # another browser's token does not fit this session
    stolen = client.post("/assess", data={"csrf": csrf(other)}, files=files, headers=SAME)
    assert stolen.status_code == 403
    assert client.get("/").text.count("<tr>") == 0  # nothing was recorded


def test_a_cross_site_post_is_refused_even_with_a_valid_token(client):
    token = csrf(client)
    body = json.dumps(glove()).encode()
    files = {"declaration": ("bid.json", body, "application/json")}
    for headers in (
        {"origin": "https://attacker.example"},
        {"origin": "null"},
        {"referer": "https://attacker.example/page"},
        {},  # neither Origin nor Referer
    ):
        response = client.post("/assess", data={"csrf": token}, files=files, headers=headers)
        assert response.status_code == 403, headers
    ok = client.post(
        "/assess",
        data={"csrf": token},
        files=files,
        headers={"referer": BASE + "/"},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_the_session_cookie_is_httponly_and_samesite_strict(client):
    cookie = client.get("/").headers["set-cookie"]
    assert cookie.startswith("scrisk_session=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie


def test_a_host_name_other_than_loopback_is_refused_on_loopback(client):
    rebound = client.get("/", headers={"host": "attacker.example:8765"})
    assert rebound.status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200


# -- size limits ----------
def test_uploads_are_bounded_by_the_readers_limits():
    from scrisk.readers.json_reader import MAX_JSON_BYTES
    from scrisk.xlsx_io import MAX_UNCOMPRESSED_BYTES

    assert MAX_JSON_BYTES < MAX_UPLOAD_BYTES <= MAX_UNCOMPRESSED_BYTES + 64 * 1024


def test_an_oversized_upload_is_refused_with_413_and_the_server_lives_on(tmp_path):
    client = make_client(tmp_path, max_upload=20_000)
    token = csrf(client)
    big = b"{" + b" " * 50_000 + b"}"
    declared = client.post(
        "/assess",
        data={"csrf": token},
        files={"declaration": ("big.json", big, "application/json")},
        headers=SAME,
    )
    assert declared.status_code == 413 and "File too large" in declared.text

    def chunks():  # no Content-Length: refused while the body streams in
        yield b'--x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + token.encode()
        for _ in range(100):
            yield b"\r\n" + b"a" * 1_000

    streamed = client.post(
        "/assess",
        content=chunks(),
        headers={**SAME, "content-type": "multipart/form-data; boundary=x"},
    )
    assert streamed.status_code == 413 and "File too large" in streamed.text
    assert client.get("/").status_code == 200
    small = upload(client, json.dumps(glove()).encode())
    assert small.status_code == 303


# -- the access token ----------
TOKEN = "correct-horse-battery-staple-42"


def test_with_a_token_every_page_needs_the_login(tmp_path):
    client = make_client(tmp_path, token=TOKEN)
    first = client.get("/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/login"
    assert client.get("/records/x", follow_redirects=False).status_code == 303
    assert client.post("/assess", headers=SAME).status_code == 401
    login = client.get("/login")
    assert login.status_code == 200 and 'type="password"' in login.text
    token = csrf(client, "/login")
    bad = client.post("/login", data={"csrf": token, "token": "guess"}, headers=SAME)
    assert bad.status_code == 401 and "not the right one" in bad.text
    ok = client.post(
        "/login", data={"csrf": token, "token": TOKEN}, headers=SAME, follow_redirects=False
    )
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"]
    assert cookie.startswith("scrisk_auth=") and TOKEN not in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/").status_code == 200
    fresh = make_client(tmp_path, token=TOKEN)  # another browser: not logged in
    assert fresh.get("/", follow_redirects=False).status_code == 303


def test_over_https_the_login_cookie_is_secure(tmp_path):
    client = make_client(tmp_path, token=TOKEN, base="https://127.0.0.1:8765")
    token = csrf(client, "/login")
    ok = client.post(
        "/login",
        data={"csrf": token, "token": TOKEN},
        headers={"origin": "https://127.0.0.1:8765"},
        follow_redirects=False,
    )
    assert "Secure" in ok.headers["set-cookie"]


# -- errors ----------
def test_unknown_pages_and_records_are_404_pages(client):
    for path in (
        "/nowhere",
        "/records/not-an-id",
        "/records/" + "0" * 8 + "-0000-0000-0000-" + "0" * 12,
        "/solicitation?id=none",
        "/static/../pyproject.toml",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in response.text and "Traceback" not in response.text


def test_a_failure_inside_is_a_500_page_without_a_traceback(tmp_path):
    from sqlalchemy import text

    client = make_client(tmp_path)
    register = client.app.state.site.records.register
    with register.engine.begin() as conn:  # a register broken underneath the server
        conn.execute(text("DROP TABLE awards"))
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text and "awards" not in response.text


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


# -- the command ----------
def test_serve_refuses_a_network_address_without_a_token(monkeypatch, capsys, tmp_path):
    from scrisk.cli import main

    monkeypatch.delenv("SCRISK_SERVE_TOKEN", raising=False)
    register = str(tmp_path / "r.sqlite")
    assert main(["serve", "--host", "0.0.0.0", "--register", register]) == 2
    assert "SCRISK_SERVE_TOKEN" in capsys.readouterr().err
    monkeypatch.setenv("SCRISK_SERVE_TOKEN", "short")
    assert main(["serve", "--host", "0.0.0.0", "--register", register]) == 2
    assert "too short" in capsys.readouterr().err
    assert not (tmp_path / "r.sqlite").exists()  # refused before anything was opened


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
        ("::", False),
    ],
)
def test_which_addresses_are_loopback(host, loopback):
    from scrisk.cli.serve import is_loopback

    assert is_loopback(host) is loopback


# -- contrast (WCAG 2.1 AA: 4.5:1 for text) ----------
def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_badges_and_text_meet_wcag_aa_contrast():
    css = (ROOT / "scrisk" / "web" / "static" / "style.css").read_text(encoding="utf-8")
    fills = re.findall(
        r"\.(?:level|status)-[a-z_]+(?:, \.status-[a-z_]+)? \{ background: (#[0-9a-f]{6})", css
    )
    assert len(fills) >= 9
    for fill in fills:  # white bold text on every level and status badge
        assert contrast("#ffffff", fill) >= 4.5, fill
    variables = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6})", css))
    assert contrast(variables["ink"], variables["paper"]) >= 7
    assert contrast(variables["muted"], variables["band"]) >= 4.5
    assert contrast(variables["accent"], variables["paper"]) >= 4.5
    assert contrast("#e1e6ec", "#26374a") >= 4.5  # the tagline on the banner
    assert contrast("#8a1c1c", "#fbeaea") >= 4.5  # faults
    assert contrast(variables["ink"], "#fff6d6") >= 4.5  # data warnings


@pytest.mark.skipif(
    not all(hasattr(Register, n) for n in ("add_evidence", "open_action", "callups")),
    reason="the register keeps no evidence or actions yet (the contract's life, issue 24)",
)
def test_the_contract_page_shows_its_suppliers_evidence_and_its_actions(client):
    where = record(client, glove())
    rid = where.rsplit("/", 1)[1]
    client.post(
        where + "/award",
        data={"csrf": csrf(client, where), "contract": "EN578-211087/001/ZF", "on": "2021-12-15"},
        headers=SAME,
    )
    register = client.app.state.site.records.register
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
    assert "<script" not in html
