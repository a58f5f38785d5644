"""The real app in a real terminal (tmux): start-up, typing, and SIGTERM/SIGHUP saving everything."""

from __future__ import annotations

import os
import signal

import pytest

from tests.helpers.drafts import disk_answer
from tests.helpers.terminal import Tmux, exited, have_tmux

pytestmark = pytest.mark.skipif(not have_tmux(), reason="tmux is installed by .ci/run")


@pytest.fixture
def tmux():
    terminal = Tmux("dw-test", keep_server=True)  # a session started just as the last one closed would fail
    yield terminal
    terminal.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_everything_typed(tmux, tmp_path, sig):
    tmux.wizard("new", "--title", "Signals", cwd=tmp_path, state_dir=tmp_path / "state")
    tmux.wait_for("For what purpose was the dataset created?")
    typed = "Typed right before the signal, every word of it"
    tmux.keys(typed, literal=True)
    tmux.wait_for("every word of it")
    pid = tmux.pid()
    os.kill(pid, sig)
    assert exited(pid), "the app did not exit after the signal"
    assert disk_answer(tmp_path / "signals.datasheet.toml") == typed


def test_real_terminal_session_and_resume(tmux, tmp_path):
    tmux.wizard("new", "--title", "Real", cwd=tmp_path, state_dir=tmp_path / "state")
    tmux.wait_for("question 1 of")
    tmux.keys("First answer", literal=True)
    tmux.keys("C-n")
    tmux.wait_for("Who created the dataset")
    tmux.keys("C-q")
    tmux.wait_for("Resume with: datasheet-wizard resume")
    tmux.kill()
    draft = tmp_path / "real.datasheet.toml"
    assert disk_answer(draft) == "First answer"
    tmux.wizard("resume", str(draft), cwd=tmp_path, state_dir=tmp_path / "state")
    tmux.wait_for("Who created the dataset")
    from wizard.session import Session

    total = Session.open(draft, lock=False).progress().total  # the default bank's visible questions
    assert "question 2 of" in tmux.wait_for(f"1 of {total} answered")


def test_closing_the_terminal_saves_and_frees_the_draft(tmux, tmp_path):
    """A dropped SSH session: the terminal vanishes; the app must save, exit and not hold the lock."""
    tmux.wizard("new", "--title", "Dropped", cwd=tmp_path, state_dir=tmp_path / "state")
    tmux.wait_for("For what purpose was the dataset created?")
    tmux.keys("Written before the connection dropped", literal=True)
    tmux.wait_for("connection dropped")
    pid = tmux.pid()
    tmux.kill()  # closes the pty: SIGHUP with no terminal left
    if not exited(pid):
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the app kept running after its terminal closed")
    draft = tmp_path / "dropped.datasheet.toml"
    assert disk_answer(draft) == "Written before the connection dropped"
    from wizard.session import Session

    again = Session.open(draft)
    assert not again.read_only
    again.close()
