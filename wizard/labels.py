"""How a question's standing and an answer's mark read to the author, in every front end and document.

The outline's symbols, plain mode's jump list, the legend and the rendered datasheet all take their
words from here, so "not applicable" never reads one way in the app and another in plain mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.answers import State, Status
from wizard.session import STATE_MISSING


@dataclass(frozen=True)
class StateLabel:
    """One standing, three ways: a one-cell mark, one short word, and a phrase for a sentence."""

    mark: str  # the outline's and the sidebar's symbol
    word: str  # narrow lists; distinct, so typing "missing" in plain mode's jump list filters to exactly those
    phrase: str  # the legend, help texts


STATE_LABELS: dict[str, StateLabel] = {
    State.ANSWERED: StateLabel("✓", "done", "answered"),
    State.NA: StateLabel("–", "n/a", "not applicable"),
    State.UNKNOWN: StateLabel("?", "unknown", "unknown"),
    STATE_MISSING: StateLabel("!", "missing", "required, missing"),
    State.INVALID: StateLabel("✗", "invalid", "not a valid answer"),
    State.UNANSWERED: StateLabel("·", "open", "not answered yet"),
}

#: The order the legend lists them in.
LEGEND_ORDER = (State.ANSWERED, State.NA, State.UNKNOWN, STATE_MISSING, State.INVALID, State.UNANSWERED)


def legend() -> str:
    """`✓ answered   – not applicable   ? unknown   …`: what the outline's marks mean."""
    return "   ".join(f"{STATE_LABELS[s].mark} {STATE_LABELS[s].phrase}" for s in LEGEND_ORDER)


def mark_sentence(status: Status, reason: str = "") -> str:
    """How a marked answer reads in the document: "Not applicable." and the reason below it."""
    return f"{status.label}." + (f"\n\n{reason}" if reason else "")
