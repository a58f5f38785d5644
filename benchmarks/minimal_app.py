"""Baseline for the app benchmarks: the smallest Textual app that shows one TextArea.

    python benchmarks/minimal_app.py            # shows "READY-MARKER"; ctrl+q quits

It imports nothing from the wizard, so it measures what Textual itself costs to start,
draw a TextArea and hold it in memory.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import TextArea

MARKER = "READY-MARKER"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        area = TextArea(MARKER, soft_wrap=True, show_line_numbers=False, id="text")
        area.cursor_blink = False
        yield area


if __name__ == "__main__":
    MinimalApp().run()
