"""The real program in a real terminal, for tests and benchmarks alike (no pytest here).

`PtyApp` runs `python -m wizard resume DRAFT` on a pseudo-terminal and keeps everything it draws, raw bytes
and all: for signals, crashes and escape sequences. `Tmux` runs any command in a tmux session and reads the
screen back as text, as a person would see it. Both wait on the wall clock: they drive another process.
"""

from __future__ import annotations

import fcntl
import os
import pty
import shlex
import shutil
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from typing import IO, Any, Callable

from tests.helpers.paths import ROOT


def poll(check: Callable[[], bool], timeout: float, every: float = 0.05) -> bool:
    """Whether `check()` comes true within `timeout` seconds (asked every `every` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return check()


def exited(pid: int, within: float = 5.0) -> bool:
    """The process is gone, or a zombie (tmux keeps a pane with remain-on-exit and reaps it later)."""

    def gone() -> bool:
        try:
            os.kill(pid, 0)
            return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
        except (ProcessLookupError, FileNotFoundError):
            return True

    return poll(gone, within)


class PtyApp:
    """`python -m wizard resume DRAFT` on a pty of the given size, its output drained in a thread.

    `stderr` sends the program's stderr elsewhere (a file) instead of the terminal."""

    def __init__(self, draft: Path, state_dir: Path, *, cols: int = 100, rows: int = 30,
                 extra: tuple[str, ...] = (), env: dict[str, str] | None = None,
                 stderr: int | IO[Any] | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env_extra = env or {}
        env = dict(os.environ)
        env.update(
            PYTHONPATH=str(ROOT),
            DATASHEET_WIZARD_STATE_DIR=str(state_dir),
            DATASHEET_WIZARD_NO_BLINK="1",
            TERM="xterm-256color",
            COLUMNS=str(cols),
            LINES=str(rows),
        )
        env.update(env_extra)
        env.pop("TEXTUAL", None)
        env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wizard", "resume", str(draft), *extra],
            stdin=slave,
            stdout=slave,
            stderr=slave if stderr is None else stderr,
            env=env,
            cwd=str(draft.parent),
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._buf = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._buf += chunk
                if len(self._buf) > 4_000_000:
                    del self._buf[:2_000_000]

    def output(self) -> str:
        with self._lock:
            return self._buf.decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.output():
                return True
            if self.proc.poll() is not None:
                return needle in self.output()
            time.sleep(0.05)
        return False

    def type(self, text: str) -> float:
        """Write keystrokes; returns the time (monotonic) when the write finished."""
        data = text.encode("utf-8")
        while data:
            n = os.write(self.master, data)
            data = data[n:]
        return time.monotonic()

    def type_until(self, text: str, arrived: Callable[[], bool], *, tries: int = 3, wait: float = 5.0) -> bool:
        """Type `text` until `arrived()` holds (it reached the draft, say): the editor takes focus just after
        the first paint, and keys sent before that go nowhere. False when it never arrived."""
        for _ in range(tries):
            self.type(text)
            if poll(arrived, wait):
                return True
            time.sleep(0.3)
        return False

    def signal(self, signum: int) -> None:
        try:
            os.kill(self.proc.pid, signum)
        except ProcessLookupError:
            pass

    def wait(self, timeout: float) -> int | None:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.proc.poll() is None:
            self.signal(9)
            self.proc.wait(10)
        try:
            os.close(self.master)
        except OSError:
            pass
        self._reader.join(2)


def wizard_command(*args: str, cwd: Path, state_dir: Path, extra_env: dict[str, str] | None = None) -> str:
    """The shell command for `python -m wizard ARGS` from this tree, run in `cwd` with its own state folder;
    `exec`'d, so the pid of a tmux pane running it is the program's."""
    env = {"PYTHONPATH": str(ROOT), "DATASHEET_WIZARD_STATE_DIR": str(state_dir), "TERM": "xterm-256color",
           **(extra_env or {})}
    words = ["env", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "wizard", *args]
    return f"cd {shlex.quote(str(cwd))} && exec " + " ".join(shlex.quote(w) for w in words)


class Tmux:
    """Commands in tmux sessions on a private tmux server (its own socket, so the developer's own tmux is
    never touched). Each `start` opens a fresh session (a kept dead pane never collides with the next);
    `close` ends the server and everything still running in it."""

    def __init__(self, name: str = "dw", *, folder: Path | None = None) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed; the real-terminal tests and benchmarks need it")
        self.socket = f"{name}-{os.getpid()}-{time.monotonic_ns()}"
        self.folder = folder  # where `start_wizard` runs the program, its state folder inside
        self.name = ""
        self.started = 0
        self.socket_path = ""

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def start(self, command: str, *, size: tuple[int, int] = (100, 30)) -> None:
        """Run the shell `command` in a new session of `size` (columns, rows). What it prints as it exits
        stays on screen (remain-on-exit)."""
        if not self.started:  # the server stays up between sessions: one started as the last closes would fail
            self.tmux("start-server", ";", "set-option", "-g", "exit-empty", "off", check=True)
            self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        self.started += 1
        self.name = f"s{self.started}"
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), command,
                  ";", "set-option", "-t", self.name, "remain-on-exit", "on", check=True)

    def start_wizard(self, *args: str, size: tuple[int, int] = (100, 30)) -> None:
        """`datasheet-wizard ARGS` from this tree, run in `folder` with `folder/state` as its state folder."""
        if self.folder is None:
            raise ValueError("Tmux(folder=...) names where start_wizard runs the program")
        self.start(wizard_command(*args, cwd=self.folder, state_dir=self.folder / "state"), size=size)

    def screen(self) -> str:
        """The current session's screen as text."""
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def wait_for(self, text: str, timeout: float = 20.0, every: float = 0.05) -> str:
        """The screen once `text` is on it; AssertionError with the screen when it never appears."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(every)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        """tmux key names (`C-q`, `Enter`), or with `literal` the text itself."""
        done = self.tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)
        if done.returncode != 0:
            raise AssertionError(f"tmux send-keys failed: {done.stderr}\n{self.screen()}")

    def pid(self) -> int:
        """The pid of the program in the current session's pane."""
        return int(self.tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").stdout.split()[0])

    def kill(self) -> None:
        """Close the current session's terminal: the program gets SIGHUP, as when a window is closed."""
        self.tmux("kill-session", "-t", self.name)

    def close(self) -> None:
        """End the server and remove its socket (tmux leaves it behind)."""
        self.tmux("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)
