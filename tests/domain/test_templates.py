"""Templates guide and never become content: what is saved of a body started from one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from journal.domain.model import Entry, Kind, Mark
from journal.domain.templates import (
    TEMPLATES,
    has_writing,
    is_untouched_template,
    section_at,
    template_for,
    without_prompts,
)

DRISCOLL = TEMPLATES["driscoll"]
#: A session entry as the template put prompts into the text before they moved out of it.
OLD_INLINE = (
    "## What?\n\nWhat happened? Who was there, what did I do, what did they do?\n\n"
    "## So what?\n\nWhat did it mean? Which values did I live, which did I find hard?\n\n"
    "## Now what?\n\nWhat will I do next time? What do I take to supervision?\n"
)


def entry(**fields) -> Entry:
    return Entry(when=datetime(2026, 3, 1, 12, tzinfo=UTC), kind=Kind.SESSION, **fields)


@pytest.mark.parametrize("template", list(TEMPLATES.values()), ids=list(TEMPLATES))
def test_an_untouched_template_saves_nothing_and_holds_no_prompt(template):
    assert without_prompts(template.text) == ""
    assert is_untouched_template(template.text)
    for section in template.sections:
        assert section.prompt not in template.text  # prompts guide beside the text, never in it
        assert section.line in template.text


def test_empty_sections_are_dropped_and_written_ones_kept_as_written():
    body = DRISCOLL.text.replace("## So what?\n\n", "## So what?\n\nIt meant trust.\nA lot.\n")
    assert without_prompts(body) == "## So what?\n\nIt meant trust.\nA lot.\n"
    assert not is_untouched_template(body)


def test_prompts_written_inline_by_older_versions_are_dropped_on_save():
    assert without_prompts(OLD_INLINE) == ""
    kept = OLD_INLINE.replace("## Now what?\n\n", "## Now what?\n\nRing housing on Monday.\n")
    assert without_prompts(kept) == "## Now what?\n\nRing housing on Monday.\n"


def test_a_prompt_line_is_dropped_only_under_its_own_heading():
    free = "What happened? Who was there, what did I do, what did they do?\nI asked it myself."
    assert without_prompts(free) == free  # no template heading: the writer's text, untouched
    other = "## So what?\n\nWhat happened? Who was there, what did I do, what did they do?\n"
    assert without_prompts(other) == other


def test_text_without_template_headings_is_returned_unchanged():
    for body in ("", "  ", "Plain words.\n\n\n  Indented, trailing spaces   \n", "# My own\n\nx"):
        assert without_prompts(body) == body


def test_text_before_the_first_heading_is_kept():
    body = "A line first.\n\n" + DRISCOLL.text
    assert without_prompts(body) == "A line first.\n"


def test_the_section_at_the_cursor_gives_its_prompt():
    text = DRISCOLL.text
    lines = text.splitlines()
    assert section_at(text, lines.index("## What?") + 1).heading == "What?"
    so_what = section_at(text, lines.index("## So what?") + 1)
    assert so_what.prompt.startswith("What did it mean?")
    assert section_at("free writing\nmore", 1) is None
    assert section_at("", 0) is None
    before = "intro\n" + text
    assert section_at(before, 0) is None


def test_a_heading_two_templates_share_takes_the_prompt_of_the_template_in_use():
    gibbs, johns = TEMPLATES["gibbs"], TEMPLATES["johns"]
    assert section_at(gibbs.text, 1, gibbs).prompt == "What happened?"
    assert section_at(gibbs.text, 1, johns).prompt == "What happened, and what stood out?"


def test_has_writing_is_anything_the_writer_gave():
    assert not has_writing(entry(body=DRISCOLL.text))
    assert has_writing(entry(body=DRISCOLL.text, title="Walk"))
    assert has_writing(entry(body="words"))
    assert has_writing(entry(body=DRISCOLL.text, marks={"hope": Mark.LIVED}))
    assert has_writing(entry(body="", question="Boundaries?"))


def test_each_kind_has_a_template_and_settings_choose_another():
    assert template_for(Kind.SESSION).id == "driscoll"
    assert template_for(Kind.QUICK).text == ""
    assert template_for(Kind.DAILY, {"daily": "johns"}).id == "johns"
