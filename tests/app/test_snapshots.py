"""SVG snapshots of the main screens at 100×32 and 80×24 (pytest-textual-snapshot).

Update after an intended visual change with `pytest tests/app/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.helpers.paths import DEFAULT_BANK
from wizard.app.app import WizardApp
from wizard.bank import load_bank
from wizard.session import Session

FOLDER = Path("/tmp/datasheet-wizard-snapshots")  # fixed: the path shows on screen
FIXED = dt.datetime(2026, 11, 29, 9, 30, tzinfo=dt.timezone.utc)
SIZES = [(100, 32), (80, 24)]


@contextlib.contextmanager
def folder_to_ourselves():
    """FOLDER is one path for the whole machine: two test runs at once (two worktrees, two CI jobs)
    would delete and recreate each other's draft mid-test. They take turns instead."""
    with open(f"{FOLDER}.lock", "a") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - no advisory locks here; runs must not overlap
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture
def snap_session(monkeypatch):
    monkeypatch.setattr("wizard.session.now", lambda: FIXED)
    with folder_to_ourselves():
        shutil.rmtree(FOLDER, ignore_errors=True)
        FOLDER.mkdir(parents=True)
        s = Session.create(load_bank(DEFAULT_BANK, bundled=True), "CityBirds", FOLDER / "citybirds.datasheet.toml")
        s.draft.created = s.draft.updated = FIXED
        s.write_text("purpose", "To recognise **bird species** from short calls recorded in noisy cities.")
        s.write_text("creators", "The CityBirds team at Northfield University.")
        s.save()  # nothing pending: the "saved" indicator is steady
        yield s
        s.close()
        shutil.rmtree(FOLDER, ignore_errors=True)


def app_for(session: Session) -> WizardApp:
    return WizardApp(session, cursor_blink=False)


def pressing(*keys: str):  # type: ignore[no-untyped-def]
    """Press keys, then let scrolling and layout settle so the picture is stable."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        for _ in range(100):  # the question screen is pushed on mount: wait for it under load
            if pilot.app.session is None or pilot.app.question_screen is not None:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.1)
        await pilot.press(*keys)
        await pilot.pause(0.2)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, size, monkeypatch):
    monkeypatch.chdir("/")
    assert snap_compare(WizardApp(cursor_blink=False), terminal_size=size, run_before=pressing())


@pytest.mark.parametrize("size", SIZES)
def test_text_question(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing())


@pytest.mark.parametrize("size", SIZES)
def test_choice_question(snap_compare, snap_session, size):
    snap_session.go("sampling")
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing())


@pytest.mark.parametrize("size", SIZES)
def test_outline(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("ctrl+o"))


@pytest.mark.parametrize("size", SIZES)
def test_preview(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("ctrl+r"))


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("ctrl+f"))
