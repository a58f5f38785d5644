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


# Put first in a child's code: from then on textual, questionary, prompt_toolkit and rich cannot be imported.
BLOCK_UI = r"""
import sys as _sys
class _BlockUI:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('textual', 'questionary', 'prompt_toolkit', 'rich'):
            raise ImportError('blocked UI module: ' + name)
_sys.meta_path.insert(0, _BlockUI())
"""


def run_python(code: str, *args: str, block_ui: bool = False, cwd: Path | None = None,
               env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -c CODE ARGS` with this tree importable, output captured as text. With `block_ui`, the child
    cannot import a UI library (what the core and the importer must work without)."""
    return subprocess.run([sys.executable, "-c", (BLOCK_UI if block_ui else "") + code, *args], capture_output=True,
                          text=True, env=env or subprocess_env(), cwd=cwd, stdin=subprocess.DEVNULL, timeout=timeout)
