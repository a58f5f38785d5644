"""The choice dialog: a question with a few labelled answers, one button each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from wizard.app.dialogs.base import Dialog
from wizard.untrusted import shown


class ChoiceDialog(Dialog[str]):
    """Dismissed with the key of the button pressed; Escape picks the last, safest one."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = shown(title)
        self.message = shown(message)
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for i, (key, label) in enumerate(self.choices):
                    yield Button(label, id=f"choice-{key}", variant="primary" if i == 0 else "default")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "choice-").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1][0])
