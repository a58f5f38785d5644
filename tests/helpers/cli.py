"""The headless commands run as a user runs them: `python -m wizard ARGS` from this tree, in a child process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from tests.helpers.paths import subprocess_env

_Stdin = int | IO[Any] | None


def _run(args: tuple[str, ...], cwd: Path | None, env: dict[str, str] | None, stdin: _Stdin, timeout: float,
         text: bool) -> subprocess.CompletedProcess[Any]:
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=text,
                          env=env or subprocess_env(), cwd=cwd, stdin=stdin, timeout=timeout)


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            stdin: _Stdin = subprocess.DEVNULL, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Exit code, stdout and stderr as text. No terminal on stdin unless one is given; a hang fails after `timeout`."""
    return _run(args, cwd, env, stdin, timeout, text=True)


def run_cli_raw(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                stdin: _Stdin = subprocess.DEVNULL, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """The same, with stdout and stderr as the bytes written (to look for raw control bytes)."""
    return _run(args, cwd, env, stdin, timeout, text=False)
