"""One problem found in a bank or draft: built only when something is wrong, so kept out of wizard.errors."""

from __future__ import annotations

from dataclasses import dataclass


# Its own module because wizard.errors is imported by every command, and a dataclass's generated
# __init__ is source compiled when the class is made (some 2 M instructions): only a command that
# reports a problem pays for it. Read as text or by field, never compared or printed whole: no
# generated __eq__/__repr__ either.
@dataclass(frozen=True, eq=False, repr=False)
class Problem:
    """One thing wrong with a bank or draft, with the place it was found."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message
