"""SVG snapshots of every screen at 80×24, 120×36 and 200×50 (pytest-textual-snapshot).

Update after an intended visual change with `pytest tests/app/test_snapshots.py --snapshot-update`,
and look at each changed picture before committing it (`rsvg-convert` turns an SVG into a PNG).
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
SIZES = [(80, 24), (120, 36), (200, 50)]
sizes = pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])


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
        bank = FOLDER / DEFAULT_BANK.name  # the help screen shows the bank's path: the same in every checkout
        shutil.copy(DEFAULT_BANK, bank)
        s = Session.create(load_bank(bank, bundled=True), "CityBirds", FOLDER / "citybirds.datasheet.toml")
        s.draft.created = s.draft.updated = FIXED
        s.write_text("purpose", "To recognise **bird species** from short calls recorded in noisy cities.")
        s.write_text("creators", "The CityBirds team at Northfield University.")
        s.save()  # nothing pending: the "saved" indicator is steady
        yield s
        s.close()
        shutil.rmtree(FOLDER, ignore_errors=True)


def app_for(session: Session) -> WizardApp:
    return WizardApp(session, cursor_blink=False)


def pressing(*keys: str, until=None):  # type: ignore[no-untyped-def]
    """Press keys, then let scrolling and layout settle so the picture is stable (and, with
    `until`, wait for that to hold of the app: something filled in off the main thread)."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        for _ in range(100):  # the question screen is pushed on mount: wait for it under load
            if pilot.app.session is None or pilot.app.question_screen is not None:
                break
            await pilot.pause(0.05)
        for _ in range(200 if until is not None else 0):
            if until(pilot.app):
                break
            await pilot.pause(0.05)
        await pilot.pause(0.1)
        await pilot.press(*keys)
        pilot.app.clear_notifications()  # a toast lasts seconds: whether it is still up depends on the machine's speed
        await pilot.pause(0.2)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)

    return run_before


# ---------------------------------------------------------------- start


@sizes
def test_start_screen(snap_compare, size, monkeypatch):
    monkeypatch.chdir("/")
    assert snap_compare(WizardApp(cursor_blink=False), terminal_size=size, run_before=pressing())


def _recent_loaded(app: WizardApp) -> bool:
    return all("loading…" not in str(label.render()) for label in app.screen.query("#recent Label"))


@sizes
def test_start_screen_with_a_recent_draft(snap_compare, snap_session, size, monkeypatch):
    """Its title, progress, last edit (a date: it was days ago) and questionnaire, and where it is."""
    from wizard.recent import remember_session

    monkeypatch.chdir("/")
    remember_session(snap_session)
    snap_session.close()  # the start screen reads it as a closed draft
    assert snap_compare(WizardApp(cursor_blink=False), terminal_size=size, run_before=pressing(until=_recent_loaded))


# ---------------------------------------------------------------- the question screen, one per kind of editor


@sizes
def test_text_question(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing())


@sizes
def test_long_detail_keeps_the_place_line(snap_compare, snap_session, size):
    snap_session.go("external_resources")  # a 576-character detail pushes the editor down
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing())


@sizes
def test_choice_question(snap_compare, snap_session, size):
    snap_session.go("sampling")
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing())


@sizes
def test_multichoice_question(snap_compare, snap_session, size):
    snap_session.tick("collected_from", (snap_session.bank.question("collected_from").options[0],))
    snap_session.save()
    snap_session.go("collected_from")
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing())


@sizes
def test_yesno_question(snap_compare, snap_session, size):
    snap_session.go("labels")
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing())


# ---------------------------------------------------------------- the screens around it


@sizes
def test_outline(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("ctrl+o"))


@sizes
def test_preview(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("ctrl+r"))


@sizes
def test_review(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("ctrl+f"))


@sizes
def test_help(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("f1"))


@sizes
def test_reason_dialog(snap_compare, snap_session, size):
    assert snap_compare(app_for(snap_session), terminal_size=size, run_before=pressing("ctrl+t"))
