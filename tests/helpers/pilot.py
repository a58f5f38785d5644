"""Helpers for driving WizardApp in-process with Pilot."""

from __future__ import annotations

import time
from typing import Callable

KEYS = {" ": "space", "\n": "enter"}


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Press one real key per character (letters, digits, space and newline)."""
    await pilot.press(*(KEYS.get(ch, ch) for ch in text))


async def until(pilot, condition: Callable[[], bool], timeout: float = 6.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def saved_label(app) -> str:  # type: ignore[no-untyped-def]
    screen = app.question_screen
    return screen.query_one("#bottom").saved_text if screen is not None else ""


def editor_text(app, qid: str = "purpose") -> str:  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    return app.question_screen.query_one(f"#editor-{qid}").query_one("#text", TextArea).text


def help_source(app) -> str:  # type: ignore[no-untyped-def]
    """The Markdown the open help screen shows (one Rich renderable: its source is `markup`)."""
    return app.screen.query_one("#help-text").content.markup
