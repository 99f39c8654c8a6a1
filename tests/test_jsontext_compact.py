"""jsontext.compact: the register's stored JSON, byte for byte json.dumps's compact text.

orjson writes some floats unlike Python's repr (0.00001 for 1e-05, 1.5e-7 for 1.5e-07);
compact must then fall back to json.dumps. Hex digests, which hold "1e5"-like text inside
strings, must not send every document to the slow path.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from scrisk import jsontext
from scrisk.jsontext import compact


def _reference(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1e-05},
        {"a": [1.5e-07, 2]},
        [1e16],
        1e-05,
        -2.5e-10,
        {"z": 0.0001, "y": 0.00012, "x": 0.000099},
        {"w": [1, 2.5, 3e20, -1e22]},
        {"text": "a:1e5,", "sha256": "1e5abc3e-5"},
        {"é": "ü", "b": None, "a": True},
        [5e-324, 1.7976931348623157e308, 1e300, 1e16, 1e15, 123456789.125, 0.1, -0.0],
        {"id": "0e-4a1b-ee+1", "n": 1e-4},
        "text",
        7,
    ],
)
def test_compact_is_json_dumps_text(value: object) -> None:
    assert compact(value) == _reference(value)


def test_hex_digests_take_the_fast_path() -> None:
    doc = {"sha256": "0123456789abcdef1e5" * 3, "score": 12.5, "parties": [{"id": "P1e5"}]}
    raw = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
    assert not jsontext._orjson_differs(raw)
    assert compact(doc) == _reference(doc)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2, "b": [1.0, -0.0, 1e-07, 0.1, 2.5e300]}',
        "[12345678901234567890123]",
        "[-99999999999999999999]",
        "[NaN, Infinity]",
        '["\\ud800", "é"]',
        "\ufeff[1]",
        "[1e400]",
    ],
)
def test_loads_reads_what_json_loads_reads(text: str) -> None:
    expected = repr(json.loads(text.removeprefix("\ufeff")))
    assert repr(jsontext.loads(text.encode("utf-8", "surrogatepass"))) == expected
    assert repr(jsontext.loads(text.removeprefix("\ufeff"))) == expected


def _indented(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1e-05},
        {"a": [1.5e-07, 2]},
        [1e16],
        {"nested": {"list": [0.00001, {"x": -2.5e-10}]}},
        {"z": 0.0001, "y": 0.00012, "x": 0.000099},
        {"w": [1, 2.5, 3e20, -1e22]},
        {"text": "a: 1e-5,", "sha256": "1e5abc3e-5"},
        {"é": "ü", "b": None, "a": True, "e": [], "o": {}},
        [5e-324, 1.7976931348623157e308, 1e300, 1e16, 1e15, 123456789.125, 0.1, -0.0],
        {1: "a non-text key"},
        {"big": 12345678901234567890123},
        {"lone": "\ud800"},
        "text",
        7,
    ],
)
def test_dumps_finite_is_json_dumps_text(value: object) -> None:
    """``finite=True`` skips only the search for NaN: every other difference of orjson's
    text is still found, and json.dumps writes the value."""
    assert jsontext.dumps(value, finite=True) == _indented(value)
    assert jsontext.dumps(value) == _indented(value)


def test_dumps_finite_of_an_assessment_document() -> None:
    from pathlib import Path

    import scrisk

    bid = Path(__file__).resolve().parent.parent / "examples" / "apparel_bid.json"
    doc = scrisk.assess(str(bid)).to_dict()
    assert jsontext.dumps(doc, finite=True) == _indented(doc)


def _documents() -> list[Any]:
    """Typed documents of the examples, and one holding floats orjson writes otherwise."""
    import dataclasses
    from pathlib import Path

    import scrisk

    examples = Path(__file__).resolve().parent.parent / "examples"
    docs = [
        scrisk.assess(str(examples / name)).document("en")
        for name in ("glove_bid.json", "apparel_bid.json", "clean_bid.json")
    ]
    return [*docs, dataclasses.replace(docs[0], score=1e-05, extra={"x": {"y": [1.5e-07]}})]


def test_typed_json_is_the_text_of_the_plain_copy() -> None:
    """A typed document written through part_fields: compact's and dumps's bytes."""
    from scrisk.assessment.document_part import part_fields

    for doc in _documents():
        as_dict = doc.to_dict()
        assert jsontext.typed_json(doc, part_fields) in (None, compact(as_dict))
        assert jsontext.typed_json(doc, part_fields, indent=True) in (None, _indented(as_dict))
    glove = _documents()[0]
    assert jsontext.typed_json(glove, part_fields) == compact(glove.to_dict())
    odd = _documents()[-1]
    assert jsontext.typed_json(odd, part_fields) is None  # 1e-05: written by json.dumps
    assert jsontext.typed_json({1: "a non-text key"}, part_fields) is None


def test_a_typed_row_is_the_row_of_the_plain_copy() -> None:
    from scrisk.register.rows import document_row, typed_document_row

    for doc in _documents():
        kw = {"declaration": "d" * 64, "root": "r", "rescreen": "s"}
        typed = typed_document_row(doc, **kw)
        plain_row = document_row(doc.to_dict(), **kw)
        for row in (typed, plain_row):
            del row["id"], row["recorded_at"]
        assert typed == plain_row


def test_words_with_e_minus_take_the_fast_path_and_exponents_do_not() -> None:
    """Words such as "re-screen", "one-off" or "e+" are passed over (no digit before
    the "e"); a float in exponent form, even beside such words, is found."""
    words = {"note": "re-screen the one-off case, type e+ and e- here", "n": 2.5}
    raw = json.dumps(words, sort_keys=True, separators=(",", ":")).encode()
    assert not jsontext._orjson_differs(raw)
    assert compact(words) == _reference(words)
    for odd in ({**words, "x": 1e-07}, {**words, "x": [3e20]}, {**words, "x": 0.00001}):
        assert compact(odd) == _reference(odd)
        assert jsontext.dumps(odd) == _indented(odd)


def test_typed_json_as_an_array_item_is_the_item_of_dumps_of_a_list() -> None:
    """``item=True``: each document as ``dumps([...])`` holds it (the streamed batch)."""
    from scrisk.assessment.document_part import part_fields

    docs = _documents()
    items = [jsontext.typed_json(doc, part_fields, indent=True, item=True) for doc in docs[:3]]
    plain = [doc.to_dict() for doc in docs[:3]]
    assert "[\n" + ",\n".join(str(i) for i in items) + "\n]\n" == _indented(plain)
    assert jsontext.typed_json(docs[-1], part_fields, indent=True, item=True) is None


def test_the_float_scan_finds_what_a_regular_expression_finds() -> None:
    """``_may_hold_unlike_float`` (substring searches) says yes exactly where a digit stands
    before "e-" or "e+", or "0.0000" is there: texts built from the bytes that matter."""
    import itertools
    import random
    import re

    reference = re.compile(rb"[0-9]e[-+]|0\.0000")
    rng = random.Random(25)
    alphabet = [b"0", b"1", b"e", b"-", b"+", b".", b"a", b'"', b","]
    texts = [b"".join(p) for n in range(1, 5) for p in itertools.product(alphabet, repeat=n)]
    texts += [b"".join(rng.choices(alphabet, k=rng.randint(5, 60))) for _ in range(20_000)]
    texts += [b"e-1", b"1e-", b"ee-1", b"1ee-", b"x0.0000", b"1e+", b"+e1", b"re-screen 1e+"]
    for text in texts:
        assert jsontext._may_hold_unlike_float(text) == bool(reference.search(text)), text
        # the scan of long texts (a document), as an array, on the same bytes
        assert jsontext._float_scan_array(text) == bool(reference.search(text)), text


@pytest.mark.parametrize("piece", [None, 64, 8])
def test_the_array_scan_of_long_texts_finds_what_a_regular_expression_finds(
    piece, monkeypatch
) -> None:
    """Texts past ``_SCAN_AS_ARRAY`` bytes (scanned as numpy arrays, in pieces; small
    pieces put hits across their edges): the hit at the very start, the very end, or
    nowhere, among thousands of "e" and "." that are no hit."""
    if piece is not None:
        monkeypatch.setattr(jsontext, "_SCAN_PIECE", piece)
    import random
    import re

    reference = re.compile(rb"[0-9]e[-+]|0\.0000")
    rng = random.Random(7)
    filler = b'{"note":"re-screen the one-off case, 0.000 of 1.5e3 here, 2024-01-15",'
    body = filler * (2 * jsontext._SCAN_AS_ARRAY // len(filler))
    hits = [b"1e-7", b"2e+16", b"0.00001", b"9e-", b"0.0000"]
    texts = [body, body + b"e-", b"-" + body, b"e+" + body, b"0.000" + body + b"0.000"]
    texts += [hit + body for hit in hits] + [body + hit for hit in hits]
    for _ in range(300):
        at = rng.randrange(len(body))
        texts.append(body[:at] + rng.choice(hits) + body[at:])
        texts.append(body[:at] + rng.choice([b"e", b".", b"0.", b"1e", b"x-"]) + body[at:])
    for text in texts:
        assert len(text) >= jsontext._SCAN_AS_ARRAY
        assert jsontext._may_hold_unlike_float(text) == bool(reference.search(text)), text[:80]


@pytest.mark.parametrize("piece", [None, 64, 8])
def test_a_run_of_twenty_digits_is_found_in_short_and_long_texts(piece, monkeypatch) -> None:
    """``holds_long_integer``: a run of 20 digits or more (an integer orjson would read as a
    float), at every offset from an 8-byte boundary, at the start and the end, beside runs
    of 19 and hex digests; long texts are scanned as arrays (in pieces: small ones put
    runs across their edges), short ones by substring."""
    if piece is not None:
        monkeypatch.setattr(jsontext, "_SCAN_PIECE", piece)
    import random
    import re

    reference = re.compile(rb"[0-9]{20}")
    rng = random.Random(20)
    filler = b'{"sha256":"d1ace72db53a5d1d7039af331d2f98441939332448","n":1234567890123456789,'
    texts = []
    for size in (40, 2 * jsontext._SCAN_AS_ARRAY):
        body = (filler * (size // len(filler) + 1))[:size]
        for length in (19, 20, 21, 40):
            run = b"".join(rng.choice(b"0123456789").to_bytes(1, "big") for _ in range(length))
            for at in (
                [0, len(body)] + list(range(1, 17)) + [rng.randrange(len(body)) for _ in range(20)]
            ):
                texts.append(body[:at] + run + body[at:])
            texts += [run, b"x" + run, run + b"x"]
        texts.append(body)
    texts += [b"1" * n for n in range(25)] + [b"1" * 19 + b"a" + b"1" * 19]
    texts.append(b"9" * (jsontext._SCAN_AS_ARRAY + 3))
    for text in texts:
        assert jsontext.holds_long_integer(text) == bool(reference.search(text)), text[:60]


def test_parsed_keys_are_the_names_as_the_reader_gives_them():
    from scrisk.jsontext import loads, parsed_keys

    names = ("parties", "supplies_to", "détail")
    keys = parsed_keys(*names)
    assert keys == names
    read = loads(b'{"parties": 1, "supplies_to": 2, "d\\u00e9tail": 3}')
    assert [read[k] for k in keys] == [1, 2, 3]
    assert parsed_keys("a", "a") == ("a", "a")  # repeated: the names as they are
