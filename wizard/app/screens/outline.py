"""ctrl+o: the outline of the whole questionnaire, each question with its state; Enter jumps there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.containers import Vertical
from textual.widgets import Label, Static

from wizard.app.dialogs.base import DIALOG_CSS, Dialog
from wizard.app.keys import bindings_for
from wizard.app.widgets.outline import OutlineTree
from wizard.labels import LEGEND_ORDER, STATE_LABELS
from wizard.session import Session



class Legend(Static):
    """What the marks mean, wrapped between entries only (never a mark apart from its meaning)."""

    ENTRIES = [f"{STATE_LABELS[state].mark} {STATE_LABELS[state].phrase}" for state in LEGEND_ORDER]

    def on_resize(self, event: Resize) -> None:
        lines: list[str] = []
        for entry in self.ENTRIES:
            if lines and len(lines[-1]) + 3 + len(entry) <= event.size.width:
                lines[-1] += "   " + entry
            else:
                lines.append(entry)
        self.update("\n".join(lines))


class OutlineScreen(Dialog[str | None]):
    """Dismissed with the question to show (a section's first visible one), or None."""

    CSS_PATH = [DIALOG_CSS, "outline.tcss"]

    BINDINGS = bindings_for("outline")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        p = self.session.progress()
        with Vertical(classes="dialog wide-dialog", id="outline-dialog"):
            yield Label(f"Outline · {p.done} of {p.total} answered · Enter to jump, Esc to close", classes="dialog-title")
            yield OutlineTree(self.session, label_width=86, id="outline")
            yield Legend("   ".join(Legend.ENTRIES), classes="legend", markup=False)

    def on_mount(self) -> None:
        tree = self.query_one("#outline", OutlineTree)
        tree.refresh_outline()
        tree.focus()

    def on_tree_node_selected(self, event: OutlineTree.NodeSelected[str]) -> None:
        event.stop()
        data = event.node.data
        if data and not data.startswith("section:"):
            self.dismiss(data)
        elif data:
            section = self.session.bank.section(data.removeprefix("section:"))
            visible = self.session.visible_in(section) if section else ()
            if visible:
                self.dismiss(visible[0].id)

    def action_close(self) -> None:
        self.dismiss(None)
