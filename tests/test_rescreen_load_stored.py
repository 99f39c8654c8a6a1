"""``load_stored``: a stored JSON declaration whose bytes still hash to its key is read
without the text walk made when it was recorded; any other bytes are fully validated."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from scrisk.errors import DeclarationError
from scrisk.readers import load_declaration
from scrisk.register.rescreen import load_stored

GLOVE = Path(__file__).resolve().parent.parent / "examples" / "glove_bid.json"


def test_matching_hash_reads_the_same_declaration() -> None:
    body = GLOVE.read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    assert load_stored(body, sha256=sha) == load_declaration(json.loads(body))


def test_bytes_not_matching_their_hash_are_validated_in_full() -> None:
    doc = json.loads(GLOVE.read_bytes())
    doc["parties"][0]["name"] = "Acme \ud800 Ltd"  # a lone surrogate: not Unicode text
    body = json.dumps(doc).encode()
    with pytest.raises(DeclarationError, match="surrogate"):
        load_stored(body, sha256="0" * 64)
    with pytest.raises(DeclarationError, match="surrogate"):
        load_stored(body)
