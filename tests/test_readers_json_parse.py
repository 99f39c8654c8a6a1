"""The JSON reader parses with orjson where that gives json.loads's values and no key is
given twice (``_plain_parse``); anything else goes to the parser that finds repeated keys.
Whatever the text, the values are json.loads's and a repeated key is never missed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrisk.errors import DeclarationError
from scrisk.readers.json_reader import _hook, _plain_parse, read_json_file

ROOT = Path(__file__).resolve().parent.parent
GLOVE = ROOT / "examples" / "glove_bid.json"


def _slow(raw: bytes) -> tuple[object, bool]:
    """json.loads's values and whether any object gave a key twice (the reference)."""
    repeated: list[object] = []
    data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_hook(repeated))  # type: ignore[arg-type]
    return data, bool(repeated)


def _agrees(raw: bytes) -> None:
    fast = _plain_parse(raw)
    if fast is None:
        return
    data, repeated = _slow(raw)
    assert not repeated, raw
    assert fast == data and repr(fast) == repr(data)  # 5 and 5.0 differ in repr


def test_a_plain_declaration_is_read_at_once_with_the_same_values():
    raw = GLOVE.read_bytes()
    assert _plain_parse(raw) == json.loads(raw)
    indented = json.dumps(json.loads(raw), indent=2, ensure_ascii=False).encode()
    assert _plain_parse(indented) == json.loads(raw)


@pytest.mark.parametrize(
    "text",
    [
        b'{"a": 1, "a": 2}',
        b'{"p": [{"id": "X", "id": "Y"}]}',
        b'{"k": "\\u003a", "k": "\\u003a"}',  # an escaped colon to make up the count
        b'{"k": ":x", "k": "y"}',
        b'{"k": "\\"", "k": 1}',
        b'{"k" : 1, "k" : 2}',
        b'{"\\u0022": 1, "\\u0022": 2}',
        b'{"a": {"b": 1, "b": {"c": ":", "c": ":"}}}',
    ],
)
def test_a_key_given_twice_is_never_read_at_once(text):
    assert _slow(text)[1]
    assert _plain_parse(text) is None


@pytest.mark.parametrize(
    "text",
    [
        b"\xef\xbb\xbf{}",  # a byte-order mark
        b'{"n": NaN}',
        b'{"n": 1e400}',
        b'{"n": 18446744073709551616}',  # past 64 bits: orjson would read a float
        b'{"s": "\\ud800"}',
        b"[1, 2]",
        b'{"a": "\xff"}',
    ],
)
def test_what_orjson_reads_otherwise_or_refuses_goes_to_json_loads(text):
    assert _plain_parse(text) is None


def test_the_file_reader_still_names_a_repeated_key(tmp_path):
    doc = json.loads(GLOVE.read_bytes())
    text = json.dumps(doc, indent=2)
    text = text.replace('"closing_date":', '"closing_date": "2020-01-01",\n    "closing_date":', 1)
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DeclarationError) as caught:
        read_json_file(path)
    assert any(f.location.path == "$.solicitation.closing_date" for f in caught.value.faults), (
        caught.value.faults
    )


_keys = st.sampled_from(["a", "b", "id", ":", ":a", "a:", '"', "\\", "é", "名", ""])
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from(list(':"\\ ab,{}[]é名\n')), max_size=6)
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.lists(st.tuples(_keys, inner), max_size=4),
    max_leaves=12,
)


def _write(value: object, pretty: bool, ascii_only: bool) -> str:
    """JSON text of ``value``, where a list of (key, value) pairs is an object written
    with every pair, repeated keys included."""
    if isinstance(value, list) and value and all(isinstance(v, tuple) for v in value):
        items = [
            f"{json.dumps(k, ensure_ascii=ascii_only)}: {_write(v, pretty, ascii_only)}"
            for k, v in value  # type: ignore[misc]
        ]
        return "{" + (",\n " if pretty else ",").join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_write(v, pretty, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_keys, _values), max_size=5), st.booleans(), st.booleans())
def test_orjson_is_used_only_where_it_reads_the_same_and_no_key_repeats(pairs, pretty, ascii_only):
    _agrees(_write(pairs or [("a", 1)], pretty, ascii_only).encode("utf-8"))
