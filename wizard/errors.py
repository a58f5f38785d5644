"""Errors meant for the author's eyes: each carries a message that names the file and the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.problems import Problem


class WizardError(Exception):
    """Bad input from the user (a bank, a draft, a path). The command line prints it and exits 2."""

    exit_code = 2


class BankError(WizardError):
    """A question bank that cannot be used; lists every problem found at once."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"The question bank {path} cannot be used ({count}):\n{lines}")

    @classmethod
    def one(cls, path: str, message: str, place: str = "") -> BankError:
        """A bank with one problem (most cannot be read at all). wizard.problems loads here, not at start."""
        from wizard.problems import Problem

        return cls(path, [Problem(place, message)])


class DraftError(WizardError):
    """A draft file that cannot be read or written. Nothing on disk was changed."""


class DraftLockedError(DraftError):
    """Another datasheet-wizard process has this draft open."""


class DraftReadOnly(DraftLockedError):
    """The author may not write this draft (its mode, its folder, or no lock can be taken): it opens read-only."""


class DraftChangedOnDisk(DraftError):
    """The draft file was changed by someone else since we last read or wrote it."""
