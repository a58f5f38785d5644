"""One answer editor per question type, and `editor_for`, which picks it.

The factory lives here, above the editors, so that no editor module imports another's: the text
editors (base, text) load with the question screen; the list editors (choices) load when the
first list question is shown, since their widgets cost start-up time when the first question is text.
"""

from __future__ import annotations

from wizard.app.editors.base import AnswerEditor
from wizard.app.editors.text import LineEditor, TextEditor
from wizard.bank import Question, QuestionType

__all__ = ["AnswerEditor", "editor_for"]


def editor_for(question: Question, *, read_only: bool = False, cursor_blink: bool = True) -> AnswerEditor:
    """A new editor for `question`; `cursor_blink` is the app's setting for the text boxes in it."""
    if question.type is QuestionType.TEXT:
        return TextEditor(question, read_only=read_only, cursor_blink=cursor_blink)
    if question.type is QuestionType.LINE:
        return LineEditor(question, read_only=read_only, cursor_blink=cursor_blink)
    from wizard.app.editors.choices import ChoiceEditor, MultiChoiceEditor

    kind = MultiChoiceEditor if question.type is QuestionType.MULTICHOICE else ChoiceEditor
    return kind(question, read_only=read_only, cursor_blink=cursor_blink)
