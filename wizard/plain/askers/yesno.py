"""Asking a yes/no question: a choice list of "Yes" and "No", with the explanation after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.plain.askers.base import Asking, Outcome
from wizard.plain.askers.choice import ask_choice

if TYPE_CHECKING:
    from wizard.bank import Question

TITLES = {"yes": "Yes", "no": "No"}


def ask_yesno(asking: Asking, question: Question) -> Outcome:
    return ask_choice(asking, question, titles=TITLES)
