"""The journal's own words are not names: the framework's, the templates', the Support screen's
services and the words the writer marked "not a name" (issue 15), through a real session."""

from __future__ import annotations

import pytest
from conftest import PASSPHRASE, make_store, sample_entry

from journal.domain.filter import EntryFilter
from journal.session.facade import Session

BODY = ("We talked about Mutuality and Empowerment, then wrote it up with Gibbs. I gave him the "
        "number for Bluebell Drop-in and Breathing Space. Later we met Callum at Connect Cafe.")


@pytest.fixture
def session(home):
    store, _ = make_store(home)
    store.add(sample_entry(0, title="Drop-in", body=BODY, flagged=True))
    store.close()
    s = Session(home)
    s.unlock(PASSPHRASE)
    yield s
    s.lock()


def maybes(session: Session) -> list[str]:
    _, review = session.export_choose(EntryFilter(flagged=True), False)
    return [f.text for _, f, _ in review.findings]


def test_the_journals_own_words_pass(session):
    assert maybes(session) == ["Bluebell", "Drop-in", "Callum", "Connect", "Cafe"]
    session.set_support([*session.support(), {"name": "Bluebell Drop-in", "contact": "0141",
                                              "note": ""}])
    assert maybes(session) == ["Callum", "Connect", "Cafe"]
    session.add_not_a_name("Connect Cafe")  # a place: both its words
    assert maybes(session) == ["Callum"]
    session.learn("Callum", as_person=True)
    _, review = session.export_choose(EntryFilter(flagged=True), False)
    assert [(f.text, f.replacement) for _, f, _ in review.findings] == [("Callum", "P1")]
