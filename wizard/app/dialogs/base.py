"""What every dialog shares: a dimmed screen behind a centred panel, styled by dialogs.tcss."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual.events import Resize
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")

#: An absolute path: Textual resolves a relative CSS_PATH beside the subclass's own module, and the
#: screens that look like dialogs (outline, help, kept answers) live in wizard/app/screens/.
DIALOG_CSS = str(Path(__file__).with_name("dialogs.tcss"))


class Dialog(ModalScreen[ResultType]):
    """A modal panel; subclasses compose a `Vertical(classes="dialog")` (or a scrolling one)."""

    CSS_PATH = DIALOG_CSS

    def __init__(self, *, classes: str = "") -> None:
        super().__init__(classes=f"dialog-screen {classes}".strip())

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < 30, "short")  # less padding: a 24-line terminal shows more
