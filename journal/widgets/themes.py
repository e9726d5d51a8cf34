"""The app's themes, as the writer names them, each one readable.

Every colour the app draws text in meets WCAG AA (4.5:1) against the background it is drawn
on; `tests/screens/test_themes.py` measures each pair in `TEXT_ON` for every theme. Textual's
own themes fall short in places (the light theme's orange titles and green marks reach 1.5:1,
the dark theme's blue headings 4.1:1), so ours start from them and change those colours only.
Our stylesheets draw text in the `$text-*` colours, never in `$accent` or `$success` themselves,
which are meant for backgrounds and borders. A focused borderless field takes
`$focus-background`, set apart from the field's own background by lightness, not hue alone.
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme


def _from_textual(name: str, ours: str, variables: dict[str, str]) -> Theme:
    base = BUILTIN_THEMES[name]
    return replace(base, name=ours, variables={**base.variables, **variables})


DARK = _from_textual("textual-dark", "journal-dark", {
    "markdown-h1-color": "#57A5E2", "markdown-h2-color": "#57A5E2",
    "markdown-h3-color": "#57A5E2", "focus-background": "#5C4420",
})
LIGHT = _from_textual("textual-light", "journal-light", {
    "text-accent": "#7A4A00", "text-warning": "#7A4A00", "text-success": "#1F5E32",
    "footer-key-foreground": "#004578", "focus-background": "#D9A04A",
})
HIGH_CONTRAST = Theme(
    name="journal-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffaf00",
    error="#ff5f5f",
    dark=True,
    variables={"focus-background": "#5C5C00"},
)
#: The themes a writer can choose, in the order ctrl+t goes through them, by the names they see.
THEMES = {DARK.name: (DARK, "Dark"), LIGHT.name: (LIGHT, "Light"),
          HIGH_CONTRAST.name: (HIGH_CONTRAST, "High contrast")}
THEME_NAMES = {name: words for name, (_, words) in THEMES.items()}
#: Settings saved before the app had its own themes name Textual's.
RENAMED = {"textual-dark": DARK.name, "textual-light": LIGHT.name}

#: (text colour, the background it is drawn on): ours in app.tcss and the widgets' CSS, and the
#: ones Textual's widgets we use draw text in (footer, Markdown headings, placeholders).
TEXT_ON = [
    ("foreground", "background"), ("foreground", "surface"), ("foreground", "panel"),
    ("text-muted", "background"), ("text-muted", "surface"),
    ("text-accent", "background"), ("text-accent", "surface"),
    ("text-error", "background"), ("text-error", "surface"),
    ("text-success", "background"), ("text-warning", "background"),
    ("text-primary", "background"),
    ("markdown-h1-color", "background"), ("markdown-h2-color", "background"),
    ("markdown-h3-color", "background"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("footer-foreground", "footer-background"),
    ("foreground", "focus-background"),
]
