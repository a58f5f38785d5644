"""Reliability 1: the real full-screen app, in a pseudo-terminal, killed while the author types.

SIGKILL at a random moment: the draft always parses and holds everything typed more than one
second before the kill. SIGTERM and SIGHUP (a closed terminal): the process exits within a few
seconds and nothing typed is lost.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from tests.helpers.drafts import disk_answer
from tests.helpers.paths import MINI
from tests.helpers.report import count
from tests.helpers.terminal import PtyApp

PROMPT = "Why does it exist?"  # the first question of the mini bank
READY = "ready "
GRACE = 1.0  # what the author typed this long before a SIGKILL must be on disk


def _new_draft(folder: Path) -> Path:
    from wizard.bank import load_bank
    from wizard.session import Session

    path = folder / "crash.datasheet.toml"
    Session.create(load_bank(MINI), "Crash", path).close()
    return path


def _start(folder: Path) -> tuple[PtyApp, Path]:
    """Open the app on a fresh draft and prove it takes keys: type READY, wait for it on disk."""
    path = _new_draft(folder)
    app = PtyApp(path, folder / "state")
    assert app.wait_for(PROMPT, 60), f"the app never showed its first question:\n{app.output()[-2000:]}"
    assert app.type_until(READY, lambda: disk_answer(path).startswith(READY)), \
        f"typing never reached the draft: {disk_answer(path)!r}"
    return app, path


def _words(rng: random.Random) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) + rng.choice(" \n")


def sigkill_round(folder: Path, rng: random.Random) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    app, path = _start(folder)
    base = disk_answer(path)  # what is on disk already (READY, possibly typed twice)
    try:
        typed = base
        sent: list[tuple[float, str]] = []  # (time the chunk was fully written, text typed so far)
        kill_after = rng.uniform(0.2, 2.6)
        start = time.monotonic()
        while time.monotonic() - start < kill_after:
            chunk = _words(rng)
            typed += chunk
            sent.append((app.type(chunk.replace("\n", "\r")), typed))
            time.sleep(rng.uniform(0.005, 0.08))
        killed_at = time.monotonic()
        app.signal(signal.SIGKILL)
        assert app.wait(10) is not None
    finally:
        app.close()
    saved = disk_answer(path)
    must = base
    for when, text in sent:
        if when <= killed_at - GRACE:
            must = text
    common = os.path.commonprefix([saved, must])
    lost = len(must.encode()) - len(common.encode())
    assert typed.startswith(saved), f"the draft holds text nobody typed: {saved!r}"
    problem = "" if saved.startswith(must) else f"on disk {saved!r}, typed ≥1 s before the kill {must!r}"
    return {"bytes_lost": max(lost, 0), "typed": len(typed.encode()), "problem": problem}


def run_sigkill_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    lost = typed = done = survived = 0
    problems: list[str] = []
    try:
        for i in range(rounds):
            figures = sigkill_round(tmp_path / f"round{i}", rng)
            done += 1
            lost += figures["bytes_lost"]
            typed += figures["typed"]
            if figures["problem"]:
                problems.append(f"round {i}: {figures['problem']}")
            else:
                survived += 1
    finally:
        count("1 crash: SIGKILL while typing (pty)", rounds_run=done, crashes_survived=survived,
              bytes_lost=lost, bytes_typed=typed)
    assert not problems, f"{len(problems)} of {rounds} rounds lost typing ({lost} bytes):\n" + "\n".join(problems[:5])


def signal_round(folder: Path, signum: int, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app, path = _start(folder)
    typed = disk_answer(path)
    try:
        for _ in range(rng.randint(3, 30)):
            chunk = _words(rng)
            typed += chunk
            app.type(chunk.replace("\n", "\r"))
            time.sleep(rng.uniform(0.005, 0.05))
        time.sleep(0.2)  # let the app read the last keystrokes
        app.signal(signum)
        code = app.wait(5)
        assert code is not None, f"still running 5 s after {signal.Signals(signum).name}"
    finally:
        app.close()
    saved = disk_answer(path)
    assert saved == typed, f"after {signal.Signals(signum).name}: on disk {saved!r}, typed {typed!r}"


def run_signal_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    done = 0
    try:
        for i in range(rounds):
            signum = (signal.SIGTERM, signal.SIGHUP)[i % 2]
            signal_round(tmp_path / f"sig{i}", signum, rng)
            done += 1
    finally:
        count("1 crash: SIGTERM/SIGHUP (pty)", rounds_run=done + (done < rounds), crashes_survived=done)


def test_sigkill_while_typing_keeps_everything_older_than_a_second(tmp_path):
    run_sigkill_rounds(tmp_path, 3, seed=1)


def test_sigterm_and_sighup_lose_nothing(tmp_path):
    run_signal_rounds(tmp_path, 2, seed=2)


@pytest.mark.slow
def test_sigkill_while_typing_many_rounds(tmp_path):
    run_sigkill_rounds(tmp_path, 200, seed=20261129)


@pytest.mark.slow
def test_sigterm_and_sighup_many_rounds(tmp_path):
    run_signal_rounds(tmp_path, 30, seed=20261130)
