"""Drive the real full-screen app in a real terminal: the one driver the tests and the benchmarks share.

- `Tmux`: a private tmux server (its own socket, so nothing touches the user's tmux) in which
  each `start` opens a fresh session of a given size; read the screen, wait for text, send keys,
  find the program's pid. The terminal tests and the benchmarks' start-up and memory parts.
- `PtyApp`: `python -m wizard resume DRAFT` on a bare pseudo-terminal, every byte it writes kept:
  for tests about the bytes themselves (no raw control sequences) and about signals.

It imports nothing from the wizard or from pytest, so `benchmarks/` can import it too.
"""

from __future__ import annotations

import fcntl
import itertools
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

ROOT = Path(__file__).resolve().parent.parent.parent  # the checkout: tests/helpers/terminal.py
_servers = itertools.count(1)


def poll(check: Callable[[], bool], timeout: float, every: float = 0.05) -> bool:
    """Whether `check()` comes true within `timeout` seconds (asked every `every` seconds): the wall
    clock, since what is waited for happens in another process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return check()


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def wizard_command(*args: str, cwd: Path, state_dir: Path, python: str = sys.executable,
                   env: dict[str, str] | None = None) -> str:
    """A shell command running `python -m wizard ARGS` from `cwd` with its own state folder (exec'd:
    the pane's process is the app)."""
    settings = {"PYTHONPATH": str(ROOT), "DATASHEET_WIZARD_STATE_DIR": str(state_dir),
                "TERM": "xterm-256color", **(env or {})}
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in settings.items())
    program = " ".join(shlex.quote(a) for a in (python, "-m", "wizard", *args))
    return f"cd {shlex.quote(str(cwd))} && exec env {assignments} {program}"


class Tmux:
    """A private tmux server; `start` opens a new session (the previous one stays until `kill`/`close`).

    `keep_exited`: a pane whose program ended stays on screen (tmux's remain-on-exit), so what the
    app prints as it exits can be read; its process is then a zombie until the session is killed.
    `keep_server`: a idle session keeps the server up between runs, so no start pays for the server.
    """

    def __init__(self, name: str = "dw", *, keep_exited: bool = True, keep_server: bool = False) -> None:
        if not have_tmux():
            raise RuntimeError("tmux is not installed; the real-terminal tests and benchmarks need it")
        self.socket = f"{name}-{os.getpid()}-{next(_servers)}"
        self.base = self.name = name
        self.keep_exited = keep_exited
        self.started = 0
        if keep_server:
            self._tmux("new-session", "-d", "-s", "keep", "-x", "80", "-y", "24", "sleep 100000")

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done

    def start(self, command: str, *, size: tuple[int, int] = (100, 30)) -> float:
        """Run the shell `command` in a fresh session of `size` (columns, rows); the time
        (perf_counter) just before tmux was asked to start it."""
        self.started += 1
        self.name = f"{self.base}-{self.started}"  # a fresh session each time: a kept dead pane never collides
        args = ["new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), command]
        if self.keep_exited:
            args += [";", "set-option", "-t", self.name, "remain-on-exit", "on"]
        started = time.perf_counter()
        self._tmux(*args)
        return started

    def wizard(self, *args: str, cwd: Path, state_dir: Path, size: tuple[int, int] = (100, 30)) -> float:
        """`python -m wizard ARGS` (this checkout, this Python) in a fresh session."""
        return self.start(wizard_command(*args, cwd=cwd, state_dir=state_dir), size=size)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name, check=False).stdout

    def wait_for(self, text: str, timeout: float = 20.0, *, poll: float = 0.05) -> str:
        """The screen once `text` is on it; AssertionError (with the screen) when it never is."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(poll)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        done = self._tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys, check=False)
        assert done.returncode == 0, f"tmux send-keys failed: {done.stderr}\n{self.screen()}"

    def pid(self) -> int | None:
        out = self._tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}", check=False).stdout.split()
        return int(out[0]) if out and out[0].isdigit() else None

    def kill(self) -> None:
        """Close the current session's terminal (its program gets SIGHUP)."""
        self._tmux("kill-session", "-t", self.name, check=False)

    def close(self) -> None:
        """Stop the private server and everything still running in it, and remove its socket (tmux leaves
        it behind)."""
        socket = self._tmux("display-message", "-p", "#{socket_path}", check=False).stdout.strip()
        self._tmux("kill-server", check=False)
        if socket:
            Path(socket).unlink(missing_ok=True)


def exited(pid: int, within: float = 5.0) -> bool:
    """The process is gone, or a zombie (tmux keeps an exited pane, and reaps it later)."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
            if Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z":
                return True
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.01)
    return False


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
