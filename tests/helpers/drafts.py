"""What a draft on disk holds, read the way a person opening the file would: as TOML, nothing cached."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import IO, Any, cast

from tests.helpers.paths import subprocess_env


def on_disk(path: Path) -> dict[str, Any]:
    """The whole draft file, parsed (a torn or half-written file raises: it must always parse)."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def disk_answers(path: Path) -> dict[str, Any]:
    """The answers on disk, without the empty tables every unanswered question has (format 2)."""
    return {qid: table for qid, table in on_disk(path).get("answers", {}).items() if table}


def disk_answer(path: Path, qid: str = "purpose") -> str:
    """The text of one answer on disk; "" when the question has none, or when there is no file there
    (yet: a draft whose folder vanished and came back is written again by the next save)."""
    try:
        data = on_disk(path)
    except FileNotFoundError:
        return ""
    return data.get("answers", {}).get(qid, {}).get("text", "")


def current_of(path: Path) -> str | None:
    """Where the author stood: remembered in the state folder, not in the draft (format 2)."""
    from wizard.places import read_place

    place = read_place(path)
    return place.current if place is not None else None


def loaded_answers(path: Path) -> dict[str, Any]:
    """The answers as the program reads the file back (`load_draft`), without the empty ones."""
    from wizard.draft import load_draft

    return {qid: answer for qid, answer in load_draft(path).answers.items() if not answer.is_empty}


# A second program with the draft open: it says what it got, then holds on until its stdin closes.
HOLD = """
import sys
from wizard.session import Session
s = Session.open(sys.argv[1])
print("read-only" if s.read_only else "locked", flush=True)
sys.stdin.read()
s.close()
"""


class Holder:
    """Another process with the draft open through `Session.open` until `release()` (it closes the draft and
    ends) or `kill()` (SIGKILL: the kernel drops its lock, the lock file stays behind). `said` is what it got:
    "locked" (the draft is its to write) or "read-only"."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=subprocess_env())
        self.said = cast(IO[str], self.proc.stdout).readline().strip()

    def release(self) -> None:
        cast(IO[str], self.proc.stdin).close()
        self.proc.wait(10)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)
