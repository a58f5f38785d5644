"""The user's folders we keep things in: state (where you left off, recent drafts) and cache.

On Linux they are computed as platformdirs computes them, without importing it: that import is
6 ms of every `render` and `check`, which read the state folder. Elsewhere platformdirs decides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "datasheet-wizard"


def _platform_folder(kind: str, xdg: str, linux_default: str) -> Path:
    """platformdirs' `user_<kind>_dir` for this app."""
    if sys.platform.startswith("linux"):
        base = os.environ.get(xdg, "").strip() or os.path.expanduser(linux_default)
        return Path(base) / APP
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))


def state_dir() -> Path:
    """Where the author's own records live (DATASHEET_WIZARD_STATE_DIR overrides it)."""
    override = os.environ.get("DATASHEET_WIZARD_STATE_DIR")
    return Path(override) if override else _platform_folder("state", "XDG_STATE_HOME", "~/.local/state")


def cache_dir() -> Path | None:
    """Where derived data is cached (DATASHEET_WIZARD_CACHE_DIR overrides it; empty turns it off)."""
    override = os.environ.get("DATASHEET_WIZARD_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    return _platform_folder("cache", "XDG_CACHE_HOME", "~/.cache")
