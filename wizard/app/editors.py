"""One answer editor per question type; each reports edits as a message and keeps no answer of its own."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from wizard.bank import Question
from wizard.draft import Answer

OTHER = "Other…"
UNCHANGED = object()


class AnswerEditor(Vertical):
    """Base for the editors. `load` shows a stored answer; edits go out as `Edited` messages."""

    DEFAULT_CSS = """
    AnswerEditor { height: auto; }
    AnswerEditor .editor-label { color: $text-muted; margin: 1 0 0 0; }
    """

    @dataclass
    class Edited(Message):
        """The author changed the answer. `value` is UNCHANGED for editors that only hold text."""

        question_id: str
        text: str | None
        value: object = UNCHANGED

    def __init__(self, question: Question, *, read_only: bool = False) -> None:
        super().__init__(id=f"editor-{question.id}", classes="answer-editor")
        self.question = question
        self.read_only = read_only
        self._loading = False
        self._pending: tuple[Answer | None] | None = None

    def load(self, answer: Answer | None) -> None:
        """Show `answer`; before the editor's widgets exist, remember it for `on_mount`."""
        if not self.is_mounted or not self.children:
            self._pending = (answer,)
            return
        self._show(answer)

    def on_mount(self) -> None:
        self._apply_pending()

    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        if not self.children:  # composing is not done (or the app is closing): try once more later
            self.call_after_refresh(self._apply_pending)
            return
        answer, = self._pending
        self._pending = None
        self._show(answer)

    def _show(self, answer: Answer | None) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def focus_input(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        for widget in self.query("TextArea, Input, RadioSet, SelectionList"):
            if widget.display and widget.focusable:
                widget.focus()
                return

    def text(self) -> str:
        """The editor's free text (for $EDITOR round-trips)."""
        return ""

    def set_text(self, text: str) -> None:
        """Replace the free text as if the author typed it."""

    def emit(self, text: str | None, value: object = UNCHANGED) -> None:
        if not self._loading and not self.read_only:
            self.post_message(self.Edited(self.question.id, text, value))


def _visible_text(answer: Answer | None) -> str:
    return answer.text if answer is not None and answer.status == "answered" else ""


class TextEditor(AnswerEditor):
    """Multi-line Markdown, soft-wrapped; one TextArea per question so undo history survives moves."""

    def compose(self) -> ComposeResult:
        area = TextArea(
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            read_only=self.read_only,
            id="text",
            placeholder="Type your answer (Markdown). ctrl+n: next question",
        )
        area.cursor_blink = self.app.cursor_blink  # type: ignore[attr-defined]
        try:
            area.language = "markdown"
        except Exception:  # noqa: BLE001 - highlighting needs textual[syntax]; plain text is fine
            pass
        yield area

    def _show(self, answer: Answer | None) -> None:
        area = self.query_one("#text", TextArea)
        wanted = _visible_text(answer)
        if area.text != wanted:
            self._loading = True
            area.load_text(wanted)
            self._loading = False

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._loading:
            self.emit(event.text_area.text)

    def text(self) -> str:
        return self.query_one("#text", TextArea).text

    def set_text(self, text: str) -> None:
        area = self.query_one("#text", TextArea)
        area.replace(text, area.document.start, area.document.end)


class LineEditor(AnswerEditor):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="Type your answer", id="line", disabled=self.read_only)

    def _show(self, answer: Answer | None) -> None:
        field = self.query_one("#line", Input)
        wanted = _visible_text(answer).replace("\n", " ")
        if field.value != wanted:
            self._loading = True
            with field.prevent(Input.Changed):
                field.value = wanted
            self._loading = False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.app.action_next()  # type: ignore[attr-defined]

    def text(self) -> str:
        return self.query_one("#line", Input).value

    def set_text(self, text: str) -> None:
        self.query_one("#line", Input).value = " ".join(text.split("\n"))


class ChoiceEditor(AnswerEditor):
    """A radio list; with `other`, a last "Other…" entry reveals a text field."""

    def compose(self) -> ComposeResult:
        labels = list(self.question.choices)
        if self.question.type == "yesno":
            labels = ["Yes", "No"]
        with RadioSet(id="choices", disabled=self.read_only):
            for i, label in enumerate(labels):
                yield RadioButton(label, id=f"choice-{i}")
            if self.question.other:
                yield RadioButton(OTHER, id="choice-other")
        if self.question.other:
            yield Input(placeholder="Your own answer", id="other", disabled=self.read_only)
        if self.question.type == "yesno":
            yield Label("Explanation (optional, Markdown)", classes="editor-label")
            area = TextArea(soft_wrap=True, tab_behavior="focus", id="explain", read_only=self.read_only)
            area.cursor_blink = self.app.cursor_blink  # type: ignore[attr-defined]
            yield area

    @property
    def values(self) -> list[str]:
        return ["yes", "no"] if self.question.type == "yesno" else list(self.question.choices)

    def _show(self, answer: Answer | None) -> None:
        self._loading = True
        try:
            value = answer.value if answer is not None and answer.status == "answered" else None
            buttons = list(self.query(RadioButton))
            chosen = None
            if isinstance(value, str) and value in self.values:
                chosen = self.values.index(value)
            elif self.question.other and answer is not None and answer.status == "answered" and answer.text and not value:
                chosen = len(self.values)
            for i, button in enumerate(buttons):
                with button.prevent(RadioButton.Changed):
                    button.value = i == chosen
            if self.question.other:
                other = self.query_one("#other", Input)
                with other.prevent(Input.Changed):
                    other.value = (answer.text if chosen == len(self.values) and answer else "").replace("\n", " ")
                other.display = chosen == len(self.values)
            if self.question.type == "yesno":
                area = self.query_one("#explain", TextArea)
                wanted = _visible_text(answer)
                if area.text != wanted:
                    area.load_text(wanted)
        finally:
            self._loading = False

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        index = event.index
        if self.question.other:
            self.query_one("#other", Input).display = index == len(self.values)
        if index < len(self.values):
            text = self.query_one("#explain", TextArea).text if self.question.type == "yesno" else None
            self.emit(text, self.values[index])
        else:
            other = self.query_one("#other", Input)
            self.emit(other.value, None)
            other.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(event.value, None)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._loading:
            self.emit(event.text_area.text)

    def text(self) -> str:
        if self.question.type == "yesno":
            return self.query_one("#explain", TextArea).text
        return self.query_one("#other", Input).value if self.question.other else ""

    def set_text(self, text: str) -> None:
        if self.question.type == "yesno":
            area = self.query_one("#explain", TextArea)
            area.replace(text, area.document.start, area.document.end)
        elif self.question.other:
            self.query_one("#other", Input).value = " ".join(text.split("\n"))


class MultiChoiceEditor(AnswerEditor):
    """A selection list (space toggles); with `other`, a text field for an answer of one's own."""

    def compose(self) -> ComposeResult:
        yield SelectionList[str](
            *(Selection(choice, choice) for choice in self.question.choices), id="choices", disabled=self.read_only
        )
        if self.question.other:
            yield Label("Other (optional)", classes="editor-label")
            yield Input(placeholder="Anything not in the list", id="other", disabled=self.read_only)

    def _show(self, answer: Answer | None) -> None:
        self._loading = True
        try:
            value = answer.value if answer is not None and answer.status == "answered" else None
            chosen = set(value if isinstance(value, tuple) else (value,) if isinstance(value, str) else ())
            listing = self.query_one("#choices", SelectionList)
            with listing.prevent(SelectionList.SelectedChanged):
                listing.deselect_all()
                for choice in self.question.choices:
                    if choice in chosen:
                        listing.select(choice)
            if self.question.other:
                other = self.query_one("#other", Input)
                with other.prevent(Input.Changed):
                    other.value = _visible_text(answer).replace("\n", " ")
        finally:
            self._loading = False

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        order = list(self.question.choices)
        picked = tuple(sorted(event.selection_list.selected, key=order.index))
        self.emit(None, picked or None)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(event.value)

    def text(self) -> str:
        return self.query_one("#other", Input).value if self.question.other else ""

    def set_text(self, text: str) -> None:
        if self.question.other:
            self.query_one("#other", Input).value = " ".join(text.split("\n"))


def editor_for(question: Question, *, read_only: bool = False) -> AnswerEditor:
    kind = {"text": TextEditor, "line": LineEditor, "choice": ChoiceEditor, "yesno": ChoiceEditor, "multichoice": MultiChoiceEditor}
    return kind[question.type](question, read_only=read_only)
