"""The editors for written answers: multi-line Markdown (text) and one line (line)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from wizard.answers import Answer
from wizard.app.editors.base import AnswerEditor, visible_text
from wizard.app.messages import NextQuestion
from wizard.app.widgets.safe_fields import SafeInput, SafeTextArea


class TextEditor(AnswerEditor):
    """Multi-line Markdown, soft-wrapped; one TextArea per question so undo history survives moves."""

    AREA_ID = "text"

    def compose(self) -> ComposeResult:
        area = SafeTextArea(
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            read_only=self.read_only,
            id="text",
            placeholder="Type your answer (Markdown). ctrl+n: next question",
        )
        area.cursor_blink = self.cursor_blink
        try:
            area.language = "markdown"
        except Exception:  # noqa: BLE001 - highlighting needs textual[syntax]; plain text is fine
            pass
        yield area

    def _show(self, answer: Answer | None) -> None:
        area = self.query_one("#text", TextArea)
        wanted = visible_text(answer)
        if area.text != wanted:
            self._loading = True
            area.load_text(wanted)
            area.move_cursor(area.document.end)  # added words go after the answer, not in front of it
            self._loading = False


    def fit(self, rows: int) -> None:
        area = self.query_one("#text", TextArea)
        if area.styles.max_height is None and rows >= area.outer_size.height:
            return  # the usual case: it fits as the style sheet sizes it (and nothing is laid out again)
        area.styles.max_height = max(rows, 1)



class LineEditor(AnswerEditor):
    """One line (a name, a URL, a number); Enter moves on, as ctrl+n does."""

    def compose(self) -> ComposeResult:
        yield SafeInput(placeholder="Type your answer", id="line", disabled=self.read_only, select_on_focus=False)

    def _show(self, answer: Answer | None) -> None:
        field = self.query_one("#line", Input)
        wanted = visible_text(answer).replace("\n", " ")
        if field.value != wanted:
            self._loading = True
            with field.prevent(Input.Changed):
                field.value = wanted
                field.cursor_position = len(wanted)
            self._loading = False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.send("write_text", event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(NextQuestion())  # Enter on a one-line answer: on to the next question

    def text(self) -> str:
        return self.query_one("#line", Input).value

    def set_text(self, text: str) -> None:
        self.query_one("#line", Input).value = " ".join(text.split("\n"))
