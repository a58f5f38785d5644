"""The real app in a real terminal (tmux): start-up, typing, and SIGTERM/SIGHUP saving everything."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is installed by .ci/run")


class Tmux:
    def __init__(self, name: str, tmp: Path) -> None:
        self.base = self.name = name
        self.tmp = tmp
        self.started = 0

    def start(self, *args: str, size: tuple[int, int] = (100, 30)) -> None:
        self.started += 1
        self.name = f"{self.base}-{self.started}"  # a fresh session each time: a kept dead pane never collides
        env = f"PYTHONPATH={ROOT} DATASHEET_WIZARD_STATE_DIR={self.tmp / 'state'} TERM=xterm-256color"
        command = f"cd {self.tmp} && exec env {env} {sys.executable} -m wizard {' '.join(args)}"
        # remain-on-exit: what the app prints as it exits stays readable after the process is gone
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), command,
                        ";", "set-option", "-t", self.name, "remain-on-exit", "on"], check=True)

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return out.stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        done = subprocess.run(["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys],
                              capture_output=True, text=True)
        assert done.returncode == 0, f"tmux send-keys failed: {done.stderr}\n{self.screen()}"

    def pid(self) -> int:
        out = subprocess.run(["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"], capture_output=True, text=True)
        return int(out.stdout.split()[0])

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(f"dw-test-{os.getpid()}-{time.monotonic_ns()}", tmp_path)
    yield session
    session.kill()


def exited(pid: int, within: float = 5.0) -> bool:
    """The process is gone, or a zombie (tmux keeps the pane, remain-on-exit, and reaps it later)."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
            if Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z":
                return True
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.05)
    return False


def draft_text(path: Path, qid: str = "purpose") -> str:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("answers", {}).get(qid, {}).get("text", "")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_everything_typed(tmux, tmp_path, sig):
    tmux.start("new", "--title", "Signals")
    tmux.wait_for("For what purpose was the dataset created?")
    typed = "Typed right before the signal, every word of it"
    tmux.keys(typed, literal=True)
    tmux.wait_for("every word of it")
    pid = tmux.pid()
    os.kill(pid, sig)
    assert exited(pid), "the app did not exit after the signal"
    assert draft_text(tmp_path / "signals.datasheet.toml") == typed


def test_real_terminal_session_and_resume(tmux, tmp_path):
    tmux.start("new", "--title", "Real")
    tmux.wait_for("question 1 of")
    tmux.keys("First answer", literal=True)
    tmux.keys("C-n")
    tmux.wait_for("Who created the dataset")
    tmux.keys("C-q")
    tmux.wait_for("Resume with: datasheet-wizard resume")
    tmux.kill()
    draft = tmp_path / "real.datasheet.toml"
    assert draft_text(draft) == "First answer"
    tmux.start("resume", str(draft))
    tmux.wait_for("Who created the dataset")
    from wizard.session import Session

    total = Session.open(draft, lock=False).progress().total  # the default bank's visible questions
    assert "question 2 of" in tmux.wait_for(f"1 of {total} answered")


def test_closing_the_terminal_saves_and_frees_the_draft(tmux, tmp_path):
    """A dropped SSH session: the terminal vanishes; the app must save, exit and not hold the lock."""
    tmux.start("new", "--title", "Dropped")
    tmux.wait_for("For what purpose was the dataset created?")
    tmux.keys("Written before the connection dropped", literal=True)
    tmux.wait_for("connection dropped")
    pid = tmux.pid()
    tmux.kill()  # closes the pty: SIGHUP with no terminal left
    if not exited(pid):
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the app kept running after its terminal closed")
    draft = tmp_path / "dropped.datasheet.toml"
    assert draft_text(draft) == "Written before the connection dropped"
    from wizard.session import Session

    again = Session.open(draft)
    assert not again.read_only
    again.close()
