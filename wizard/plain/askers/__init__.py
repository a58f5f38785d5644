"""One asker per question type. Each is given an Asking and the question, edits the session, and returns
where the loop goes next (a Move) or the command the author gave instead (a Command, which the wizard runs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.bank import QuestionType
from wizard.plain.askers.base import Asking, Outcome
from wizard.plain.askers.choice import ask_choice
from wizard.plain.askers.marks import ask_mark
from wizard.plain.askers.multichoice import ask_multichoice
from wizard.plain.askers.text import ask_text
from wizard.plain.askers.yesno import ask_yesno

if TYPE_CHECKING:
    from wizard.bank import Question


def ask_answer(asking: Asking, question: Question) -> Outcome:
    """The asker for the question's type."""
    kind = question.type
    if not kind.is_list:
        return ask_text(asking, question)
    if kind is QuestionType.CHOICE:
        return ask_choice(asking, question)
    if kind is QuestionType.MULTICHOICE:
        return ask_multichoice(asking, question)
    return ask_yesno(asking, question)


__all__ = ["Asking", "Outcome", "ask_answer", "ask_mark"]
