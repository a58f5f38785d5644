"""Start-up without garbage-collection pauses.

Python's cyclic collector walks every tracked object again and again while a program creates
objects it keeps: importing modules, building a bank, parsing a document. None of that is
garbage. So the console script switches the collector off before it imports anything
(wizard.console), and then:

- a headless command (`render`, `check`, `import`, ...) runs to its end without it: its garbage
  goes with the process (the collector, including the collection Python makes at exit when it is
  on, cost an import of a 40 KB document 3% of its instructions). `main` called in-process (the
  tests) switches it back on when it ends, without collecting (`release_gc`);
- the full-screen app keeps it off until its first screen is up (importing Textual and building
  that screen allocates some 90,000 objects that live as long as the app), then collects once
  and freezes what exists (`resume_gc`: `gc.freeze` sets those objects aside for good);
- plain mode, which runs for hours, switches it back on at once.

A headless command started by the console script also ends without Python's teardown
(`exit_now`): freeing every module and object one by one gives the operating system back memory
it takes back at once anyway, and cost an import of a 40 KB document 7% of its instructions.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

_paused = False


def pause_gc() -> bool:
    """Switch the collector off; True when this call did (it was on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
        return True
    return False


def resume_gc() -> None:
    """Collect start-up's garbage once, set the survivors aside, and collect as usual from now on."""
    global _paused
    if _paused:
        _paused = False
        gc.collect()
        gc.freeze()
        gc.enable()


def release_gc() -> None:
    """Collect as usual from now on, without a collection first (a command ending, or plain mode starting)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def exit_now(code: int) -> NoReturn:
    """End a headless command at once, its output out, without Python's teardown.

    Nothing is left for teardown to do but free memory: every file such a command writes is
    closed before it returns (drafts also fsync'd, wizard.draft.atomic_write), it starts no
    thread, and no atexit handler of ours exists. Only its output may still sit in Python's
    buffers, so both streams are flushed first; a reader that has gone away (`| head`) is no
    error at this point. The front ends, which run for hours, end the usual way."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a closed stream
            pass
    os._exit(code)
