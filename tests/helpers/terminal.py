"""Drive the real full-screen app in a pseudo-terminal: start, wait for the prompt, type, signal."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from tests.helpers.paths import ROOT


class PtyApp:
    """`python -m wizard resume DRAFT` on a pty of the given size, its output drained in a thread."""

    def __init__(self, draft: Path, state_dir: Path, *, cols: int = 100, rows: int = 30,
                 extra: tuple[str, ...] = (), env: dict[str, str] | None = None) -> None:
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
            stderr=slave,
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
