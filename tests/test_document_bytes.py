"""The assessment JSON keeps its bytes: digests taken from the dict-built document.

``tests/fixtures/document_digests.json`` holds the SHA-256 of ``to_json(lang)`` for
every example in both languages (and a bid with applied and unapplied
decisions), taken before the document became a typed object. Regenerate only
for an intended change of the document:

    SCRISK_TODAY=2026-12-01 python tests/test_document_bytes.py \
        > tests/fixtures/document_digests.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

import scrisk

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
DIGESTS = ROOT / "tests" / "fixtures" / "document_digests.json"
TODAY = "2026-12-01"  # freshness warnings depend on "today"
DECISIONS = {
    ("M1", "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"): "not a match",
    ("Z9", "some-entry"): "confirmed",  # no such party: listed as unapplied
}


def _cases() -> list[tuple[str, Path, dict | None]]:
    out: list[tuple[str, Path, dict | None]] = [(p.stem, p, None) for p in EXAMPLES]
    glove = next(p for p in EXAMPLES if p.stem == "glove_bid")
    out.append(("glove_bid+decisions", glove, DECISIONS))
    return out


def _digest(path: Path, decisions: dict | None, lang: str) -> str:
    a = scrisk.assess(path, decisions=decisions) if decisions else scrisk.assess(path)
    return hashlib.sha256(a.to_json(lang).encode("utf-8")).hexdigest()


CASES = _cases()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_document_json_keeps_its_bytes(case, lang, monkeypatch):
    monkeypatch.setenv("SCRISK_TODAY", TODAY)
    name, path, decisions = case
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))[f"{name}/{lang}"]
    assert _digest(path, decisions, lang) == expected


if __name__ == "__main__":  # pragma: no cover - regenerates the digests
    found = {
        f"{name}/{lang}": _digest(path, decisions, lang)
        for name, path, decisions in CASES
        for lang in ("en", "fr")
    }
    sys.stdout.write(json.dumps(found, indent=2, sort_keys=True) + "\n")
