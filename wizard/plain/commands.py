"""What the author can ask for instead of answering (/back, /skip, ...), and where the loop goes next."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from wizard.answers import Status

if TYPE_CHECKING:
    from wizard.answers import Answer


class Command(Enum):
    """What an author can ask for instead of answering. Not a str: a choice named "/back" stays a choice."""

    BACK = "/back"
    SKIP = "/skip"
    NA = "/na"
    UNKNOWN = "/unknown"
    JUMP = "/jump"
    QUIT = "/quit"


COMMAND_TITLES = {
    Command.BACK: "← back to the previous question",
    Command.SKIP: "skip (leave as it is)",
    Command.NA: "not applicable…",
    Command.UNKNOWN: "unknown",
    Command.JUMP: "jump to a question…",
    Command.QUIT: "save and quit",
}

COMMANDS_HELP = (
    "Commands: type /back, /skip, /na, /unknown, /jump or /quit as your answer (in lists, pick them at the "
    "bottom). Ctrl+C or Ctrl+D saves and exits."
)


class Pick(Enum):
    """List entries that are neither a bank choice nor a command."""

    OTHER = "other"
    CLEAR = "clear"
    CANCEL = "cancel"  # questionary turns a value of None into the title, so "nothing" needs its own value


class Move(Enum):
    """Where the loop goes after a question has been dealt with."""

    NEXT = "next"
    BACK = "back"
    STAY = "stay"  # ask the current question again (or a jump already moved us)
    QUIT = "quit"


def parse_command(text: str) -> Command | None:
    """An answer that is exactly a command (surrounding blanks ignored) is that command, never text."""
    word = text.strip().lower()
    for command in Command:
        if word == command.value:
            return command
    return None


def command_in(submitted: str, default: str = "") -> Command | None:
    """The command in an answer: the whole answer, or typed after an unchanged default.

    A prompt offers the existing answer as its default, so an author who types /skip there sends
    "old answer/skip"; deleting a long answer first just to move on would be a trap.
    """
    command = parse_command(submitted)
    if command is None and default and submitted.startswith(default):
        command = parse_command(submitted[len(default):])
    return command


def looks_like_command(text: str) -> bool:
    """A single /word that is not a command: probably a typo, so ask before saving it as the answer."""
    word = text.strip()
    return len(word) > 1 and word[0] == "/" and word[1:].isalpha() and parse_command(word) is None


def marked(old: Answer | None) -> Command | None:
    """The list entry that stands for a not-applicable or unknown mark, as a list's default."""
    if old is not None and old.status is Status.NA:
        return Command.NA
    if old is not None and old.status is Status.UNKNOWN:
        return Command.UNKNOWN
    return None
