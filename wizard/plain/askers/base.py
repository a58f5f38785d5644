"""What every asker is given, and the small pieces the askers share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from wizard.plain.commands import COMMAND_TITLES, Command, Move, Pick

if TYPE_CHECKING:
    from wizard.bank import Question
    from wizard.plain.printer import Printer
    from wizard.plain.prompter import Prompter
    from wizard.session import Session

SEARCH_FROM = 15  # lists longer than this can be filtered by typing

# Where the loop goes next, or what the author asked for instead of answering (the wizard carries it out).
Outcome = Union[Move, Command]


@dataclass(frozen=True)
class Asking:
    """What an asker needs, and no more: the session it edits, the prompts, the printer, and the wizard's save.

    `save` is the wizard's, not the session's: it reports a failure and settles a conflict with the author.
    """

    session: Session
    ask: Prompter
    out: Printer
    save: Callable[[], bool]

    def clear(self, question: Question) -> Move:
        self.session.clear(question.id)
        self.out.note("Answer cleared.")
        return Move.NEXT


def tidy(text: str, multiline: bool) -> str:
    """Trailing blanks and blank lines around an answer are noise; indentation inside it is Markdown."""
    if not multiline:
        return text.strip()
    return text.rstrip().lstrip("\n")


def command_entries(*, answered: bool) -> list[Any]:
    """The entries that end every list: "clear" when there is an answer, then the commands."""
    from questionary import Choice, Separator

    entries: list[Any] = [Separator("  ── or ──")]
    if answered:
        entries.append(Choice("clear the answer", value=Pick.CLEAR))
    for command in Command:
        entries.append(Choice(COMMAND_TITLES[command], value=command))
    return entries
