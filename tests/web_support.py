"""What the web page's HTTP-level tests share: a client over a real SQLite register,
the CSRF token of its session, an upload as a browser posts it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.testclient import TestClient

from scrisk.web.app import create_app

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
