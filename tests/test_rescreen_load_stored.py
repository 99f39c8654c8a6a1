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


@pytest.mark.parametrize("enabled", [True, False])
def test_rescreen_leaves_the_collector_as_it_found_it(tmp_path, enabled) -> None:
    """The collector is held off (heap frozen) over the contracts; the caller's collector
    is back as it was, enabled or not, nothing left frozen."""
    import gc

    import scrisk
    from scrisk.register import rescreen

    with scrisk.open_register(str(tmp_path / "r.sqlite")) as reg:
        rid = reg.record(scrisk.assess(str(GLOVE)), declaration=GLOVE.read_bytes())
        reg.award(rid, contract="C-1", on="2021-12-15")
        (gc.enable if enabled else gc.disable)()
        try:
            report = rescreen(reg, as_of="2024-01-15", workers=1)
            assert gc.isenabled() is enabled
            assert gc.get_freeze_count() == 0
        finally:
            gc.enable()
    assert [c["contract"] for c in report["contracts"]] == ["C-1"]
