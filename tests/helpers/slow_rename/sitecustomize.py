"""Put on a child's PYTHONPATH: every rename onto a draft is followed by a 0.2 s pause, so another
program's edit lands between our rename and whatever we do next (tests/e2e/test_integrity_signals.py)."""

import os
import time

_replace = os.replace


def _replace_then_pause(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
    done = _replace(src, dst, *args, **kwargs)
    if str(dst).endswith(".datasheet.toml"):
        time.sleep(0.2)
    return done


os.replace = _replace_then_pause
