"""What screens and widgets ask of the app. They post these; the app (and only the app) acts on them.

Nothing below the app imports `wizard.app.app`: a widget that wants the author moved, the draft
saved or a file written says so with a message that bubbles up to the app, which owns the session's
lifecycle, autosave and the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual.message import Message

if TYPE_CHECKING:
    from wizard.bank import Bank

#: How the app tells a screen what became of a write or an export: (what happened, did it work).
Report = Callable[[str, bool], None]


@dataclass
class JumpTo(Message):
    """Show this question (from the outline, the sidebar or the review list)."""

    question_id: str


@dataclass
class NextQuestion(Message):
    """Enter on a one-line answer: on to the next question, as ctrl+n does."""


@dataclass
class AnswerEdited(Message):
    """An edit went into the session: the app saves it within a second."""


@dataclass
class EditorShown(Message):
    """The question screen is showing another editor: keys typed from now wait until it is ready."""


@dataclass
class EditorReady(Message):
    """The editor on show is mounted and focused: the keys that waited go to it, in the order typed."""


@dataclass
class WriteDatasheet(Message):
    """Write the rendered datasheet (and the HTML beside it, if asked) to `target`."""

    target: Path
    also_html: bool
    report: Report


@dataclass
class Export(Message):
    """Write one of the publishing exports ("croissant" or "hf") beside the draft."""

    kind: str
    report: Report


@dataclass
class OpenDraft(Message):
    """Open this draft (from the start screen's recent list or its path field)."""

    path: Path


@dataclass
class StartNew(Message):
    """Start a new draft from the start screen's form (a bank name or path, a title, maybe a file)."""

    bank: Bank | str | None  # a loaded bank, or the name or path the author typed
    title: str
    draft_path: Path | None
