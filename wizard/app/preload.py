"""Load the screens around the question screen in the background, once the first question is up.

Start-up imports only what the question screen needs (wizard/app/screens/__init__.py), and each
screen's style sheet is read when it is first shown. The first press of ctrl+r, ctrl+o, ctrl+f or f1 then
paid for importing the screens' module and Textual's Markdown, contents and list widgets, and
for reading and applying their style sheets (together about half the time the first of them took).
Half a second after the first question is drawn, once no key came for a second (nothing competes
with typing), a thread imports the modules (importing is safe beside the event loop: Python's
import lock), then the app reads the style sheet between two frames, as Textual would on the
first of those screens. A screen opened before that loads what it needs itself, as before.
"""

from __future__ import annotations

import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

_started = False
QUIET = 1.0  # seconds without a key before the work starts: never while the author is typing


def _typing(app: App | None) -> bool:
    return app is not None and time.monotonic() - getattr(app, "last_key_at", 0.0) < QUIET


def preload_screens(app: App | None = None) -> None:
    """Start, once per process, when no key came for a second; not a daemon thread, so an early quit
    waits for it (a few tenths of a second) instead of ending the interpreter in the middle of an import."""
    global _started
    if _started:
        return
    if _typing(app):
        app.set_timer(QUIET, partial(preload_screens, app))  # type: ignore[union-attr]
        return
    _started = True
    threading.Thread(target=_load, args=(app,), name="preload-screens").start()


def _load(app: App | None) -> None:
    try:
        import wizard.app.dialogs.reason  # noqa: F401
        import wizard.app.screens.help  # noqa: F401
        import wizard.app.screens.outline  # noqa: F401
        import wizard.app.screens.preview  # noqa: F401 - Textual's Markdown widgets come with it
        import wizard.app.screens.review  # noqa: F401
        import wizard.render  # noqa: F401 - the preview renders the draft
    except Exception:  # noqa: BLE001 - a failed preload only means the first screen imports it itself
        return
    if app is not None:
        try:
            app.call_from_thread(_load_styles, app)
        except Exception:  # noqa: BLE001 - the app has closed meanwhile
            pass


def style_sheets() -> list[Path]:
    """The style sheets of the screens around the question, resolved as Textual resolves a screen's
    CSS_PATH (relative to the module that defines the class)."""
    import inspect

    from wizard.app.dialogs.base import Dialog
    from wizard.app.screens.outline import OutlineScreen
    from wizard.app.screens.preview import PreviewScreen
    from wizard.app.screens.review import ReviewScreen

    paths: list[Path] = []
    for screen in (Dialog, OutlineScreen, PreviewScreen, ReviewScreen):
        named = screen.CSS_PATH if isinstance(screen.CSS_PATH, list) else [screen.CSS_PATH]
        for name in named:
            path = Path(name)
            path = path if path.is_absolute() else Path(inspect.getfile(screen)).parent / path
            if path not in paths:
                paths.append(path)
    return paths


def _load_styles(app: App) -> None:
    """Read the screens' style sheets as Textual does when it pushes the first screen that names them
    (`App._load_screen_css`): afterwards that screen finds them read and parses nothing. It takes the
    main thread for a few hundredths of a second, so it too waits for a pause in the typing."""
    if _typing(app):
        app.set_timer(QUIET, partial(_load_styles, app))
        return
    stylesheet = app.stylesheet
    paths = [path for path in style_sheets() if not stylesheet.has_source(str(path), "")]
    if paths:
        for path in paths:
            stylesheet.read(path)
        stylesheet.reparse()
        stylesheet.update(app)
