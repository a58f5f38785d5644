"""Editors that draw control characters as visible pictures: an answer read from a draft may hold
ESC or a bidi override, and the terminal must never receive them raw (SPEC "Untrusted text")."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, TextArea

from wizard.untrusted import pictured


class SafeTextArea(TextArea):
    """A TextArea whose lines are drawn through `pictured` (same length, so the cursor keeps step)."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        plain = line.plain
        safe = pictured(plain)
        if safe is plain:
            return line
        line.plain = safe  # same length: spans (highlighting) stay where they were
        return line


class SafeInput(Input):
    """An Input whose value is drawn through `pictured`."""

    @property
    def _value(self) -> Text:
        text = super()._value
        safe = pictured(text.plain)
        if safe is not text.plain:
            text.plain = safe
        return text
