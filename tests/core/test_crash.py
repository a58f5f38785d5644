"""Atomic saves: a process killed with SIGKILL mid-save never leaves a torn or empty draft."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib

import pytest

from tests.helpers.paths import MINI, subprocess_env

WRITER = r"""
import sys
from pathlib import Path
from wizard.bank import load_bank
from wizard.session import Session
path = Path(sys.argv[1])
s = Session.open(path) if path.exists() else Session.create(load_bank(sys.argv[2]), "Crash", path)
i = 0
print("ready", flush=True)
while True:
    i += 1
    # versions differ in size so that a torn write could not pass for a whole one
    s.write_text("purpose", f"version {i}\n" + "x" * (i % 5000))
    s.save()
"""


def crash_rounds(tmp_path, rounds: int) -> int:
    path = tmp_path / "crash.datasheet.toml"
    rng = random.Random(20261129)
    seen = 0
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(MINI)], stdout=subprocess.PIPE, text=True, env=subprocess_env()
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        data = tomllib.loads(path.read_text(encoding="utf-8"))  # always parses
        text = data.get("answers", {}).get("purpose", {}).get("text")
        if text is not None:
            head, body = text.split("\n", 1)
            number = int(head.split()[1])
            assert body == "x" * (number % 5000)  # exactly one written version, whole
            seen += 1
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert len(leftovers) <= 1  # at most the one the killed process was writing
    return seen


def test_sigkill_during_saves_never_tears_the_draft(tmp_path):
    assert crash_rounds(tmp_path, 25) >= 20


@pytest.mark.slow
def test_sigkill_many_rounds(tmp_path):
    assert crash_rounds(tmp_path, 400) >= 390
