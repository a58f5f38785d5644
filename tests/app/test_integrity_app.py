"""The full-screen app under hostile input and odd key sequences: nothing raw reaches the screen,
no screen opened twice crashes it, and "saved" is only shown when true."""

from __future__ import annotations


import pytest

from tests.helpers.hostile import hostile_draft, raw_in
from tests.helpers.paths import MINI
from tests.helpers.report import count


def screen_text(app) -> str:  # noqa: ANN001
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())  # noqa: SLF001


def _app(session):  # noqa: ANN001, ANN202
    from wizard.app.app import WizardApp

    return WizardApp(session, cursor_blink=False)


async def test_hostile_bank_and_draft_never_reach_the_screen_raw(tmp_path):
    from wizard.session import Session

    session = Session.open(hostile_draft(tmp_path))
    app = _app(session)
    seen = 0
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause(0.5)
        text = screen_text(app)
        assert "\\x1b]0;PWNED" in text and "<U+202E>" in text  # shown, escaped
        assert not raw_in(text) and not raw_in(app.title) and not raw_in(app.sub_title)
        for keys in (["ctrl+o"], ["escape", "ctrl+r"], ["escape", "f1"], ["escape", "ctrl+t"], ["escape", "ctrl+n"],
                     ["ctrl+f"], ["escape"]):
            for key in keys:
                await pilot.press(key)
            await pilot.pause(0.3)
            text = screen_text(app)
            assert not raw_in(text), (keys, [line for line in text.splitlines() if raw_in(line)][:3])
            seen += 1
        app.action_show_orphans()
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "gone\\x1b" in text and not raw_in(text)
        app.notify(f"Notice about {session.path} and {session.bank.title}")
        await pilot.pause(0.2)
        assert not raw_in(screen_text(app))
    count("escape injection (app, Pilot)", rounds_run=seen + 2, tracebacks_seen=0)


@pytest.mark.parametrize("keys", [
    ["ctrl+f", "ctrl+f"],
    ["ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n"],
    ["ctrl+f", "f1", "ctrl+f", "ctrl+f"],
    ["ctrl+r", "f1", "ctrl+r", "f1"],
    ["f1", "ctrl+r", "f1", "ctrl+r", "ctrl+r"],
    ["ctrl+f", "ctrl+r", "ctrl+f", "ctrl+n", "ctrl+f"],
])
async def test_opening_a_screen_twice_never_crashes(tmp_path, keys):
    from wizard.bank import load_bank
    from wizard.session import Session

    session = Session.create(load_bank(MINI), "Twice", tmp_path / "twice.datasheet.toml")
    app = _app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        assert app._exception is None and app.return_code is None  # noqa: SLF001 - still running, no crash
        classes = [type(s).__name__ for s in app.screen_stack]
        assert len(classes) == len(set(classes)), classes
    count("screens opened twice (app, Pilot)", rounds_run=1, tracebacks_seen=0)


HUNG_LOADER = """
import asyncio, sys, threading
from pathlib import Path
from wizard.bank import load_bank
from wizard.recent import remember_session
from wizard.session import Session

session = Session.create(load_bank(sys.argv[1]), "Hung", Path(sys.argv[2]))
remember_session(session)
session.close()
real_open = Session.open.__func__

def hang(cls, path, **kwargs):
    if threading.current_thread() is not threading.main_thread():
        threading.Event().wait()  # a draft on a share that never answers
    return real_open(cls, path, **kwargs)

Session.open = classmethod(hang)
from wizard.app.app import WizardApp

async def main():
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
    print("app closed", flush=True)

asyncio.run(main())
"""


def test_the_start_screen_loader_never_keeps_the_process_alive(tmp_path):
    import subprocess
    import sys

    from tests.helpers.paths import subprocess_env

    env = subprocess_env() | {"DATASHEET_WIZARD_STATE_DIR": str(tmp_path / "state")}
    try:
        out = subprocess.run([sys.executable, "-c", HUNG_LOADER, str(MINI), str(tmp_path / "hung.datasheet.toml")],
                             capture_output=True, text=True, env=env, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the process stayed alive after ctrl+q while the recent-drafts loader was stuck")
    assert "app closed" in out.stdout and out.returncode == 0, out.stderr[-2000:]


async def test_the_command_palette_shows_hostile_prompts_escaped(tmp_path):
    from wizard.session import Session

    session = Session.open(hostile_draft(tmp_path))
    app = _app(session)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"go")
        await pilot.pause(0.8)
        text = screen_text(app)
        assert "PWNED" in text and not raw_in(text), [line for line in text.splitlines() if raw_in(line)][:3]
