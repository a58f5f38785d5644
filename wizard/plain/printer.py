"""What plain mode prints between prompts: plain text or rich styles, never raw bank text to the terminal."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Any, TextIO

from wizard.untrusted import shown


def wants_plain_text(file: TextIO) -> bool:
    """Plain text (no escape codes) when asked (NO_COLOR), when the terminal is dumb, or when not a terminal."""
    if os.environ.get("NO_COLOR"):
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    try:
        return not file.isatty()
    except (AttributeError, ValueError, OSError):
        return True


def quoted(path: Path) -> str:
    """A path as it must be typed in a shell command shown to the author."""
    return shlex.quote(str(path))


class Printer:
    """Everything plain mode prints between prompts; rich styling only where it can show."""

    def __init__(self, file: TextIO | None = None, *, styled: bool | None = None) -> None:
        self.file = file if file is not None else sys.stdout
        self.styled = (not wants_plain_text(self.file)) if styled is None else styled
        self._console: Any = None
        if self.styled:
            from rich.console import Console

            # force_terminal: the caller already decided that styles can show.
            self._console = Console(
                file=self.file, highlight=False, emoji=False, markup=False, force_terminal=True
            )

    def line(self, text: str = "", style: str = "", *, wrap: bool = True) -> None:
        """One paragraph. `wrap=False` for lines holding a path or command, which must copy and paste whole."""
        text = shown(text)  # bank and draft text may carry control sequences: never raw to the terminal
        try:
            if self._console is not None:
                from rich.text import Text

                self._console.print(Text(text, style=style), soft_wrap=not wrap)
            else:
                self.file.write(text + "\n")
                self.file.flush()
        except (OSError, ValueError):  # a closed terminal must not turn a clean exit into a traceback
            pass

    def markdown(self, text: str, *, prefix: str = "") -> None:
        """Guidance is Markdown: rendered where styles show, as written (which reads fine) elsewhere."""
        text = shown(text.strip())
        if not text:
            return
        if self._console is None:
            self.line(prefix + text)
            return
        from rich.markdown import Markdown
        from rich.padding import Padding

        body: Any = Markdown(text)
        if prefix:
            self.line(prefix.strip(), "bold")
            body = Padding(body, (0, 0, 0, 2))
        try:
            self._console.print(body)
        except (OSError, ValueError):
            pass

    def blank(self) -> None:
        self.line()

    def heading(self, text: str) -> None:
        self.blank()
        self.line(text, "bold underline")

    def note(self, text: str, *, wrap: bool = True) -> None:
        self.line(text, "dim", wrap=wrap)

    def warn(self, text: str) -> None:
        self.line(text, "bold yellow")

    def error(self, text: str) -> None:
        self.line(text, "bold red")

    def good(self, text: str, *, wrap: bool = True) -> None:
        self.line(text, "green", wrap=wrap)
