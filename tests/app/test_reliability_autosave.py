"""Reliability 1 (the bug the pty rounds found): a keystroke handled after the autosave deadline.

`WizardApp.schedule_save` asks the session how long to wait; once the burst's MAX_WAIT (0.9 s) has
passed the answer is 0, and `set_timer(0, ...)` never fires: Textual's Timer computes
`(now - start) / interval` and dies with ZeroDivisionError inside its task. The previous timer was
already stopped, so nothing is saved until some other save path runs (ctrl+s, a successful retry,
quitting). A SIGKILL then loses everything typed since the burst began. The session's clock is
faked here so that the keystroke lands after the deadline every time.
"""

from __future__ import annotations


from tests.helpers.drafts import disk_answer
from tests.helpers.pilot import type_text, until
from tests.helpers.report import count


async def test_keystroke_after_the_deadline_is_still_autosaved(tmp_path, mini_bank):
    from wizard.app.app import WizardApp
    from wizard.session import Session

    path = tmp_path / "late.datasheet.toml"
    fake = [1000.0]
    session = Session.create(mini_bank, "Late", path)
    session.clock = lambda: fake[0]
    app = WizardApp(session, cursor_blink=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await type_text(pilot, "a")  # the burst starts: due within 0.9 s (fake clock)
            fake[0] += 1.0  # the event loop was busy; the next key is handled after the deadline
            await type_text(pilot, "b")
            saved = await until(pilot, lambda: disk_answer(path) == "ab", 3.0)
            count("1 crash: autosave deadline (app, Pilot)", rounds_run=1, crashes_survived=int(saved),
                  bytes_lost=0 if saved else 2, tracebacks_seen=0 if saved else 1)
            assert saved, f"two keys typed, nothing autosaved after 3 s: {disk_answer(path)!r}"
    except ZeroDivisionError:  # the dead timer's exception, raised again when the app shuts down
        raise AssertionError("set_timer(0) died with ZeroDivisionError") from None
