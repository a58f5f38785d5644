"""Stopping a prompt: Ctrl+C, Ctrl+D, SIGTERM and SIGHUP all end it as Interrupted, keeping what was typed."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Interrupted(Exception):
    """Ctrl+C, Ctrl+D or a closing terminal during a prompt; carries what was typed so it is not lost."""

    def __init__(self, typed: str = "", signum: int | None = None) -> None:
        super().__init__(typed)
        self.typed = typed
        self.signum = signum


def stopped_by(stop: Interrupted) -> str | None:
    """The line that says which signal stopped plain mode; None for Ctrl+C and Ctrl+D, which need no word."""
    if stop.signum is None:
        return None
    try:
        name = signal.Signals(stop.signum).name
    except ValueError:
        name = f"signal {stop.signum}"
    return f"Stopped by {name}."


def exit_code(stop: Interrupted) -> int:
    """128 + the signal's number, as a shell reports a process a signal ended; 0 when the author stopped it."""
    return 128 + stop.signum if stop.signum is not None else 0


@contextmanager
def signals_stop_prompts() -> Iterator[None]:
    """SIGTERM/SIGHUP (a closed terminal, a dropped SSH session) end the prompt like Ctrl+C, keeping the text typed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]

    fired = []

    def handler(signum: int, frame: Any) -> None:
        if fired:  # already stopping: a second signal must not break the final save
            return
        fired.append(signum)
        typed = ""
        try:
            from prompt_toolkit.application.current import get_app_or_none

            app = get_app_or_none()
            if app is not None:
                typed = app.current_buffer.text
        except Exception:  # noqa: BLE001 - the save matters more than the half-typed line
            pass
        raise Interrupted(typed, signum)

    previous = {}
    for signum in wanted:
        try:
            previous[signum] = signal.signal(signum, handler)
        except (ValueError, OSError):
            pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            try:
                signal.signal(signum, old)
            except (ValueError, OSError):
                pass
