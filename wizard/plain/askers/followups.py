"""The prompts after a pick from a list: the author's own option ("Other…") and the explanation beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.answers import Status
from wizard.bank import QuestionType
from wizard.plain.askers.base import Asking, Outcome, tidy
from wizard.plain.commands import Move, command_in
from wizard.plain.signals import Interrupted

if TYPE_CHECKING:
    from wizard.bank import Question


def ask_other(asking: Asking, question: Question) -> Outcome | None:
    """The author's own option; None when it was given (or cleared), else where to go or the command typed."""
    session = asking.session
    old = session.answer(question.id)
    current = old.other if old is not None and old.status is Status.ANSWERED else ""
    try:
        typed = asking.ask.text("Other (your own answer):", default=current)
    except Interrupted as stop:
        kept = tidy(stop.typed, False)
        if kept.strip() and kept != current and command_in(stop.typed, current) is None:
            session.choose_other(question.id, kept)
        raise
    command = command_in(typed, current)
    if command is not None:
        return command
    own = tidy(typed, False)
    if not own.strip() and question.type is QuestionType.CHOICE:
        asking.out.note("No answer given for “Other”; choose again.")
        return Move.STAY
    session.choose_other(question.id, own)
    return None


def ask_explanation(asking: Asking, question: Question) -> Outcome:
    """The explanation beside a chosen option, multi-line like every explanation; Enter alone keeps it."""
    session = asking.session
    asking.save()  # the choice reaches the disk before the explanation prompt waits
    old = session.answer(question.id)
    current = old.text if old is not None and old.status is Status.ANSWERED else ""
    try:
        typed = asking.ask.text(
            "Explain (optional; Enter alone keeps it as it is):",
            default=current,
            multiline=True,
            enter_submits=lambda text: text == current or command_in(text, current) is not None,
        )
    except Interrupted as stop:
        if stop.typed.strip() and command_in(stop.typed, current) is None:
            session.explain(question.id, tidy(stop.typed, True))
        raise
    command = command_in(typed, current)
    if command is not None:
        return command
    if typed != current:
        session.explain(question.id, tidy(typed, True))
    return Move.NEXT
