"""The app's edges that the pty and signal tests do not reach: drawing on stdout, deciding the
text's fate once (wizard.app.lifecycle), and handing the terminal to the author's editor (external)."""

from __future__ import annotations

import os
import sys

import pytest


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver")
def test_the_app_draws_on_stdout_only_when_stderr_is_redirected(monkeypatch):
    from textual.drivers.linux_driver import LinuxDriver

    from wizard.app.lifecycle import stdout_driver

    monkeypatch.setattr(os, "isatty", lambda fd: fd == 1)  # `datasheet-wizard 2>err.txt` in a terminal
    driver = stdout_driver(LinuxDriver)
    assert driver is not LinuxDriver and issubclass(driver, LinuxDriver)
    monkeypatch.setattr(os, "isatty", lambda fd: True)
    assert stdout_driver(LinuxDriver) is LinuxDriver
    monkeypatch.setattr(os, "isatty", lambda fd: False)  # no terminal at all: nothing to choose
    assert stdout_driver(LinuxDriver) is LinuxDriver


async def test_finish_decides_once_and_unmount_saves_what_was_typed(mini_session):
    from wizard.app.app import WizardApp

    app = WizardApp(mini_session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"last words")
        await pilot.pause()
    assert mini_session.answer("purpose").text == "last words" and not mini_session.dirty
    first = app.finish()
    assert first is not None and first.saved
    assert app.finish() is first  # decided once: a signal after the exit changes nothing


async def test_an_editor_that_cannot_run_is_named_and_the_answer_kept(mini_session, monkeypatch):
    from textual.widgets import TextArea

    from wizard.app.app import WizardApp

    monkeypatch.setenv("VISUAL", "/nonexistent/editor --wait")
    app = WizardApp(mini_session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"kept")
        await pilot.press("ctrl+e")
        await pilot.pause()
        notes = [n.message for n in app._notifications]  # noqa: SLF001
        assert any(n.startswith("Could not run /nonexistent/editor --wait:") for n in notes), notes
        assert app.screen.query_one("#editor-purpose TextArea", TextArea).text == "kept"
