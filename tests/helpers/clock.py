"""A clock for app tests: autosave's timers fire when the test moves time on, not when the wall clock
does (`WizardApp(session, clock=FakeClock())`; the session's debounce reads the same clock)."""

from __future__ import annotations

import time
from typing import Callable

from wizard.session import MAX_WAIT


class FakeTimer:
    def __init__(self, due: float, callback: Callable[[], object]) -> None:
        self.due = due
        self.callback = callback
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class FakeClock:
    """`now()` stands still until `advance`, which fires the timers that fall due on the way, in order."""

    def __init__(self, start: float | None = None) -> None:
        # From the monotonic clock's reading, so times the session took before the app attached it agree.
        self.time = time.monotonic() if start is None else start
        self._timers: list[FakeTimer] = []

    def now(self) -> float:
        return self.time

    def set_timer(self, delay: float, callback: Callable[[], object]) -> FakeTimer:
        timer = FakeTimer(self.time + max(delay, 0.0), callback)
        self._timers.append(timer)
        return timer

    @property
    def pending(self) -> list[FakeTimer]:
        return [t for t in self._timers if not t.stopped]

    def advance(self, seconds: float) -> None:
        end = self.time + seconds
        while True:
            due = [t for t in self.pending if t.due <= end]
            if not due:
                break
            timer = min(due, key=lambda t: t.due)
            timer.stopped = True
            self.time = max(self.time, timer.due)
            timer.callback()
        self.time = end
        self._timers = self.pending


async def autosave_runs(pilot, clock: FakeClock, seconds: float = MAX_WAIT + 0.1) -> None:  # type: ignore[no-untyped-def]
    """Let `seconds` pass on the fake clock (by default, past the autosave's longest wait) and wait
    for the writes that started: afterwards the draft on disk and the saved note are as autosave left them."""
    clock.advance(seconds)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def keys_handled(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until no typed key waits for a command or an editor any more, and the editor has taken them."""
    await pilot.pause()  # the keys queued so far reach the app (and wait there, if they must)
    deadline = time.monotonic() + 10.0
    while pilot.app.typeahead.holding and time.monotonic() < deadline:
        await pilot.pause(0.01)
    await pilot.pause()
