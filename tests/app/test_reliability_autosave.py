"""Reliability 1 (the bug the pty rounds found): a keystroke handled after the autosave deadline.

`WizardApp.schedule_save` asks the session how long to wait; once the burst's MAX_WAIT (0.9 s) has
passed the answer is 0, and `set_timer(0, ...)` never fires: Textual's Timer computes
`(now - start) / interval` and dies with ZeroDivisionError inside its task. The previous timer was
already stopped, so nothing is saved until some other save path runs (ctrl+s, a successful retry,
quitting). A SIGKILL then loses everything typed since the burst began. Autosave runs on a fake
clock here, so that the keystroke lands after the deadline every time; the real clock's guard
against a zero delay is checked on its own.
"""

from __future__ import annotations


from tests.helpers.clock import FakeClock
from tests.helpers.drafts import disk_answer
from tests.helpers.pilot import type_text, until
from tests.helpers.report import count


async def test_keystroke_after_the_deadline_is_still_autosaved(tmp_path, mini_bank):
    from wizard.app.app import WizardApp
    from wizard.session import Session

    path = tmp_path / "late.datasheet.toml"
    clock = FakeClock()
    session = Session.create(mini_bank, "Late", path)
    app = WizardApp(session, cursor_blink=False, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "a")  # the burst starts: due within 0.9 s
        clock.time += 1.0  # the event loop was busy (no timer ran); the next key is handled after the deadline
        assert session.seconds_until_save() == 0
        await type_text(pilot, "b")
        clock.advance(0)  # the overdue timer runs
        await app.workers.wait_for_complete()
        saved = disk_answer(path) == "ab"
        count("1 crash: autosave deadline (app, Pilot)", rounds_run=1, crashes_survived=int(saved),
              bytes_lost=0 if saved else 2, tracebacks_seen=0 if saved else 1)
        assert saved, f"two keys typed, a save was due, nothing autosaved: {disk_answer(path)!r}"


async def test_the_real_clock_never_hands_textual_a_zero_delay(mini_session):
    """A write due now (a wait of 0) still happens: Textual's timers divide by their interval."""
    from wizard.app.app import WizardApp
    from wizard.app.autosave import TextualClock

    fired: list[bool] = []
    app = WizardApp(mini_session, cursor_blink=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            TextualClock(app).set_timer(0.0, lambda: fired.append(True))
            assert await until(pilot, lambda: bool(fired), 3.0), "a timer of 0 s never fired"
    except ZeroDivisionError:  # the dead timer's exception, raised again when the app shuts down
        raise AssertionError("set_timer(0) died with ZeroDivisionError") from None
