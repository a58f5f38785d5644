"""Asking a choice question: one option from a list (or the author's own), then the explanation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wizard.plain.askers.base import SEARCH_FROM, Asking, Outcome, command_entries
from wizard.plain.askers.followups import ask_explanation, ask_other
from wizard.plain.commands import Command, Move, Pick, marked

if TYPE_CHECKING:
    from wizard.bank import Question


def ask_choice(asking: Asking, question: Question, *, titles: Mapping[str, str] | None = None) -> Outcome:
    """`titles` shows an option under another name than its value (yes/no questions: "Yes", "No")."""
    from questionary import Choice

    session = asking.session
    old = session.answer(question.id)
    answered = old is not None and not old.is_empty
    choices: list[Any] = [Choice(titles[c] if titles else c, value=c) for c in question.options]
    if question.other:
        choices.append(Choice("Other…", value=Pick.OTHER))
    choices += command_entries(answered=answered)
    default: Any = marked(old)
    if default is None and old is not None and isinstance(old.value, str) and old.value in question.options:
        default = old.value  # the list opens on the saved option
    elif default is None and question.other and old is not None and old.other.strip():
        default = Pick.OTHER
    picked = asking.ask.select("Your choice:", choices, default=default, search=len(choices) > SEARCH_FROM)
    if isinstance(picked, Command):
        return picked
    if picked is Pick.CLEAR:
        return asking.clear(question)
    if picked is Pick.OTHER:
        outcome = ask_other(asking, question)
        if outcome is not None:
            return outcome
    elif picked not in question.options:
        return Move.STAY  # nothing picked (a key the list does not know): ask again
    elif not (old is not None and old.value == picked and not old.other):  # the saved option again: no change
        session.choose(question.id, str(picked))
    return ask_explanation(asking, question)
