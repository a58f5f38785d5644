"""The editors for list questions (choice, yes/no, multichoice), imported when the first one is shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from wizard.app.editors import AnswerEditor, visible_text
from wizard.app.safe_fields import SafeInput, SafeTextArea
from wizard.untrusted import shown

OTHER = "Other…"


class ChoiceEditor(AnswerEditor):
    """A radio list; with `other`, a last "Other…" entry reveals a text field."""

    def compose(self) -> ComposeResult:
        labels = list(self.question.choices)
        if self.question.type == "yesno":
            labels = ["Yes", "No"]
        with RadioSet(id="choices", disabled=self.read_only):
            for i, label in enumerate(labels):
                yield RadioButton(shown(label), id=f"choice-{i}")
            if self.question.other:
                yield RadioButton(OTHER, id="choice-other")
        if self.question.other:
            yield SafeInput(placeholder="Your own answer", id="other", disabled=self.read_only, select_on_focus=False)
        if self.question.type == "yesno":
            yield Label("Explanation (optional, Markdown)", classes="editor-label")
            area = SafeTextArea(soft_wrap=True, tab_behavior="focus", id="explain", read_only=self.read_only)
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
                wanted = visible_text(answer)
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
            *(Selection(shown(choice), choice) for choice in self.question.choices), id="choices", disabled=self.read_only
        )
        if self.question.other:
            yield Label("Other (optional)", classes="editor-label")
            yield SafeInput(placeholder="Anything not in the list", id="other", disabled=self.read_only, select_on_focus=False)

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
                    other.value = visible_text(answer).replace("\n", " ")
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
