"""Every theme is readable: each colour the app draws text in reaches WCAG AA (4.5:1) against
the background it is drawn on, and the themes are named to the writer in their own words."""

from __future__ import annotations

import pytest
from textual.color import Color

from journal.app import JournalApp
from journal.session.settings import Settings, save_settings
from journal.widgets.themes import TEXT_ON, THEMES

AA = 4.5


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def drawn_on(text: str, background: Color) -> Color:
    """A CSS colour as it shows over `background`: "auto 60%" is Textual's readable black or
    white at that opacity; a colour with alpha is blended."""
    if text.startswith("auto"):
        _, _, alpha = text.partition(" ")
        colour = background.get_contrast_text(float(alpha.rstrip("%") or 100) / 100)
    else:
        colour = Color.parse(text)
    return background + colour


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_text_colour_passes_wcag_aa(tmp_path, theme):
    app = JournalApp(tmp_path)
    app.theme = theme
    variables = app.get_css_variables()
    screen = Color.parse(variables["background"])
    failures = []
    for text, under in TEXT_ON:
        background = screen + Color.parse(variables[under])  # a see-through panel shows the screen
        ratio = contrast(drawn_on(variables[text], background), background)
        if ratio < AA:
            failures.append(f"{text} on {under}: {ratio:.2f}")
    assert failures == [], theme


async def test_ctrl_t_names_the_theme_in_words(tmp_path):
    app = JournalApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "journal-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "journal-light"
        assert [n.message for n in app._notifications] == ["Theme: Light"]
        assert app.session.settings.theme == "journal-light"


def test_a_theme_saved_under_textuals_name_still_applies(tmp_path):
    save_settings(tmp_path, Settings(theme="textual-light"))
    assert JournalApp(tmp_path).theme == "journal-light"


@pytest.mark.parametrize("theme", list(THEMES))
async def test_a_focused_field_stands_out_by_more_than_a_shade(home, theme):
    """A borderless field (the timeline's filter) shows focus by a background at least 1.5:1
    from its own, in lightness, not hue alone (Textual's is a 5% tint)."""
    from conftest import make_store
    from test_app import unlock

    store, _ = make_store(home)
    store.close()
    app = JournalApp(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        app.theme = theme
        field = app.screen.query_one("#filter")
        app.screen.query_one("EntryList").focus()
        await pilot.pause()
        resting = field.background_colors[1]
        field.focus()
        await pilot.pause()
        assert contrast(resting, field.background_colors[1]) >= 1.5
