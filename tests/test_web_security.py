"""The web page's defences at the HTTP level: security headers, escaping of declared
text, CSRF and cross-site posts, hosts, size limits, the access token, error pages,
the command's refusal off loopback, and WCAG AA contrast of the style sheet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from web_support import (
    BASE,
    HOSTILE,
    ROOT,
    SAME,
    TestClient,
    csrf,
    glove,
    make_client,
    record,
    upload,
)

from scrisk.web.uploads import MAX_UPLOAD_BYTES


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


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
