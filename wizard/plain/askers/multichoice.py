"""Asking a multichoice question: ticks, the author's own option beside them, then the explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wizard.answers import Status
from wizard.plain.askers.base import SEARCH_FROM, Asking, Outcome, command_entries
from wizard.plain.askers.followups import ask_explanation, ask_other
from wizard.plain.commands import Command, Move, Pick

if TYPE_CHECKING:
    from wizard.bank import Question


def _runs_at_once(value: Any) -> bool:
    """Entries that Enter runs straight away, as in a list: the commands and "clear", not "Other…"."""
    return isinstance(value, (Command, Pick)) and value is not Pick.OTHER


def ask_multichoice(asking: Asking, question: Question) -> Outcome:
    from questionary import Choice

    session = asking.session
    old = session.answer(question.id)
    answered = old is not None and not old.is_empty
    chosen = old.chosen if old is not None and old.status is Status.ANSWERED else ()
    own = old.other if old is not None and old.status is Status.ANSWERED else ""
    choices: list[Any] = [Choice(c, value=c, checked=c in chosen) for c in question.options]
    if question.other:
        choices.append(Choice("Other…", value=Pick.OTHER, checked=bool(own.strip())))
    choices += command_entries(answered=answered)
    picked = asking.ask.checkbox(
        "Tick all that apply:",
        choices,
        instruction="(Space ticks, Enter confirms" + (", type to filter)" if len(choices) > SEARCH_FROM else ")"),
        enter_picks=_runs_at_once,
        search=len(choices) > SEARCH_FROM,
    )
    commands = [p for p in picked if _runs_at_once(p)]
    values = tuple(c for c in question.options if c in picked)
    wants_other = Pick.OTHER in picked
    command = commands[0] if commands else None
    if command is Pick.CLEAR:
        return asking.clear(question)
    if isinstance(command, Command) and command in (Command.SKIP, Command.NA, Command.UNKNOWN):
        return command  # about the answer itself: the ticks are not taken
    # Otherwise the ticks are the answer (and a movement command, if picked, follows).
    if values != chosen:
        session.tick(question.id, values)
    if question.other and not wants_other and own:
        session.choose_other(question.id, "")  # unticking "Other…" drops the own option
    if wants_other:
        outcome = ask_other(asking, question)
        if outcome is not None:
            return outcome
    if isinstance(command, Command):
        return command
    if session.answer(question.id) is None:
        return Move.NEXT  # nothing ticked: no explanation to ask for
    return ask_explanation(asking, question)
