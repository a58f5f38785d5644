"""Import the screens around the question screen in the background, once the first question is up.

Start-up imports only what the question screen needs (see `_screens` in app.py). The first press
of ctrl+r, ctrl+o, ctrl+f or f1 then paid for importing the screens' module and Textual's
Markdown, table of contents and list widgets (about a third of the time to open the first of
them). A thread imports them while the author reads the first question; importing is safe beside
the event loop (Python's import lock), and a key pressed before it finishes imports as before.
"""

from __future__ import annotations

import threading

_started = False


def preload_screens() -> None:
    """Start importing, once per process; not a daemon, so an early quit waits for it (a few
    tenths of a second) instead of ending the interpreter in the middle of an import."""
    global _started
    if _started:
        return
    _started = True
    threading.Thread(target=_import, name="preload-screens").start()


def _import() -> None:
    try:
        import wizard.app.screens  # noqa: F401 - Textual's widgets the screens use come with it
        import wizard.app.widgets.key_bar  # noqa: F401
        import wizard.app.widgets.progressive_markdown  # noqa: F401
        import wizard.render  # noqa: F401 - the preview renders the draft
    except Exception:  # noqa: BLE001 - a failed preload only means the first screen imports it itself
        pass
