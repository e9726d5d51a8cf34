"""An untitled entry is listed by the start of its writing, never by a template's heading."""

from __future__ import annotations

from datetime import UTC, datetime

from journal.domain.model import Entry, Kind
from journal.domain.schema import PREVIEW_CHARS, entry_to_record, preview_of, summary_from_record


def test_heading_lines_and_blank_lines_are_skipped():
    body = ("## What?\n\nWe walked to the park and talked about her sister.\n\n"
            "## So what?\nIt helped.")
    assert preview_of(body) == "We walked to the park and talked about her sister. It helped."


def test_every_heading_level_and_indent_up_to_three_spaces_is_a_heading():
    body = "# One\n   ### Three\n###### Six\n#\nThe words"
    assert preview_of(body) == "The words"


def test_a_hash_without_a_space_is_writing_not_a_heading():
    assert preview_of("#hashtag day\nmore") == "#hashtag day more"
    assert preview_of("    # indented four: code") == "# indented four: code"


def test_only_headings_give_no_preview():
    assert preview_of("## What?\n\n## So what?\n") == ""


def test_a_long_text_is_cut_to_the_preview_length():
    words = "word " * 200
    assert preview_of("## What?\n" + words) == words[:PREVIEW_CHARS]


def test_an_untitled_entry_from_a_template_is_listed_by_its_words():
    entry = Entry(when=datetime(2026, 11, 2, 15, 0, tzinfo=UTC), kind=Kind.SESSION,
                  body="## What? What happened?\nWe walked by the canal.\n\n## So what?\nCalm.")
    meta, _ = entry_to_record(entry)
    assert summary_from_record(meta, "e" * 32).label == "We walked by the canal. Calm."


def test_a_belief_shown_alone_ends_as_a_sentence():
    """Trends shows a value's belief without the statements it introduces: not "...and that:"."""
    from journal.present.values import belief_alone

    assert belief_alone("We believe in the reality of recovery for all and that:") == (
        "We believe in the reality of recovery for all.")
    assert belief_alone("Plain belief.") == "Plain belief."
    assert belief_alone("") == ""
