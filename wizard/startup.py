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
"""

from __future__ import annotations

import gc

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
