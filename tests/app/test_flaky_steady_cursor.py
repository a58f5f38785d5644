"""The app's cursor_blink setting holds for every text field, not only the answer's TextArea.

`WizardApp(cursor_blink=False)` (what the snapshot tests use) and DATASHEET_WIZARD_NO_BLINK promise
a steady cursor. The one-line fields (the start screen's name and bank path, the line editor, the
"other" fields, the reason dialog, the review's output path) used to keep Textual's own default
and blink: the start screen's snapshot then showed or hid the name field's cursor depending on how
long the run took (hidden from about 1 s after focus: a slow or busy run failed it).
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.helpers.paths import MINI
from wizard.app.app import WizardApp
from wizard.app.screens import StartScreen
from wizard.bank import load_bank
from wizard.session import Session


def cursor_cell(app: WizardApp, selector: str) -> tuple[str, str]:
    """The first cell of a one-line field as drawn: its character and style (the cursor shows there)."""
    field = app.screen.query_one(selector, Input)
    segment = field.render_line(0)._segments[0]  # noqa: SLF001 - Strip has no public per-cell access
    return segment.text[:1], str(segment.style)


async def test_the_start_screens_cursor_does_not_blink_when_told_not_to():
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.focused is app.screen.query_one("#title")
        # Textual's blink hides the cursor 1 s after focus, shows it 0.5 s later: look across both
        drawn = set()
        for _ in range(6):
            drawn.add(cursor_cell(app, "#title"))
            await pilot.pause(0.3)
        assert len(drawn) == 1, f"the cursor blinked: {drawn}"


async def test_every_text_field_follows_the_apps_blink_setting(tmp_path):
    session = Session.create(load_bank(MINI), "Birds", tmp_path / "birds.datasheet.toml")
    try:
        app = WizardApp(session, cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            seen: list[str] = []

            async def focus_each(selector: str) -> None:
                for field in app.screen.query(selector):
                    if field.can_focus and not field.disabled:
                        field.focus()
                        await pilot.pause()
                        assert field.cursor_blink is False, f"{field!r} blinks"
                        seen.append(field.id or type(field).__name__)

            await focus_each("TextArea")  # purpose
            await pilot.press("ctrl+n")
            await focus_each("Input")  # name: the line editor
            await pilot.press("ctrl+t")  # the reason dialog
            await pilot.pause()
            await focus_each("Input")
            await pilot.press("escape", "ctrl+f")  # the review screen: the output path
            await pilot.pause()
            await focus_each("Input")
        assert {"line", "reason", "output"} <= set(seen), seen
    finally:
        session.close()


@pytest.mark.parametrize("blink", [True, False])
async def test_the_setting_is_the_apps_both_ways(blink):
    """Authors keep Textual's blinking cursor unless they turn it off."""
    app = WizardApp(cursor_blink=blink)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#title", Input)
        assert app.focused.cursor_blink is blink
