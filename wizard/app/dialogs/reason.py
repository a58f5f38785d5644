"""The reason dialog: an optional reason when marking a question not applicable or unknown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from wizard.app.dialogs.base import Dialog
from wizard.app.widgets.safe_fields import SafeInput
from wizard.untrusted import shown


class ReasonDialog(Dialog[str | None]):
    """Ask for an optional reason; None when the author cancels (the mark is not made)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str = "") -> None:
        super().__init__()
        self.title_text = shown(title)
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield SafeInput(self.default, placeholder="Reason (optional), Enter to confirm", id="reason")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Mark", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
