"""``screen_names`` + ``assess(screened=...)``: screening a batch of declarations once
(as ``rescreen`` does per chunk) gives the same documents as screening each bid alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from scrisk.assessment import assess
from scrisk.assessment.engine import screen_names
from scrisk.policy import load_policy
from scrisk.readers import load_declaration

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BIDS = ("glove_bid.json", "apparel_bid.json", "clean_bid.json")


def _doc(a: object) -> str:
    return json.dumps(a.to_dict("en"), sort_keys=True)  # type: ignore[attr-defined]


def test_batch_screening_gives_the_same_documents() -> None:
    when = date(2024, 1, 15)
    decls = [load_declaration(EXAMPLES / name) for name in BIDS]
    keys = [(p.name or "", p.country_code) for d in decls for p in d.parties]
    screened = screen_names(keys, load_policy(None), when)
    assert len(screened) == len(set(keys))
    assert any(screened.values())  # the glove bid names a listed maker
    for decl in decls:
        alone = assess(decl, as_of=when, stage="contract")
        batched = assess(decl, as_of=when, stage="contract", screened=screened)
        assert _doc(batched) == _doc(alone)


def test_names_missing_from_screened_are_screened_here() -> None:
    when = date(2024, 1, 15)
    decl = load_declaration(EXAMPLES / "glove_bid.json")
    some = screen_names(
        [(p.name or "", p.country_code) for p in decl.parties[:1]], load_policy(None), when
    )
    partial = assess(decl, as_of=when, screened=some)
    assert _doc(partial) == _doc(assess(decl, as_of=when))
    # the listed maker is found though it was not in ``screened``
    assert set(partial.matches) - {decl.parties[0].id}
