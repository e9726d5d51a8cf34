"""The scrubber on 170-odd sentences a peer worker writes: what it must find, what it must leave.

The figures are printed by `bench/scrub_corpus.py` and recorded in bench/README.md; this test
holds the floor, so a change that lets identifiers through or replaces the supervisor's words
fails here with the sentences it got wrong.
"""

from __future__ import annotations

from scrub_corpus import load, measure

from journal.export import scrub


def test_the_corpus_is_large_and_marks_every_kind():
    people, sentences = load()
    assert len(sentences) >= 150 and len(people) >= 5
    kinds = {kind for s in sentences for kind, _, _ in s.expected}
    assert kinds == set(scrub.LABELS)
    assert sum(not s.expected for s in sentences) >= 50  # sentences with nothing to find


def test_recall_first_then_precision():
    m = measure()
    certain = {k: v for k, v in m.by_kind.items() if k != scrub.MAYBE_NAME}
    assert all(caught == expected for caught, expected in certain.values()), m.missed
    assert m.recall >= 0.98, m.missed
    assert m.over_scrubbing <= 0.02 and m.clean_flagged == 0, m.over
