"""Search: every word must appear in what a reader sees, in any case, with or without accents."""

from __future__ import annotations

from conftest import sample_entry

from journal.domain.model import Action, Mark
from journal.domain.search import Query, fold, search, snippet


def titles(store, text):
    return sorted(h.entry.title for h in store.search(text))


def test_search_paths_agree(store):
    long_body = ("Filler words about the week. " * 300) + "The HARMONICA came out at last."
    store.add_many([
        sample_entry(1, title="ascii", body="We played the Harmonica together."),
        sample_entry(2, title="accents", body="Un café près de la gare; harmonica à midi."),
        sample_entry(3, title="compressed", body=long_body),
        sample_entry(4, title="in question", body="Nothing here.", question="harmonica?"),
        sample_entry(5, title="in action", body="Nothing.", actions=[Action("buy a harmonica")]),
        sample_entry(6, title="in tag", body="Nothing.", tags=["harmonica"]),
        sample_entry(7, title="not at all", body="A quiet day."),
    ])
    assert titles(store, "harmonica") == ["accents", "ascii", "compressed", "in action",
                                          "in question", "in tag"]
    assert titles(store, "CAFE gare") == ["accents"]
    assert titles(store, "à midi") == ["accents"]


def test_words_only_in_hidden_fields_do_not_match(store):
    """Value ids, behaviour ids and JSON keys are in the stored record but not in the text."""
    store.add(sample_entry(1, title="marked", body="Plain text.",
                           marks={"empowerment": Mark.LIVED}, checks={}))
    assert titles(store, "empowerment") == []
    assert titles(store, "marks") == []
    assert titles(store, "kind") == []


def test_every_word_must_appear(store):
    store.add(sample_entry(1, title="one", body="boundaries and power"))
    store.add(sample_entry(2, title="two", body="boundaries only"))
    assert titles(store, "power boundaries") == ["one"]
    assert titles(store, "   ") == []


def test_results_are_newest_first_and_deleted_are_left_out(store):
    older = store.add(sample_entry(1, title="older", body="walk"))
    store.add(sample_entry(5, title="newer", body="walk"))
    gone = store.add(sample_entry(3, title="gone", body="walk"))
    store.delete(gone.id)
    assert [h.entry.title for h in store.search("walk")] == ["newer", "older"]
    assert store.search("walk")[1].entry.id == older.id


def test_in_memory_search_matches_the_store(store):
    store.add_many([sample_entry(n, body=f"entry {n} about {'cats' if n % 2 else 'dogs'}")
                    for n in range(10)])
    in_memory = [h.entry.id for h in search(store.entries(), "cats")]
    assert in_memory == [h.entry.id for h in store.search("cats")] and len(in_memory) == 5


def test_fold_and_snippet():
    assert fold("Café ÉCOLE") == "cafe ecole"
    assert Query("Café").terms == ["cafe"]
    text = "word " * 50 + "the harmonica moment " + "word " * 50
    cut = snippet(text, "harmonica", width=40)
    assert "harmonica" in cut and cut.startswith("…") and cut.endswith("…")
    assert " wor…" not in cut  # ends on a word boundary
    assert snippet("short text", "absent") == "short text"
