"""ctrl+e: an answer edited in the author's own editor ($VISUAL, else $EDITOR, else vi), the app's
terminal handed over meanwhile."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported


class EditorFailed(Exception):
    """The editor could not be run or its file read back; the message says which command."""


def editor_command() -> str:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def edit_externally(app: App[Any], text: str) -> str:
    """`text` in a temporary Markdown file, opened in the author's editor with the app suspended;
    returns the file as the editor left it (without the final newline editors add)."""
    command = editor_command()
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        name = fh.name
    try:
        try:
            with app.suspend():
                subprocess.run([*shlex.split(command), name], check=False)
        except SuspendNotSupported:  # headless (tests, a web terminal): nothing on screen to hand over
            subprocess.run([*shlex.split(command), name], check=False, stdin=subprocess.DEVNULL)
        return Path(name).read_text(encoding="utf-8").removesuffix("\n")
    except (OSError, ValueError) as exc:
        raise EditorFailed(f"Could not run {command}: {exc}") from exc
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass
