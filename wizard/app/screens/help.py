"""f1: every key, where the draft lives, and what the questionnaire is."""

from __future__ import annotations

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from wizard.app.dialogs.base import Dialog
from wizard.app.keys import bindings_for
from wizard.session import Session
from wizard.untrusted import shown


class HelpScreen(Dialog[None]):
    """The keys come from the app (`keys`: key and what it does); the draft's facts from the session."""

    BINDINGS = bindings_for("help")

    def __init__(self, session: Session | None, keys: list[tuple[str, str]]) -> None:
        super().__init__(classes="help-screen")
        self.session = session
        self.keys = keys

    def compose(self) -> ComposeResult:
        # a list, not a table: at 80x24 a bordered table showed five keys before the fold
        lines = [f"- `{key}`: {what}" for key, what in self.keys] + [""]
        lines += [
            "Every key works while you type. Answers save themselves within a second; ",
            "you can stop at any time and `datasheet-wizard resume` brings you back here.",
        ]
        if self.session is not None:
            bank, draft = self.session.bank, self.session.draft
            lines += ["", "## This draft", "", f"- **Draft file:** `{self.session.path}`"]
            lines += [f"- **Questionnaire:** {bank.title}, version {bank.version}"]
            if bank.source:
                lines += [f"- **Source:** {bank.source}"]
            if bank.path is not None:
                lines += [f"- **Bank file:** `{bank.path}`"]
            lines += [f"- **Started:** {draft.created:%Y-%m-%d %H:%M} UTC"]
        with VerticalScroll(classes="dialog wide-dialog", id="help-dialog"):
            yield Label("Help · Esc to close", classes="dialog-title")
            # one Rich renderable, not Textual's Markdown widget: a widget per list item made help the
            # slowest screen to open (1.2x the app's own time to its first question)
            yield Static(RichMarkdown(shown("\n".join(lines)), hyperlinks=False), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
