"""The streaming reader of large JSON exports gives exactly what `json.loads` gives, one entry
at a time, whatever the size of the window it reads through, and the same errors with the
line where the file goes wrong."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.importers import jsonstream
from journal.importers.jsonstream import EntryStream, StreamProblem

leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=12)


def entries(data: bytes, chunk: int = jsonstream.CHUNK) -> list:
    return list(EntryStream(io.BytesIO(data), "export.json", "a test export",
                            "export it again", chunk=chunk))


@given(st.lists(values, max_size=6), st.dictionaries(st.text(max_size=5), values, max_size=3),
       st.integers(min_value=1, max_value=64), st.booleans())
def test_the_same_entries_as_json_loads_through_any_window(items, others, chunk, indent):
    document = {**{k: v for k, v in others.items() if k != "entries"}, "entries": items}
    text = json.dumps(document, indent=2 if indent else None, ensure_ascii=bool(chunk % 2))
    assert entries(text.encode("utf-8"), chunk) == json.loads(text)["entries"]


def test_a_byte_order_mark_and_keys_after_the_entries_are_fine():
    data = '\ufeff{"entries": [{"title": "caf\u00e9"}], "tags": {"@x": 1}}'.encode()
    assert entries(data, 3) == [{"title": "caf\u00e9"}]


def test_a_lone_surrogate_is_kept_for_the_importer_to_refuse():
    assert entries(b'{"entries": [{"title": "a\\ud800b"}]}') == [{"title": "a\ud800b"}]


@pytest.mark.parametrize("data, message", [
    (b'{"entries": [\n{"title": "x",}\n]}', "export.json:2: not valid JSON (Expecting property"),
    (b'{"entries": [\n{"a": 1}\n{"b": 2}]}', "export.json:3: not valid JSON (Expecting ','"),
    (b'{"entries": [1, 2]', "not valid JSON"),
    (b'{"entries": []} trailing', "not valid JSON (Extra data)"),
    ('{"entries": [\n\n"caf\xe9"]}'.encode("latin-1"), "export.json:3: not UTF-8 text"),
    (b'{"items": []}', 'not a test export (no "entries" list); export it again'),
    (b'[{"title": "x"}]', 'not a test export (no "entries" list)'),
    (b'{"entries": {"a": 1}}', 'not a test export (no "entries" list)'),
    (b"", 'not a test export (no "entries" list)'),
    (b'{"entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
])
def test_errors_name_the_file_and_line(data, message):
    for chunk in (jsonstream.CHUNK, 5):
        with pytest.raises(StreamProblem) as raised:
            entries(data, chunk)
        assert message in str(raised.value)
