"""Saving in plain mode: after every answer, settling a conflict with another program, and the last save on leaving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.errors import DraftChangedOnDisk, DraftError

if TYPE_CHECKING:
    from wizard.plain.printer import Printer
    from wizard.plain.prompter import Prompter
    from wizard.session import Session


class Saver:
    """Writes the session's draft and says so when that fails; never prompts once `stopping` is set."""

    def __init__(self, session: Session, out: Printer, ask: Prompter) -> None:
        self.session = session
        self.out = out
        self.ask = ask
        self.stopping = False  # leaving on Ctrl+C/Ctrl+D/a signal: never prompt again
        self._save_failed = False
        self._final_failed = False

    def save(self) -> bool:
        """Save now: plain mode writes after every answer, well within the one-second promise."""
        session = self.session
        if not session.dirty:
            return True
        try:
            session.save()
        except DraftChangedOnDisk:
            if self.stopping:
                return False  # the final save writes a rescue copy; no prompt now
            return self._resolve_conflict()
        except DraftError as exc:
            self._save_failed = True
            self.out.error(f"Could not save: {exc}")
            self.out.error("Your answers are kept here; saving is tried again after the next answer.")
            return False
        if self._save_failed:
            self._save_failed = False
            self.out.good(f"Saved again to {session.path}.")
        return True

    def _resolve_conflict(self) -> bool:
        from questionary import Choice

        session = self.session
        self.out.warn(f"{session.path} was changed by another program since plain mode last saved it.")
        keep = self.ask.select(
            "Which version should stay?",
            [
                Choice("mine: write my answers over the file", value=True),
                Choice("the file's: load it (answers given here since the last save are dropped)", value=False),
            ],
            default=True,
        )
        try:
            if keep:
                session.save(force=True)
            else:
                session.reload_from_disk()
                self.out.note("Loaded the file's version.")
        except DraftError as exc:
            self.out.error(f"Could not save: {exc}")
            return False
        return True

    def final_save(self) -> bool:
        """Last chance before exiting: never leave with answers that are not on disk without saying so.

        Never asks: when the draft cannot take the text (changed on disk, the disk failed), it goes to a
        rescue copy beside it (see wizard.rescue), and the message names that file. True only when
        the draft file itself holds the text.
        """
        session = self.session
        if not session.dirty:
            return True
        if self._final_failed:
            return False
        from wizard.rescue import save_or_rescue

        outcome = save_or_rescue(session)
        if outcome.saved:
            return True
        self._final_failed = True
        if outcome.message:
            self.out.error(outcome.message)
        return False

    def close(self) -> int:
        """The last save and the lock released; the exit code (2 when the draft does not hold the latest text)."""
        ok = self.final_save()
        try:
            self.session.close()
        except DraftError:  # already reported by final_save; the lock is released regardless
            ok = False
        return 0 if ok else 2
