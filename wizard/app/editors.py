"""One answer editor per question type; each reports edits as a message and keeps no answer of its own."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, TextArea

from wizard.answers import Answer, Status
from wizard.bank import Question, QuestionType

# What an editor may ask the session to do: the session's intent-level edits (wizard.answers).
INTENTS = frozenset({"write_text", "choose", "choose_other", "tick", "explain"})


class AnswerEditor(Vertical):
    """Base for the editors. `load` shows a stored answer; edits go out as `Edited` messages."""

    DEFAULT_CSS = """
    AnswerEditor { height: auto; }
    AnswerEditor .editor-label { color: $text-muted; margin: 1 0 0 0; }
    """

    @dataclass
    class Edited(Message, bubble=False):
        """The author did something to the answer: `intent` names the session's edit, `payload` its argument."""

        question_id: str
        intent: str
        payload: object

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

    @property
    def ready(self) -> bool:
        """Composed, with its answer shown: keys sent to it now land in the right place."""
        return self.is_mounted and bool(self.children) and self._pending is None

    def focus_first(self) -> None:
        """Focus the first input at once (not at the next idle, as `Widget.focus` does): keys
        handed on right after this must reach it."""
        for widget in self.query("OptionList, TextArea, Input"):
            if widget.display and widget.focusable:
                self.screen.set_focus(widget)
                return

    def text(self) -> str:
        """The editor's free text (for $EDITOR round-trips)."""
        return ""

    def set_text(self, text: str) -> None:
        """Replace the free text as if the author typed it."""

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        event.stop()  # nobody above listens, and it would pass through five queues on every key

    def send(self, intent: str, payload: object) -> None:
        """Tell the screen what the author did; the session decides what it means."""
        assert intent in INTENTS, intent
        if not self._loading and not self.read_only:
            # Straight to the screen that keeps the session: bubbling up through the containers
            # would pass the message through four more queues on every key.
            self.screen.post_message(self.Edited(self.question.id, intent, payload))


def visible_text(answer: Answer | None) -> str:
    """The words an editor shows: the answer (or explanation), not a mark's reason."""
    return answer.text if answer is not None and answer.status is Status.ANSWERED else ""


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
        wanted = visible_text(answer)
        if area.text != wanted:
            self._loading = True
            area.load_text(wanted)
            area.move_cursor(area.document.end)  # added words go after the answer, not in front of it
            self._loading = False

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._loading:
            self.send("write_text", event.text_area.text)

    def text(self) -> str:
        return self.query_one("#text", TextArea).text

    def set_text(self, text: str) -> None:
        area = self.query_one("#text", TextArea)
        area.replace(text, area.document.start, area.document.end)


class LineEditor(AnswerEditor):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="Type your answer", id="line", disabled=self.read_only, select_on_focus=False)

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
        self.app.action_next()  # type: ignore[attr-defined]

    def text(self) -> str:
        return self.query_one("#line", Input).value

    def set_text(self, text: str) -> None:
        self.query_one("#line", Input).value = " ".join(text.split("\n"))


def editor_for(question: Question, *, read_only: bool = False) -> AnswerEditor:
    if question.type is QuestionType.TEXT:
        return TextEditor(question, read_only=read_only)
    if question.type is QuestionType.LINE:
        return LineEditor(question, read_only=read_only)
    # The list editors live apart: their widgets cost start-up time when the first question is text.
    from wizard.app.choices import ChoiceEditor, MultiChoiceEditor

    kind = MultiChoiceEditor if question.type is QuestionType.MULTICHOICE else ChoiceEditor
    return kind(question, read_only=read_only)
