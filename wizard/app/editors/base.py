"""What every answer editor shares: it shows a stored answer, reports edits as messages, keeps no answer."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import TextArea

from wizard.answers import Answer, Status
from wizard.app.messages import EditorReady
from wizard.bank import Question

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

    def __init__(self, question: Question, *, read_only: bool = False, cursor_blink: bool = True) -> None:
        super().__init__(id=f"editor-{question.id}", classes="answer-editor")
        self.question = question
        self.read_only = read_only
        self.cursor_blink = cursor_blink  # for the text boxes it builds (off in tests and with NO_BLINK)
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
        if self.display:  # the editor on show is ready now: the keys typed meanwhile can come
            self.post_message(EditorReady())

    def _show(self, answer: Answer | None) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def ready(self) -> bool:
        """Composed, with its answer shown: keys sent to it now land in the right place."""
        return self.is_mounted and bool(self.children) and self._pending is None

    def first_input(self) -> Widget | None:
        """Where the author types or picks first: the list, or the text box."""
        for widget in self.query("OptionList, TextArea, Input"):
            if widget.display and widget.focusable:
                return widget
        return None

    def focus_first(self) -> None:
        """Focus the first input at once (not at the next idle, as `Widget.focus` does): keys
        handed on right after this must reach it."""
        widget = self.first_input()
        if widget is not None:
            self.screen.set_focus(widget)

    def bring_into_view(self) -> None:
        """Scroll as little as shows the first input: the prompt above it stays in view when it can
        (scrolling the whole editor into view hid a list question's prompt on a 24-line terminal)."""
        (self.first_input() or self).scroll_visible(animate=False)

    def fit(self, rows: int) -> None:
        """Room for this editor is `rows` rows on screen: a text box shrinks to it (never below its
        style sheet's min-height) rather than push the question above it out of view."""

    # The multi-line box whose text is the editor's free text, and the intent its edits are
    # (a text answer's "write_text", a list's "explain"); editors without one override text/set_text.
    AREA_ID = ""
    AREA_INTENT = "write_text"

    def text(self) -> str:
        """The editor's free text (for $EDITOR round-trips)."""
        return self.query_one(f"#{self.AREA_ID}", TextArea).text if self.AREA_ID else ""

    def set_text(self, text: str) -> None:
        """Replace the free text as if the author typed it."""
        if self.AREA_ID:
            area = self.query_one(f"#{self.AREA_ID}", TextArea)
            area.replace(text, area.document.start, area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._loading:
            self.send(self.AREA_INTENT, event.text_area.text)

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
