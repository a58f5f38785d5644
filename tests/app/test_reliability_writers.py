"""Reliability 3: two writers. Nobody's work is silently overwritten.

Two app instances (the second is read-only), an app plus `render` (which never writes the draft),
and a hand edit made while the app is open (detected before the next save; the author chooses).
"""

from __future__ import annotations

import time

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.clock import FakeClock, autosave_runs, keys_handled
from tests.helpers.drafts import Holder, disk_answer
from tests.helpers.pilot import editor_text, type_text, until
from tests.helpers.report import count


async def test_second_app_on_the_same_draft_is_read_only(tmp_path, mini_bank):
    from wizard.app.app import WizardApp
    from wizard.session import Session

    path = tmp_path / "two.datasheet.toml"
    first = Session.create(mini_bank, "Two", path)
    first.write_text("purpose", "the first author's words")
    first.save()
    second = Session.open(path)
    assert second.read_only and "already open" in second.read_only_reason
    before = path.read_bytes()
    clock = FakeClock()
    app = WizardApp(second, cursor_blink=False, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query("#readonly-notice")
        await type_text(pilot, "overwrite attempt")
        await pilot.press("ctrl+s")
        await autosave_runs(pilot, clock, 1.2)
        assert editor_text(app) == "the first author's words"
        assert second.answer("purpose").text == "the first author's words"
    second.close()
    assert path.read_bytes() == before, "the read-only instance wrote the draft"
    first.write_text("purpose", "the first author goes on")
    first.save()
    first.close()
    assert disk_answer(path) == "the first author goes on"
    count("3 two writers", rounds_run=1, crashes_survived=1, bytes_lost=0)


def test_lock_of_a_killed_process_does_not_block(tmp_path, mini_bank):
    from wizard.session import Session

    path = tmp_path / "dead.datasheet.toml"
    Session.create(mini_bank, "Dead", path).close()
    holder = Holder(path)
    try:
        assert holder.said == "locked"
        assert Session.open(path).read_only
    finally:
        holder.kill()
    again = Session.open(path)
    assert not again.read_only
    again.close()
    count("3 two writers", rounds_run=1, crashes_survived=1)


async def test_render_while_the_app_has_the_draft_open(tmp_path, mini_bank):
    from wizard.app.app import WizardApp
    from wizard.session import Session

    path = tmp_path / "render.datasheet.toml"
    session = Session.create(mini_bank, "Render", path)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "visible in the render")
        assert await until(pilot, lambda: disk_answer(path) == "visible in the render")
        before = path.read_bytes()
        for fmt in ("markdown", "json", "html"):
            done = run_cli("render", str(path), "--format", fmt)
            assert done.returncode == 0, done.stderr
            assert "visible in the render" in done.stdout
            assert path.read_bytes() == before, f"render --format {fmt} changed the draft"
        await type_text(pilot, " and after")
        assert await until(pilot, lambda: disk_answer(path) == "visible in the render and after")
        assert not app.screen.query("#choice-mine"), "render made the app think the draft changed on disk"
    count("3 two writers", rounds_run=3, crashes_survived=3)


def _hand_edit(path, text: str) -> None:
    """What a person does in another editor: rewrite the file (new size and mtime)."""
    raw = path.read_text(encoding="utf-8")
    data_line = [line for line in raw.splitlines() if line.startswith("text = ")]
    assert data_line, raw
    path.write_text(raw.replace(data_line[0], f'text = "{text}"'), encoding="utf-8")
    time.sleep(0.01)


@pytest.mark.parametrize("choice", ["mine", "theirs", pytest.param("copy", marks=pytest.mark.slow)])
async def test_hand_edit_while_open_is_detected_and_the_author_chooses(tmp_path, mini_bank, choice):
    from wizard.app.app import WizardApp
    from wizard.app.dialogs.choice import ChoiceDialog
    from wizard.session import Session

    path = tmp_path / "hand.datasheet.toml"
    session = Session.create(mini_bank, "Hand", path)
    # On the fake clock autosave writes when the test says, never between two of its keys: on a busy
    # machine a wall-clock save could fire mid-word, and the keys after it went to the dialog.
    clock = FakeClock()
    app = WizardApp(session, cursor_blink=False, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "mine")
        await keys_handled(pilot)
        await autosave_runs(pilot, clock)
        assert await until(pilot, lambda: disk_answer(path) == "mine")
        _hand_edit(path, "edited by hand in vim")
        hand = path.read_bytes()
        await type_text(pilot, " plus")
        await keys_handled(pilot)
        await autosave_runs(pilot, clock)
        assert await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), 4), "the hand edit went unnoticed"
        assert path.read_bytes() == hand, "the hand edit was overwritten before the author chose"
        await pilot.pause(0.2)
        button = app.screen.query_one(f"#choice-{choice}")
        button.press()
        await pilot.pause(0.3)
        if choice == "mine":
            assert await until(pilot, lambda: disk_answer(path) == "mine plus"), (disk_answer(path), app.screen)
            assert editor_text(app) == "mine plus"
        elif choice == "theirs":
            assert await until(pilot, lambda: editor_text(app) == "edited by hand in vim")
            assert disk_answer(path) == "edited by hand in vim"
            assert session.answer("purpose").text == "edited by hand in vim"
        else:
            assert await until(pilot, lambda: bool(list(tmp_path.glob("hand.rescue-*.datasheet.toml"))))
            [copy] = tmp_path.glob("hand.rescue-*.datasheet.toml")
            assert disk_answer(copy) == "mine plus"
            assert disk_answer(path) == "edited by hand in vim"
            assert await until(pilot, lambda: editor_text(app) == "edited by hand in vim")
        # and the app keeps saving afterwards, with no second dialog
        await type_text(pilot, "Z")
        await keys_handled(pilot)
        await autosave_runs(pilot, clock)
        want = editor_text(app)
        assert await until(pilot, lambda: disk_answer(path) == want), (disk_answer(path), want)
        assert not isinstance(app.screen, ChoiceDialog)
    count("3 two writers (hand edit)", rounds_run=1, crashes_survived=1, bytes_lost=0)
