"""The editors for list questions (choice, yes/no, multichoice), imported when the first one is shown.

Each shows the options as one OptionList (drawn lazily, so a 5,000-option vocabulary opens
as fast as a yes/no), an explanation box beneath, and, where the question allows, a field for
the author's own option. The list opens on the saved option; Space or Enter picks the
highlighted option, so no key changes a saved answer unless it moves the selection; printable
keys typed on the list go to the explanation box (or to the search field of a long list).
What a pick or a word means is decided by the session (wizard.answers), not here.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from wizard.answers import Answer, Status
from wizard.app.editors.base import AnswerEditor, visible_text
from wizard.app.widgets.safe_fields import SafeInput, SafeTextArea
from wizard.bank import Question, QuestionType
from wizard.untrusted import shown as safe_text

OTHER = "Other…"
OTHER_ID = "\x00other"  # an option id no value can have
SEARCH_FROM = 15  # lists longer than this get a search field
MAX_SHOWN = 100  # a long list shows this many matches at a time (and the saved ones); typing narrows it
MORE_ID = "\x00more"


class OptionPicker(OptionList):
    """Options with a mark each. Space and Enter pick the highlighted one; typed letters are handed on."""

    BINDINGS = [Binding("space", "select", "Pick", show=False)]

    class Typed(Message):
        """A printable key pressed on the list: it belongs in a text box, not in the list."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character != " ":
            event.stop()
            event.prevent_default()
            self.post_message(self.Typed(event.character))


def _vocabulary_title(name: str, value: str) -> str:
    """The readable name beside a vocabulary id ("cc-by-4.0 — Creative Commons Attribution 4.0")."""
    try:
        from wizard import vocabulary

        entry = vocabulary.entry(name, value)
    except Exception:  # noqa: BLE001 - a missing or damaged vocabulary still lists its ids
        return ""
    if entry is None:
        return ""
    return str(getattr(entry, "label", "") or (entry.get("label", "") if isinstance(entry, dict) else ""))


def _prompt(label: str, picked: bool, multiple: bool) -> Content:
    mark = ("☑ " if picked else "☐ ") if multiple else ("◉ " if picked else "○ ")
    return Content.assemble((mark, "bold" if picked else "dim"), safe_text(label))


class ListEditor(AnswerEditor):
    """Shared by the three list editors: the picker, the optional own option, the explanation box."""

    multiple = False
    AREA_ID, AREA_INTENT = "explain", "explain"
    VISIBLE_ROWS = 12  # options on show at once; longer lists scroll

    def __init__(self, question: Question, *, read_only: bool = False, cursor_blink: bool = True) -> None:
        super().__init__(question, read_only=read_only, cursor_blink=cursor_blink)
        self.values: tuple[str, ...] = question.options
        self._labels = ("Yes", "No") if question.type is QuestionType.YESNO else self.values
        self._picked: set[str] = set()  # what the stored answer has chosen (OTHER_ID for the own option)
        self._filter = ""
        self._opened = False  # the first showing puts the highlight on the saved option

    @property
    def searchable(self) -> bool:
        return len(self.values) > SEARCH_FROM

    def compose(self) -> ComposeResult:
        if self.searchable:
            yield Input(placeholder=f"Type to search the {len(self.values):,} options", id="search",
                        disabled=self.read_only, select_on_focus=False)
        picker = OptionPicker(*self._options(), id="choices", disabled=self.read_only)
        # A fixed height: with `height: auto` Textual measures every option's height on each
        # layout, which is what made a 5,000-option list take seconds to draw.
        picker.styles.height = min(picker.option_count, self.VISIBLE_ROWS) + 2
        yield picker
        if self.question.other:
            yield Label("Your own option" + (", beside the ticked ones" if self.multiple else ""),
                        classes="editor-label", id="other-label")
            yield SafeInput(placeholder="An answer not in the list", id="other", disabled=self.read_only,
                        select_on_focus=False)
        hint = "Space or Enter picks; typing on the list searches it." if self.searchable else \
            "Space or Enter picks; typing on the list writes here."
        yield Label(f"Explanation (optional, Markdown). {hint}", classes="editor-label", id="explain-label")
        area = SafeTextArea(soft_wrap=True, tab_behavior="focus", id="explain", read_only=self.read_only)
        area.cursor_blink = self.cursor_blink
        yield area

    # ------------------------------------------------------------------ the list

    def _ids(self) -> list[str]:
        """The options on show: all of a short list; of a long one, the saved ones and the first matches."""
        if not self.searchable:
            ids = list(self.values)
        else:
            ids = [v for v in self.values if v in self._picked]
            for v in self.values:
                if len(ids) >= MAX_SHOWN:
                    break
                if v not in self._picked and (not self._filter or self._filter in v.casefold()
                                              or self._filter in self._label(v).casefold()):
                    ids.append(v)
        if self.question.other and not self.multiple and not self._filter:
            ids.append(OTHER_ID)
        return ids

    def _hidden(self, shown: int) -> int:
        """How many matches a long list is not showing (counted only when the list is long)."""
        if not self.searchable or shown < MAX_SHOWN:
            return 0
        matches = sum(1 for v in self.values if not self._filter or self._filter in v.casefold()
                      or self._filter in self._label(v).casefold())
        return max(0, matches - shown)

    def _label(self, value: str) -> str:
        if value == OTHER_ID:
            return OTHER
        if self.question.type is QuestionType.YESNO:
            return {"yes": "Yes", "no": "No"}[value]
        if self.question.vocabulary:
            title = _vocabulary_title(self.question.vocabulary, value)
            return f"{value} — {title}" if title and title != value else value
        return value

    def _options(self) -> list[Option]:
        ids = self._ids()
        options = [Option(_prompt(self._label(v), v in self._picked, self.multiple), id=v) for v in ids]
        hidden = self._hidden(len([v for v in ids if v != OTHER_ID]))
        if hidden:
            options.append(Option(Content.styled(f"… {hidden:,} more: type to search", "dim italic"),
                                  id=MORE_ID, disabled=True))
        return options

    def _repaint(self, values: set[str]) -> None:
        picker = self.query_one("#choices", OptionPicker)
        for value in values:
            try:
                index = picker.get_option_index(value)
            except Exception:  # noqa: BLE001 - filtered out of the list just now
                continue
            picker.replace_option_prompt_at_index(index, _prompt(self._label(value), value in self._picked, self.multiple))

    def _picked_from(self, answer: Answer | None) -> set[str]:
        if answer is None or answer.status is not Status.ANSWERED:
            return set()
        picked = set(answer.chosen)
        if answer.other and not self.multiple:
            picked.add(OTHER_ID)
        return picked

    def _show(self, answer: Answer | None) -> None:
        self._loading = True
        try:
            before = self._picked
            self._picked = self._picked_from(answer)
            picker = self.query_one("#choices", OptionPicker)
            shown = {o.id for o in picker.options}
            if self.searchable and not self._picked <= shown:
                picker.set_options(self._options())  # a long list shows the saved options too
            else:
                self._repaint(before ^ self._picked)
            if not self._opened or picker.highlighted is None:
                self._opened = True
                first = next((v for v in self._ids() if v in self._picked), None)
                if first is not None:
                    picker.highlighted = picker.get_option_index(first)  # the list opens on the saved option
                elif picker.option_count:
                    picker.highlighted = 0
            if self.question.other:
                field = self.query_one("#other", Input)
                shown = self.multiple or OTHER_ID in self._picked or field.has_focus
                field.display = self.query_one("#other-label").display = shown
                own = answer.other if answer is not None and answer.status is Status.ANSWERED else ""
                if field.value != own:
                    with field.prevent(Input.Changed):
                        field.value = own
                        field.cursor_position = len(own)
            area = self.query_one("#explain", TextArea)
            wanted = visible_text(answer)
            if area.text != wanted:
                area.load_text(wanted)
                area.move_cursor(area.document.end)  # more words go after the answer, not before it
        finally:
            self._loading = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = event.option.id
        if value is None or value == MORE_ID or self.read_only:
            return
        if value == OTHER_ID:
            field = self.query_one("#other", Input)
            field.display = self.query_one("#other-label").display = True
            field.focus()
            return
        self.pick(value)

    def pick(self, value: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def on_option_picker_typed(self, event: OptionPicker.Typed) -> None:
        event.stop()
        target = self.query_one("#search", Input) if self.searchable else self.query_one("#explain", TextArea)
        target.focus()
        if isinstance(target, Input):
            target.insert_text_at_cursor(event.character)
        else:
            target.move_cursor(target.document.end)
            target.insert(event.character)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "search":
            self._filter = event.value.strip().casefold()
            picker = self.query_one("#choices", OptionPicker)
            picker.set_options(self._options())
            if picker.option_count:
                picker.highlighted = 0
        elif event.input.id == "other" and not self._loading:
            self.send("choose_other", event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            event.stop()
            picker = self.query_one("#choices", OptionPicker)
            picker.focus()
            if picker.option_count == 1:
                picker.action_select()



class ChoiceEditor(ListEditor):
    """One option (yes/no, or a choice with an optional own option)."""

    def pick(self, value: str) -> None:
        if value in self._picked and OTHER_ID not in self._picked:
            return  # picking the saved option again changes nothing
        self.send("choose", value)


class MultiChoiceEditor(ListEditor):
    """Any number of options; Space or Enter ticks and unticks the highlighted one."""

    multiple = True

    def pick(self, value: str) -> None:
        picked = {v for v in self._picked if v != OTHER_ID} ^ {value}
        self.send("tick", tuple(v for v in self.values if v in picked))
