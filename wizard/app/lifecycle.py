"""How the app starts and ends: `run_app`, SIGTERM/SIGHUP, the crash path, drawing on stdout when
stderr is redirected, and the few private Textual APIs those need (each isolated here, with why).

Whatever happens, the text is decided once (`AppLifecycle.finish`): saved to the draft, or a rescue
copy beside it, and what `run_app` prints says which.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from pathlib import Path

    from textual.driver import Driver

    from wizard.app.autosave import Autosave
    from wizard.bank import Bank
    from wizard.rescue import Outcome
    from wizard.session import Session


def stdout_driver(driver: type[Driver]) -> type[Driver]:
    """Textual draws on stderr. With stderr redirected (`datasheet-wizard 2>err.txt`) while stdout is
    the terminal, it would draw into the file: draw on stdout then."""
    try:
        redirected = not os.isatty(2) and os.isatty(1)
    except (OSError, ValueError):
        redirected = False
    # Private: the Linux/Windows drivers keep their output file in `_file` and size the terminal
    # through `_get_terminal_size`; a driver without it (web, headless) is left alone.
    if not redirected or not hasattr(driver, "_get_terminal_size"):
        return driver

    class StdoutDriver(driver):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._file = sys.__stdout__

    return StdoutDriver


class AppLifecycle(App[int]):
    """The app's way out: save on unmount, save (or rescue) and leave quietly on a bug of ours."""

    session: Session | None
    autosave: Autosave

    def __init__(self) -> None:
        super().__init__()
        self.quit_unsaved = False  # the author chose "Quit without saving"
        self.outcome: Outcome | None = None  # what became of the text, once decided (a signal decides it early)

    def flush_editor(self) -> None:
        """Take what the editor shows into the session (the app knows its question screen)."""

    def get_driver_class(self):  # type: ignore[no-untyped-def]
        return stdout_driver(super().get_driver_class())

    def _fatal_error(self) -> None:
        """An unexpected exception: save the draft and leave quietly; `run_app` prints a short note.

        Private: Textual calls `_fatal_error` to print its traceback and close; there is no public
        hook for "an unhandled exception in a handler"."""
        if os.environ.get("DATASHEET_WIZARD_DEBUG"):
            super()._fatal_error()
            return
        try:
            self.finish()
        except Exception:  # noqa: BLE001 - the crash path must not crash
            pass
        self._close_messages_no_wait()  # private: what Textual's own _fatal_error does to stop the app

    def on_unmount(self) -> None:
        try:
            self.flush_editor()
        except Exception:  # noqa: BLE001 - widgets may already be gone; the session has all but the last key
            pass
        if self.session is not None and self.session.dirty and not self.quit_unsaved:
            self.autosave.save_now(quiet=True)

    def finish(self) -> Outcome | None:
        """Decide, once, what becomes of the text: saved, or a rescue copy (see wizard.rescue). Never asks."""
        from wizard.rescue import save_or_rescue

        if self.outcome is None and self.session is not None:
            # A signal may arrive while this very thread holds the lock (a save in progress): wait a
            # little for an autosave thread to finish, but never deadlock on ourselves.
            lock = self.autosave.lock
            locked = lock.acquire(timeout=2.0)
            try:
                self.outcome = save_or_rescue(self.session, rescue=not self.quit_unsaved)
            finally:
                if locked:
                    lock.release()
        return self.outcome


def run_app(session: Session | None = None, *, new_bank: Bank | None = None, new_draft: Path | None = None) -> int:
    """Run the app; save (or rescue) on SIGTERM/SIGHUP; turn a crash into a short message after saving.

    What is printed at the end is only what is true: "Draft saved" when the draft file holds the
    text, the rescue copy's name when it went there, and nothing about saving for a read-only draft.
    """
    from wizard.app.app import WizardApp
    from wizard.untrusted import shown

    app = WizardApp(session, new_bank=new_bank, new_draft=new_draft)

    def on_signal(signum: int, _frame: object) -> None:
        code = 128 + signum  # the shell's convention, as plain mode
        try:
            app.flush_editor()
        except Exception:  # noqa: BLE001 - saving what the session has matters more
            pass
        if app.session is not None:
            try:
                app.finish()  # saves, or writes a rescue copy; never asks
            except Exception:  # noqa: BLE001 - the exit must go on
                pass
            _let_go(app.session)
        if signum == signal.SIGHUP:
            os._exit(code)  # the terminal is gone: nothing to restore, and writing to it could hang
        loop = getattr(app, "_loop", None)  # private: the loop the app runs on, to stop it from here
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(app.exit, code)
            # should the app not wind down (a wedged terminal), the draft is already safe
            watchdog = threading.Timer(3.0, os._exit, args=(code,))
            watchdog.daemon = True
            watchdog.start()
        else:
            raise SystemExit(code)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)}
    crashed: BaseException | None = None
    try:
        result = app.run()
    except Exception as exc:  # noqa: BLE001
        crashed, result = exc, 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        outcome = None
        if app.session is not None:
            try:
                outcome = app.finish()
            except Exception as exc:  # noqa: BLE001
                print(shown(f"datasheet-wizard: {exc}"))
            _let_go(app.session)
    error = crashed or app._exception  # private: Textual keeps the unhandled exception here
    if error is not None:
        where = f" {outcome.message}" if outcome is not None and outcome.message else ""
        print(shown(f"datasheet-wizard stopped on an unexpected error: {type(error).__name__}: {error}.{where} "
                    "Please report this (set DATASHEET_WIZARD_DEBUG=1 for the details)."))
        return 70
    if outcome is not None and app.session is not None and app.session.path is not None:
        if outcome.saved:
            print(shown(f"{outcome.message}\nResume with: datasheet-wizard resume {app.session.path}"))
        elif outcome.message:
            print(shown(outcome.message))
            if not outcome.safe and result == 0:
                result = 2
    return result if isinstance(result, int) else 0


def _let_go(session: Session) -> None:
    """Release the draft's lock without another save attempt (`finish` has decided)."""
    lock = getattr(session, "_lock", None)
    if lock is not None:
        lock.release()
        session._lock = None  # noqa: SLF001
