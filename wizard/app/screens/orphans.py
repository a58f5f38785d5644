"""Kept answers: answers whose questions left the bank, or imported text no question took."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Markdown

from wizard.app.dialogs.base import Dialog
from wizard.session import Session
from wizard.untrusted import shown


class OrphansScreen(Dialog[None]):
    """Shown, kept in the draft, never dropped: the author copies what they need."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        parts = ["These answers belong to questions that are no longer in the bank, or are text an import could "
                 "not place on a question. They stay in your draft file untouched; copy what you need into other "
                 "answers.", ""]
        for orphan in self.session.orphans():
            body = orphan.answer.text or (", ".join(orphan.answer.value) if isinstance(orphan.answer.value, tuple)
                                          else orphan.answer.value or "")
            where = orphan.answer.extra.get("imported_from")
            origin = [f"*Imported from {where}*", ""] if isinstance(where, str) else []
            parts += [f"### {orphan.id}", "", *origin, "```text", body, "```", ""]
        with VerticalScroll(classes="dialog wide-dialog"):
            yield Label("Kept answers · Esc to close", classes="dialog-title")
            yield Markdown(shown("\n".join(parts)))

    def action_close(self) -> None:
        self.dismiss(None)
