"""Reliability 2: a full, read-only or vanished disk while the app runs.

The app keeps running, says the draft is NOT SAVED and why, keeps the text, retries, and saves once
the cause is gone; the previous draft on disk is never damaged. Faults are injected into the
`os` calls that `wizard.draft.atomic_write` makes, for the draft's own files only (the tests run as
root, so chmod would not stop a write).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers.drafts import disk_answer
from tests.helpers.paths import MINI
from tests.helpers.pilot import editor_text, saved_label, type_text, until
from tests.helpers.report import count


class Faults:
    """Make the draft's saves fail in one of several ways until `heal()` is called."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = str(folder)
        self.mode: str | None = None
        self.hits = 0
        real_open, real_write, real_replace = os.open, os.write, os.replace

        def ours(path) -> bool:  # type: ignore[no-untyped-def]
            return str(path).startswith(self.folder) and str(path).endswith(".tmp")

        def fd_ours(fd: int) -> bool:
            try:
                return ours(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:
                return False

        def fake_open(path, flags, mode=0o777, *a, **k):  # type: ignore[no-untyped-def]
            if self.mode in ("eacces", "erofs") and ours(path):
                self.hits += 1
                code = errno.EACCES if self.mode == "eacces" else errno.EROFS
                raise OSError(code, os.strerror(code), str(path))
            return real_open(path, flags, mode, *a, **k)

        def fake_write(fd, data):  # type: ignore[no-untyped-def]
            if self.mode == "enospc" and fd_ours(fd):
                self.hits += 1
                half = max(1, len(data) // 2)
                if len(data) > 1:
                    real_write(fd, bytes(data[:half]))  # half the bytes land, then the disk is full
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, data)

        def fake_replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
            if self.mode == "replace" and ours(src):
                self.hits += 1
                raise OSError(errno.EIO, "Input/output error")
            return real_replace(src, dst, *a, **k)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "write", fake_write)
        monkeypatch.setattr(os, "replace", fake_replace)

    def heal(self) -> None:
        self.mode = None


REASONS = {
    "enospc": "No space left on device",
    "eacces": "Permission denied",
    "erofs": "Read-only file system",
    "replace": "Input/output error",
    "deleted": "No such file or directory",
}


async def _fault_round(tmp_path: Path, monkeypatch, mode: str, keep_typing: bool = False) -> None:  # type: ignore[no-untyped-def]
    from wizard.app.app import WizardApp
    from wizard.bank import load_bank
    from wizard.session import Session

    folder = tmp_path / "drafts"
    folder.mkdir()
    path = folder / "disk.datasheet.toml"
    faults = Faults(monkeypatch, folder)
    session = Session.create(load_bank(MINI), "Disk", path)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "first words")
        assert await until(pilot, lambda: disk_answer(path) == "first words"), "the ordinary save never happened"
        before = path.read_bytes()

        if mode == "deleted":
            shutil.rmtree(folder)
        else:
            faults.mode = mode
        await type_text(pilot, " and more")
        await pilot.pause(1.3)
        assert await until(pilot, lambda: "NOT SAVED" in saved_label(app), 3), saved_label(app)
        label = saved_label(app)
        assert REASONS[mode] in label, f"the reason is not shown: {label!r}"
        assert app.is_running
        assert editor_text(app) == "first words and more"
        assert session.answer("purpose").text == "first words and more"
        if mode != "deleted":
            assert path.read_bytes() == before, "the previous draft was damaged by a failed save"
            assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")], "a half-written temporary is left"
        if keep_typing:
            # typing on while the disk is still broken: nothing goes missing
            await type_text(pilot, " still")
        await pilot.pause(2.2)  # at least one retry fails too
        assert "NOT SAVED" in saved_label(app)
        if mode != "deleted":
            assert path.read_bytes() == before

        if mode == "deleted":
            folder.mkdir()
        else:
            faults.heal()
        want = "first words and more" + (" still" if keep_typing else "")
        assert await until(pilot, lambda: disk_answer(path) == want, 6), f"never saved after the fault: {disk_answer(path)!r}"
        assert await until(pilot, lambda: "NOT SAVED" not in saved_label(app), 3), saved_label(app)
        assert editor_text(app) == want
    count("2 disk faults (app, Pilot)", rounds_run=1, crashes_survived=1, bytes_lost=0, bad_inputs_tried=1)


@pytest.mark.parametrize(
    "mode",
    [
        "enospc",
        "deleted",
        pytest.param("eacces", marks=pytest.mark.slow),
        pytest.param("erofs", marks=pytest.mark.slow),
        pytest.param("replace", marks=pytest.mark.slow),
    ],
)
async def test_disk_fault_is_shown_text_kept_and_saved_after(tmp_path, monkeypatch, mode):
    await _fault_round(tmp_path, monkeypatch, mode)


@pytest.mark.slow
async def test_typing_on_while_the_disk_is_full(tmp_path, monkeypatch):
    await _fault_round(tmp_path, monkeypatch, "enospc", keep_typing=True)


async def test_quit_while_the_disk_is_full_asks_and_keeps_the_old_draft(tmp_path, monkeypatch):
    from wizard.app.app import WizardApp
    from wizard.bank import load_bank
    from wizard.session import Session

    folder = tmp_path / "drafts"
    folder.mkdir()
    path = folder / "quit.datasheet.toml"
    faults = Faults(monkeypatch, folder)
    session = Session.create(load_bank(MINI), "Quit", path)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "kept")
        assert await until(pilot, lambda: disk_answer(path) == "kept")
        before = path.read_bytes()
        faults.mode = "enospc"
        await type_text(pilot, " unsaved")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running, "quit with unsaved text must ask first"
        assert app.screen.query("#choice-stay"), "no 'Not saved' dialog"
        await pilot.click("#choice-stay")
        await pilot.pause()
        assert editor_text(app) == "kept unsaved"
        faults.heal()
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: disk_answer(path) == "kept unsaved")
        assert path.read_bytes() != before
        assert not app.screen.query("#choice-stay"), "the 'Not saved' dialog stayed open"
        assert await until(pilot, lambda: saved_label(app).startswith("saved")), saved_label(app)
    count("2 disk faults (app, Pilot)", rounds_run=1, crashes_survived=1, bad_inputs_tried=1)


def test_session_save_failure_leaves_old_draft_and_no_temporaries(tmp_path, monkeypatch, mini_bank):
    """The core alone, many failing saves in a row: same bytes on disk, no .tmp files, clear error."""
    from wizard.errors import DraftError
    from wizard.session import Session

    folder = tmp_path / "d"
    folder.mkdir()
    path = folder / "s.datasheet.toml"
    faults = Faults(monkeypatch, folder)
    session = Session.create(mini_bank, "S", path)
    session.write_text("purpose", "one")
    session.save()
    before = path.read_bytes()
    tried = 0
    for mode in ("enospc", "eacces", "erofs", "replace") * 10:
        faults.mode = mode
        session.write_text("purpose", f"attempt {tried} " + "z" * (tried * 97))
        with pytest.raises(DraftError) as info:
            session.save()
        tried += 1
        assert str(path) in str(info.value) and REASONS[mode] in str(info.value)
        assert path.read_bytes() == before
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    faults.heal()
    session.save()
    assert disk_answer(path) == f"attempt {tried - 1} " + "z" * ((tried - 1) * 97)
    session.close()
    count("2 disk faults (core)", rounds_run=tried, crashes_survived=tried, bad_inputs_tried=tried)
