"""Bank and draft text placed inside Textual markup: controls shown, every bracket literal."""

from __future__ import annotations

from wizard.untrusted import shown


def esc(text: str) -> str:
    """Bank or draft text inside a markup string (a prompt, a title, a path, an OS message)."""
    return shown(text, "markup")
