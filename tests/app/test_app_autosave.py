"""Autosave on its own: a fake clock and a host that runs "threads" at once, so every step is explicit."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.helpers.paths import MINI
from tests.helpers.clock import FakeClock
from wizard.app.autosave import Autosave
from wizard.bank import load_bank
from wizard.session import DEBOUNCE, MAX_WAIT, Session


class Host:
    """What the app gives autosave, written down: the saved note, notices, questions asked."""

    def __init__(self, session: Session) -> None:
        self.session: Session | None = session
        self.saved: list[tuple[str, bool]] = []
        self.notices: list[str] = []
        self.asked: list[Callable[[str], None]] = []
        self.reloaded = 0
        self.flushed = 0

    def show_saved(self, text: str, *, error: bool = False) -> None:
        self.saved.append((text, error))

    def flush_editor(self) -> None:
        self.flushed += 1

    def show_reloaded(self) -> None:
        self.reloaded += 1

    def ask_changed_on_disk(self, session: Session, then: Callable[[str], None]) -> None:
        self.asked.append(then)

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        self.notices.append(message)

    def run_worker(self, work: Callable[[], object], **options: Any) -> object:
        return work()  # the thread, at once

    def call_from_thread(self, callback: Callable[..., object], *args: Any) -> object:
        return callback(*args)


def on_disk(path: Path) -> str | None:
    return tomllib.loads(path.read_text(encoding="utf-8"))["answers"].get("purpose", {}).get("text")


@pytest.fixture
def parts(tmp_path: Path):  # type: ignore[no-untyped-def]
    session = Session.create(load_bank(MINI), "Clock", tmp_path / "clock.datasheet.toml")
    clock = FakeClock(start=1000.0)  # steps of 1/8 s add up exactly
    host = Host(session)
    autosave = Autosave(host, clock)
    autosave.attach(session)
    yield session, clock, host, autosave
    session.close()


def test_a_write_comes_after_a_pause_in_typing_and_never_later_than_max_wait(parts):
    session, clock, host, autosave = parts
    session.write_text("purpose", "a")
    autosave.schedule()
    assert host.saved[-1] == ("editing…", False)
    for letter in "bcdefghijk":  # a key every 0.125 s: never a pause of DEBOUNCE
        clock.advance(0.125)
        session.write_text("purpose", session.answer("purpose").text + letter)
        autosave.schedule()
        if letter == "h":
            assert on_disk(session.path) is None  # 0.875 s into the burst
    assert on_disk(session.path) == "abcdefgh"  # written at MAX_WAIT (0.9 s), mid-burst
    clock.advance(DEBOUNCE + 0.01)
    assert on_disk(session.path) == "abcdefghijk" and host.saved[-1] == ("saved · clock.datasheet.toml", False)


def test_a_refused_write_is_retried_until_it_works(parts, monkeypatch):
    from wizard.errors import DraftError

    session, clock, host, autosave = parts
    real = session.write_snapshot
    failures = [2]

    def flaky(revision, draft, **kwargs):  # type: ignore[no-untyped-def]
        if failures[0]:
            failures[0] -= 1
            session.last_error = "No space left on device."
            raise DraftError("Cannot save the draft: No space left on device.")
        return real(revision, draft, **kwargs)

    monkeypatch.setattr(session, "write_snapshot", flaky)
    session.write_text("purpose", "kept")
    autosave.schedule()
    clock.advance(DEBOUNCE)  # no more typing: due
    assert host.saved[-1][1] and "NOT SAVED" in host.saved[-1][0] and on_disk(session.path) is None
    assert failures == [1]
    clock.advance(Autosave.RETRY_AFTER - 0.01)
    assert failures == [1]  # not yet
    clock.advance(0.01)
    assert failures == [0] and "NOT SAVED" in host.saved[-1][0]
    clock.advance(Autosave.RETRY_AFTER)
    assert on_disk(session.path) == "kept" and host.saved[-1] == ("saved · clock.datasheet.toml", False)


@pytest.mark.parametrize("choice", ["mine", "theirs", "copy"])
def test_a_draft_changed_on_disk_asks_once_and_does_what_was_chosen(parts, choice):
    import os

    session, clock, host, autosave = parts
    path = session.path
    path.write_text(path.read_text(encoding="utf-8").replace('title = "Clock"', 'title = "By hand"'), encoding="utf-8")
    os.utime(path, ns=(7, 7))
    session.write_text("purpose", "mine")
    autosave.schedule()
    clock.advance(MAX_WAIT)
    assert len(host.asked) == 1
    assert not autosave.save_now()  # asking again while the question is open: still one question
    assert len(host.asked) == 1
    host.asked[0](choice)
    if choice == "mine":
        assert on_disk(path) == "mine" and host.reloaded == 0
    else:
        assert on_disk(path) is None and session.draft.title == "By hand" and host.reloaded == 1
        assert bool(list(path.parent.glob("clock.rescue-*.datasheet.toml"))) == (choice == "copy")


def test_attach_runs_the_session_on_the_same_clock_and_primes_its_writer_later(parts):
    session, clock, host, autosave = parts
    assert session.clock() == clock.time
    assert [round(t.due - clock.time, 2) for t in clock.pending] == [Autosave.PRIME_AFTER]
    clock.advance(Autosave.PRIME_AFTER)
    assert not clock.pending
