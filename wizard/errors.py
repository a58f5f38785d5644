"""Errors meant for the author's eyes: each carries a message that names the file and the fix."""

from __future__ import annotations

from dataclasses import dataclass


class WizardError(Exception):
    """Bad input from the user (a bank, a draft, a path). The command line prints it and exits 2."""

    exit_code = 2


# Read as text or by field, never compared or printed whole: no generated __eq__/__repr__, which
# would be code compiled on every start (this module is imported by every command).
@dataclass(frozen=True, eq=False, repr=False)
class Problem:
    """One thing wrong with a bank or draft, with the place it was found."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class BankError(WizardError):
    """A question bank that cannot be used; lists every problem found at once."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"The question bank {path} cannot be used ({count}):\n{lines}")


class DraftError(WizardError):
    """A draft file that cannot be read or written. Nothing on disk was changed."""


class DraftLockedError(DraftError):
    """Another datasheet-wizard process has this draft open."""


class DraftReadOnly(DraftLockedError):
    """The author may not write this draft (its mode, its folder, or no lock can be taken): it opens read-only."""


class DraftChangedOnDisk(DraftError):
    """The draft file was changed by someone else since we last read or wrote it."""
