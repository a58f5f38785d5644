"""ctrl+f: the finish line: what is missing (required first), then write the datasheet or export it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Label, ListItem, ListView, Static

from wizard.app.widgets.key_bar import KeyBar
from wizard.app.keys import bindings_for
from wizard.app.markup import esc
from wizard.app.messages import Export, JumpTo, WriteDatasheet
from wizard.app.widgets.outline import question_label
from wizard.app.widgets.safe_fields import SafeInput
from wizard.bank import Question
from wizard.outputs import default_datasheet_path
from wizard.session import Session
from wizard.untrusted import shown


class ReviewScreen(Screen[None]):
    """Selecting a missing question goes there; writing and exporting are the app's, which reports
    back through `show_result`."""

    CSS_PATH = "review.tcss"

    BINDINGS = bindings_for("review")

    def __init__(self, session: Session) -> None:
        super().__init__(classes="review-screen")
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        p = s.progress()
        missing = s.missing()
        yield Header()
        with VerticalScroll(id="review"):
            yield Label(f"Review · {p.done} of {p.total} questions answered", classes="review-title")
            if missing:
                required = sum(1 for q in missing if q.required)
                yield Static(
                    f"{len(missing)} question{'s' if len(missing) != 1 else ''} still open"
                    + (f", [b $error]{required} required[/]" if required else "")
                    + ". Select one to go there.",
                    id="missing-summary",
                )
                yield ListView(
                    *(ListItem(Label(_missing_label(s, q)), name=q.id) for q in missing), id="missing"
                )
            else:
                yield Static("Every question is answered. Well done.", id="missing-summary")
            yield Label("Write the datasheet to", classes="review-label")
            yield SafeInput(str(default_datasheet_path(s.path)), id="output")
            yield Checkbox("Also write HTML next to it", id="html")
            with Horizontal(classes="review-buttons"):
                yield Button("Write datasheet", variant="primary", id="write")
                yield Button("Back to writing", id="back")
            if any(q.export for q in s.bank.questions):  # the bank says where its answers go
                yield Label("Publish: files next to the draft", classes="review-label")
                with Horizontal(classes="review-buttons"):
                    yield Button("Export Croissant", id="export-croissant")
                    yield Button("Export Hugging Face card", id="export-hf")
            yield Static(id="write-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Review and finish"
        missing = self.query("#missing")
        (missing.first() if missing else self.query_one("#write")).focus()

    def on_resize(self) -> None:
        # On a short terminal the fields and buttons lose their borders, so that the list of what is
        # missing and the Write button are in view together on 24 lines.
        compact = self.size.height < 30
        for kind in (Input, Checkbox, Button):
            for widget in self.query_one("#review").query(kind).results(kind):
                widget.compact = compact

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.item.name:
            self.post_message(JumpTo(event.item.name))  # the app closes this screen on its way there

    @on(Button.Pressed, "#back")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#output")
    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        target = Path(self.query_one("#output", Input).value.strip()).expanduser()
        if not str(target):
            return
        also_html = self.query_one("#html", Checkbox).value
        self.post_message(WriteDatasheet(target, also_html, self.show_result))

    @on(Button.Pressed, "#export-croissant")
    def _export_croissant(self) -> None:
        self.post_message(Export("croissant", self.show_result))

    @on(Button.Pressed, "#export-hf")
    def _export_hf(self) -> None:
        self.post_message(Export("hf", self.show_result))

    def show_result(self, message: str, ok: bool) -> None:
        result = self.query_one("#write-result", Static)
        result.update(shown(message, "markup"))  # paths and OS messages: never markup, never raw controls
        result.set_class(not ok, "error")


def _missing_label(session: Session, question: Question) -> str:
    section = session.section_of(question)
    return f"{question_label(session, question, width=70)}  [dim]({esc(section.title)})[/]"
