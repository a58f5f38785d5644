"""Marking a question not applicable (with an optional reason) or unknown, for any question type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.answers import Status
from wizard.plain.askers.base import Asking, tidy
from wizard.plain.commands import Command, Move, command_in
from wizard.plain.signals import Interrupted

if TYPE_CHECKING:
    from wizard.bank import Question


def ask_mark(asking: Asking, question: Question, command: Command) -> Move:
    """/unknown keeps the reason an unknown mark already had; /na asks why, offering the reason it had."""
    session = asking.session
    old = session.answer(question.id)
    if command is Command.UNKNOWN:
        reason = old.text if old is not None and old.status is Status.UNKNOWN else ""
        session.mark(question.id, Status.UNKNOWN, reason)
        return Move.NEXT
    current = old.text if old is not None and old.status is Status.NA else ""
    try:
        reason = asking.ask.text("Why does it not apply? (optional, Enter to skip):", default=current)
    except Interrupted as stop:
        session.mark(question.id, Status.NA, tidy(stop.typed, False))
        raise
    if command_in(reason, current) is not None:
        reason = current
    session.mark(question.id, Status.NA, tidy(reason, False))
    return Move.NEXT
