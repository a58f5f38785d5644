"""Asking a text or line question: the answer typed, a command typed instead, or a typo of one caught."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.answers import Status
from wizard.bank import QuestionType
from wizard.plain.askers.base import Asking, Outcome, tidy
from wizard.plain.commands import Command, Move, command_in, looks_like_command
from wizard.plain.signals import Interrupted

if TYPE_CHECKING:
    from wizard.bank import Question


def ask_text(asking: Asking, question: Question) -> Outcome:
    session = asking.session
    old = session.answer(question.id)
    default = old.text if old is not None and old.status is Status.ANSWERED else ""
    multiline = question.type is QuestionType.TEXT or "\n" in default
    try:
        raw = asking.ask.text(
            "Answer:",
            default=default,
            multiline=multiline,
            enter_submits=lambda typed: command_in(typed, default) is not None,
        )
    except Interrupted as stop:
        _keep_typed(asking, question, stop.typed, default, multiline)
        raise
    command = command_in(raw, default)
    if command is not None:
        return command
    if looks_like_command(raw) and not _really_text(asking, raw):
        return Move.STAY
    text = tidy(raw, multiline)
    if raw == default or text == tidy(default, multiline):
        return Move.NEXT  # unchanged, including an unchanged "not applicable" / "unknown"
    if not text.strip():
        if old is not None and old.status is Status.ANSWERED:
            return asking.clear(question)
        return Move.NEXT
    session.write_text(question.id, text)
    return Move.NEXT


def _keep_typed(asking: Asking, question: Question, typed: str, default: str, multiline: bool) -> None:
    """Ctrl+C mid-answer: what was typed is the author's latest word, so it is kept (never a command)."""
    text = tidy(typed, multiline)
    if not text.strip() or text == tidy(default, multiline) or command_in(typed, default) is not None:
        return
    asking.session.write_text(question.id, text)
    asking.out.note(f"Kept what you typed for “{question.prompt}”.")


def _really_text(asking: Asking, raw: str) -> bool:
    commands = " ".join(c.value for c in Command)
    return asking.ask.confirm(
        f"“{raw.strip()}” is not a command (they are {commands}). Save it as your answer?", default=False
    )
