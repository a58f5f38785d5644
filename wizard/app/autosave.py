"""Autosave: the session says when a write is due; the write happens in a thread, under one lock,
is retried when the disk refuses, and asks the author when the draft was changed on disk.

Time comes from a `Clock` (now, and timers), so tests drive autosave with a fake clock instead of
waiting for the wall clock; the session's debounce reads the same clock.
"""

from __future__ import annotations

import threading
import time
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Protocol

from wizard.errors import DraftChangedOnDisk, DraftError, WizardError

if TYPE_CHECKING:
    from textual.app import App

    from wizard.draft import Draft
    from wizard.session import Session


class Stoppable(Protocol):
    def stop(self) -> None: ...


class Clock(Protocol):
    """Where autosave gets the time and its timers."""

    def now(self) -> float: ...

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Stoppable: ...


class TextualClock:
    """The real clock: monotonic time and the app's own timers."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app

    def now(self) -> float:
        return time.monotonic()

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Stoppable:
        # Textual's Timer divides by its interval: a zero delay dies with ZeroDivisionError in its
        # task and never fires (a key handled after the save deadline asks for exactly that).
        return self._app.set_timer(max(delay, 0.01), callback)


class AutosaveHost(Protocol):
    """What autosave needs from the app."""

    session: Session | None

    def show_saved(self, text: str, *, error: bool = False) -> None: ...

    def flush_editor(self) -> None: ...

    def show_reloaded(self) -> None: ...

    def ask_changed_on_disk(self, session: Session, then: Callable[[str], None]) -> None:
        """Ask whose version wins: "mine", "theirs" or "copy" (keep both)."""

    def notify(self, message: str, *, title: str = "", **options: Any) -> None: ...

    def run_worker(self, work: Callable[[], object], **options: Any) -> object: ...

    def call_from_thread(self, callback: Callable[..., object], *args: Any) -> object: ...


class Autosave:
    """Debounced writes of the host's session, off the author's path."""

    RETRY_AFTER = 2.0  # seconds between attempts while the disk refuses
    PRIME_AFTER = 1.5  # the first screen is up by then: on a huge draft the priming holds the GIL a while

    def __init__(self, host: AutosaveHost, clock: Clock) -> None:
        self.host = host
        self.clock = clock
        self.lock = threading.Lock()  # one writer at a time: autosave threads, ctrl+s, quitting, signals
        self._timer: Stoppable | None = None
        self._retry: Stoppable | None = None
        self._asking = False  # the "changed on disk" question is on screen

    def attach(self, session: Session) -> None:
        """A session was opened: its debounce runs on this clock, and its writer is primed in a thread
        once the first screen is up (the first autosave then serialises one answer, not all)."""
        session.clock = self.clock.now
        if not session.read_only:
            self.clock.set_timer(self.PRIME_AFTER, partial(self._prime, session))

    def _prime(self, session: Session) -> None:
        def prime() -> None:
            with self.lock:
                session.prime_writer()

        self.host.run_worker(prime, thread=True, group="autosave", exit_on_error=False)

    # ------------------------------------------------------------------ writing in the background

    def schedule(self) -> None:
        """An edit went into the session: write when the session says (no churn per key)."""
        session = self.host.session
        if session is None or self._timer is not None:
            return  # one timer at a time: when it fires it asks the session again
        wait = session.seconds_until_save()
        if wait is None:
            return
        self._timer = self.clock.set_timer(wait, self._due)
        if not session.last_error:
            self.host.show_saved("editing…")

    def _due(self) -> None:
        self._timer = None
        session = self.host.session
        wait = session.seconds_until_save() if session is not None else None
        if wait is not None and wait > 0:  # more typing came since the timer was set: wait for the quiet
            self.schedule()
            return
        self._write_in_background()

    def _write_in_background(self) -> None:
        """Snapshot the draft here and write it in a thread, so typing never waits for the disk."""
        session = self.host.session
        if session is not None and session.dirty:
            revision, snapshot = session.snapshot()
            self.host.run_worker(partial(self._write, session, revision, snapshot), thread=True, group="autosave",
                                 exit_on_error=False)

    def _write(self, session: Session, revision: int, snapshot: Draft) -> None:
        """In a worker thread."""
        with self.lock:
            try:
                session.write_snapshot(revision, snapshot)
            except DraftChangedOnDisk:
                self.host.call_from_thread(self._changed_on_disk)
                return
            except DraftError as exc:
                self.host.call_from_thread(self._failed, str(exc))
                return
        self.host.call_from_thread(self._saved)

    def _saved(self) -> None:
        session = self.host.session
        if session is None or session.path is None:
            return
        self.host.show_saved(f"{'saved' if not session.dirty else 'editing…'} · {session.path.name}")
        if session.dirty:
            self.schedule()

    def _failed(self, message: str) -> None:
        self.host.show_saved(f"NOT SAVED: {message} Your text is kept; retrying.", error=True)
        if self._retry is None:
            self._retry = self.clock.set_timer(self.RETRY_AFTER, self._try_again)

    def _try_again(self) -> None:
        self._retry = None
        self._write_in_background()

    # ------------------------------------------------------------------ the draft changed on disk

    def _changed_on_disk(self) -> None:
        session = self.host.session
        if self._asking or session is None:
            return
        self._asking = True

        def chosen(choice: str) -> None:
            self._asking = False
            if choice == "mine":
                self.save_now(force=True)
                return
            try:
                if choice == "copy":
                    copy = session.save_copy()
                    self.host.notify(f"Your version was saved to {copy}. The draft file keeps the other version.",
                                     timeout=10)
                session.reload_from_disk()
            except WizardError as exc:
                self.host.notify(str(exc), severity="error", timeout=10)
                return
            self.host.show_reloaded()

        self.host.ask_changed_on_disk(session, chosen)

    # ------------------------------------------------------------------ writing now

    def save_now(self, *, quiet: bool = False, force: bool = False) -> bool:
        """Write at once on this thread (ctrl+s, reviewing, quitting). False when it did not work:
        the author was asked (unless `quiet`), and a retry is armed."""
        session = self.host.session
        if session is None or session.read_only:
            return True
        self.host.flush_editor()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        with self.lock:
            try:
                session.save(force=force)
            except DraftChangedOnDisk:
                if not quiet:
                    self._changed_on_disk()
                return False
            except DraftError as exc:
                self._failed(str(exc))
                if not quiet:
                    self.host.notify(str(exc), title="Not saved", severity="error", timeout=10)
                return False
        self._saved()
        if not quiet:
            self.host.notify(f"Saved to {session.path}", timeout=2)
        return True
