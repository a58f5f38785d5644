"""The questions the app asks when a file is not as it expects: each a ChoiceDialog with its words.

The keys they dismiss with are what the app acts on: "mine", "theirs" or "copy" for a draft
changed on disk; "stay" or "quit" when the draft cannot be saved; "replace" or "keep" for a
datasheet edited by hand.
"""

from __future__ import annotations

from pathlib import Path

from wizard.app.dialogs.choice import ChoiceDialog


class ChangedOnDiskDialog(ChoiceDialog):
    """Another program changed the draft file while it was open here."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(
            "The draft changed on disk",
            f"{path} was changed by another program (an editor, git) while it was open here.\n\n"
            "Keep mine: write your version over theirs. Load theirs: drop your changes since the last save "
            "and show the file's version. Keep both: save yours as a new copy beside it "
            "(NAME.rescue-DATE-TIME.datasheet.toml), then load theirs.",
            [("mine", "Keep mine"), ("theirs", "Load theirs"), ("copy", "Keep both")],
        )


class NotSavedDialog(ChoiceDialog):
    """Quitting while the draft cannot be saved: stay (the default) or lose the unsaved changes."""

    def __init__(self, error: str | None) -> None:
        super().__init__(
            "Not saved",
            f"The draft could not be saved: {error}\nQuit anyway and lose the changes since the last save?",
            [("stay", "Stay and fix it"), ("quit", "Quit without saving")],
        )


class ReplaceChangedFileDialog(ChoiceDialog):
    """Writing the datasheet over a file this draft did not write as it is now."""

    def __init__(self, changed: list[Path]) -> None:
        super().__init__(
            "Replace a changed file?",
            f"{', '.join(map(str, changed))} exists and was not written by this draft "
            "as it is now (it was edited by hand, or is another file).",
            [("replace", "Replace it"), ("keep", "Keep it")],
        )
