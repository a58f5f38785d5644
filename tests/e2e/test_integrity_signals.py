"""Signals and conflicts with real processes in a pseudo-terminal (SPEC "Saving"): on SIGTERM/SIGHUP
nothing is asked; text the draft cannot take goes to a new rescue copy that the message names;
"saved" is printed only when true (not after "Quit without saving", not by a read-only instance)."""

from __future__ import annotations

import os
import re
import signal
import time
import tomllib
from pathlib import Path

import pytest

from tests.helpers.drafts import Holder, disk_answer
from tests.helpers.paths import MINI
from tests.helpers.report import count
from tests.helpers.terminal import PtyApp

PROMPT = "Why does it exist?"


def _draft(folder: Path, name: str = "sig") -> Path:
    from wizard.bank import load_bank
    from wizard.session import Session

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.datasheet.toml"
    Session.create(load_bank(MINI), "Signals", path).close()
    return path


def _hand_edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace('title = "Signals"', 'title = "Edited by hand"'),
                    encoding="utf-8")
    os.utime(path, ns=(7_000_000_000, 7_000_000_000))


def _rescues(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name.removesuffix(".datasheet.toml") + ".rescue-*.datasheet.toml"))


def _start_app(path: Path, state: Path, *extra: str) -> PtyApp:
    app = PtyApp(path, state, extra=extra)
    assert app.wait_for(PROMPT, 60), app.output()[-2000:]
    return app


def _type_until_on_disk(app: PtyApp, path: Path, text: str) -> None:
    if not app.type_until(text, lambda: disk_answer(path).startswith(text)):
        raise AssertionError(f"typing never reached the draft: {disk_answer(path)!r}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_app_signal_during_a_conflict_writes_a_rescue_copy_and_never_claims_saved(tmp_path, signum):
    path = _draft(tmp_path)
    app = _start_app(path, tmp_path / "state")
    try:
        _type_until_on_disk(app, path, "first ")
        _hand_edit(path)
        app.type("second")
        assert app.wait_for("changed on disk", 10), app.output()[-1500:]  # the conflict dialog is up
        app.signal(signum)
        code = app.wait(15)
        assert code is not None, "the app did not exit on the signal"
        rescues = _rescues(path)
        assert len(rescues) == 1 and disk_answer(rescues[0]) == "first second"
        assert tomllib.loads(path.read_text())["draft"]["title"] == "Edited by hand"  # theirs, untouched
        out = app.output()
        assert "Draft saved" not in out
        if signum == signal.SIGTERM:
            assert rescues[0].name in re.sub(r"\s+", "", out), out[-1500:]
    finally:
        app.close()
    count("signals during a conflict (pty)", rounds_run=1, crashes_survived=1, bytes_lost=0)


def test_app_asks_when_the_draft_is_edited_the_moment_after_our_save(tmp_path):
    """An edit that lands just after our save renamed the draft into place (here: while a pause
    follows every rename, tests/helpers/slow_rename) is another program's, not ours: the next save
    asks, and their edit stays. The stamp used to be read from the file after the rename, and the
    app then overwrote the edit without a word (what made the test above fail now and then)."""
    from tests.helpers.paths import ROOT

    path = _draft(tmp_path)
    app = PtyApp(path, tmp_path / "state", env={"PYTHONPATH": f"{ROOT / 'tests' / 'helpers' / 'slow_rename'}:{ROOT}"})
    assert app.wait_for(PROMPT, 60), app.output()[-2000:]
    try:
        _type_until_on_disk(app, path, "first ")
        _hand_edit(path)  # during the pause after the rename
        app.type("second")
        assert app.wait_for("changed on disk", 10), app.output()[-1500:]
        assert tomllib.loads(path.read_text())["draft"]["title"] == "Edited by hand"
        assert disk_answer(path) == "first "
    finally:
        app.close()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "ctrl+c"])
def test_plain_mode_stopped_during_a_conflict_never_prompts_and_rescues(tmp_path, how):
    path = _draft(tmp_path)
    app = _start_app(path, tmp_path / "state", "--plain")
    try:
        assert app.wait_for("Answer", 30)
        app.type("typed in plain")
        time.sleep(0.5)
        _hand_edit(path)
        if how == "ctrl+c":
            app.type("\x03")
        else:
            app.signal(getattr(signal, how))
        code = app.wait(15)
        assert code is not None, f"plain mode did not exit: {app.output()[-1500:]}"
        rescues = _rescues(path)
        assert len(rescues) == 1 and disk_answer(rescues[0]) == "typed in plain", app.output()[-1500:]
        assert tomllib.loads(path.read_text())["draft"]["title"] == "Edited by hand"
        assert "Which version should stay" not in app.output()
        assert "Saved. Your draft" not in app.output()
    finally:
        app.close()
    count("signals during a conflict (pty)", rounds_run=1, crashes_survived=1, bytes_lost=0)


def test_rescue_copies_never_overwrite_each_other(tmp_path, mini_bank):
    from wizard.session import Session

    path = tmp_path / "two.datasheet.toml"
    session = Session.create(mini_bank, "Two", path)
    copies = []
    for text in ("one", "two", "three"):
        session.write_text("purpose", text)
        copies.append(session.save_copy())
    session.close()
    assert len(set(copies)) == 3 and [disk_answer(c) for c in copies] == ["one", "two", "three"]
    assert all(c.parent == tmp_path and ".rescue-" in c.name and c.name.endswith(".datasheet.toml") for c in copies)
    os.chmod(path, 0o600)
    session = Session.open(path)
    session.write_text("purpose", "private")
    private = session.save_copy()
    session.close()
    assert private.stat().st_mode & 0o077 == 0  # a private draft's rescue copy is private too
    count("rescue copies", rounds_run=4, bytes_lost=0)


def test_quit_without_saving_after_the_folder_vanished_says_so(tmp_path):
    import shutil

    folder = tmp_path / "gone"
    path = _draft(folder)
    app = _start_app(path, tmp_path / "state")
    try:
        _type_until_on_disk(app, path, "kept ")
        shutil.rmtree(folder)
        app.type("lost")
        time.sleep(1.5)
        app.type("\x11")  # ctrl+q: the save fails, the "Not saved" dialog asks
        assert app.wait_for("Quit without saving", 10), app.output()[-1500:]
        app.type("\x1b")  # Escape picks the last choice: quit without saving
        assert app.wait(15) is not None
        out = app.output()
        assert "Draft saved" not in out and "Quit without saving: your changes since the last save are not in" in out, \
            out[-1500:]
    finally:
        app.close()


def test_a_read_only_second_instance_never_claims_saved(tmp_path):
    path = _draft(tmp_path)
    holder = Holder(path)
    assert holder.said == "locked"
    app = _start_app(path, tmp_path / "state")
    try:
        assert app.wait_for("Read-only", 15)
        app.type("\x11")
        assert app.wait(15) is not None
        out = app.output()
        assert "Draft saved" not in out and "read-only" in out.split("Read-only")[-1], out[-800:]
    finally:
        app.close()
        holder.release()


def test_with_stderr_redirected_the_app_still_draws_on_the_terminal(tmp_path):
    """`datasheet-wizard resume X 2>err.txt`: the UI must not go into err.txt."""
    path = _draft(tmp_path)
    with (tmp_path / "err.txt").open("wb") as err:
        app = PtyApp(path, tmp_path / "state", stderr=err)
        try:
            assert app.wait_for(PROMPT, 60), "the app did not draw on the terminal"
            app.type("\x11")  # ctrl+q
            assert app.wait(20) is not None, "the app did not quit on ctrl+q"
        finally:
            app.close()
    assert b"\x1b[" not in (tmp_path / "err.txt").read_bytes()


def test_sigterm_after_the_folder_vanished_rescues_into_the_state_folder(tmp_path):
    import shutil

    folder = tmp_path / "vanishing"
    path = _draft(folder)
    state = tmp_path / "state"
    app = _start_app(path, state)
    try:
        _type_until_on_disk(app, path, "kept ")
        shutil.rmtree(folder)
        app.type("and more")
        time.sleep(1.5)  # the autosave fails: NOT SAVED
        app.signal(signal.SIGTERM)
        assert app.wait(15) is not None
        out = app.output()
        rescues = list((state / "rescue").glob("sig.rescue-*.datasheet.toml"))
        assert len(rescues) == 1 and disk_answer(rescues[0]) == "kept and more"
        assert "Draft saved" not in out and rescues[0].name in re.sub(r"\s+", "", out)
        assert not folder.exists()  # the vanished folder is not re-created behind the author's back
    finally:
        app.close()
    count("signals during a conflict (pty)", rounds_run=1, crashes_survived=1, bytes_lost=0)


def test_saved_is_never_claimed_for_a_file_another_program_replaced(tmp_path, mini_bank):
    from wizard.rescue import save_or_rescue
    from wizard.session import Session

    path = tmp_path / "replaced.datasheet.toml"
    session = Session.create(mini_bank, "Replaced", path)
    session.write_text("purpose", "ours")
    session.save()
    _hand_edit(path)  # nothing unsaved here, but the file no longer holds our version
    outcome = save_or_rescue(session)
    session.close()
    assert not outcome.saved and "Draft saved" not in outcome.message
    assert outcome.rescue is not None and disk_answer(outcome.rescue) == "ours" and outcome.rescue.name in outcome.message
    quiet = Session.open(path)
    assert save_or_rescue(quiet).saved  # untouched since opened: saved is true
    quiet.close()
