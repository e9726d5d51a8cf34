"""A jrnl entry's fingerprint never changes: entries imported by any earlier version are still
recognised when the same export is imported again."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from journal.importers.jrnl import _fingerprint

parts = st.none() | st.text() | st.integers() | st.text(alphabet=st.characters(
    min_codepoint=0xD800, max_codepoint=0xDFFF) | st.characters(max_codepoint=0x7F))


def first_version(item):
    """How the first jrnl importer made the key."""
    key = json.dumps([item.get("date"), item.get("time"), item.get("title"), item.get("body")],
                     ensure_ascii=False)
    return "jrnl:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


@given(st.fixed_dictionaries({}, optional={"date": parts, "time": parts, "title": parts,
                                           "body": parts}))
def test_the_same_key_as_the_first_version(item):
    assert _fingerprint(item) == first_version(item)


def test_every_character_alike():
    text = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c <= 0xDFFF)
    item = {"date": "2019-05-04", "time": "18:30", "title": text[:5000], "body": text}
    assert _fingerprint(item) == first_version(item)
