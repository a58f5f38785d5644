"""Start-up without garbage-collection pauses.

Importing Textual and building the first screen allocates some 90,000 objects that live as long
as the app. Python's cyclic collector would walk them again and again while they are created
(about 25 ms of a 250 ms start), and later, during typing, in every full collection. So the
interactive commands pause the collector until the first screen is up, then collect once and
freeze what exists (`gc.freeze`: those objects are never scanned again) before collecting as
usual.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_paused = False


def pause_gc() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_gc() -> None:
    """Collect start-up's garbage once, set the survivors aside, and collect as usual from now on."""
    global _paused
    if _paused:
        _paused = False
        gc.collect()
        gc.freeze()
        gc.enable()


@contextmanager
def collector_off() -> Iterator[None]:
    """A one-shot command's work without the cyclic collector, which is turned back on after it.

    `import` builds the bank, markdown-it's token stream and the draft's tomlkit tables (some
    200,000 objects), which reference counting frees; collections during that run walk them
    again and again for nothing, about a twentieth of the command. No collection follows: the
    process ends, or (in tests) collects as usual from then on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
