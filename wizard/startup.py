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
